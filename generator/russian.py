"""Russian language helpers: dates, typography and declension of names and persons."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any, Literal

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
Case = Literal["nomn", "gent", "datv", "accs", "ablt", "loct"]
Gender = Literal["m", "f"]

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


def typography(text: str) -> str:
    """The typography pass: dashes, non-breaking spaces, no doubled spaces."""
    text = _DALEE.sub(f"(далее {NDASH} ", text)
    text = _SPACED_HYPHEN.sub(f" {NDASH} ", text)
    text = re.sub(r"№\s*", f"№{NBSP}", text)
    text = _INITIALS_BEFORE.sub(lambda m: m.group(1) + (m.group(2) or "") + NBSP, text)
    text = re.sub(r"(\d) (г\.)", rf"\1{NBSP}\2", text)
    text = re.sub(r"\b(пп?\.|ст\.|ч\.) (?=\d)", rf"\1{NBSP}", text)
    text = re.sub(r"(\d) (?=рабоч|календарн|дн|час)", rf"\1{NBSP}", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return text.strip()


# --- declension -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _match_case(form: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return form.upper()
    if model[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _nomn_parses(word: str) -> list[Any]:
    return [p for p in _morph().parse(word) if "nomn" in p.tag]


def _is_head_noun(word: str) -> bool:
    parts = word.split("-")
    return any(p.tag.POS == "NOUN" for p in _nomn_parses(parts[-1]))


def _is_adjective(word: str) -> bool:
    parts = word.split("-")
    return any(p.tag.POS in ("ADJF", "PRTF") for p in _nomn_parses(parts[-1]))


def head_number_gender(text: str) -> str | None:
    """«plur», «masc», «femn» or «neut» of the head noun of a name (for «ему/ей/им»)."""
    for word in text.split():
        if _is_head_noun(word):
            tag = next(p for p in _nomn_parses(word.split("-")[-1]) if p.tag.POS == "NOUN").tag
            return "plur" if tag.number == "plur" else str(tag.gender)
    return None


def _inflect_word(word: str, case: Case, pos: str, gender: str | None, number: str,
                  animate: bool, warnings: list[str]) -> str:
    """Inflect one word (a hyphenated one part by part) to ``case``."""
    if "-" in word:
        parts = word.split("-")
        out = []
        for part in parts:
            cands = [p for p in _nomn_parses(part) if p.tag.POS in ("NOUN", "ADJF", "PRTF")]
            if not cands:
                out.append(part)  # «контрольно» in «Контрольно-счётная»
            else:
                out.append(_inflect_word(part, case, cands[0].tag.POS, gender, number, animate, warnings))
        return "-".join(out)
    parses = [p for p in _nomn_parses(word) if p.tag.POS == pos]
    if not parses:
        warnings.append(f"слово «{word}» не найдено в словаре")
        return word
    p = parses[0]
    grammemes: set[str] = {case}
    if pos != "NOUN":
        grammemes |= {number} if number == "plur" else {number, gender or "masc"}
        if case == "accs" and (number == "plur" or gender == "masc"):
            grammemes.add("anim" if animate else "inan")
    else:
        grammemes.add(number)
    form = p.inflect(grammemes)
    if form is None:
        warnings.append(f"не удалось просклонять «{word}»")
        return word
    return _match_case(form.word, word)


def decline_phrase(text: str, case: Case, warnings: list[str] | None = None) -> str:
    """Decline a name of a body, a document title or a position.

    The adjectives before the head noun agree with it, the head noun takes the case, and
    everything after it (dependent genitives, prepositional groups, quotes) stays. Parts of
    an apposition joined by a dash decline each on its own.
    """
    warnings = warnings if warnings is not None else []
    if case == "nomn" or not text.strip():
        return text
    dash_parts = re.split(r"(\s[–—-]\s)", text)
    if len(dash_parts) > 1:
        return "".join(
            part if i % 2 else decline_phrase(part, case, warnings) for i, part in enumerate(dash_parts)
        )
    tokens = re.split(r"(\s+)", text)
    words = [(i, t) for i, t in enumerate(tokens) if t and not t.isspace()]
    head = None
    for n, (_, w) in enumerate(words):
        if w.startswith(("«", "(", '"')):
            break
        nxt = words[n + 1][1] if n + 1 < len(words) else None
        if _is_adjective(w) and nxt is not None and (_is_head_noun(nxt) or _is_adjective(nxt)):
            continue
        if _is_head_noun(w):
            head = n
            break
        if not _is_adjective(w):
            break
    if head is None:
        warnings.append(f"в «{text}» не найдено главное существительное; укажите формы явно")
        return text
    head_word = words[head][1].split("-")[-1]
    hp = next(p for p in _nomn_parses(head_word) if p.tag.POS == "NOUN")
    gender = hp.tag.gender
    number = hp.tag.number or "sing"
    animate = hp.tag.animacy == "anim"
    for n in range(head + 1):
        idx, w = words[n]
        pos = "NOUN" if n == head else ("ADJF" if any(
            p.tag.POS == "ADJF" for p in _nomn_parses(w.split("-")[-1])) else "PRTF")
        tokens[idx] = _inflect_word(w, case, pos, gender, number, animate, warnings)
    return "".join(tokens)


# --- persons ------------------------------------------------------------------------------

_VOWELS = "аеёиоуыэюя"
_HUSHING = "жшчщц"


def _decline_surname(surname: str, case: Case, gender: Gender) -> str:
    if case == "nomn":
        return surname
    if "-" in surname:
        return "-".join(_decline_surname(s, case, gender) for s in surname.split("-"))
    low = surname.lower()
    if low.endswith(("о", "е", "э", "и", "ы", "у", "ю", "ых", "их")):
        return surname
    if low.endswith(("ский", "цкий", "ская", "цкая", "ской", "ый", "ой", "ая")) and len(low) > 4:
        grammemes: set[str] = {case, "masc" if gender == "m" else "femn", "sing"}
        if case == "accs" and gender == "m":
            grammemes.add("anim")
        for p in _morph().parse(low):
            if p.tag.POS == "ADJF" and "nomn" in p.tag:
                form = p.inflect(grammemes)
                if form:
                    return _match_case(form.word, surname)
        return surname
    if gender == "f":
        if low.endswith(("ова", "ева", "ёва", "ина", "ына")):
            stem = surname[:-1]
            return stem + {"gent": "ой", "datv": "ой", "accs": "у", "ablt": "ой", "loct": "ой"}[case]
        if low.endswith(("а", "я")):
            return _decline_a(surname, case)
        return surname  # female surnames ending in a consonant do not decline
    if low.endswith(("а", "я")):
        return _decline_a(surname, case)
    if low.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + {"gent": "а", "datv": "у", "accs": "а", "ablt": "ым", "loct": "е"}[case]
    if low.endswith(("ь", "й")):
        stem = surname[:-1]
        return stem + {"gent": "я", "datv": "ю", "accs": "я", "ablt": "ем", "loct": "е"}[case]
    if low[-1] in _VOWELS:
        return surname
    ablt = "ем" if low[-1] in _HUSHING else "ом"
    return surname + {"gent": "а", "datv": "у", "accs": "а", "ablt": ablt, "loct": "е"}[case]


def _decline_a(surname: str, case: Case) -> str:
    stem, last = surname[:-1], surname[-1].lower()
    soft = last == "я"
    gent = "и" if soft or stem[-1:].lower() in "гкхжшчщ" else "ы"
    ablt = "ей" if soft or stem[-1:].lower() in _HUSHING else "ой"
    return stem + {"gent": gent, "datv": "е", "accs": "ю" if soft else "у", "ablt": ablt, "loct": "е"}[case]


_PERSON = re.compile(r"^\s*(?P<i>(?:[А-ЯЁ]\.\s*){1,2})\s*(?P<s>[А-ЯЁ][\w-]+)\s*$")


def decline_person(text: str, case: Case, gender: Gender) -> str:
    """«В.В. Войцехович» → «В.В. Войцеховича» (accusative); initials precede the surname."""
    m = _PERSON.match(text)
    if not m:
        return text
    initials = re.sub(r"\s+", "", m.group("i"))
    return f"{initials}{NBSP}{_decline_surname(m.group('s'), case, gender)}"


def normalise_person(text: str) -> str:
    """«Степаненко Е.А.» or «О.А Зорина» → «Е.А. Степаненко», «О.А. Зорина»."""
    t = text.strip()
    m = re.match(r"^(?P<s>[А-ЯЁ][\w-]+)\s+(?P<i>(?:[А-ЯЁ]\.?\s*){1,2})$", t)
    if m:
        t = f"{m.group('i')} {m.group('s')}"
    m = re.match(r"^(?P<i>(?:[А-ЯЁ]\.?\s*){1,2})\s*(?P<s>[А-ЯЁ][\w-]+)$", t)
    if not m:
        return t
    letters = re.findall(r"[А-ЯЁ]", m.group("i"))
    return "".join(f"{c}." for c in letters) + NBSP + m.group("s")


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():
        return text  # an abbreviation: ОИВ, СЭД
    return text[:1].lower() + text[1:]
