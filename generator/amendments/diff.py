"""Word-level differences between a signed text and the current one, as typed content:
the words deleted and inserted in ``Deleted`` and ``Inserted`` spans."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import groupby

from ..inline import Content, Deleted, Inline, Inserted, LineBreak, Strong, Text, lines, plain, text


def tokens(text: str) -> list[str]:
    return text.split(" ")


# Marks of a word diff and of bold words, inside diff_content only: never in the tree.
_INS, _INS_END, _DEL, _DEL_END, _BOLD = "\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3", "\ufdd4"
_MARKS = re.compile("[\ufdd0-\ufdd4]")


def _marked_text(content: Content) -> str:
    """Content as one string for the word diff: a bold span between two bold marks, so a
    word that turns bold is a changed word."""
    out: list[str] = []
    for node in content:
        if isinstance(node, Strong):
            out.append(_BOLD + _marked_text(node.children) + _BOLD)
        elif isinstance(node, LineBreak):
            out.append("\n")
        else:
            out.append(_MARKS.sub("", plain((node,))))
    return "".join(out)


def diff_content(old: Content | str, new: Content | str) -> Content:
    """The new text as content, the words deleted and inserted since the old one in
    ``Deleted`` and ``Inserted`` spans (bold kept on both sides); a line break closes a
    span and opens it again."""
    a = _marked_text(text(old) if isinstance(old, str) else old)
    b = _marked_text(lines(new) if isinstance(new, str) else new)
    leaves: list[tuple[str, bool, str | None]] = []
    bold = {"old": False, "new": False}
    revision: str | None = None
    for piece in re.split("([\ufdd0-\ufdd4\n])", _diff_markup(a, b)):
        if piece in (_INS, _DEL):
            revision = "ins" if piece == _INS else "del"
        elif piece in (_INS_END, _DEL_END):
            revision = None
        elif piece == _BOLD:
            for side in (("old",) if revision == "del" else ("new",) if revision == "ins" else ("old", "new")):
                bold[side] = not bold[side]
        elif piece:
            leaves.append((piece, bold["old" if revision == "del" else "new"], revision))
    return _from_leaves(leaves)


def _from_leaves(leaves: list[tuple[str, bool, str | None]]) -> Content:
    out: list[Inline] = []
    for revision, group in groupby(leaves, key=lambda x: x[2] if x[0] != "\n" else "break"):
        if revision == "break":
            out.extend(LineBreak() for _ in group)
            continue
        inner: list[Inline] = []
        for bold, words in groupby(group, key=lambda x: x[1]):
            chunk = Text("".join(w for w, _b, _r in words))
            inner.append(Strong((chunk,)) if bold else chunk)
        out.extend(inner if revision is None else [Inserted(tuple(inner)) if revision == "ins"
                                                     else Deleted(tuple(inner))])
    return tuple(out)


def deleted_lines(words: str) -> Content:
    """A deleted cell: each of its lines one deleted span."""
    if not words:
        return ()
    out: list[Inline] = []
    for k, line in enumerate(words.split("\n")):
        if k:
            out.append(LineBreak())
        out.append(Deleted((Text(line),) if line else ()))
    return tuple(out)


def _diff_markup(old: str, new: str) -> str:
    """The new text with the words deleted and inserted since the old one marked; a line
    break (paragraphs in a table cell) closes a mark and opens it again on the next line."""
    a, b = tokens(old.replace("\n", " \n ")), tokens(new.replace("\n", " \n "))

    def marked(words: list[str], start: str, end: str) -> str:
        lines = [x.strip() for x in " ".join(words).split("\n")]
        return "\n".join(f"{start}{x}{end}" if x else "" for x in lines)

    out: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(" ".join(b[j1:j2]))
            continue
        if i2 > i1:
            out.append(marked(a[i1:i2], _DEL, _DEL_END))
        if j2 > j1:
            out.append(marked(b[j1:j2], _INS, _INS_END))
    return re.sub(" *\n *", "\n", " ".join(out)).strip(" ")
