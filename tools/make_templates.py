"""Build the DOCX templates in templates/: the styles, the page and the blanks.

The blanks carry docxtpl tags ({{ blank.… }}, {%p … %}); python-docx writes the body of
each order after them. Run after changing the layout: ``python tools/make_templates.py``.
The output is deterministic (fixed zip timestamps), so the committed files only change
when this script does.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
FONT = "Times New Roman"


def _set_font(style_font: object, size: float, bold: bool | None = None) -> None:
    f = style_font
    f.name = FONT  # type: ignore[attr-defined]
    f.size = Pt(size)  # type: ignore[attr-defined]
    if bold is not None:
        f.bold = bold  # type: ignore[attr-defined]


def _rfonts_all(style: object) -> None:
    rpr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)


def base_document() -> DocxDocument:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin, sec.right_margin = Mm(20), Mm(10)
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
    sec.header_distance, sec.footer_distance = Mm(10), Mm(10)

    styles = doc.styles
    normal = styles["Normal"]
    _set_font(normal.font, 14)
    _rfonts_all(normal)
    pf = normal.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Cm(1.25)
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    pf.widow_control = True
    # language of the text: Russian (hyphenation and spell-check in Word/LibreOffice)
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "ru-RU")
    lang.set(qn("w:eastAsia"), "ru-RU")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)

    def pstyle(name: str, align: WD_ALIGN_PARAGRAPH, indent: float | None = None,
               left: float | None = None, size: float = 14, bold: bool = False,
               keep_next: bool = False) -> None:
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        st.font.size = Pt(size)
        st.font.bold = bold
        st.paragraph_format.alignment = align
        st.paragraph_format.first_line_indent = Cm(indent) if indent is not None else Cm(0)
        if left is not None:
            st.paragraph_format.left_indent = Cm(left)
        st.paragraph_format.keep_with_next = keep_next

    pstyle("Blank Name", WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    pstyle("Blank Type", WD_ALIGN_PARAGRAPH.CENTER, size=16, bold=True)
    pstyle("Blank Line", WD_ALIGN_PARAGRAPH.LEFT)
    pstyle("Blank Place", WD_ALIGN_PARAGRAPH.CENTER)
    pstyle("Order Title", WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep_next=True)
    pstyle("Section Heading", WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep_next=True)
    pstyle("Clause", WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1.25)
    pstyle("Bullet", WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1.25)
    pstyle("Appendix Mark", WD_ALIGN_PARAGRAPH.LEFT, left=10.0)
    pstyle("Appendix Title", WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep_next=True)
    pstyle("Signature", WD_ALIGN_PARAGRAPH.LEFT)
    pstyle("Table Text", WD_ALIGN_PARAGRAPH.LEFT, size=12)
    pstyle("Table Head", WD_ALIGN_PARAGRAPH.CENTER, size=12, bold=True)
    return doc


KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Header", "Footer"}


def prune(doc: DocxDocument) -> None:
    """Drop what python-docx's default template carries and no order uses: ~800 KB of
    latent and table styles, stylesWithEffects.xml and the thumbnail. Every document
    parses and writes these parts, so they cost time on every build."""
    styles = doc.styles.element
    ours = {s.name for s in doc.styles if s.name and s.name not in KEEP_STYLES and s.type == 1
            and s.base_style is not None and s.base_style.name == "Normal"}
    for st in list(styles.iterchildren(qn("w:style"))):
        if st.name_val not in KEEP_STYLES | ours:
            styles.remove(st)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[rid]


def _p(container: object, text: str, style: str) -> object:
    return container.add_paragraph(text, style=style)  # type: ignore[attr-defined]


def _emblem(doc: DocxDocument) -> None:
    """The coat of arms centred above the name (the writer gives ``emblem`` as a drawing)."""
    _p(doc, "{%p if emblem %}", "Blank Name")
    _p(doc, "{{ emblem }}", "Blank Name")
    _p(doc, "", "Blank Place")
    _p(doc, "{%p endif %}", "Blank Name")


def _second_language(paragraph: object) -> None:
    """The runs of a second-language text carry its language (blank.alt_lang: tt-RU, alt-RU),
    so that Word checks them as that language, not as misspelt Russian."""
    for run in paragraph.runs:  # type: ignore[attr-defined]
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "{{ blank.alt_lang }}")
        run.element.get_or_add_rPr().append(lang)


def _pair(doc: DocxDocument, left: str, right: str, style: str) -> None:
    """Two texts side by side in a borderless table: Russian on the left, the second language right."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, words, alt in zip(table.rows[0].cells, (left, right), (False, True), strict=True):
        cell.width = Mm(90)
        first = cell.paragraphs[0]
        first.text = words
        first.style = doc.styles[style]
        if alt:
            _second_language(first)


