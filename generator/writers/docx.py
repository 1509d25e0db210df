"""The DOCX writer: docxtpl renders the blank, python-docx writes the body after it.

Numbers are written as text computed from the tree, never as Word list numbering.
The file is deterministic: fixed zip entry order and timestamps, core properties from
the order's date.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from ..markup import unescape_data
from ..tree import Appendix, Document, Node, Table
from . import runs

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
TEXT_WIDTH_MM = 180.0


def _add_runs(paragraph: Any, text: str, bold: bool = False) -> None:
    for chunk, is_bold in runs(text):
        run = paragraph.add_run(chunk)
        if bold or is_bold:
            run.bold = True


def _para(doc: Any, text: str, style: str, bold: bool = False) -> Any:
    p = doc.add_paragraph(style=style)
    _add_runs(p, text, bold)
    return p


def _write_node(doc: Any, node: Node, depth: int) -> None:
    if node.kind == "section":
        _para(doc, f"{node.number} {node.text}" if node.number else node.text, "Section Heading")
        for child in node.children:
            _write_node(doc, child, 0)
        return
    if node.kind == "table" and node.table:
        _write_table(doc, node.table)
        return
    prefix = f"{node.number} " if node.number else ""
    if node.kind == "bullet":
        p = _para(doc, f"– {node.text}", "Bullet")
        if depth:
            p.paragraph_format.first_line_indent = Cm(1.25 + 0.75 * depth)
    elif node.kind == "definition":
        p = doc.add_paragraph(style="Clause")
        if prefix:
            p.add_run(prefix)
        p.add_run(unescape_data(node.term or "")).bold = True
        _add_runs(p, f" – {node.text}")
    else:
        _para(doc, prefix + node.text, "Clause")
    for child in node.children:
        _write_node(doc, child, depth + 1 if node.kind == "bullet" else depth)


def _cell_border(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _cant_split(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _fill_cell(cell: Any, text: str, style: str) -> None:
    lines = text.split("\n") if text else [""]
    first = cell.paragraphs[0]
    first.style = style
    _add_runs(first, lines[0])
    for line in lines[1:]:
        _add_runs(cell.add_paragraph(style=style), line)


def _write_table(doc: Any, table: Table) -> None:
    if table.caption:
        _para(doc, table.caption, "Appendix Title")
    ncols = len(table.columns)
    header_rows = 2 if table.number_row else 1
    t = doc.add_table(rows=header_rows + len(table.rows), cols=ncols)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    _cell_border(t)
    total = sum(table.widths)
    widths = [Mm(TEXT_WIDTH_MM * w / total) for w in table.widths]
    for row in t.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = w
    for i, head in enumerate(table.columns):
        _fill_cell(t.rows[0].cells[i], head, "Table Head")
    _repeat_header(t.rows[0])
    if table.number_row:
        for i in range(ncols):
            _fill_cell(t.rows[1].cells[i], str(i + 1), "Table Head")
        _repeat_header(t.rows[1])
    for r, row in enumerate(table.rows):
        trow = t.rows[header_rows + r]
        _cant_split(trow)
        for c, cell in enumerate(row):
            if not cell.merged:
                _fill_cell(trow.cells[c], cell.text, "Table Text")
    # vertical merges: one process with several touchpoints
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if cell.rowspan > 1:
                top = t.cell(header_rows + r, c)
                top.merge(t.cell(header_rows + r + cell.rowspan - 1, c))


def _page_break(doc: Any) -> None:
    doc.add_paragraph(style="Blank Line").add_run().add_break(WD_BREAK.PAGE)


def _write_appendix(doc: Any, app: Appendix) -> None:
    _page_break(doc)
    if app.mark:
        for line in app.mark.lines:
            _para(doc, line, "Appendix Mark")
        doc.add_paragraph(style="Blank Line")
    for line in app.title_lines:
        if line:
            _para(doc, line, "Appendix Title")
    doc.add_paragraph(style="Blank Line")
    for node in app.body:
        _write_node(doc, node, 0)
    for sub in app.appendices:
        _write_appendix(doc, sub)


def _signature(doc: Any, position: str, person: str) -> None:
    for _ in range(2):
        doc.add_paragraph(style="Blank Line")
    t = doc.add_table(rows=1, cols=2)
    t.autofit = False
    left, right = t.rows[0].cells
    left.width, right.width = Mm(110), Mm(70)
    _fill_cell(left, position, "Signature")
    _fill_cell(right, person, "Signature")
    p = right.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    tc_pr = right._tc.get_or_add_tcPr()
    v = OxmlElement("w:vAlign")
    v.set(qn("w:val"), "bottom")
    tc_pr.append(v)


def build(doc: Document) -> bytes:
    """The DOCX of a composed document, as bytes."""
    if doc.blank:
        name = "blank-bilingual.docx" if doc.blank.alt_name_lines else "blank-single.docx"
        tpl = DocxTemplate(str(TEMPLATES / name))
        b = doc.blank
        ctx = {"blank": {
            "federation_line": b.federation_line,
            "name_lines": [unescape_data(x) for x in b.name_lines],
            "alt_name_lines": [unescape_data(x) for x in b.alt_name_lines],
            "doc_type": b.doc_type, "date_text": b.date_text, "number_text": b.number_text,
            "date_number_layout": b.date_number_layout, "place": b.place,
        }}
        tpl.render(ctx, jinja_env=SandboxedEnvironment(), autoescape=True)
    else:
        tpl = DocxTemplate(str(TEMPLATES / "plain.docx"))
        tpl.render({}, jinja_env=SandboxedEnvironment(), autoescape=True)
    d = tpl.docx
    body = d.element.body
    # drop the template's empty first paragraph of a plain document
    if not doc.blank:
        for p in list(body.iterchildren(qn("w:p"))):
            if not "".join(p.itertext()).strip():
                body.remove(p)
    if doc.kind == "order":
        d.add_paragraph(style="Blank Line")
        _para(d, doc.title, "Order Title")
        d.add_paragraph(style="Blank Line")
        if doc.preamble:
            _para(d, doc.preamble, "Clause")
        for node in doc.body:
            _write_node(d, node, 0)
        if doc.signature:
            _signature(d, doc.signature.position, doc.signature.person)
    else:
        for line in doc.title_lines:
            if line:
                _para(d, line, "Appendix Title")
        d.add_paragraph(style="Blank Line")
        for node in doc.body:
            _write_node(d, node, 0)
    for app in doc.appendices:
        _write_appendix(d, app)
    if any(a.landscape for a in doc.all_appendices()):
        sec = d.sections[-1]
        sec.orientation = WD_ORIENT.LANDSCAPE

    props = d.core_properties
    stamp = dt.datetime.combine(doc.date, dt.time(0, 0))
    props.title = unescape_data(doc.title)
    props.author = unescape_data(doc.author)
    props.last_modified_by = "prikaz"
    props.subject = "Порядок ведения перечня точек взаимодействия с клиентом"
    props.keywords = "приказ; порядок; перечень точек взаимодействия"
    props.language = "ru-RU"
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    return normalise_zip(buf.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Fixed order and timestamps of the zip entries: the same inputs, the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, src.read(name))
    return out.getvalue()
