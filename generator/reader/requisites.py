"""The requisites of a document from the config: page layout, the blank, the signature,
the draft's approval sheet and what the marks of the appendices are worded from."""

from __future__ import annotations

import datetime as dt

from ..config import AgencyConfig, OrderSettings
from ..emblem import emblem
from ..errors import ConfigError, Diagnostic
from ..russian import capitalize_first, format_date, lower_first, normalise_person
from ..tree import Blank, Draft, Layout, MarkRules, OrderWord, Signature
from .phrases import Names, Phrase

FEDERATION_LINE = "РОССИЙСКАЯ ФЕДЕРАЦИЯ"
# A standalone procedure has no order date; its DOCX core properties use this fixed one.
UNDATED = dt.date(2024, 1, 1)
# A draft leaves the date and the number blank for the registry office to fill in.
DRAFT_DATE = "____________"
DRAFT_NUMBER = "______"
# A bilingual blank whose second language has no code in the profile: Word's «no language».
NO_LANGUAGE = "x-none"


def requisites_text(cfg: AgencyConfig, draft: bool) -> str:
    """«от 28.02.2024 № 21» in the marks' date style; blanks in a draft."""
    o = cfg.order
    if draft:
        return f"от {DRAFT_DATE} № {DRAFT_NUMBER}"
    return f"от {format_date(o.date, cfg.marks.date_style)} № {o.number}" if o.date and o.number else ""


def layout(cfg: AgencyConfig) -> Layout:
    lay = cfg.layout
    return Layout(margins_mm=(lay.margin_left_mm, lay.margin_right_mm, lay.margin_top_mm, lay.margin_bottom_mm),
                  font=lay.font, font_size=lay.font_size, table_font_size=lay.table_font_size,
                  line_spacing=lay.line_spacing, first_line_indent_cm=lay.first_line_indent_cm,
                  requisite_width_cm=lay.requisite_width_cm, order_word_style=lay.order_word_style,
                  hyphenation=lay.hyphenation)


def mark_rules(cfg: AgencyConfig, names: Names, procedure_title: Phrase, draft: bool = False) -> MarkRules:
    requisites = requisites_text(cfg, draft)
    return MarkRules(style="grif" if cfg.marks.style == "grif" else "appendix", number_sign=cfg.marks.number_sign,
                     number_sole=cfg.marks.number_sole_appendix, issuer_gent=names.name.form("gent"),
                     requisites=requisites, procedure_datv=procedure_title.form("datv"))


def blank(cfg: AgencyConfig, o: OrderSettings, draft: bool = False) -> Blank:
    """The blank: the emblem, the body's name (in both state languages where the region has
    two), the document type, date, number and place (the type and place in the second
    language too where the region writes them); a draft's date and number left blank."""
    official = cfg.agency.official_name or cfg.agency.name
    name_lines = [official.upper()]
    paren = cfg.agency.blank_short_name or (cfg.agency.name if cfg.agency.official_name else None)
    if cfg.blank.short_name_in_parentheses and paren:
        name_lines.append(f"({paren.upper()})")
    alt_lines: list[str] = []
    if cfg.blank.template == "bilingual":
        if not cfg.agency.alt_name:
            raise ConfigError("двуязычный бланк без второго наименования", [Diagnostic(
                None, None, "agency.alt_name", "укажите наименование органа на втором государственном языке")])
        alt_lines = [cfg.agency.alt_name.upper()]
        if cfg.agency.alt_short_name:
            alt_lines.append(f"({cfg.agency.alt_short_name.upper()})")
    if o.date is None and not draft:
        raise ConfigError("нет даты приказа", [Diagnostic(None, None, "order.date", "обязательный ключ отсутствует")])
    b = cfg.blank
    second = bool(alt_lines)
    return Blank(name_lines=name_lines, alt_name_lines=alt_lines,
                 federation_line=FEDERATION_LINE if b.federation_line else "",
                 doc_type="ПРИКАЗ",
                 date_text=DRAFT_DATE if draft or o.date is None else format_date(o.date, b.date_style),
                 number_text=f"№ {DRAFT_NUMBER if draft else o.number}", date_number_layout=b.date_number_layout,
                 place=b.place, emblem=emblem(cfg),
                 alt_doc_type=(b.alt_doc_type or "").upper() if second else "",
                 alt_place=(b.alt_place or "") if second else "",
                 alt_lang=(b.alt_language or NO_LANGUAGE) if second else "")


def signature(o: OrderSettings, names: Names, warnings: list[str]) -> Signature:
    sig = o.signatory
    if sig is None:
        raise ConfigError("нет подписанта", [Diagnostic(None, None, "order.signatory",
                                                           "обязательный ключ отсутствует")])
    position = names.fill(sig.position)
    shown = (f"И.о. {lower_first(Phrase(position, warnings=warnings, kind='position').form('gent'))}" if sig.acting
             else capitalize_first(position))
    return Signature(position=shown, person=normalise_person(sig.person))


def order_word(cfg: AgencyConfig) -> OrderWord:
    style = cfg.layout.order_word_style
    if style == "caps-line":
        return OrderWord(cfg.order.order_word.upper(), own_line=True)
    return OrderWord(cfg.order.order_word, spaced=style == "spaced")


def draft(o: OrderSettings, names: Names) -> Draft:
    return Draft(approvals=[(capitalize_first(names.fill(a.position)), normalise_person(a.person))
                            for a in o.approvals],
                 prepared_by=(capitalize_first(o.prepared_by.position), normalise_person(o.prepared_by.person))
                 if o.prepared_by else None)