def blank_single() -> DocxDocument:
    doc = base_document()
    _emblem(doc)
    _p(doc, "{%p if blank.federation_line %}", "Blank Name")
    _p(doc, "{{ blank.federation_line }}", "Blank Place")
    _p(doc, "", "Blank Place")
    _p(doc, "{%p endif %}", "Blank Name")
    _p(doc, "{%p for line in blank.name_lines %}", "Blank Name")
    _p(doc, "{{ line }}", "Blank Name")
    _p(doc, "{%p endfor %}", "Blank Name")
    _requisites(doc)
    return doc


def blank_bilingual() -> DocxDocument:
    doc = base_document()
    _emblem(doc)
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, key in zip(table.rows[0].cells, ("name_lines", "alt_name_lines"), strict=True):
        cell.width = Mm(90)
        first = cell.paragraphs[0]
        first.text = f"{{%p for line in blank.{key} %}}"
        first.style = doc.styles["Blank Name"]
        line = _p(cell, "{{ line }}", "Blank Name")
        if key == "alt_name_lines":
            _second_language(line)
        _p(cell, "{%p endfor %}", "Blank Name")
    _requisites(doc, bilingual=True)
    return doc


def _requisites(doc: DocxDocument, bilingual: bool = False) -> None:
    _p(doc, "", "Blank Place")
    if bilingual:  # ПРИКАЗ / БОЕРЫК side by side where the region writes both
        _p(doc, "{%p if blank.alt_doc_type %}", "Blank Type")
        _pair(doc, "{{ blank.doc_type }}", "{{ blank.alt_doc_type }}", "Blank Type")
        _p(doc, "{%p else %}", "Blank Type")
    _p(doc, "{{ blank.doc_type }}", "Blank Type")
    if bilingual:
        _p(doc, "{%p endif %}", "Blank Type")
    _p(doc, "", "Blank Place")
    _p(doc, "{%p if blank.date_number_layout == 'same-line' %}", "Blank Line")
    line = _p(doc, "{{ blank.date_text }}\t{{ blank.number_text }}", "Blank Line")
    line.paragraph_format.tab_stops.add_tab_stop(Mm(180), WD_TAB_ALIGNMENT.RIGHT)  # type: ignore[attr-defined]
    _p(doc, "{%p else %}", "Blank Line")
    _p(doc, "{{ blank.date_text }}", "Blank Line")
    _p(doc, "{{ blank.number_text }}", "Blank Line")
    _p(doc, "{%p endif %}", "Blank Line")
    if bilingual:  # «г. Казань» / «Казан шәһәре»
        _p(doc, "{%p if blank.alt_place %}", "Blank Place")
        _pair(doc, "{{ blank.place }}", "{{ blank.alt_place }}", "Blank Place")
        _p(doc, "{%p elif blank.place %}", "Blank Place")
    else:
        _p(doc, "{%p if blank.place %}", "Blank Place")
    _p(doc, "{{ blank.place }}", "Blank Place")
    _p(doc, "{%p endif %}", "Blank Place")


def plain() -> DocxDocument:
    doc = base_document()
    return doc


def save_deterministic(doc: DocxDocument, path: Path) -> None:
    prune(doc)
    buf = io.BytesIO()
    doc.core_properties.author = "prikaz"
    doc.core_properties.last_modified_by = "prikaz"
    doc.core_properties.revision = 1
    import datetime as dt

    stamp = dt.datetime(2024, 1, 1)
    doc.core_properties.created = stamp
    doc.core_properties.modified = stamp
    doc.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, src.read(name))
    path.write_bytes(out.getvalue())


def main() -> int:
    out = ROOT / "templates"
    save_deterministic(blank_single(), out / "blank-single.docx")
    save_deterministic(blank_bilingual(), out / "blank-bilingual.docx")
    save_deterministic(plain(), out / "plain.docx")
    print("templates/blank-single.docx, templates/blank-bilingual.docx, templates/plain.docx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
