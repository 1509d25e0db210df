"""Paragraphs in Typst: body text, centred headings, requisites, the blank line."""

from __future__ import annotations

from ...inline import Content
from .markup import call, escape, inline

GAP = "#gap\n\n"  # an empty line of the body's size


def paragraph(body: str, indent_cm: float | None = None) -> str:
    """A paragraph of body text: justified, first-line indent, hyphenated (unless the
    profile says not to); ``indent_cm`` for a nested bullet."""
    if not body:
        return ""
    if indent_cm is not None:
        return f"#par(first-line-indent: (amount: {indent_cm}cm, all: true))[{body}];\n\n"
    return body + "\n\n"


def centered(content: Content | str) -> str:
    """A centred bold heading kept with what follows (titles, sections)."""
    body = escape(content) if isinstance(content, str) else inline(content)
    return call("centered", body) + "\n\n" if body else ""


def requisite(lines: list[str], bold: bool = False, align: str = "left", size: float | None = None) -> str:
    """Lines of a requisite (blank, signature, draft mark): never hyphenated, never justified."""
    args = [f"alignment: {align}"] + (['weight: "bold"'] if bold else []) + ([f"size: {size}pt"] if size else [])
    body = "#linebreak();".join(escape(line) for line in lines)
    return f"#requisite({', '.join(args)})[{body}];\n\n"


def mark(lines: list[str]) -> str:
    """An appendix mark or a grif: top right, within the requisite width, lines flush left."""
    return call("mark", "#linebreak();".join(escape(line) for line in lines)) + "\n\n"
