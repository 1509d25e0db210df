"""The text rendering (Markdown) for review, diffs and golden tests."""

from __future__ import annotations

from ..inline import Content, Deleted, Inserted, LineBreak, Strong, atom_text
from ..tree import Appendix, Blank, Cell, Document, Node, Table
from . import diff_marked


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
            out.append(atom_text(node))
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
        text = f"{prefix}**{node.term or ''}** – {plain(node.content)}"
    elif node.kind == "para":
        text = md(node.content)
    else:
        text = f"{prefix}{md(node.content)}"
    lines.append(diff_marked(text, node.revision))
    for child in node.children:
        lines += _node_lines(child, depth + 1 if node.kind == "bullet" or child.kind == "bullet" else 0)
    lines += node.notes
    return lines


def _cell(text: str) -> str:
    return text.replace("\n", "<br>").replace("|", "\\|")


def _cell_text(cell: Cell) -> str:
    return _cell("\n".join(x for x in [plain(cell.content), *cell.notes] if x))


def _table_lines(table: Table) -> list[str]:
    lines = []
    if table.caption:
        lines += [table.caption, ""]
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
        lines += [f"> {line}" for line in app.mark.lines]
        lines.append("")
    lines += [f"**{t}**" for t in app.title_lines if t]
    lines += app.notes
    lines.append("")
    for node in app.body:
        lines += _node_lines(node, 0)
    for sub in app.appendices:
        lines += _appendix_lines(sub)
    return lines


def _approval_lines(doc: Document) -> list[str]:
    if doc.draft is None:
        return []
    lines = ["", "---", "", *[f"**{t}**" for t in doc.draft.sheet_title], "",
             "| " + " | ".join(doc.draft.columns) + " |", "|" + "---|" * len(doc.draft.columns)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in doc.draft.rows()]
    prepared = doc.draft.prepared_line()
    return lines + (["", prepared] if prepared else [])


def _order_word(doc: Document) -> tuple[str, list[str]]:
    """«приказываю:» at the end of the preamble, or on its own line."""
    if doc.order_word.own_line:
        return "", ["", f"**{doc.order_word.text}**"]
    return f" **{doc.order_word.text}**", []


def _blank_lines(b: Blank) -> list[str]:
    """The blank: a note where the emblem stands, the names, the document type and the place
    (in the second language after «/» where the region writes them in it)."""
    lines: list[str] = []
    if b.emblem:
        size = f"{b.emblem.width_mm:g} × {b.emblem.height_mm:g}".replace(".", ",")
        lines += [f"[герб: {b.emblem.name}, {size} мм, по центру]", ""]
    if b.federation_line:
        lines += [b.federation_line, ""]
    lines += b.name_lines
    if b.alt_name_lines:
        lines += ["", *b.alt_name_lines]
    lines += ["", f"## {b.doc_type}" + (f" / {b.alt_doc_type}" if b.alt_doc_type else ""), ""]
    if b.date_number_layout == "same-line":
        lines.append(f"{b.date_text} {b.number_text}")
    else:
        lines += [b.date_text, b.number_text]
    if b.place:
        lines.append(b.place + (f" / {b.alt_place}" if b.alt_place else ""))
    return lines


def render(doc: Document) -> str:
    lines: list[str] = []
    if doc.draft:
        lines += [f"**{doc.draft.mark}**", ""]
    if doc.blank:
        lines += _blank_lines(doc.blank)
        title = plain(doc.title_redline) if doc.title_redline is not None else doc.title
        lines += ["", f"**{title}**", *doc.notes, ""]
        if doc.preamble:
            inline, own_line = _order_word(doc)
            lines += [doc.preamble + inline, *own_line, ""]
        for node in doc.body:
            lines += _node_lines(node, 0)
        if doc.signature:
            lines += ["", f"{doc.signature.position}    {doc.signature.person}"]
    else:
        lines += [f"**{t}**" for t in doc.title_lines if t]
        lines += doc.notes
        lines.append("")
        for node in doc.body:
            lines += _node_lines(node, 0)
    for app in doc.appendices:
        lines += _appendix_lines(app)
    if doc.draft:
        lines += _approval_lines(doc)
    out = "\n".join(lines).replace("\u00a0", " ")
    while "\n\n\n" in out:
        out = out.replace("\n\n\n", "\n\n")
    return out.strip() + "\n"
