"""The PDF for signing, typeset by Typst from the tree (not a rendering of the DOCX).

By concept, as the DOCX writer: the settings and styles (page.py), the blank
(blank.py), paragraphs (blocks.py), the tree's units (units.py), tables (tables.py),
inline content and escaping (markup.py), the typeface (fonts.py), the compiler
(compiler.py). The PDF is PDF/A-2b with the metadata of the DOCX, dated with the
order's date: the same tree gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ...inline import text
from ...tree import Appendix, Document
from . import compiler, typesetter
from .blank import blank
from .blocks import GAP, centered, mark, paragraph, requisite
from .fonts import font_folder
from .markup import body_text, escape, string
from .page import preamble
from .tables import approval_table, signature
from .units import unit

# Where an appendix (or the лист согласования) begins: its page number, for the previews.
APPENDIX_LABEL = "prikaz-appendix"
_PAGE_MARK = f"#context [#metadata(here().page()) <{APPENDIX_LABEL}>]\n"


def _order_word(doc: Document) -> str:
    """The preamble and «приказываю:» in the region's style."""
    word = doc.order_word
    preamble = body_text(doc.preamble or "")
    if word.own_line:
        return paragraph(preamble) + requisite([word.text], bold=True)
    tracking = ", tracking: 2pt" if word.spaced else ""
    return paragraph(f'{preamble} #text(weight: "bold"{tracking})[{escape(word.text)}];')


def _body(doc: Document) -> list[str]:
    out: list[str] = []
    if doc.kind == "order":
        out += [GAP, centered(doc.title_redline if doc.title_redline is not None else text(doc.title))]
        out += [centered(note) for note in doc.notes]
        out += [GAP, _order_word(doc)]
    else:
        out += [centered(line) for line in doc.title_lines if line]
        out.append(GAP)
    for node in doc.body:
        unit(out, node, 0, doc.layout)
    if doc.kind == "order" and doc.signature:
        out += [GAP, GAP, signature(doc.signature.position, doc.signature.person)]
    return out


def _appendix(out: list[str], app: Appendix, doc: Document) -> None:
    """Every appendix on a new page (landscape for a wide register); its sub-appendices after it."""
    out.append(f"#page(flipped: {'true' if app.landscape else 'false'})[\n{_PAGE_MARK}")
    if app.mark:
        out += [mark(app.mark.lines), GAP]
    out += [centered(line) for line in app.title_lines if line]
    out += [centered(note) for note in app.notes]
    out.append(GAP)
    for node in app.body:
        unit(out, node, 0, doc.layout, app.landscape)
    out.append("]\n")
    for sub in app.appendices:
        _appendix(out, sub, doc)


def _approval_sheet(doc: Document) -> list[str]:
    if doc.draft is None:
        return []
    out = ["#page(flipped: false)[\n", _PAGE_MARK, *(centered(line) for line in doc.draft.sheet_title), GAP,
           approval_table(doc.draft.columns, doc.draft.rows())]
    prepared = doc.draft.prepared_line()
    if prepared:
        out += [GAP, requisite([prepared])]
    return [*out, "]\n"]


def source(doc: Document, family: str) -> str:
    """The Typst source of a composed document."""
    out = [preamble(doc, family)]
    if doc.draft:
        out.append(requisite([doc.draft.mark], bold=True, align="right"))
    if doc.blank:
        out.append(blank(doc.blank))
    out += _body(doc)
    for app in doc.appendices:
        _appendix(out, app, doc)
    out += _approval_sheet(doc)
    return "".join(out)


# The face is looked up in the typesetter (the lookup loads Typst, which the caller must not:
# a process that has it can no longer fork its workers). The source is written here with
# this stand-in for the family's name, which no text of a document can hold (a NUL), and
# the typesetter puts the name in: sending the source instead of the tree saves pickling it
# (15–30 ms each way for a 300-row register, measured).
_FAMILY = "\x00family\x00"


def build(doc: Document) -> bytes:
    """The PDF of a composed document, as bytes (typeset in the typesetter process, within
    its time limit: typesetter.py)."""
    data: bytes = typesetter.run(_pdf, source(doc, _FAMILY), doc.layout.font, doc.date, tag=doc.slug, what="PDF")
    return data


def pages_png(doc: Document, ppi: float) -> tuple[list[bytes], list[int]]:
    """Every page of the document as PNG, and the numbers of the pages where its appendices
    (and the лист согласования) begin."""
    pages: tuple[list[bytes], list[int]] = typesetter.run(_png, source(doc, _FAMILY), doc.layout.font, ppi,
                                                          tag=doc.slug, what="страницы превью")
    return pages


def _with_family(src: str, font: str) -> tuple[str, Path]:
    """The source with the face of the profile's ``font`` named, and its folder (in the typesetter)."""
    family, fonts = font_folder(font)
    return src.replace(string(_FAMILY), string(family), 1), fonts


def _pdf(src: str, font: str, when: dt.date) -> bytes:  # in the typesetter
    full, fonts = _with_family(src, font)
    return compiler.pdf(full, when, fonts)


def _png(src: str, font: str, ppi: float) -> tuple[list[bytes], list[int]]:  # in the typesetter
    full, fonts = _with_family(src, font)
    return compiler.png(full, fonts, ppi, APPENDIX_LABEL)
