"""The blank of page 1 in Typst: «РОССИЙСКАЯ ФЕДЕРАЦИЯ», the body's name (both state
languages side by side on a bilingual blank, the short name in parentheses), ПРИКАЗ,
the date and number (one line or two, as the region writes them) and the place."""

from __future__ import annotations

from ...tree import Blank
from .blocks import GAP, requisite
from .markup import escape

DOC_TYPE_SIZE = 16.0  # pt, as the blank templates of the DOCX


def _names(b: Blank) -> str:
    if not b.alt_name_lines:
        return requisite(b.name_lines, bold=True, align="center")
    left = "#linebreak();".join(escape(x) for x in b.name_lines)
    right = "#linebreak();".join(escape(x) for x in b.alt_name_lines)
    return (f'#grid(columns: (1fr, 1fr), column-gutter: 2mm, requisite(alignment: center, weight: "bold")[{left}], '
            f'requisite(alignment: center, weight: "bold")[#text(lang: "{b.alt_lang or "und"}")[{right}]]);\n\n')


def _date_number(b: Blank) -> str:
    if b.date_number_layout == "same-line":
        return (f"#grid(columns: (1fr, auto), requisite[{escape(b.date_text)}], "
                f"requisite(alignment: right)[{escape(b.number_text)}]);\n\n")
    return requisite([b.date_text, b.number_text])


def blank(b: Blank) -> str:
    out = []
    if b.federation_line:
        out += [requisite([b.federation_line], align="center"), GAP]
    out += [_names(b), GAP, requisite([b.doc_type], bold=True, align="center", size=DOC_TYPE_SIZE), GAP,
            _date_number(b)]
    if b.place:
        out.append(requisite([b.place], align="center"))
    return "".join(out)
