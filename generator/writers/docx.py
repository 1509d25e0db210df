"""The DOCX writer: docxtpl renders the blank, python-docx writes the body after it.

Numbers are written as text computed from the tree, never as Word list numbering.
The file is deterministic: fixed zip entry order and timestamps, core properties from
the order's date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.styles.style import StyleFactory
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from ..markup import unescape_data
from ..tree import Appendix, Document, Layout, Node, Table
from . import DEL, DEL_END, INS, INS_END, revision_runs, runs
from .meta import fit

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


class _CachingSandbox(SandboxedEnvironment):
    """docxtpl compiles the same XML of a blank for every document; compile it once."""

    _compiled: ClassVar[dict[str, Any]] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        key = str(source)
        if key not in self._compiled:
            self._compiled[key] = super().from_string(source, globals, template_class)
        return self._compiled[key]


_BLANK_ENV = _CachingSandbox(autoescape=True)
A4 = (210.0, 297.0)


def _style_id(doc: Any, name: str) -> str:
    """The style id of a paragraph style, looked up once per document (python-docx scans
    every style on each lookup by name)."""
    ids = getattr(doc, "_prikaz_style_ids", None)
    if ids is None:
        ids = {s.name: s.style_id for s in doc.styles}
        doc._prikaz_style_ids = ids
    return str(ids[name])


# The body is written as XML fragments into a buffer and parsed once (python-docx's
# object model costs far more per paragraph); _flush() runs before any python-docx call
# that adds to the body.

def _buffer(doc: Any) -> list[str]:
    buf = getattr(doc, "_prikaz_buffer", None)
    if buf is None:
        buf = []
        doc._prikaz_buffer = buf
    return buf


def _finish(doc: Any) -> bytes:
    """The document part with the buffered body, as bytes: serialise the document once and
    splice the buffer in before the body's final sectPr. The result is written into the
    package as it is — never parsed back (moving parsed subtrees into the document costs
    lxml a namespace walk over every node, and a parse and a second serialisation of a
    large register cost more than everything else the writer does)."""
    state = _state(doc)
    body = doc.element.body
    final = body[-1]
    if state["sections"] > 1:  # the last section's own properties
        last = parse_xml(_sect_xml(doc, state["landscape"], first=False))
        body.remove(final)
        body.append(last)
    xml = str(etree.tostring(doc.element, encoding="unicode"))
    cut = xml.rfind("<w:sectPr")
    xml = xml[:cut] + "".join(_buffer(doc)) + xml[cut:]
    if "PRIKAZ-REV" in xml:  # tracked changes: every one its own id
        counter = iter(range(1, 1 << 30))
        xml = re.sub("PRIKAZ-REV", lambda _m: str(next(counter)), xml)
    _buffer(doc).clear()
    return XML_DECLARATION + xml.encode("utf-8")


XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


def _state(doc: Any) -> dict[str, Any]:
    state = getattr(doc, "_prikaz_state", None)
    if state is None:
        state = {"landscape": False, "sections": 1}
        doc._prikaz_state = state
    return state


def _sect_xml(doc: Any, landscape: bool, first: bool) -> str:
    """The properties of a section: the first one is the template's (headers, a different
    first page); later ones inherit the headers and number pages on from the first."""
    sect = etree.fromstring(etree.tostring(doc.element.body[-1]))
    if not first:
        for tag in ("w:headerReference", "w:footerReference", "w:titlePg"):
            for el in sect.findall(qn(tag)):
                sect.remove(el)
        pg = sect.find(qn("w:pgSz"))
        short, long_ = str(int(Mm(A4[0]).twips)), str(int(Mm(A4[1]).twips))
        pg.set(qn("w:w"), long_ if landscape else short)
        pg.set(qn("w:h"), short if landscape else long_)
        if landscape:
            pg.set(qn("w:orient"), "landscape")
        elif pg.get(qn("w:orient")) is not None:
            del pg.attrib[qn("w:orient")]
    return str(etree.tostring(sect, encoding="unicode"))


def _p_xml(doc: Any, text: str, style: str, bold: bool = False, first_line_twips: int | None = None,
           left_twips: int | None = None, align: str | None = None, page_break: bool = False,
           prefix_runs: str = "") -> str:
    ind = ""
    if first_line_twips is not None or left_twips is not None:
        attrs = (f' w:left="{left_twips}"' if left_twips is not None else "") + (
            f' w:firstLine="{first_line_twips}"' if first_line_twips is not None else "")
        ind = f"<w:ind{attrs}/>"
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    body = '<w:r><w:br w:type="page"/></w:r>' if page_break else prefix_runs + _runs_xml(text, bold)
    whole = _whole_revision(text) if (INS in text or DEL in text) and not prefix_runs else None
    mark = f"<w:rPr><w:{whole} {REVISION_ATTRS}/></w:rPr>" if whole else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{_style_id(doc, style)}"/>{ind}{jc}{mark}</w:pPr>{body}</w:p>'


def _para(doc: Any, text: str, style: str, bold: bool = False, **fmt: Any) -> None:
    _buffer(doc).append(_p_xml(doc, text, style, bold, **fmt))


def _blank(doc: Any) -> None:
    _para(doc, "", "Blank Line")


def _text_width(doc: Any) -> float:
    sec = doc.sections[0]
    page = A4[1] if _state(doc)["landscape"] else A4[0]
    return page - float((sec.left_margin + sec.right_margin) / Mm(1))


def _revised(node: Node, text: str) -> str:
    """A unit inserted or deleted as a whole: its paragraph as one tracked change."""
    if node.revision == "ins":
        return f"{INS}{text}{INS_END}"
    if node.revision == "del":
        return f"{DEL}{text}{DEL_END}"
    return text


def _write_node(doc: Any, node: Node, depth: int) -> None:
    if node.kind == "section":
        _para(doc, _revised(node, f"{node.number} {node.text}" if node.number else node.text), "Section Heading")
        for child in node.children:
            _write_node(doc, child, 0)
        for note in node.notes:
            _para(doc, note, "Clause")
        return
    if node.kind == "table" and node.table:
        _write_table(doc, node.table, _text_width(doc))
        return
    prefix = f"{node.number} " if node.number else ""
    if node.kind == "bullet":
        indent = int(Cm(1.25 + 0.75 * depth).twips) if depth else None
        _para(doc, _revised(node, f"– {node.text}"), "Bullet", first_line_twips=indent)
    elif node.kind == "definition" and node.revision is None:
        term = f'<w:r><w:t xml:space="preserve">{_xml_text(prefix)}</w:t></w:r>' if prefix else ""
        term_text = _xml_text(unescape_data(node.term or ""))
        term += f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{term_text}</w:t></w:r>'
        _para(doc, f" – {node.text}", "Clause", prefix_runs=term)
    elif node.kind == "definition":
        _para(doc, _revised(node, f"{prefix}**{node.term or ''}** – {node.text}"), "Clause")
    else:
        _para(doc, _revised(node, prefix + node.text), "Clause")
    for child in node.children:
        _write_node(doc, child, depth + 1 if node.kind == "bullet" else depth)
    for note in node.notes:
        _para(doc, note, "Clause")


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _xml_text(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\t", " ").replace("\r", " "))


REVISION_ATTRS = 'w:id="PRIKAZ-REV" w:author="prikaz"'


@lru_cache(maxsize=65536)
def _runs_xml(text: str, all_bold: bool = False) -> str:
    if INS not in text and DEL not in text:
        return _plain_runs_xml(text, all_bold)
    out = []
    for piece, rev in revision_runs(text):
        if rev is None:
            out.append(_plain_runs_xml(piece, all_bold))
        elif rev == "ins":
            out.append(f"<w:ins {REVISION_ATTRS}>{_plain_runs_xml(piece, all_bold)}</w:ins>")
        else:
            runs_xml = (_plain_runs_xml(piece, all_bold).replace("<w:t ", "<w:delText ")
                        .replace("</w:t>", "</w:delText>"))
            out.append(f"<w:del {REVISION_ATTRS}>{runs_xml}</w:del>")
    return "".join(out)


def _plain_runs_xml(text: str, all_bold: bool = False) -> str:
    out = []
    for chunk, bold in runs(text):
        rpr = "<w:rPr><w:b/></w:rPr>" if bold or all_bold else ""
        out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{_xml_text(chunk)}</w:t></w:r>')
    return "".join(out)


def _whole_revision(text: str) -> str | None:
    """«ins» or «del» when the whole paragraph was inserted or deleted."""
    pieces = revision_runs(text)
    kinds = {rev for t, rev in pieces if t}
    return next(iter(kinds)) if len(kinds) == 1 and None not in kinds else None


def _cell_xml(text: str, width: int, style_id: str, merge: str | None = None) -> str:
    merge_xml = {None: "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}[merge]
    paras = "".join(f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{_runs_xml(line)}</w:p>'
                    for line in (text.split("\n") if text else [""]))
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge_xml}</w:tcPr>{paras}</w:tc>'


def _write_table(doc: Any, table: Table, width_mm: float) -> None:
    """The register table as one XML fragment (python-docx's cell objects are quadratic in
    the number of rows): header rows repeated on every page, rows that do not split,
    merged number and process cells where a process has several touchpoints."""
    if table.caption:
        _para(doc, table.caption, "Appendix Title")
    total = sum(table.widths)
    widths = [int(Mm(width_mm * w / total).twips) for w in table.widths]
    head_id, text_id = _style_id(doc, "Table Head"), _style_id(doc, "Table Text")
    borders = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
             f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>',
             *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>"]
    header_rows = [table.columns] + ([[str(i + 1) for i in range(len(table.columns))]] if table.number_row else [])
    for row in header_rows if table.header else []:
        parts.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
        parts.extend(_cell_xml(text, w, head_id) for text, w in zip(row, widths, strict=True))
        parts.append("</w:tr>")
    for k, cells in enumerate(table.rows):
        rev = table.revisions.get(k)
        parts.append("<w:tr><w:trPr><w:cantSplit/>" + (f"<w:{rev} {REVISION_ATTRS}/>" if rev else "") + "</w:trPr>")
        for cell, w in zip(cells, widths, strict=True):
            merge = "continue" if cell.merged else ("restart" if cell.rowspan > 1 else None)
            text = "\n".join(x for x in [cell.text, *cell.notes] if x) if cell.notes else cell.text
            parts.append(_cell_xml("" if cell.merged else text, w, text_id, merge))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    _buffer(doc).append("".join(parts).replace(f' xmlns:w="{W_NS}"', "", 1))


def _page_break(doc: Any) -> None:
    _para(doc, "", "Blank Line", page_break=True)


def _new_section(doc: Any, landscape: bool) -> None:
    """A section break to a new page, portrait or landscape; page numbers continue. The
    paragraph that ends a section carries that section's properties."""
    state = _state(doc)
    closing = _sect_xml(doc, state["landscape"], first=state["sections"] == 1)
    _buffer(doc).append(f"<w:p><w:pPr>{closing}</w:pPr></w:p>")
    state["landscape"], state["sections"] = landscape, state["sections"] + 1


