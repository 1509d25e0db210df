"""Paragraphs as WordprocessingML: their style, indents, alignment and runs."""

from __future__ import annotations

from ...inline import Content, text
from .runs import runs_xml, whole_revision
from .sink import Sink
from .xml import REVISION_ATTRS, xml_text


def paragraph(sink: Sink, content: Content, style: str, bold: bool = False, first_line_twips: int | None = None,
              left_twips: int | None = None, align: str | None = None, page_break: bool = False,
              tail: str = "") -> str:
    """One paragraph as XML; ``tail`` is more runs after the content (the order word)."""
    ind = ""
    if first_line_twips is not None or left_twips is not None:
        attrs = (f' w:left="{left_twips}"' if left_twips is not None else "") + (
            f' w:firstLine="{first_line_twips}"' if first_line_twips is not None else "")
        ind = f"<w:ind{attrs}/>"
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    body = '<w:r><w:br w:type="page"/></w:r>' if page_break else runs_xml(content, bold) + tail
    whole = whole_revision(content)
    mark = f"<w:rPr><w:{whole} {REVISION_ATTRS}/></w:rPr>" if whole else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{sink.style(style)}"/>{ind}{jc}{mark}</w:pPr>{body}</w:p>'


def para(sink: Sink, content: Content | str, style: str, bold: bool = False, **fmt: int | str | None) -> None:
    sink.add(paragraph(sink, text(content) if isinstance(content, str) else content, style, bold,
                       **fmt))  # type: ignore[arg-type]


def blank_line(sink: Sink) -> None:
    para(sink, (), "Blank Line")


def order_word_run(word: str, spaced: bool) -> str:
    """«приказываю:» after the preamble, bold, its letters spaced where the region asks."""
    spacing = '<w:spacing w:val="40"/>' if spaced else ""  # 2 pt between letters
    return (f'<w:r><w:t xml:space="preserve"> </w:t></w:r><w:r><w:rPr><w:b/>{spacing}</w:rPr>'
            f'<w:t xml:space="preserve">{xml_text(word)}</w:t></w:r>')
