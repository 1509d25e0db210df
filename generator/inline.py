"""Inline content: the typed runs inside a block of the document tree (pandoc's Inline).

The reader (markup.py) turns the template's and the overrides' markup into these nodes
once; after it, no string of the tree carries markup or escape characters. Passes and
writers match on the node types:

* ``Text``: words as typed (config text stays data: ``{{``, ``<``, ``**`` are letters here);
* ``Strong``: bold words;
* ``Ref``: the number of a unit, ``{ref:id}``; its ``text`` is set by the references pass;
* ``AppRef``: an appendix in a case, ``{app:id|datv}`` → «приложению № 2»;
* ``Name``: the body's name or short name in a case, ``{name:gent}``, ``{short:ablt}``;
* ``LineBreak``: a new line inside a table cell;
* ``Inserted`` / ``Deleted``: the words a redline shows as tracked changes.

Content is an immutable tuple, so it can be shared, compared and cached.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    children: Content


@dataclass(frozen=True, slots=True)
class Ref:
    target: str
    text: str | None = None  # the number as referred to, once resolved: «2.6»


@dataclass(frozen=True, slots=True)
class AppRef:
    target: str
    case: str = "nomn"
    text: str | None = None  # «приложению № 2», once resolved


@dataclass(frozen=True, slots=True)
class Name:
    which: str  # "name" | "short" | "areas"
    case: str
    text: str  # the form, decided by the reader (explicit forms in the config win)


@dataclass(frozen=True, slots=True)
class LineBreak:
    pass


@dataclass(frozen=True, slots=True)
class Inserted:
    children: Content


@dataclass(frozen=True, slots=True)
class Deleted:
    children: Content


Inline = Text | Strong | Ref | AppRef | Name | LineBreak | Inserted | Deleted
Content = tuple[Inline, ...]
Atom = Text | Ref | AppRef | Name  # the inlines that carry words of their own
EMPTY: Content = ()


@lru_cache(maxsize=65536)
def text(value: str) -> Content:
    """Plain words as content (nothing in them is markup); shared, being immutable."""
    return (Text(value),) if value else EMPTY


@lru_cache(maxsize=65536)
def lines(value: str) -> Content:
    """Plain words with «\\n» as line breaks (the paragraphs of a table cell)."""
    out: list[Inline] = []
    for k, line in enumerate(value.split("\n")):
        if k:
            out.append(LineBreak())
        if line:
            out.append(Text(line))
    return tuple(out)


def atom_text(atom: Atom) -> str:
    if isinstance(atom, Ref):
        return atom.text if atom.text is not None else f"{{ref:{atom.target}}}"
    if isinstance(atom, AppRef):
        return atom.text if atom.text is not None else f"{{app:{atom.target}|{atom.case}}}"
    return atom.text


def plain(content: Content, unresolved: str | None = None) -> str:
    """The words of the content: formatting and revisions dropped, line breaks as «\\n»;
    ``unresolved`` stands for every reference (a mask when texts are compared)."""
    if len(content) == 1 and type(content[0]) is Text:  # most content: one run of words
        return content[0].text
    out: list[str] = []
    for node in content:
        if isinstance(node, Strong | Inserted | Deleted):
            out.append(plain(node.children, unresolved))
        elif isinstance(node, LineBreak):
            out.append("\n")
        elif unresolved is not None and isinstance(node, Ref | AppRef):
            out.append(unresolved)
        else:
            out.append(atom_text(node))
    return "".join(out)


def concat(*parts: Content | str) -> Content:
    """Content pieces and plain strings joined, neighbouring texts merged."""
    out: list[Inline] = []
    for part in parts:
        for node in text(part) if isinstance(part, str) else part:
            if isinstance(node, Text) and out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + node.text)
            elif not (isinstance(node, Text) and not node.text):
                out.append(node)
    return tuple(out)


def split_lines(content: Content) -> list[Content]:
    """The content cut at its line breaks."""
    if all(type(node) is not LineBreak for node in content):
        return [content]
    out: list[list[Inline]] = [[]]
    for node in content:
        if isinstance(node, LineBreak):
            out.append([])
        else:
            out[-1].append(node)
    return [tuple(x) for x in out]


def map_atoms(content: Content, change: Callable[[Atom], Inline | None]) -> Content:
    """The content with every atom replaced by ``change(atom)`` (None keeps it)."""
    out: list[Inline] = []
    for node in content:
        if isinstance(node, Strong):
            out.append(Strong(map_atoms(node.children, change)))
        elif isinstance(node, Inserted):
            out.append(Inserted(map_atoms(node.children, change)))
        elif isinstance(node, Deleted):
            out.append(Deleted(map_atoms(node.children, change)))
        elif isinstance(node, LineBreak):
            out.append(node)
        else:
            new = change(node)
            out.append(node if new is None else new)
    return tuple(out)


def atoms(content: Content) -> Iterator[Atom]:
    for node in content:
        if isinstance(node, Strong | Inserted | Deleted):
            yield from atoms(node.children)
        elif not isinstance(node, LineBreak):
            yield node


def with_text(atom: Atom, value: str) -> Atom:
    if isinstance(atom, Text):
        return Text(value)
    if isinstance(atom, Ref):
        return Ref(atom.target, value)
    if isinstance(atom, AppRef):
        return AppRef(atom.target, atom.case, value)
    return Name(atom.which, atom.case, value)


def retext(content: Content, transform: Callable[[str], str]) -> Content:
    """The content with ``transform`` applied to its words as one string per line, the
    result cut back into the same atoms (a quote or a non-breaking space depends on the
    words around it, wherever a bold span or a reference begins)."""
    if not content:
        return content
    if len(content) == 1 and type(content[0]) is Text:  # most content: one run of words
        value = content[0].text
        result = transform(value)
        return content if result == value else ((Text(result),) if result else ())
    if any(isinstance(n, LineBreak) for n in content):
        return _retext_lines(content, transform)
    pieces = [atom_text(a) for a in atoms(content)]
    joined = "".join(pieces)
    result = transform(joined)
    if result == joined:
        return content
    parts = _cut(pieces, joined, result)
    it = iter(parts)
    return _drop_empty(map_atoms(content, lambda a: with_text(a, next(it))))


def _retext_lines(content: Content, transform: Callable[[str], str]) -> Content:
    out: list[Inline] = []
    for k, line in enumerate(split_lines(content)):
        if k:
            out.append(LineBreak())
        out.extend(retext(line, transform))
    return tuple(out)


def _cut(pieces: list[str], joined: str, result: str) -> list[str]:
    """``result`` cut into as many parts as ``pieces``, which ``joined`` was made of: each
    character of the result goes with the character it came from."""
    if len(pieces) == 1:
        return [result]
    bounds: list[int] = []
    pos = 0
    for p in pieces:
        pos += len(p)
        bounds.append(pos)
    owner = [0] * len(joined)
    k = 0
    for i in range(len(joined)):
        while i >= bounds[k]:
            k += 1
        owner[i] = k
    parts = [""] * len(pieces)
    if len(result) == len(joined):
        for i, ch in enumerate(result):
            parts[owner[i]] += ch
        return parts
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, joined, result, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for d in range(j2 - j1):
                parts[owner[i1 + d]] += result[j1 + d]
        elif j2 > j1:  # inserted or reshaped: with the character before, or the first
            parts[owner[i1 - 1] if i1 else 0] += result[j1:j2]
    return parts


def _drop_empty(content: Content) -> Content:
    out: list[Inline] = []
    for node in content:
        if isinstance(node, Text) and not node.text:
            continue
        if isinstance(node, Strong | Inserted | Deleted):
            inner = _drop_empty(node.children)
            if inner:
                out.append(type(node)(inner))
            continue
        out.append(node)
    return tuple(out)
