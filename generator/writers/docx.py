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

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from ..markup import unescape_data
from ..tree import Appendix, Document, Layout, Node, Table
from . import runs

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
A4 = (210.0, 297.0)


def _add_runs(paragraph: Any, text: str, bold: bool = False) -> None:
    for chunk, is_bold in runs(text):
        run = paragraph.add_run(chunk)
        if bold or is_bold:
            run.bold = True


def _style_id(doc: Any, name: str) -> str:
    """The style id of a paragraph style, looked up once per document (python-docx scans
    every style on each lookup by name)."""
    ids = getattr(doc, "_prikaz_style_ids", None)
    if ids is None:
        ids = {s.name: s.style_id for s in doc.styles}
        doc._prikaz_style_ids = ids
    return str(ids[name])


def _new_para(container: Any, style: str, doc: Any = None) -> Any:
    p = container.add_paragraph()
    p._p.style = _style_id(doc if doc is not None else container, style)
    return p


def _para(doc: Any, text: str, style: str, bold: bool = False) -> Any:
    p = _new_para(doc, style)
    _add_runs(p, text, bold)
    return p


def _text_width(doc: Any) -> float:
    sec = doc.sections[-1]
    return float((sec.page_width - sec.left_margin - sec.right_margin) / Mm(1))


def _write_node(doc: Any, node: Node, depth: int) -> None:
    if node.kind == "section":
        _para(doc, f"{node.number} {node.text}" if node.number else node.text, "Section Heading")
        for child in node.children:
            _write_node(doc, child, 0)
        return
    if node.kind == "table" and node.table:
        _write_table(doc, node.table, _text_width(doc))
        return
    prefix = f"{node.number} " if node.number else ""
    if node.kind == "bullet":
        p = _para(doc, f"– {node.text}", "Bullet")
        if depth:
            p.paragraph_format.first_line_indent = Cm(1.25 + 0.75 * depth)
    elif node.kind == "definition":
        p = _new_para(doc, "Clause")
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


