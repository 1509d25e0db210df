"""Typst markup from the tree's plain text and typed inline content.

Every string of the tree is data: a «#», «*», «_», «$», «@», «<», «[», backslash,
backtick, «//», «--» or «"» from a config must print as typed, never act as Typst
markup. Each such character is escaped with a backslash (Typst escapes any character
that way); an embedded call ends with «;», so a «(» or «[» after it stays text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...inline import AppRef, Content, Deleted, Inserted, LineBreak, Name, Ref, Strong, Text, atom_text

# Markup syntax: emphasis, math, labels, references, comments, smart quotes, dashes and
# ellipses («--», «...»), lists and headings at a line start, links («http://»), «~».
_SPECIAL = re.compile(r"[\\#*_$@<>\[\]`~\-./:=+'\"]")


def escape(text: str) -> str:
    """Plain text as Typst markup that prints it literally (a «\\n» is a line break); a
    spaced dash stays on the line of the word before it («(далее – Перечень)» never leaves
    a line starting with «– Перечень)»; the tree keeps an ordinary space there, as signed)."""
    text = text.replace(" – ", "\u00a0– ") if " – " in text else text
    out = _SPECIAL.sub(r"\\\g<0>", text)
    return out.replace("\n", "#linebreak();") if "\n" in out else out


# Never broken nor hyphenated: «В.В.\u00a0Войцеховича» (initials and surname), and a
# number with a hyphen or slash in it («№ 306-рп», «П-12-01/0019»), where a line could
# otherwise break after the hyphen.
_UNBROKEN = re.compile(r"[А-ЯЁA-Z]\.\u00a0?[А-ЯЁA-Z]\.\u00a0[А-ЯЁA-Z][а-яёa-zА-ЯЁ-]*[а-яёa-z]"
                       r"|[^\s\u00a0]*\d[^\s\u00a0]*[-/][^\s\u00a0]*[^\s\u00a0.,;:)»]"
                       r"|[^\s\u00a0]*[-/][^\s\u00a0]*\d[^\s\u00a0.,;:)»]*")


def body_text(text: str) -> str:
    """Body text as markup: names and numbers kept whole, the rest escaped."""
    if not any(c.isdigit() or c == "\u00a0" for c in text):
        return escape(text)
    out, pos = [], 0
    for m in _UNBROKEN.finditer(text):
        out.append(escape(text[pos:m.start()]))
        out.append(call("box" if any(c.isdigit() for c in m.group()) else "name", escape(m.group())))
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def string(text: str) -> str:
    """Plain text as a Typst string literal (for code: metadata, function arguments)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def literal(text: str) -> str:
    """Plain text as a string literal that prints as ``escape(text)`` does: a «\n» breaks
    the line, a spaced dash stays on the line of the word before it."""
    return string(text.replace(" – ", "\u00a0– ") if " – " in text else text)


def call(function: str, body: str) -> str:
    """An embedded call with a content argument, closed so that the text after it stays text."""
    return f"#{function}[{body}];"


@lru_cache(maxsize=65536)
def inline(content: Content) -> str:
    """Typed inline content as markup: bold, names that are never hyphenated, line breaks,
    words inserted (underlined) and deleted (struck through) in a redline."""
    out: list[str] = []
    for node in content:
        if isinstance(node, Text):
            out.append(body_text(node.text))
        elif isinstance(node, Strong):
            out.append(call("strong", inline(node.children)))
        elif isinstance(node, Name):
            out.append(call("name", escape(node.text)))
        elif isinstance(node, Ref | AppRef):
            out.append(escape(atom_text(node)))
        elif isinstance(node, LineBreak):
            out.append("#linebreak();")
        elif isinstance(node, Inserted):
            out.append(call("ins", inline(node.children)))
        elif isinstance(node, Deleted):
            out.append(call("del", inline(node.children)))
    return "".join(out)


def revised(body: str, revision: str | None) -> str:
    """A unit or a row inserted or deleted as a whole."""
    if revision == "ins":
        return call("ins", body)
    if revision == "del":
        return call("del", body)
    return body
