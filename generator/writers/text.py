"""The text rendering (Markdown) for review, diffs and golden tests.

Words of the document are escaped (``esc``): a config's «**», «<b>» or «[x](y)» is shown
as typed by any Markdown viewer, never as emphasis, HTML or a link; only the writer's
own structure (headings, bold, tables, quotes, revision marks) is markup."""

from __future__ import annotations

import re

from ..inline import Content, Deleted, Inserted, LineBreak, Strong, atom_text
from ..tree import Appendix, Cell, Document, Node, Table
from . import diff_marked

# Emphasis, code, HTML; a bracket that would close a link («](…)», «][…]», «]: …»). A
# bracket pair alone is no link: «[процесс 1]» stays as it reads.
_MARKDOWN = re.compile(r"([\\`*_<>]|\](?=[(\[:]))")
# What a line must not start with: a heading, a list item, a rule, a link definition.
_LINE_START = re.compile(r"^(?=[#+=\[-])")


def esc(text: str) -> str:
    """Words as Markdown shows them literally (backslash escapes of ASCII punctuation)."""
    return _MARKDOWN.sub(r"\\\1", text)


def esc_line(text: str) -> str:
    """Words that start a line: not a heading, a list item or a rule either."""
    return _LINE_START.sub("\\\\", esc(text))


def md(content: Content, bold: bool = True) -> str:
    """Content as Markdown: bold as «**…**», tracked changes as «{+…+}» and «[-…-]»."""
    out: list[str] = []
    for node in content:
        if isinstance(node, Strong):
            inner = md(node.children, bold=False)
            out.append(f"**{inner}**" if bold and inner else inner)
        elif isinstance(node, Inserted):
            out.append(diff_marked(md(node.children, bold), "ins"))
        elif isinstance(node, Deleted):
            out.append(diff_marked(md(node.children, bold), "del"))
        elif isinstance(node, LineBreak):
            out.append("\n")
        else:
            out.append(esc(atom_text(node)))
    return "".join(out)


def plain(content: Content) -> str:
    """Content without bold; tracked changes marked."""
    return md(content, bold=False)


INDENT = "    "


def _node_lines(node: Node, depth: int) -> list[str]:
    lines: list[str] = []
    if node.kind == "section":
        lines += ["", diff_marked(f"### {node.number} {plain(node.content)}".replace("  ", " "), node.revision), ""]
        for child in node.children:
            lines += _node_lines(child, 0)
        lines += [f"{INDENT * depth}{n}" for n in node.notes]
        return lines
    if node.kind == "table" and node.table:
        lines += ["", *_table_lines(node.table), ""]
        return lines
    prefix = f"{node.number} " if node.number else ""
    if node.kind == "bullet":
        text = f"{INDENT * depth}- {plain(node.content)}"
    elif node.kind == "definition":
        text = f"{prefix}**{esc(node.term or '')}** – {plain(node.content)}"
    elif node.kind == "para":
        text = _para_line(node.content)
    else:
        text = f"{prefix}{md(node.content)}"
    lines.append(diff_marked(text, node.revision))
    for child in node.children:
        lines += _node_lines(child, depth + 1 if node.kind == "bullet" or child.kind == "bullet" else 0)
    lines += [esc(n) for n in node.notes]
    return lines


def _para_line(content: Content) -> str:
    """A paragraph without a number: its first words must not read as a heading or a list."""
    return _LINE_START.sub("\\\\", md(content))


def _cell(text: str) -> str:
    """Words in a table cell (escaped as data)."""
    return _escaped_cell(esc(text))


def _escaped_cell(text: str) -> str:
    return text.replace("\n", "<br>").replace("|", "\\|")


def _cell_text(cell: Cell) -> str:
    return _escaped_cell("\n".join(x for x in [plain(cell.content), *map(esc, cell.notes)] if x))


def _table_lines(table: Table) -> list[str]:
    lines = []
    if table.caption:
        lines += [esc_line(table.caption), ""]
    if table.header:
        lines.append("| " + " | ".join(_cell(c) for c in table.columns) + " |")
    else:
        lines.append("|" + " |" * len(table.columns))
    lines.append("|" + "---|" * len(table.columns))
    if table.number_row and table.header:
        lines.append("| " + " | ".join(str(i) for i in range(1, len(table.columns) + 1)) + " |")
    for k, row in enumerate(table.rows):
        mark = {"ins": "{+", "del": "[-"}.get(table.revisions.get(k, ""), "")
        cells = ("" if c.merged else _cell_text(c) for c in row)
        lines.append(f"{mark}| " + " | ".join(cells) + " |")
    return lines


