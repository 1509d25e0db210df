"""The DOCX writer: docxtpl renders the blank, the body is written after it as XML.

By concept, as pandoc's Writers/Docx: styles (styles.py), paragraphs (blocks.py), the
tree's units (units.py), tables (tables.py), sections and pages (sections.py), inline
runs and tracked changes (runs.py), the package (package.py). The file is deterministic:
fixed zip entry order and timestamps, core properties from the order's date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Mm
from jinja2.sandbox import SandboxedEnvironment

from ...inline import text
from ...tree import Appendix, Document, Layout
from ..meta import fit
from .blocks import blank_line, order_word_run, para, paragraph
from .emblem import emblem_markup
from .package import document_part, save
from .sections import new_page, new_section, page_break
from .sink import Sink
from .tables import plain_table
from .template import open_template
from .units import unit
from .xml import W_NS

SUBJECT = "Порядок ведения перечня точек взаимодействия с клиентом"
KEYWORDS = "приказ, порядок, перечень, клиентоцентричность"


class _CachingSandbox(SandboxedEnvironment):
    """docxtpl compiles the same XML of a blank for every document; compile it once."""

    _compiled: ClassVar[dict[str, Any]] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        key = str(source)
        if key not in self._compiled:
            self._compiled[key] = super().from_string(source, globals, template_class)
        return self._compiled[key]


_BLANK_ENV = _CachingSandbox(autoescape=True)


def _template(doc: Document) -> tuple[Any, dict[str, str]]:
    """The blank (or a plain page for a standalone Порядок), set for the document's layout
    and rendered, and its style ids."""
    if doc.blank:
        b = doc.blank
        tpl, ids = open_template("blank-bilingual.docx" if b.alt_name_lines else "blank-single.docx", doc.layout)
        tpl.render({"blank": {
            "federation_line": b.federation_line, "name_lines": b.name_lines, "alt_name_lines": b.alt_name_lines,
            "doc_type": b.doc_type, "date_text": b.date_text, "number_text": b.number_text,
            "date_number_layout": b.date_number_layout, "place": b.place,
            "alt_doc_type": b.alt_doc_type, "alt_place": b.alt_place, "alt_lang": b.alt_lang or "ru-RU",
        }, "emblem": emblem_markup(tpl.get_docx(), b.emblem)}, jinja_env=_BLANK_ENV, autoescape=True)
        return tpl.docx, ids
    tpl, ids = open_template("plain.docx", doc.layout)
    tpl.render({}, jinja_env=_BLANK_ENV, autoescape=True)
    body = tpl.docx.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
        if not "".join(p.itertext()).strip() and p.find(qn("w:pPr") + "/" + qn("w:sectPr")) is None:
            body.remove(p)
    return tpl.docx, ids


def _appendix(sink: Sink, app: Appendix, layout: Layout) -> None:
    new_page(sink, app.landscape)
    if app.mark:
        left = int(Cm(sink.text_width_mm() / 10 - layout.requisite_width_cm).twips)
        for line in app.mark.lines:
            para(sink, line, "Appendix Mark", left_twips=left)
        blank_line(sink)
    for line in app.title_lines:
        if line:
            para(sink, line, "Appendix Title")
    for note in app.notes:
        para(sink, note, "Appendix Title")
    blank_line(sink)
    for node in app.body:
        unit(sink, node, 0)
    for sub in app.appendices:
        _appendix(sink, sub, layout)


def _signature(sink: Sink, position: str, person: str) -> None:
    """Position on the left, «И.О. Фамилия» flush right on the line of its last line."""
    blank_line(sink)
    blank_line(sink)
    plain_table(sink, [sink.text_width_mm() - 70, 70], [[position, person]], "Signature", borders=False,
                right_last=True)


def _preamble(sink: Sink, doc: Document) -> None:
    """The preamble and «приказываю:» in the region's style."""
    word = doc.order_word
    if word.own_line:
        para(sink, doc.preamble or "", "Clause")
        para(sink, word.text, "Blank Line", bold=True)
        return
    sink.add(paragraph(sink, text(doc.preamble or ""), "Clause", tail=order_word_run(word.text, word.spaced)))


def _draft_mark(sink: Sink, mark: str) -> None:
    """«ПРОЕКТ» at the top right of page 1."""
    xml = paragraph(sink, text(mark), "Blank Line", bold=True, align="right")
    sink.doc.element.body.insert(0, parse_xml(xml.replace("<w:p>", f'<w:p xmlns:w="{W_NS}">', 1)))


def _approval_sheet(sink: Sink, doc: Document) -> None:
    """The лист согласования of a draft: who approves it, with date and signature blanks."""
    if doc.draft is None:
        return
    if sink.landscape:
        new_section(sink, landscape=False)
    else:
        page_break(sink)
    for line in doc.draft.sheet_title:
        para(sink, line, "Appendix Title")
    blank_line(sink)
    plain_table(sink, [75, 40, 30, 35], [list(doc.draft.columns), *doc.draft.rows()], "Table Text", borders=True,
                header_rows=1)
    prepared = doc.draft.prepared_line()
    if prepared:
        blank_line(sink)
        para(sink, prepared, "Signature")


def _body(sink: Sink, doc: Document) -> None:
    if doc.kind == "order":
        blank_line(sink)
        para(sink, doc.title_redline if doc.title_redline is not None else doc.title, "Order Title")
        for note in doc.notes:
            para(sink, note, "Appendix Title")
        blank_line(sink)
        _preamble(sink, doc)
    else:
        for line in doc.title_lines:
            if line:
                para(sink, line, "Appendix Title")
        blank_line(sink)
    for node in doc.body:
        unit(sink, node, 0)
    if doc.kind == "order" and doc.signature:
        _signature(sink, doc.signature.position, doc.signature.person)


def _properties(d: Any, doc: Document) -> None:
    props = d.core_properties
    stamp = dt.datetime.combine(doc.date, dt.time(0, 0))
    props.title = fit(doc.title)  # the text keeps the whole title; the metadata what fits
    props.author = fit(doc.author)
    props.last_modified_by = "prikaz"
    props.subject = SUBJECT
    props.keywords = KEYWORDS
    props.language = "ru-RU"
    props.created = stamp
    props.modified = stamp
    props.revision = 1


def build(doc: Document) -> bytes:
    """The DOCX of a composed document, as bytes."""
    d, ids = _template(doc)
    sec = d.sections[0]
    sink = Sink(d, ids, float((sec.left_margin + sec.right_margin) / Mm(1)))
    if doc.draft:
        _draft_mark(sink, doc.draft.mark)
    _body(sink, doc)
    for app in doc.appendices:
        _appendix(sink, app, doc.layout)
    _approval_sheet(sink, doc)
    document_xml = document_part(sink)
    _properties(d, doc)
    return save(d, document_xml)
