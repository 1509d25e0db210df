"""Tables as XML fragments (python-docx's cell objects are quadratic in the number of
rows): the register with its header rows repeated on every page, rows that do not split
and merged cells of one process; the small tables of the signature block and the лист
согласования."""

from __future__ import annotations

from functools import lru_cache

from docx.shared import Mm

from ...inline import Content, LineBreak, Text, concat, lines, split_lines, text
from ...tree import Cell, Revision, Table
from .blocks import para, paragraph
from .runs import revised, runs_xml
from .sink import Sink
from .xml import BORDERS, REVISION_ATTRS


def _cell_xml(content: Content, width: int, style_id: str, merge: str | None = None,
              revision: Revision | None = None) -> str:
    """A cell; in a row inserted or deleted as a whole, its words and paragraph marks are
    tracked too, so that rejecting the change leaves no empty row behind."""
    merge_xml = {None: "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}[merge]
    if revision is None and len(content) == 1 and type(content[0]) is Text:  # most cells: one line of words
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge_xml}</w:tcPr><w:p><w:pPr>'
                f'<w:pStyle w:val="{style_id}"/></w:pPr>{runs_xml(content)}</w:p></w:tc>')
    mark = f"<w:rPr><w:{revision} {REVISION_ATTRS}/></w:rPr>" if revision else ""
    paras = "".join(f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{mark}</w:pPr>{runs_xml(revised(line, revision))}</w:p>'
                    for line in (split_lines(content) if content else [()]))
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge_xml}</w:tcPr>{paras}</w:tc>'


@lru_cache(maxsize=16384)
def _plain_cell(content: Content, width: int, style_id: str, merge: str | None) -> bytes:
    """A cell outside a tracked change, encoded: a pure function of its words, width, style
    and merge, and a register repeats its cells (merged cells, needs of several lines), so
    each is written and encoded once."""
    return _cell_xml(content, width, style_id, merge).encode("utf-8")


def _with_notes(cell: Cell) -> Content:
    """A cell's words, then its notes «(в ред. …)» each on a line of its own."""
    if not cell.notes:
        return cell.content
    parts = ([cell.content] if cell.content else []) + [text(n) for n in cell.notes if n]
    out: Content = ()
    for k, part in enumerate(parts):
        out = concat(out, (LineBreak(),), part) if k else part
    return out


def _header_rows(table: Table, widths: list[int], head_id: str) -> list[str]:
    rows = [table.columns] + ([[str(i + 1) for i in range(len(table.columns))]] if table.number_row else [])
    out = []
    for row in rows if table.header else []:
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
        out.extend(_cell_xml(lines(words), w, head_id) for words, w in zip(row, widths, strict=True))
        out.append("</w:tr>")
    return out


_ROW = b"<w:tr><w:trPr><w:cantSplit/></w:trPr>"
_ROW_END = b"</w:tr>"


def _body_rows(table: Table, widths: list[int], text_id: str) -> list[bytes]:
    """The rows of entries, encoded: a cell covered by a merge above is the same XML in
    every row of its column, and a cell outside a tracked change is written and encoded
    once per distinct cell (a register repeats its areas, touchpoints and features)."""
    covered = [_plain_cell((), w, text_id, "continue") for w in widths]
    seen: list[dict[tuple[str, bool], bytes]] = [{} for _ in widths]
    out: list[bytes] = []
    for k, cells in enumerate(table.rows):
        rev = table.revisions.get(k)
        if rev:
            out.append(_revised_row(cells, widths, text_id, rev))
            continue
        out.append(_ROW)
        for c, cell in enumerate(cells):
            if cell.merged:
                out.append(covered[c])
                continue
            content = cell.content
            if not cell.notes and len(content) == 1 and type(content[0]) is Text:  # most cells: a line of words
                key = (content[0].text, cell.rowspan > 1)
                xml = seen[c].get(key)
                if xml is None:
                    xml = seen[c][key] = _cell_xml(content, widths[c], text_id, _merge(cell)).encode("utf-8")
                out.append(xml)
            else:
                out.append(_plain_cell(_with_notes(cell), widths[c], text_id, _merge(cell)))
        out.append(_ROW_END)
    return out


def _merge(cell: Cell) -> str | None:
    return "restart" if cell.rowspan > 1 else None


def _revised_row(cells: list[Cell], widths: list[int], text_id: str, rev: Revision) -> bytes:
    """A row inserted or deleted as a whole (a redline)."""
    out = [f"<w:tr><w:trPr><w:cantSplit/><w:{rev} {REVISION_ATTRS}/></w:trPr>"]
    for cell, w in zip(cells, widths, strict=True):
        merge = "continue" if cell.merged else _merge(cell)
        out.append(_cell_xml(() if cell.merged else _with_notes(cell), w, text_id, merge, rev))
    out.append("</w:tr>")
    return "".join(out).encode("utf-8")


def register_table(sink: Sink, table: Table) -> None:
    if table.caption:
        para(sink, table.caption, "Appendix Title")
    total = sum(table.widths)
    widths = [int(Mm(sink.text_width_mm() * w / total).twips) for w in table.widths]
    text_id = sink.style("Table Text")
    head = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>",
            *_header_rows(table, widths, sink.style("Table Head"))]
    sink.add_encoded(b"".join(("".join(head).encode("utf-8"), *_body_rows(table, widths, text_id), b"</w:tbl>")))


def plain_table(sink: Sink, widths_mm: list[float], rows: list[list[str]], style: str,
                borders: bool, header_rows: int = 0, right_last: bool = False) -> None:
    """A small table: the signature block (no borders) or the лист согласования."""
    widths = [int(Mm(w).twips) for w in widths_mm]
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
           + (f"<w:tblBorders>{BORDERS}</w:tblBorders>" if borders else "")
           + '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
    for r, row in enumerate(rows):
        head = r < header_rows
        out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if head else "") + "</w:trPr>")
        for c, (words, w) in enumerate(zip(row, widths, strict=True)):
            last = right_last and c == len(row) - 1
            valign = '<w:vAlign w:val="bottom"/>' if last else ""
            paras = "".join(paragraph(sink, text(line), "Table Head" if head else style,
                                      align="right" if last else None) for line in (words.split("\n") or [""]))
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{valign}</w:tcPr>{paras}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    sink.add("".join(out))
