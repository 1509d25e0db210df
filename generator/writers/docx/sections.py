"""Sections and pages: a section break to portrait or landscape, page breaks, and page
numbers centred in the top margin from page 2 on."""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from .blocks import paragraph
from .sink import A4, Sink


def sect_xml(sink: Sink, landscape: bool, first: bool) -> str:
    """The properties of a section: the first one is the template's (headers, a different
    first page); later ones inherit the headers and number pages on from the first."""
    sect = etree.fromstring(etree.tostring(sink.doc.element.body[-1]))
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


def page_break(sink: Sink) -> None:
    sink.add(paragraph(sink, (), "Blank Line", page_break=True))


def new_section(sink: Sink, landscape: bool) -> None:
    """A section break to a new page, portrait or landscape; page numbers continue. The
    paragraph that ends a section carries that section's properties."""
    closing = sect_xml(sink, sink.landscape, first=sink.sections == 1)
    sink.add(f"<w:p><w:pPr>{closing}</w:pPr></w:p>")
    sink.landscape, sink.sections = landscape, sink.sections + 1


def new_page(sink: Sink, landscape: bool) -> None:
    """The next part on a new page, in the orientation it needs."""
    if landscape != sink.landscape:
        new_section(sink, landscape)
    else:
        page_break(sink)


def page_numbers(d: Any) -> None:
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
            run.element.append(el)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run.element.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run.element.append(t)
    sec.first_page_header.is_linked_to_previous = False
