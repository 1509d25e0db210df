"""The units of the tree as Typst paragraphs: sections, clauses, bullets, definitions,
tables; numbers are text computed from the tree."""

from __future__ import annotations

from ...inline import Content, Strong, concat, text
from ...tree import Layout, Node
from .blocks import paragraph
from .markup import call, escape, inline, revised
from .tables import register_table


def _definition(node: Node, prefix: str) -> Content:
    return concat(prefix, (Strong(text(node.term or "")),), " – ", node.content)


def unit(out: list[str], node: Node, depth: int, layout: Layout, landscape: bool = False) -> None:
    """A unit of the tree with its sub-units and notes; ``landscape``: the page it is on is
    already landscape (a register appendix), so its wide table needs no page of its own."""
    if node.kind == "table" and node.table:
        # A wide table of a portrait part (a register row an amending order sets out) goes on a
        # landscape page of its own, as in the DOCX; on a landscape page it follows its heading
        # (a page of its own there left the heading alone on the page before).
        turn = node.table.landscape and not landscape
        table = register_table(node.table, layout, landscape or node.table.landscape)
        out.append(f"#page(flipped: true)[\n{table}]\n\n" if turn else table)
        return
    prefix = f"{node.number} " if node.number else ""
    if node.kind == "section":
        body = inline(concat(prefix, node.content) if node.number else node.content)
        out.append(call("centered", revised(body, node.revision)) + "\n\n")
    elif node.kind == "bullet":
        indent = layout.first_line_indent_cm + 0.75 * depth if depth else None
        out.append(paragraph(revised(inline(concat("– ", node.content)), node.revision), indent))
    elif node.kind == "definition":
        out.append(paragraph(revised(inline(_definition(node, prefix)), node.revision)))
    else:
        out.append(paragraph(revised(inline(concat(prefix, node.content)), node.revision)))
    for child in node.children:
        unit(out, child, 0 if node.kind == "section" else depth + 1 if node.kind == "bullet" else depth, layout,
             landscape)
    for note in node.notes:
        out.append(paragraph(escape(note)))
