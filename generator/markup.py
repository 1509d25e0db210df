"""The clause markup of the shared template and of clause overrides.

One line is one structural unit; two spaces of indentation per level make it a child of
the line above::

    = [general] Общие положения            a section heading
    - [purpose] Настоящий Порядок …        a numbered clause
      * дополнительные требования          a bullet (no number)
      > Текст без номера                   a paragraph without a number
    : [client] Клиент – физическое …       a definition (term – meaning)
    @table register                         the register table
    @table form                             the empty form of the register

Inline: ``**bold**``, ``{ref:id}`` (the number of a clause), ``{app:id|datv}`` (an
appendix in a case: «приложению № 2» or «приложению» when it is the only one) and, in
the overrides of a config, ``{name:gent}``, ``{short:ablt}``, ``{areas}``. The reader
parses them once into typed inline nodes (inline.py).
Blank lines and lines starting with ``//`` are ignored. No number is ever typed.

Config values that the template prints are data: the template's renderer escapes the
characters that could open markup (``{``, ``}``, ``*``) into private-use characters,
and this reader turns them back into letters. The escapes never leave the reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from .errors import Diagnostic, TemplateError
from .inline import AppRef, Content, Inline, Ref, Strong, Text
from .tree import Node, NodeKind

_LINE = re.compile(r"^(?P<indent> *)(?P<marker>[=\-*>:@])(?: +\[(?P<id>[\w.\-]+)\])? *(?P<text>.*)$")
_MARKERS: dict[str, NodeKind] = {
    "=": "section", "-": "clause", "*": "bullet", ">": "para", ":": "definition", "@": "table",
}

# Characters that config data may not smuggle in as markup; the writers put them back.
ESCAPES = {"{": "\ue000", "}": "\ue001", "*": "\ue002", "\n": " ", "\r": " ", "\t": " "}
UNESCAPES = {"\ue000": "{", "\ue001": "}", "\ue002": "*"}


_ESCAPE_TABLE = str.maketrans(ESCAPES)
_UNESCAPE_TABLE = str.maketrans(UNESCAPES)


_TO_ESCAPE = re.compile("[{}*\n\r\t]")
_TO_UNESCAPE = re.compile("[\ue000-\ue002]")


def escape_data(text: str) -> str:
    """Config text is data: it cannot open a reference, bold text or start a line."""
    # str.translate with a table walks every character through a dict: most texts have
    # nothing to escape, and a regex search says so far faster.
    return text.translate(_ESCAPE_TABLE) if _TO_ESCAPE.search(text) else text


def unescape_data(text: str) -> str:
    return text.translate(_UNESCAPE_TABLE) if _TO_UNESCAPE.search(text) else text


_DATA_SPACES = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


_CONTROL_SPACES = re.compile("[\n\r\t]")


def data(text: str) -> str:
    """A config value printed as plain text: a line break or a tab in it is a space."""
    return text.translate(_DATA_SPACES) if _CONTROL_SPACES.search(text) else text


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_REF = re.compile(r"\{(ref|app):([\w.\-]+)(?:\|(\w+))?\}")
_PLACEHOLDER = re.compile(r"\{(ref|app):([\w.\-]+)(?:\|(\w+))?\}|\{(name|short)(?::(nomn|gent|datv|accs|ablt|loct))?\}"
                          r"|\{(areas)\}")
# A placeholder of a config's text ({name:gent}, {short}, {areas}) → its inline node.
Placeholder = Callable[[str, str], Inline]


def parse_inline(text: str, names: Placeholder | None = None) -> Content:
    """One line's inline markup as typed content: bold spans, references and, where
    ``names`` is given, the body's names; escaped config data becomes letters again."""
    out: list[Inline] = []
    pos = 0
    for m in _BOLD.finditer(text):
        out.extend(_atoms(text[pos:m.start()], names))
        out.append(Strong(_atoms(m.group(1), names)))
        pos = m.end()
    out.extend(_atoms(text[pos:], names))
    return tuple(out)


def _atoms(text: str, names: Placeholder | None) -> Content:
    out: list[Inline] = []
    pos = 0
    for m in (_PLACEHOLDER if names else _REF).finditer(text):
        if m.start() > pos:
            out.append(Text(unescape_data(text[pos:m.start()])))
        if m.group(1) == "ref":
            out.append(Ref(m.group(2)))
        elif m.group(1) == "app":
            out.append(AppRef(m.group(2), m.group(3) or "nomn"))
        elif names is not None:  # only _PLACEHOLDER, used with names, matches these
            out.append(names(m.group(4) or m.group(6), m.group(5) or "nomn"))
        pos = m.end()
    if pos < len(text):
        out.append(Text(unescape_data(text[pos:])))
    return tuple(out)


def _inline(text: str, names: Placeholder | None) -> Content:
    return _template_inline(text) if names is None else parse_inline(text, names)


@lru_cache(maxsize=65536)  # content is immutable; the shared template's lines repeat for every body
def _template_inline(text: str) -> Content:
    return parse_inline(text)


def _line(raw: str, lineno: int, source: str, names: Placeholder | None) -> tuple[int, Node] | str:
    """One line as (indentation level, node), or what is wrong with it."""
    m = _LINE.match(raw.rstrip())
    if not m:
        return f"строка не начинается с метки (= - * > : @): «{raw.strip()[:60]}»"
    indent = len(m.group("indent"))
    if indent % 2:
        return "отступ должен быть кратен двум пробелам"
    kind = _MARKERS[m.group("marker")]
    body = m.group("text").strip()
    node = Node(kind=kind, id=m.group("id"), source=f"{source}:{lineno}")
    if kind == "definition":
        term, sep, meaning = body.partition(" – ")
        if not sep:
            return "определение пишется как «термин – значение»"
        node.term, node.content = unescape_data(term.strip()), _inline(meaning.strip(), names)
    elif kind == "table":
        node.id = node.id or body.removeprefix("table").strip()
    else:
        node.content = _inline(body, names)
    return indent // 2, node


def _place(level: int, node: Node, stack: list[tuple[int, Node]], roots: list[Node]) -> str | None:
    """Put the node under the last one of the level above; what is wrong, if anything."""
    while stack and stack[-1][0] >= level:
        stack.pop()
    problem = None
    if stack:
        if level > stack[-1][0] + 1:
            problem = "отступ больше, чем на один уровень"
        stack[-1][1].children.append(node)
    elif level:
        return "строка с отступом без родителя"
    else:
        roots.append(node)
    stack.append((level, node))
    return problem


def parse(text: str, source: Path | str, names: Placeholder | None = None) -> list[Node]:
    """Parse rendered markup into a list of top-level nodes; each keeps its source line.
    Every problem of every line is reported at once."""
    roots: list[Node] = []
    stack: list[tuple[int, Node]] = []
    problems: list[Diagnostic] = []
    for lineno, raw in enumerate(text.split("\n"), start=1):  # only \n: U+2028 or U+0085 are text
        if not raw.strip() or raw.lstrip().startswith("//"):
            continue
        parsed = _line(raw, lineno, str(source), names)
        problem = parsed if isinstance(parsed, str) else _place(*parsed, stack, roots)
        if problem:
            problems.append(Diagnostic(Path(str(source)), lineno, None, problem))
    if problems:
        raise TemplateError(f"ошибки разметки в {source}", problems)
    return roots