def _write_appendix(doc: Any, app: Appendix, layout: Layout) -> None:
    if app.landscape != _state(doc)["landscape"]:
        _new_section(doc, app.landscape)
    else:
        _page_break(doc)
    if app.mark:
        left = int(Cm(_text_width(doc) / 10 - layout.requisite_width_cm).twips)
        for line in app.mark.lines:
            _para(doc, line, "Appendix Mark", left_twips=left)
        _blank(doc)
    for line in app.title_lines:
        if line:
            _para(doc, line, "Appendix Title")
    for note in app.notes:
        _para(doc, note, "Appendix Title")
    _blank(doc)
    for node in app.body:
        _write_node(doc, node, 0)
    for sub in app.appendices:
        _write_appendix(doc, sub, layout)


def _plain_table_xml(doc: Any, widths_mm: list[float], rows: list[list[str]], style: str,
                     borders: bool, header_rows: int = 0, right_last: bool = False) -> str:
    """A small table as XML: the signature block (no borders) or the лист согласования."""
    widths = [int(Mm(w).twips) for w in widths_mm]
    border_xml = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                         for e in ("top", "left", "bottom", "right", "insideH", "insideV")) if borders else ""
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
           + (f"<w:tblBorders>{border_xml}</w:tblBorders>" if borders else "")
           + '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
    for r, row in enumerate(rows):
        head = r < header_rows
        out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if head else "") + "</w:trPr>")
        for c, (text, w) in enumerate(zip(row, widths, strict=True)):
            last = right_last and c == len(row) - 1
            valign = '<w:vAlign w:val="bottom"/>' if last else ""
            jc = "right" if last else None
            cell_style = "Table Head" if head else style
            paras = "".join(_p_xml(doc, line, cell_style, align=jc) for line in (text.split("\n") or [""]))
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{valign}</w:tcPr>{paras}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _signature(doc: Any, position: str, person: str) -> None:
    """Position on the left, «И.О. Фамилия» flush right on the line of its last line."""
    for _ in range(2):
        _blank(doc)
    width = _text_width(doc)
    _buffer(doc).append(_plain_table_xml(doc, [width - 70, 70], [[position, person]], "Signature",
                                         borders=False, right_last=True))


