"""Numbers from the tree: clause numbers by numbering style, and the number formats.

Styles (see DESIGN.md):

* ``decimal``: sections «1.», clauses «1.1.», «1.1.1.»;
* ``roman-straight``: sections «I.», clauses numbered straight through the document
  «1.» … «15.», items «1)», sub-items «а)»;
* ``roman-decimal``: sections «I.», clauses «1.1.», items «1)», sub-items «а)».

Without sections (the order's operative part) clauses are «1.», «1.1.» in every style.
"""

from __future__ import annotations

from .tree import Appendix, Node

ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)
# Letters used for sub-items: legal drafting skips ё, з, й, о, ч, ъ, ы, ь.
LETTERS = "абвгдежиклмнпрстуфхцшщэюя"


def roman(n: int) -> str:
    out = []
    for value, sym in ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def letter(n: int) -> str:
    if n <= len(LETTERS):
        return LETTERS[n - 1]
    return letter((n - 1) // len(LETTERS)) + LETTERS[(n - 1) % len(LETTERS)]


def _numbered(node: Node, numbered_definitions: bool) -> bool:
    return node.kind == "clause" or (node.kind == "definition" and numbered_definitions)


def number_nodes(nodes: list[Node], style: str, numbered_definitions: bool = True) -> None:
    """Assign ``number`` and ``ref_number`` to every numbered node of one document body."""
    straight = 0
    section_no = 0

    def visit(children: list[Node], path: list[int], depth: int, section: int | None) -> None:
        nonlocal straight
        count = 0
        for node in children:
            if node.kind == "section":
                continue
            if not _numbered(node, numbered_definitions):
                visit(node.children, path, depth, section)
                continue
            count += 1
            if style == "decimal" or section is None:
                parts = [*path, count]
                node.ref_number = ".".join(str(p) for p in parts)
                node.number = node.ref_number + "."
                visit(node.children, parts, depth + 1, section)
                continue
            if depth == 0:
                if style == "roman-straight":
                    straight += 1
                    node.ref_number = str(straight)
                else:
                    node.ref_number = f"{section}.{count}"
                node.number = node.ref_number + "."
            elif depth == 1:
                node.ref_number = str(count)
                node.number = f"{count})"
            else:
                node.ref_number = letter(count)
                node.number = f"{node.ref_number})"
            visit(node.children, [*path, count], depth + 1, section)

    has_sections = any(n.kind == "section" for n in nodes)
    if not has_sections:
        visit(nodes, [], 0, None)
        return
    for node in nodes:
        if node.kind != "section":
            continue
        section_no += 1
        if style == "decimal":
            node.ref_number = str(section_no)
            node.number = f"{section_no}."
            visit(node.children, [section_no], 0, None)
        else:
            node.ref_number = roman(section_no)
            node.number = f"{node.ref_number}."
            visit(node.children, [], 0, section_no)


def number_appendices(appendices: list[Appendix], number_sole: bool) -> None:
    """Appendix numbers: «1», «2» …; a sole appendix has none unless the region numbers it."""
    for i, app in enumerate(appendices, start=1):
        app.number = "" if len(appendices) == 1 and not number_sole else str(i)
        number_appendices(app.appendices, number_sole)
