"""Tables in Typst: the register with its header and column-number rows repeated on
every page, rows that do not split, merged cells of one process, tracked rows; the
small tables of the signature block and the лист согласования."""

from __future__ import annotations

from ...inline import Content, LineBreak, concat, text
from ...tree import Cell, Table
from .blocks import centered
from .markup import escape, inline, revised


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


def _cell(cell: Cell, revision: str | None) -> str | None:
    if cell.merged:
        return None  # covered by the merged cell above
    body = revised(inline(_with_notes(cell)), revision)
    if cell.rowspan > 1:  # the rows of one process may go on to the next page together
        return f"table.cell(rowspan: {cell.rowspan}, breakable: true)[{body}]"
    return f"[{body}]"


def register_table(table: Table) -> str:
    """The register (or any table of the tree) as one Typst table."""
    out = [centered(table.caption)] if table.caption else []
    cells = [c for k, row in enumerate(table.rows) for cell in row
             if (c := _cell(cell, table.revisions.get(k))) is not None]
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
