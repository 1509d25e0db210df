"""The units of the tree as paragraphs: sections, clauses, bullets, definitions, tables;
numbers are text computed from the tree, never Word list numbering."""

from __future__ import annotations

from docx.shared import Cm

from ...inline import Content, Strong, concat, text
from ...tree import Node
from .blocks import para
from .runs import revised
from .sections import new_section
from .sink import Sink
from .tables import register_table


def _definition(node: Node, prefix: str) -> Content:
    return concat(prefix, (Strong(text(node.term or "")),), " – ", node.content)


def unit(sink: Sink, node: Node, depth: int) -> None:
    """A unit of the tree with its sub-units and notes."""
    if node.kind == "table" and node.table:
        turn = node.table.landscape and not sink.landscape  # a wide table in a portrait part
        if turn:
            new_section(sink, landscape=True)
        register_table(sink, node.table)
        if turn:
            new_section(sink, landscape=False)
        return
    prefix = f"{node.number} " if node.number else ""
    if node.kind == "section":
        para(sink, revised(concat(prefix, node.content) if node.number else node.content, node.revision),
             "Section Heading")
    elif node.kind == "bullet":
        indent = int(Cm(1.25 + 0.75 * depth).twips) if depth else None
        para(sink, revised(concat("– ", node.content), node.revision), "Bullet", first_line_twips=indent)
    elif node.kind == "definition":
        para(sink, revised(_definition(node, prefix), node.revision), "Clause")
    else:
        para(sink, revised(concat(prefix, node.content), node.revision), "Clause")
    for child in node.children:
        unit(sink, child, 0 if node.kind == "section" else depth + 1 if node.kind == "bullet" else depth)
    for note in node.notes:
        para(sink, note, "Clause")