def _appendix_lines(app: Appendix) -> list[str]:
    lines = ["", "---", ""]
    if app.mark:
        lines += [f"> {esc(line)}" for line in app.mark.lines]
        lines.append("")
    lines += [f"**{esc(t)}**" for t in app.title_lines if t]
    lines += [esc(n) for n in app.notes]
    lines.append("")
    for node in app.body:
        lines += _node_lines(node, 0)
    for sub in app.appendices:
        lines += _appendix_lines(sub)
    return lines


def _approval_lines(doc: Document) -> list[str]:
    if doc.draft is None:
        return []
    lines = ["", "---", "", *[f"**{esc(t)}**" for t in doc.draft.sheet_title], "",
             "| " + " | ".join(_cell(c) for c in doc.draft.columns) + " |", "|" + "---|" * len(doc.draft.columns)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in doc.draft.rows()]
    prepared = doc.draft.prepared_line()
    return lines + (["", esc_line(prepared)] if prepared else [])


def _order_word(doc: Document) -> tuple[str, list[str]]:
    """«приказываю:» at the end of the preamble, or on its own line."""
    if doc.order_word.own_line:
        return "", ["", f"**{esc(doc.order_word.text)}**"]
    return f" **{esc(doc.order_word.text)}**", []


def _blank_lines(doc: Document) -> list[str]:
    """The blank: a note where the emblem stands, the names, the document type and the place
    (in the second language after «/» where the region writes them in it)."""
    b = doc.blank
    if b is None:
        return []
    lines: list[str] = []
    if b.emblem:
        size = f"{b.emblem.width_mm:g} × {b.emblem.height_mm:g}".replace(".", ",")
        lines += [f"[герб: {esc(b.emblem.name)}, {size} мм, по центру]", ""]  # the writer's note, not data
    if b.federation_line:
        lines += [esc_line(b.federation_line), ""]
    lines += [esc_line(x) for x in b.name_lines]
    if b.alt_name_lines:
        lines += ["", *(esc_line(x) for x in b.alt_name_lines)]
    lines += ["", f"## {esc(b.doc_type)}" + (f" / {esc(b.alt_doc_type)}" if b.alt_doc_type else ""), ""]
    if b.date_number_layout == "same-line":
        lines.append(f"{esc_line(b.date_text)} {esc(b.number_text)}")
    else:
        lines += [esc_line(b.date_text), esc_line(b.number_text)]
    if b.place:
        lines.append(esc_line(b.place) + (f" / {esc(b.alt_place)}" if b.alt_place else ""))
    return lines


def _order_lines(doc: Document) -> list[str]:
    """The blank, the title, the preamble, the operative clauses and the signature."""
    lines = _blank_lines(doc)
    title = plain(doc.title_redline) if doc.title_redline is not None else esc(doc.title)
    lines += ["", f"**{title}**", *map(esc, doc.notes), ""]
    if doc.preamble:
        inline, own_line = _order_word(doc)
        lines += [esc_line(doc.preamble) + inline, *own_line, ""]
    for node in doc.body:
        lines += _node_lines(node, 0)
    if doc.signature:
        lines += ["", f"{esc_line(doc.signature.position)}    {esc(doc.signature.person)}"]
    return lines


def _procedure_lines(doc: Document) -> list[str]:
    lines = [f"**{esc(t)}**" for t in doc.title_lines if t]
    lines += [*map(esc, doc.notes), ""]
    for node in doc.body:
        lines += _node_lines(node, 0)
    return lines


def render(doc: Document) -> str:
    lines: list[str] = [f"**{esc(doc.draft.mark)}**", ""] if doc.draft else []
    lines += _order_lines(doc) if doc.blank else _procedure_lines(doc)
    for app in doc.appendices:
        lines += _appendix_lines(app)
    lines += _approval_lines(doc)
    out = "\n".join(lines).replace("\u00a0", " ")
    while "\n\n\n" in out:
        out = out.replace("\n\n\n", "\n\n")
    return out.strip() + "\n"