OUR_STYLES = ("Normal", "Blank Name", "Blank Type", "Blank Line", "Blank Place", "Order Title", "Section Heading",
              "Clause", "Bullet", "Appendix Mark", "Appendix Title", "Signature", "Table Text", "Table Head")


def _apply_layout(d: Any, layout: Layout) -> None:
    """Margins, fonts and indents from the region profile (ГОСТ Р 7.0.97 by default)."""
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(A4[0]), Mm(A4[1])
    left, right, top, bottom = layout.margins_mm
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Mm(left), Mm(right), Mm(top), Mm(bottom)
    by_name = {el.name_val: el for el in d.styles.element.iterchildren(qn("w:style"))}
    styles: dict[str, Any] = {name: StyleFactory(by_name[name]) for name in OUR_STYLES}
    for style in styles.values():
        if style.font.name is not None or style.name == "Normal":
            style.font.name = layout.font
            rfonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
            if rfonts is not None:
                for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                    rfonts.set(qn(attr), layout.font)
    # the document's language: Russian (PDF /Lang, hyphenation, spell-check)
    defaults = d.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:val"), "ru-RU")
            lang.set(qn("w:eastAsia"), "ru-RU")
    styles["Normal"].font.size = Pt(layout.font_size)
    styles["Normal"].paragraph_format.line_spacing = layout.line_spacing
    for name in ("Clause", "Bullet"):
        styles[name].paragraph_format.first_line_indent = Cm(layout.first_line_indent_cm)
    for name in ("Clause", "Bullet", "Order Title", "Section Heading", "Appendix Title", "Appendix Mark",
                 "Signature", "Blank Line", "Blank Place"):
        styles[name].font.size = Pt(layout.font_size)
    for name in ("Table Text", "Table Head"):
        styles[name].font.size = Pt(layout.table_font_size)


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
    if style == "caps-line":
        _para(d, doc.preamble or "", "Clause")
        _para(d, word.upper(), "Blank Line", bold=True)
        return
    spacing = '<w:spacing w:val="40"/>' if style == "spaced" else ""  # 2 pt between letters
    word_run = (f'<w:r><w:t xml:space="preserve"> </w:t></w:r><w:r><w:rPr><w:b/>{spacing}</w:rPr>'
                f'<w:t xml:space="preserve">{_xml_text(word)}</w:t></w:r>')
    _buffer(d).append(_p_xml(d, doc.preamble or "", "Clause")[: -len("</w:p>")] + word_run + "</w:p>")