def _set_widths(table: Any, widths: list[Any]) -> None:
    """Fixed layout: the grid, the table width and every cell (LibreOffice reads the grid)."""
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(int(w.twips) for w in widths)))
    for col, w in zip(table.columns, widths, strict=True):
        col.width = w
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = w


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _cant_split(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _fill_cell(cell: Any, text: str, style: str, doc: Any) -> None:
    lines = text.split("\n") if text else [""]
    first = cell.paragraphs[0]
    first._p.style = _style_id(doc, style)
    _add_runs(first, lines[0])
    for line in lines[1:]:
        _add_runs(_new_para(cell, style, doc), line)


def _write_table(doc: Any, table: Table, width_mm: float) -> None:
    if table.caption:
        _para(doc, table.caption, "Appendix Title")
    ncols = len(table.columns)
    header_rows = 2 if table.number_row else 1
    t = doc.add_table(rows=header_rows + len(table.rows), cols=ncols)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    _cell_border(t)
    total = sum(table.widths)
    _set_widths(t, [Mm(width_mm * w / total) for w in table.widths])
    for i, head in enumerate(table.columns):  # header rows: bold, centred, repeated on every page
        _fill_cell(t.rows[0].cells[i], head, "Table Head", doc)
    _repeat_header(t.rows[0])
    if table.number_row:
        for i in range(ncols):
            _fill_cell(t.rows[1].cells[i], str(i + 1), "Table Head", doc)
        _repeat_header(t.rows[1])
    for r, row in enumerate(table.rows):
        trow = t.rows[header_rows + r]
        _cant_split(trow)
        for c, cell in enumerate(row):
            if not cell.merged:
                _fill_cell(trow.cells[c], cell.text, "Table Text", doc)
    # vertical merges: one process with several touchpoints
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if cell.rowspan > 1:
                top = t.cell(header_rows + r, c)
                top.merge(t.cell(header_rows + r + cell.rowspan - 1, c))


def _page_break(doc: Any) -> None:
    _new_para(doc, "Blank Line").add_run().add_break(WD_BREAK.PAGE)


def _new_section(doc: Any, landscape: bool) -> None:
    """A section break to a new page, portrait or landscape; page numbers continue."""
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.different_first_page_header_footer = False
    short, long_ = Mm(A4[0]), Mm(A4[1])
    sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = (long_, short) if landscape else (short, long_)


def _write_appendix(doc: Any, app: Appendix, layout: Layout) -> None:
    landscape_now = doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE
    if app.landscape != landscape_now:
        _new_section(doc, app.landscape)
    else:
        _page_break(doc)
    if app.mark:
        text_width_cm = _text_width(doc) / 10
        for line in app.mark.lines:
            p = _para(doc, line, "Appendix Mark")
            p.paragraph_format.left_indent = Cm(text_width_cm - layout.requisite_width_cm)
        _new_para(doc, "Blank Line")
    for line in app.title_lines:
        if line:
            _para(doc, line, "Appendix Title")
    _new_para(doc, "Blank Line")
    for node in app.body:
        _write_node(doc, node, 0)
    for sub in app.appendices:
        _write_appendix(doc, sub, layout)


def _signature(doc: Any, position: str, person: str) -> None:
    for _ in range(2):
        _new_para(doc, "Blank Line")
    t = doc.add_table(rows=1, cols=2)
    t.autofit = False
    left, right = t.rows[0].cells
    _set_widths(t, [Mm(_text_width(doc) - 70), Mm(70)])
    _fill_cell(left, position, "Signature", doc)
    _fill_cell(right, person, "Signature", doc)
    p = right.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    tc_pr = right._tc.get_or_add_tcPr()
    v = OxmlElement("w:vAlign")
    v.set(qn("w:val"), "bottom")
    tc_pr.append(v)


def _apply_layout(d: Any, layout: Layout) -> None:
    """Margins, fonts and indents from the region profile (ГОСТ Р 7.0.97 by default)."""
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(A4[0]), Mm(A4[1])
    left, right, top, bottom = layout.margins_mm
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Mm(left), Mm(right), Mm(top), Mm(bottom)
    for style in d.styles:
        if style.type != 1:  # paragraph styles only
            continue
        if style.font.name is not None or style.name == "Normal":
            style.font.name = layout.font
            rpr = style.element.get_or_add_rPr()
            rfonts = rpr.find(qn("w:rFonts"))
            if rfonts is not None:
                for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                    rfonts.set(qn(attr), layout.font)
    # the document's language: Russian (PDF /Lang, hyphenation, spell-check)
    defaults = d.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:val"), "ru-RU")
            lang.set(qn("w:eastAsia"), "ru-RU")
    normal = d.styles["Normal"]
    normal.font.size = Pt(layout.font_size)
    normal.paragraph_format.line_spacing = layout.line_spacing
    for name in ("Clause", "Bullet"):
        d.styles[name].paragraph_format.first_line_indent = Cm(layout.first_line_indent_cm)
    for name in ("Clause", "Bullet", "Order Title", "Section Heading", "Appendix Title", "Appendix Mark",
                 "Signature", "Blank Line", "Blank Place"):
        d.styles[name].font.size = Pt(layout.font_size)
    for name in ("Table Text", "Table Head"):
        d.styles[name].font.size = Pt(layout.table_font_size)


def _page_numbers(d: Any) -> None:
    """Page numbers centred in the top margin from page 2 on (none on page 1)."""
    sec = d.sections[0]
    sec.different_first_page_header_footer = True
    header = sec.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.style = d.styles["Blank Place"]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    sec.first_page_header.is_linked_to_previous = False


def _preamble(d: Any, doc: Document) -> None:
    """The preamble and «приказываю:» in the region's style."""
    word = doc.order_word
    style = doc.layout.order_word_style
    p = _para(d, doc.preamble or "", "Clause")
    if style == "caps-line":
        w = _new_para(d, "Blank Line")
        w.add_run(word.upper()).bold = True
        return
    p.add_run(" ")
    run = p.add_run(word)
    run.bold = True
    if style == "spaced":
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), "40")  # 2 pt between letters
        run._r.get_or_add_rPr().append(spacing)


