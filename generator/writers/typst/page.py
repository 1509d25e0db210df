"""The document's settings in Typst: metadata, the page (A4, margins from the region
profile, page numbers centred in the top margin from page 2), the type (14 pt, 12 pt in
tables, justified, first-line indent, Russian hyphenation) and the helper functions the
body is written with (styles of the DOCX writer by the same names)."""

from __future__ import annotations

from ...tree import Document, Layout
from .markup import string

SUBJECT = "Порядок ведения перечня точек взаимодействия с клиентом"
KEYWORDS = ("приказ", "порядок", "перечень", "клиентоцентричность")

# Line metrics of Times New Roman and its metric-compatible faces (Liberation Serif, PT
# Astra Serif), in em, as Word and LibreOffice use them (the font's Windows ascent and
# descent; Typst would take the smaller typographic ones): a line is ascender +
# descender high, one «single» line adds the line gap (1.149 em).
ASCENDER, DESCENDER = 0.891, 0.216
ASCENDER_DESCENDER = ASCENDER + DESCENDER
SINGLE_LINE = 1.149


def _metadata(doc: Document) -> str:
    d = doc.date
    keywords = ", ".join(string(k) for k in KEYWORDS)
    return (f"#set document(title: {string(doc.title)}, author: ({string(doc.author)},), "
            f"description: {string(SUBJECT)}, keywords: ({keywords},), "
            f"date: datetime(year: {d.year}, month: {d.month}, day: {d.day}))\n")


def _page(layout: Layout) -> str:
    left, right, top, bottom = layout.margins_mm
    return (f'#set page(paper: "a4", margin: (left: {left}mm, right: {right}mm, top: {top}mm, '
            f"bottom: {bottom}mm), header: context if here().page() > 1 "
            "{ align(center, counter(page).display()) })\n")


def _type(layout: Layout, family: str) -> str:
    lead = round(layout.line_spacing * SINGLE_LINE - ASCENDER_DESCENDER, 4)
    hyphenate = "true" if layout.hyphenation else "false"
    return (f"#set text(font: {string(family)}, size: {layout.font_size}pt, lang: \"ru\", region: \"RU\", "
            f"hyphenate: {hyphenate}, top-edge: {ASCENDER}em, bottom-edge: -{DESCENDER}em, fallback: false)\n"
            f"#set par(justify: true, first-line-indent: (amount: {layout.first_line_indent_cm}cm, all: true), "
            f"leading: {lead}em, spacing: {lead}em)\n"
            f"#set block(spacing: {lead}em)\n"
            f"#set table(stroke: 0.5pt, inset: (x: 1.9mm, y: 0.5mm))\n"
            "#set table.cell(breakable: false)\n"
            f"#show table: set text(size: {layout.table_font_size}pt, hyphenate: false)\n"
            "#show table: set par(first-line-indent: 0pt, justify: false)\n"
            "#show grid: set par(first-line-indent: 0pt, justify: false)\n")


# The styles: a blank line; centred bold headings kept with what follows; requisites
# (never hyphenated) flush left or within the requisite width at the right; names never
# hyphenated; tracked changes in colour.
_HELPERS = """#let gap = block(height: {gap}em, width: 100%)
#let centered(body) = block(sticky: true, width: 100%, {{
  set par(first-line-indent: 0pt, justify: false)
  set text(weight: "bold", hyphenate: false)
  align(center, body)
}})
#let requisite(body, size: none, weight: "regular", alignment: left) = block(width: 100%, {{
  set par(first-line-indent: 0pt, justify: false)
  set text(weight: weight, hyphenate: false)
  if size != none {{ set text(size: size); align(alignment, body) }} else {{ align(alignment, body) }}
}})
#let mark(body) = align(right, block(width: {width}cm, {{
  set par(first-line-indent: 0pt, justify: false)
  set text(hyphenate: false)
  align(left, body)
}}))
#let name(body) = text(hyphenate: false, body)
#let ins(body) = underline(text(fill: rgb(0, 90, 180), body))
#let del(body) = strike(text(fill: rgb(190, 0, 0), body))
#let head(body) = align(center, text(weight: "bold", hyphenate: false, body))
"""


def preamble(doc: Document, family: str) -> str:
    """Everything before the document's first block."""
    layout = doc.layout
    return (_metadata(doc) + _page(layout) + _type(layout, family)
            + _HELPERS.format(gap=round(ASCENDER_DESCENDER, 4), width=layout.requisite_width_cm))