def _draft_mark(d: Any) -> None:
    """«ПРОЕКТ» at the top right of page 1."""
    xml = _p_xml(d, "ПРОЕКТ", "Blank Line", bold=True, align="right")
    d.element.body.insert(0, parse_xml(xml.replace("<w:p>", f'<w:p xmlns:w="{W_NS}">', 1)))


def _approval_sheet(d: Any, doc: Document) -> None:
    """The лист согласования of a draft: who approves it, with date and signature blanks."""
    assert doc.draft is not None
    if _state(d)["landscape"]:
        _new_section(d, landscape=False)
    else:
        _page_break(d)
    _para(d, "ЛИСТ СОГЛАСОВАНИЯ", "Appendix Title")
    what = "проекта приказа" if doc.kind == "order" else "проекта"
    _para(d, f"{what} «{doc.title}»", "Appendix Title")
    _blank(d)
    rows = [["Должность", "Инициалы, фамилия", "Дата", "Подпись"]]
    rows += [[position, person, "", ""] for position, person in (doc.draft.approvals or [("", "")] * 3)]
    _buffer(d).append(_plain_table_xml(d, [75, 40, 30, 35], rows, "Table Text", borders=True, header_rows=1))
    if doc.draft.prepared_by:
        _blank(d)
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
        tpl.render(ctx, jinja_env=_BLANK_ENV, autoescape=True)
    else:
        tpl = DocxTemplate(str(TEMPLATES / "plain.docx"))
        tpl.render({}, jinja_env=_BLANK_ENV, autoescape=True)
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
        _blank(d)
        _para(d, doc.title, "Order Title")
        for note in doc.notes:
            _para(d, note, "Appendix Title")
        _blank(d)
        _preamble(d, doc)
        for node in doc.body:
            _write_node(d, node, 0)
        if doc.signature:
            _signature(d, doc.signature.position, doc.signature.person)
    else:
        for line in doc.title_lines:
            if line:
                _para(d, line, "Appendix Title")
        _blank(d)
        for node in doc.body:
            _write_node(d, node, 0)
    for app in doc.appendices:
        _write_appendix(d, app, doc.layout)
    if doc.draft:
        _approval_sheet(d, doc)
    document_xml = _finish(d)

    props = d.core_properties
    stamp = dt.datetime.combine(doc.date, dt.time(0, 0))
    props.title = fit(unescape_data(doc.title))  # the text keeps the whole title; the metadata what fits
    props.author = fit(unescape_data(doc.author))
    props.last_modified_by = "prikaz"
    props.subject = SUBJECT
    props.keywords = KEYWORDS
    props.language = "ru-RU"
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    return save_deterministic(d, document_xml)


