"""Russian language helpers: dates, typography, persons; the declension API in one place."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Literal

from .grammar import CASES, Case, Gender, Notes, Step
from .phrases import decline_phrase, head_number_gender
from .surnames import decline_surname

__all__ = ["CASES", "Case", "Gender", "Step", "decline_phrase", "head_number_gender"]

NBSP = "\u00a0"
NDASH = "–"

MONTHS_GENT = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)

DateStyle = Literal["numeric", "long", "quoted"]


def format_date(d: date, style: DateStyle) -> str:
    """28.03.2024 | 28 марта 2024 г. | «28» марта 2024 г. (non-breaking spaces inside)."""
    if style == "numeric":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    month = MONTHS_GENT[d.month - 1]
    day = f"«{d.day:02d}»" if style == "quoted" else str(d.day)
    return f"{day}{NBSP}{month}{NBSP}{d.year}{NBSP}г."


_INITIALS_BEFORE = re.compile(r"\b([А-ЯЁA-Z]\.)\s*([А-ЯЁA-Z]\.)?\s+(?=[А-ЯЁ][а-яё])")
_SPACED_HYPHEN = re.compile(r"(?<=\S) +[-—] +(?=\S)")
_DALEE = re.compile(r"\(далее\s*[-–—]\s*")


_OPENING_CONTEXT = " \t\u00a0([{–—-/«„"


_ANY_QUOTE = re.compile(r'["«»„“”]')


def fix_quotes(text: str) -> str:
    """«ёлочки» outside, „лапки“ inside, whatever quotes the text came with.

    Straight quotes open after a space or bracket (or at the start) and close otherwise;
    «, „ always open, », “, ” always close. Unbalanced text is left as the nesting allows.
    """
    if not _ANY_QUOTE.search(text):
        return text
    out = []
    level = 0
    for i, ch in enumerate(text):
        if ch == '"':
            opening = i == 0 or text[i - 1] in _OPENING_CONTEXT
        elif ch in "«„":
            opening = True
        elif ch in "»“”":
            opening = False
        else:
            out.append(ch)
            continue
        if opening:
            level += 1
            out.append("«" if level == 1 else "„")
        elif level == 0:
            out.append("»")
        else:
            out.append("»" if level == 1 else "“")
            level -= 1
    return "".join(out)


_NUMBER_SIGN = re.compile(r"№\s*")
_YEAR = re.compile(r"(\d) (г\.)")
_CLAUSE_ABBR = re.compile(r"\b(пп?\.|ст\.|ч\.) (?=\d)")
_NUMBER_UNIT = re.compile(r"(\d) (?=рабоч|календарн|дн|час)")
_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_DAY_MONTH = re.compile(rf"(?<![\d.])(\d{{1,2}}) (?=(?:{_MONTHS})\b)")  # «6 октября»
_MONTH_YEAR = re.compile(rf"\b({_MONTHS}) (?=\d{{4}})")  # «октября 2021»
_YEAR_WORD = re.compile(r"(?<![\d.])(\d{4}) (?=год(?:а|у|ом|е)?\b)")  # «2030 года»
_PLACE = re.compile(r"(?<![\w.])(г\.|пос\.|с\.) (?=[А-ЯЁ])")  # «г. Мурманск»
_SPACES = re.compile(r"[ \t]{2,}")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=65536)
def typography(text: str) -> str:
    """The typography pass: quotes, dashes, non-breaking spaces, no doubled spaces."""
    # Each rule runs only where the text holds what its pattern cannot match without (most
    # texts, the register's cells among them, hold no digit, dot, dash or quote): the result
    # is the same, and a substitution with a template costs even when nothing matches.
    text = fix_quotes(text)
    if "(далее" in text:
        text = _DALEE.sub(f"(далее {NDASH} ", text)
    if "-" in text or "—" in text:
        text = _SPACED_HYPHEN.sub(f" {NDASH} ", text)
    if "№" in text:
        text = _NUMBER_SIGN.sub(f"№{NBSP}", text)
    if "." in text:
        text = _INITIALS_BEFORE.sub(lambda m: m.group(1) + (m.group(2) or "") + NBSP, text)
    if _DIGIT.search(text):  # no rule adds or removes a digit
        text = _numbers(text)
    if "." in text:
        text = _PLACE.sub(rf"\1{NBSP}", text)
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def _numbers(text: str) -> str:
    """The non-breaking spaces of typography() that need a digit nearby, in its order."""
    if "г." in text:
        text = _YEAR.sub(rf"\1{NBSP}\2", text)
    if "." in text:
        text = _CLAUSE_ABBR.sub(rf"\1{NBSP}", text)
    text = _NUMBER_UNIT.sub(rf"\1{NBSP}", text)
    text = _DAY_MONTH.sub(rf"\1{NBSP}", text)
    text = _MONTH_YEAR.sub(rf"\1{NBSP}", text)
    return _YEAR_WORD.sub(rf"\1{NBSP}", text)


# --- declension: names and positions in generator/phrases.py, surnames in generator/surnames.py ---

_INITIALS_FIRST = re.compile(r"^\s*(?P<i>(?:[А-ЯЁ]\.?\s*){1,2})\s*(?P<s>[А-ЯЁ][\w-]+)\s*$")
_SURNAME_FIRST = re.compile(r"^\s*(?P<s>[А-ЯЁ][\w-]+)\s+(?P<i>(?:[А-ЯЁ]\.?\s*){1,2})\s*$")
_FULL_NAME = re.compile(r"^\s*(?P<s>[А-ЯЁ][\w-]+)\s+(?P<n>[А-ЯЁ][\w-]+)\s+(?P<p>[А-ЯЁ][\w-]+)\s*$")


def split_person(text: str) -> tuple[str, str, Gender | None] | None:
    """(initials, surname, gender if the patronymic tells) of «А.С. Сергеев», «Сергеев А.С.» or
    «Сергеев Андрей Сергеевич»; None when the text is not a person's name."""
    m = _FULL_NAME.match(text)
    if m:
        patronymic = m.group("p").lower()
        gender: Gender | None = "m" if patronymic.endswith(("ич", "оглы")) else (
            "f" if patronymic.endswith(("на", "кызы")) else None)
        return f"{m.group('n')[0]}.{m.group('p')[0]}.", m.group("s"), gender
    m = _INITIALS_FIRST.match(text) or _SURNAME_FIRST.match(text)
    if not m:
        return None
    letters = re.findall(r"[А-ЯЁ]", m.group("i"))
    return "".join(f"{c}." for c in letters), m.group("s"), None


