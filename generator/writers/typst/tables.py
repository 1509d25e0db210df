"""Tables in Typst: the register with its header and column-number rows repeated on
every page, rows that do not split, merged cells of one process, tracked rows; the
small tables of the signature block and the лист согласования."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ...inline import Content, LineBreak, Text, concat, plain, text
from ...tree import Cell, Layout, Table
from .blocks import centered
from .markup import body_text, escape, inline, literal, revised


def _with_notes(cell: Cell) -> Content:
    """A cell's words, then its notes «(в ред. …)» each on a line of its own."""
    parts = ([cell.content] if cell.content else []) + [text(n) for n in cell.notes if n]
    out: Content = ()
    for k, part in enumerate(parts):
        out = concat(out, (LineBreak(),), part) if k else part
    return out


def _columns(widths: list[float]) -> str:
    return "(" + ", ".join(f"{w:g}fr" for w in widths) + ",)"


def _header(table: Table) -> str:
    rows = [table.columns] + ([[str(i + 1) for i in range(len(table.columns))]] if table.number_row else [])
    cells = ", ".join(f"head[{escape(words)}]" for row in rows for words in row)
    return f"table.header(repeat: true, {cells}), " if table.header else ""


# A table's words are not hyphenated (as in the DOCX; hyphenating every cell took a quarter
# of the whole compile of a 300-row register, measured on 12 bench bodies: 6.3 → 4.7 s of
# CPU), except in a cell with a word that may not fit the width of its column: there a word
# is broken rather than run over the cell's border. The estimate is generous: the widest
# letters of Times New Roman are 0.72 em (capitals «Ж», «Ш», «Щ», «Ю»), lowercase ones
# 0.44–0.69 em (0.48 on average in Russian text), so a lowercase letter counts 0.56 em. A
# compound («информационно-технического») may break at its hyphen: its parts are the words.
_EM_PER_LETTER, _EM_PER_CAPITAL = 0.56, 0.72
_WORDS = re.compile(r"[^\s\-‐/]+")
_INSET_MM = 1.9  # each side, as the table's inset in page.py
_MM_PER_PT = 25.4 / 72


def column_widths_mm(table: Table, layout: Layout, landscape: bool) -> list[float]:
    """The width of the text inside each column of ``table`` on a page of ``layout``."""
    left, right = layout.margins_mm[0], layout.margins_mm[1]
    width = (297.0 if landscape else 210.0) - left - right
    total = sum(table.widths) or 1.0
    return [width * w / total - 2 * _INSET_MM for w in table.widths]


@lru_cache(maxsize=4096)  # a register repeats its words in many cells
def _may_overflow(words: str, column_mm: float, size_pt: float) -> bool:
    em_mm = size_pt * _MM_PER_PT
    for word in _WORDS.findall(words):
        if len(word) * _EM_PER_LETTER * em_mm <= column_mm * 0.9:
            continue
        ems = sum(_EM_PER_CAPITAL if c.isupper() else _EM_PER_LETTER for c in word)
        if ems * em_mm > column_mm:
            return True
    return False


def _cell(cell: Cell, revision: str | None, column_mm: float, size_pt: float) -> str | None:
    if cell.merged:
        return None  # covered by the merged cell above
    content = _with_notes(cell)
    words = plain(content)
    hyphenated = _may_overflow(words, column_mm, size_pt)
    body = None if revision or hyphenated else _literal(content, words)
    if body is None:
        markup = revised(inline(content), revision)
        body = f"[#text(hyphenate: true)[{markup}];]" if hyphenated else f"[{markup}]"
    if cell.rowspan > 1:  # the rows of one process may go on to the next page together
        return f"table.cell(rowspan: {cell.rowspan}, breakable: true, {body})"
    return body


def _literal(content: Content, words: str) -> str | None:
    """A cell of words and line breaks only, with nothing kept whole by a box, as a string
    (a «\n» in it breaks the line): Typst sets a string with less work than the same words
    as markup (a bench body with a 271-row register: 2.19 → 1.47 billion instructions to compile,
    valgrind; the text of the seeds' PDFs unchanged)."""
    if not all(type(node) is Text or type(node) is LineBreak for node in content):
        return None
    return literal(words) if body_text(words) == escape(words) else None


def register_table(table: Table, layout: Layout, landscape: bool) -> str:
    """The register (or any table of the tree) as one Typst table, on a page of ``layout``
    (``landscape`` or not)."""
    out = [centered(table.caption)] if table.caption else []
    # a profile without hyphenation ([layout] hyphenation = false) has none in tables either
    columns = column_widths_mm(table, layout, landscape) if layout.hyphenation else [math.inf] * len(table.widths)
    size = layout.table_font_size
    cells = [c for k, row in enumerate(table.rows) for j, cell in enumerate(row)
             if (c := _cell(cell, table.revisions.get(k), columns[min(j, len(columns) - 1)], size)) is not None]
    out.append(f"#table(columns: {_columns(table.widths)}, {_header(table)}{', '.join(cells)});\n\n")
    return "".join(out)


def signature(position: str, person: str) -> str:
    """Position on the left, «И.О. Фамилия» flush right on the line of its last line."""
    return ("#grid(columns: (1fr, 70mm), align: (left + bottom, right + bottom), "
            f"requisite[{escape(position)}], requisite(alignment: right)[{escape(person)}]);\n\n")


def approval_table(columns: tuple[str, ...], rows: list[list[str]]) -> str:
    """The лист согласования: who approves, with date and signature blanks."""
    head = ", ".join(f"head[{escape(c)}]" for c in columns)
    body = ", ".join(f"[{escape(c)}]" if c else "[#box(height: 1em)]" for row in rows for c in row)
    return f"#table(columns: (75mm, 40mm, 30mm, 35mm), table.header(repeat: true, {head}), {body});\n\n"