def _draft_mark(d: Any) -> None:
    """«ПРОЕКТ» at the top right of page 1."""
    p = _new_para(d, "Blank Line")
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run("ПРОЕКТ").bold = True
    body = d.element.body
    body.remove(p._p)
    body.insert(0, p._p)


def _approval_sheet(d: Any, doc: Document) -> None:
    """The лист согласования of a draft: who approves it, with date and signature blanks."""
    assert doc.draft is not None
    if d.sections[-1].orientation == WD_ORIENT.LANDSCAPE:
        _new_section(d, landscape=False)
    else:
        _page_break(d)
    _para(d, "ЛИСТ СОГЛАСОВАНИЯ", "Appendix Title")
    what = "проекта приказа" if doc.kind == "order" else "проекта"
    _para(d, f"{what} «{doc.title}»", "Appendix Title")
    _new_para(d, "Blank Line")
    rows = doc.draft.approvals or [("", "")] * 3
    t = d.add_table(rows=1 + len(rows), cols=4)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    _cell_border(t)
    _set_widths(t, [Mm(w) for w in (75, 40, 30, 35)])
    for i, head in enumerate(("Должность", "Инициалы, фамилия", "Дата", "Подпись")):
        _fill_cell(t.rows[0].cells[i], head, "Table Head", d)
    _repeat_header(t.rows[0])
    for r, (position, person) in enumerate(rows, start=1):
        _cant_split(t.rows[r])
        _fill_cell(t.rows[r].cells[0], position, "Table Text", d)
        _fill_cell(t.rows[r].cells[1], person, "Table Text", d)
        _fill_cell(t.rows[r].cells[2], "", "Table Text", d)
        _fill_cell(t.rows[r].cells[3], "", "Table Text", d)
    if doc.draft.prepared_by:
        _new_para(d, "Blank Line")
        position, person = doc.draft.prepared_by
        _para(d, f"Исполнитель: {position} {person}".strip(), "Signature")


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
            if not "".join(p.itertext()).strip() and p.find(qn("w:pPr") + "/" + qn("w:sectPr")) is None:
                body.remove(p)
    _apply_layout(d, doc.layout)
    _page_numbers(d)
    if doc.draft:
        _draft_mark(d)
    if doc.kind == "order":
        _new_para(d, "Blank Line")
        _para(d, doc.title, "Order Title")
        _new_para(d, "Blank Line")
        _preamble(d, doc)
        for node in doc.body:
            _write_node(d, node, 0)
        if doc.signature:
            _signature(d, doc.signature.position, doc.signature.person)
    else:
        for line in doc.title_lines:
            if line:
                _para(d, line, "Appendix Title")
        _new_para(d, "Blank Line")
        for node in doc.body:
            _write_node(d, node, 0)
    for app in doc.appendices:
        _write_appendix(d, app, doc.layout)
    if doc.draft:
        _approval_sheet(d, doc)

    props = d.core_properties
    stamp = dt.datetime.combine(doc.date, dt.time(0, 0))
    props.title = unescape_data(doc.title)
    props.author = unescape_data(doc.author)
    props.last_modified_by = "prikaz"
    props.subject = SUBJECT
    props.keywords = KEYWORDS
    props.language = "ru-RU"
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    return normalise_zip(buf.getvalue())


SUBJECT = "Порядок ведения перечня точек взаимодействия с клиентом"
KEYWORDS = "приказ, порядок, перечень, клиентоцентричность"


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