SUBJECT = "Порядок ведения перечня точек взаимодействия с клиентом"
KEYWORDS = "приказ, порядок, перечень, клиентоцентричность"


class _FixedTimeZip:
    """python-docx's package writer, into a zip whose entries carry a fixed timestamp."""

    def __init__(self, stream: io.BytesIO) -> None:
        self._zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        # Level 1: the parts are XML that deflates well at any level; the default level 6
        # cost a quarter of the writer's time for a size gain of a few per cent.
        self._zip.writestr(info, blob, compresslevel=1)

    def close(self) -> None:
        self._zip.close()


def save_deterministic(d: Any, document_xml: bytes | None = None) -> bytes:
    """The same document, the same bytes: fixed zip timestamps, python-docx's part order;
    ``document_xml`` replaces the serialisation of the main document part."""
    package = d.part.package
    for part in package.parts:
        part.before_marshal()
    buf = io.BytesIO()
    writer: Any = _FixedTimeZip(buf)
    package_writer: Any = PackageWriter
    package_writer._write_content_types_stream(writer, package.parts)
    package_writer._write_pkg_rels(writer, package.rels)
    for part in package.parts:  # as PackageWriter._write_parts, with the main part given
        writer.write(part.partname, document_xml if document_xml and part is d.part else part.blob)
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    writer.close()
    return buf.getvalue()
