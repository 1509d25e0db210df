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


def unit_number(style: str, depth: int, section: int | None, path: list[int], count: int,
                straight: int) -> tuple[str, str]:
    """(the number as referred to, as printed) of a unit: every numbering style in one place.
    ``path``: the numbers of the units above; ``count``: its place among its siblings;
    ``straight``: its place in the whole document (roman-straight clauses)."""
    if style == "decimal" or section is None:
        ref = ".".join(str(p) for p in [*path, count])
        return ref, ref + "."
    if depth == 0:
        ref = str(straight) if style == "roman-straight" else f"{section}.{count}"
        return ref, ref + "."
    ref = str(count) if depth == 1 else letter(count)
    return ref, ref + ")"


def section_number(style: str, n: int) -> str:
    return str(n) if style == "decimal" else roman(n)


class _Numbering:
    def __init__(self, style: str, numbered_definitions: bool) -> None:
        self.style, self.numbered_definitions = style, numbered_definitions
        self.straight = 0

    def visit(self, children: list[Node], path: list[int], depth: int, section: int | None) -> None:
        count = 0
        for node in children:
            if node.kind == "section":
                continue
            if not _numbered(node, self.numbered_definitions):
                self.visit(node.children, path, depth, section)
                continue
            count += 1
            flat = self.style == "decimal" or section is None
            if not flat and depth == 0:
                self.straight += 1
            node.ref_number, node.number = unit_number(self.style, depth, section, path, count, self.straight)
            self.visit(node.children, [*path, count], depth + 1, section)


def number_nodes(nodes: list[Node], style: str, numbered_definitions: bool = True) -> None:
    """Assign ``number`` and ``ref_number`` to every numbered node of one document body."""
    numbering = _Numbering(style, numbered_definitions)
    if not any(n.kind == "section" for n in nodes):
        numbering.visit(nodes, [], 0, None)
        return
    sections = [n for n in nodes if n.kind == "section"]
    for k, node in enumerate(sections, start=1):
        node.ref_number = section_number(style, k)
        node.number = f"{node.ref_number}."
        if style == "decimal":
            numbering.visit(node.children, [k], 0, None)
        else:
            numbering.visit(node.children, [], 0, k)


def number_appendices(appendices: list[Appendix], number_sole: bool) -> None:
    """Appendix numbers: «1», «2» …; a sole appendix has none unless the region numbers it."""
    for i, app in enumerate(appendices, start=1):
        app.number = "" if len(appendices) == 1 and not number_sole else str(i)
        number_appendices(app.appendices, number_sole)