def guess_gender(surname: str) -> Gender:
    """A last resort when neither the config nor a patronymic says: by the surname's ending."""
    low = surname.lower().split("-")[-1]
    return "f" if low.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая")) else "m"


def decline_person(text: str, case: Case, gender: Gender | None = None, warnings: list[str] | None = None,
                   steps: list[Step] | None = None) -> str:
    """«В.В. Войцехович» → «В.В. Войцеховича» (accusative); initials precede the surname.

    Gender: as given, else from the patronymic of a full name, else by the surname. Where
    the surname's class is uncertain, a warning goes to ``warnings``.
    """
    parts = split_person(text)
    if parts is None:
        return text
    initials, surname, from_patronymic = parts
    g = gender or from_patronymic or guess_gender(surname)
    notes = Notes()
    notes.rule(initials, "инициалы: не изменяются, ставятся перед фамилией")
    form = decline_surname(surname, case, g, notes)
    if warnings is not None:
        warnings.extend(notes.warnings)
    if steps is not None:
        steps.extend(notes.steps)
    return f"{initials}{NBSP}{form}"


def normalise_person(text: str) -> str:
    """«Степаненко Е.А.», «О.А Зорина», «Зорина Ольга Александровна» → «Е.А. Степаненко» …"""
    parts = split_person(text)
    return f"{parts[0]}{NBSP}{parts[1]}" if parts else text.strip()


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():
        return text  # an abbreviation: ОИВ, СЭД
    return text[:1].lower() + text[1:]
