"""The blank of page 1 in Typst: «РОССИЙСКАЯ ФЕДЕРАЦИЯ», the body's name (both state
languages side by side on a bilingual blank, the short name in parentheses), ПРИКАЗ,
the date and number (one line or two, as the region writes them) and the place."""

from __future__ import annotations

from ...tree import Blank
from .blocks import GAP, requisite
from .markup import escape

DOC_TYPE_SIZE = 16.0  # pt, as the blank templates of the DOCX


def language(code: str) -> str:
    """Typst's language of a second-language text from its tag («tt-RU» → tt, region RU);
    «x-none» (no language given) as undetermined."""
    lang, _, region = code.partition("-")
    if not lang or code == "x-none":
        return 'lang: "und"'
    return f'lang: "{lang}"' + (f', region: "{region}"' if region else "")


def _pair(left: list[str], right: list[str], b: Blank, bold: bool = True, size: float | None = None) -> str:
    """Russian on the left, the second state language on the right, side by side."""
    weight = ', weight: "bold"' if bold else ""
    size_arg = f", size: {size}pt" if size else ""
    l_text = "#linebreak();".join(escape(x) for x in left)
    r_text = "#linebreak();".join(escape(x) for x in right)
    return (f"#grid(columns: (1fr, 1fr), column-gutter: 2mm, requisite(alignment: center{weight}{size_arg})[{l_text}], "
            f"requisite(alignment: center{weight}{size_arg})[#text({language(b.alt_lang)})[{r_text}]]);\n\n")


def _names(b: Blank) -> str:
    if not b.alt_name_lines:
        return requisite(b.name_lines, bold=True, align="center")
    return _pair(b.name_lines, b.alt_name_lines, b)


def _emblem(b: Blank) -> str:
    """The coat of arms centred above the name, its bytes in the source (no file to read)."""
    if b.emblem is None:
        return ""
    data = ", ".join(str(x) for x in b.emblem.data)
    return (f'#align(center, image(bytes(({data},)), format: "{b.emblem.format}", '
            f"width: {b.emblem.width_mm:g}mm));\n\n")


def _date_number(b: Blank) -> str:
    if b.date_number_layout == "same-line":
        return (f"#grid(columns: (1fr, auto), requisite[{escape(b.date_text)}], "
                f"requisite(alignment: right)[{escape(b.number_text)}]);\n\n")
    return requisite([b.date_text, b.number_text])


def blank(b: Blank) -> str:
    out = [_emblem(b)]
    if b.federation_line:
        out += [requisite([b.federation_line], align="center"), GAP]
    doc_type = (_pair([b.doc_type], [b.alt_doc_type], b, size=DOC_TYPE_SIZE) if b.alt_doc_type
                else requisite([b.doc_type], bold=True, align="center", size=DOC_TYPE_SIZE))
    out += [_names(b), GAP, doc_type, GAP, _date_number(b)]
    if b.place and b.alt_place:
        out.append(_pair([b.place], [b.alt_place], b, bold=False))
    elif b.place:
        out.append(requisite([b.place], align="center"))
    return "".join(out)
