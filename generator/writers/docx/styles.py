"""The styles of the blank templates set from the region profile: margins, typeface and
sizes (ГОСТ Р 7.0.97 by default), the document's language."""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.styles import BabelFish
from docx.styles.style import StyleFactory

from ...tree import Layout
from .sink import A4

OUR_STYLES = ("Normal", "Blank Name", "Blank Type", "Blank Line", "Blank Place", "Order Title", "Section Heading",
              "Clause", "Bullet", "Appendix Mark", "Appendix Title", "Signature", "Table Text", "Table Head")
BODY_SIZED = ("Clause", "Bullet", "Order Title", "Section Heading", "Appendix Title", "Appendix Mark",
              "Signature", "Blank Line", "Blank Place")
_STYLE, _NAME, _VAL, _STYLE_ID = qn("w:style"), qn("w:name"), qn("w:val"), qn("w:styleId")


def _named_styles(d: Any) -> list[tuple[str | None, Any]]:
    """Every style element with its internal name (w:name), read with lxml: python-docx's
    style objects look each child up through its generic element classes, a tenth of a
    millisecond per style, twice per document."""
    out: list[tuple[str | None, Any]] = []
    for el in d.styles.element.iterchildren(_STYLE):
        name = el.find(_NAME)
        out.append((None if name is None else name.get(_VAL), el))
    return out


def style_ids(d: Any) -> dict[str, str]:
    """Style name as Word shows it (python-docx's ``Style.name``) → style id."""
    return {BabelFish.internal2ui(name): el.get(_STYLE_ID) for name, el in _named_styles(d) if name is not None}


def _fonts(styles: dict[str, Any], font: str) -> None:
    for style in styles.values():
        if style.font.name is not None or style.name == "Normal":
            style.font.name = font
            rfonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
            if rfonts is not None:
                for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                    rfonts.set(qn(attr), font)


def _language(d: Any) -> None:
    """The document's language: Russian (PDF /Lang, hyphenation, spell-check)."""
    defaults = d.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:val"), "ru-RU")
            lang.set(qn("w:eastAsia"), "ru-RU")


def apply_layout(d: Any, layout: Layout) -> None:
    """Margins, fonts and indents from the region profile."""
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(A4[0]), Mm(A4[1])
    left, right, top, bottom = layout.margins_mm
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Mm(left), Mm(right), Mm(top), Mm(bottom)
    by_name = dict(_named_styles(d))
    styles: dict[str, Any] = {name: StyleFactory(by_name[name]) for name in OUR_STYLES}
    _fonts(styles, layout.font)
    _language(d)
    styles["Normal"].font.size = Pt(layout.font_size)
    styles["Normal"].paragraph_format.line_spacing = layout.line_spacing
    for name in ("Clause", "Bullet"):
        styles[name].paragraph_format.first_line_indent = Cm(layout.first_line_indent_cm)
    for name in BODY_SIZED:
        styles[name].font.size = Pt(layout.font_size)
    for name in ("Table Text", "Table Head"):
        styles[name].font.size = Pt(layout.table_font_size)
