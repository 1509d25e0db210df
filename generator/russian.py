"""Russian language helpers: dates, typography and declension of names and persons."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any, Literal

Case = Literal["nomn", "gent", "datv", "accs", "ablt", "loct"]
CASES: tuple[Case, ...] = ("nomn", "gent", "datv", "accs", "ablt", "loct")
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


@lru_cache(maxsize=65536)
def typography(text: str) -> str:
    """The typography pass: quotes, dashes, non-breaking spaces, no doubled spaces."""
    text = fix_quotes(text)
    text = _DALEE.sub(f"(далее {NDASH} ", text)
    text = _SPACED_HYPHEN.sub(f" {NDASH} ", text)
    text = _NUMBER_SIGN.sub(f"№{NBSP}", text)
    text = _INITIALS_BEFORE.sub(lambda m: m.group(1) + (m.group(2) or "") + NBSP, text)
    text = _YEAR.sub(rf"\1{NBSP}\2", text)
    text = _CLAUSE_ABBR.sub(rf"\1{NBSP}", text)
    text = _NUMBER_UNIT.sub(rf"\1{NBSP}", text)
    text = _DAY_MONTH.sub(rf"\1{NBSP}", text)
    text = _MONTH_YEAR.sub(rf"\1{NBSP}", text)
    text = _YEAR_WORD.sub(rf"\1{NBSP}", text)
    text = _PLACE.sub(rf"\1{NBSP}", text)
    text = _SPACES.sub(" ", text)
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


def _agree(a: Any, b: Any) -> bool:
    """Two nominative parses agree in number and (in the singular) in gender."""
    if a.tag.number != b.tag.number:
        return False
    return a.tag.number == "plur" or a.tag.gender == b.tag.gender or None in (a.tag.gender, b.tag.gender)


_FUNCTION_WORDS = ("PREP", "CONJ", "PRCL", "INTJ")


def _parses(word: str, pos: tuple[str, ...]) -> list[Any]:
    return list(_parses_cached(word, pos))


@lru_cache(maxsize=65536)
def _parses_cached(word: str, pos: tuple[str, ...]) -> tuple[Any, ...]:
    """Nominative parses of ``word`` (its last hyphen part) with one of the parts of speech.

    A word whose most probable reading is a preposition, conjunction or particle is never
    taken for a noun («по» is not «ПО»)."""
    last = word.split("-")[-1]
    all_parses = _morph().parse(last)
    if not all_parses or all_parses[0].tag.POS in _FUNCTION_WORDS:
        return ()
    return tuple(p for p in all_parses if "nomn" in p.tag and p.tag.POS in pos)


_ADJ = ("ADJF", "PRTF")


def _modifies(adj: str, nxt: str) -> bool:
    """Does the adjective ``adj`` agree with the next word (a noun or another adjective)?"""
    return any(_agree(a, n) for a in _parses(adj, _ADJ) for n in _parses(nxt, ("NOUN", *_ADJ)))


def _is_head_noun(word: str) -> bool:
    return bool(_parses(word, ("NOUN",)))


def _unyo(form: str, original: str) -> str:
    """ё only where the config wrote it: «секретарь» → «секретарем», but «Пётр» keeps its ё."""
    return form if "ё" in original.lower() else form.replace("ё", "е")


def _inflect(word: str, case: Case, pos: tuple[str, ...], grammemes: set[str], warnings: list[str]) -> str:
    """Inflect one word (each part of a hyphenated one that can decline) to ``case``."""
    if "-" in word:
        return "-".join(
            _inflect(part, case, ("NOUN", *_ADJ), grammemes, warnings)
            if any(p.is_known for p in _parses(part, ("NOUN", *_ADJ))) else part  # «статс-», «контрольно-»
            for part in word.split("-"))
    parses = _parses(word, pos)
    if not parses:
        warnings.append(f"слово «{word}» не разобрано")
        return word
    known = [p for p in parses if p.is_known] or parses
    if not parses[0].is_known:
        warnings.append(f"слова «{word}» нет в словаре, форма построена по образцу")
    forms = []
    for p in known:
        want = set(grammemes)
        if p.tag.POS == "NOUN":
            want -= {"masc", "femn", "neut", "anim", "inan"}
        f = p.inflect(want)
        if f is not None and f.word not in forms:
            forms.append(f.word)
    if not forms:
        warnings.append(f"не удалось просклонять «{word}»")
        return word
    if len(forms) > 1 and pos == ("NOUN",):
        warnings.append(f"у слова «{word}» несколько разборов: {', '.join(forms)}")
    return _match_case(_unyo(forms[0], word), word)


def decline_phrase(text: str, case: Case, warnings: list[str] | None = None, kind: str = "name") -> str:
    """Decline a name, a title or a position (cached; see ``_decline_phrase``)."""
    form, found = _decline_cached(text, case, kind)
    if warnings is not None:
        warnings.extend(found)
    return form


@lru_cache(maxsize=65536)
def _decline_cached(text: str, case: Case, kind: str) -> tuple[str, tuple[str, ...]]:
    found: list[str] = []
    form = _decline_phrase(text, case, found, kind)
    return form, tuple(found)


def _decline_phrase(text: str, case: Case, warnings: list[str] | None = None, kind: str = "name") -> str:
    """Decline a name of a body, a document title or (``kind="position"``) a position.

    Adjectives agree with the head noun; the head takes the case; everything after it —
    dependent genitives, prepositional groups, anything in quotes — stays, except an
    apposition in parentheses right after the head («руководитель (директор)»). A
    substantivised adjective is its own head («заведующий сектором»). In a position, the
    parts of an apposition joined by a dash decline each on its own.
    """
    warnings = warnings if warnings is not None else []
    if case == "nomn" or not text.strip():
        return text
    if kind == "position":
        parts = re.split(r"(\s[–—-]\s)", text)
        if len(parts) > 1:
            return "".join(p if i % 2 else decline_phrase(p, case, warnings, kind) for i, p in enumerate(parts))
    tokens = re.split(r"(\s+)", text)
    words = [(i, t) for i, t in enumerate(tokens) if t and not t.isspace()]
    adjectives: list[int] = []
    head: int | None = None
    substantivised = False
    for n, (_, w) in enumerate(words):
        if w[:1] in "«(\"„":
            break
        nxt = words[n + 1][1] if n + 1 < len(words) else None
        if _parses(w, _ADJ):
            if nxt is not None and nxt[:1] not in "«(\"„" and _modifies(w, nxt):
                adjectives.append(n)
                continue
            if not _is_head_noun(w) or (nxt is not None and not _parses(nxt, ("NOUN", *_ADJ))):
                head, substantivised = n, True  # «заведующий сектором», «Уполномоченный по …»
                break
        if _is_head_noun(w):
            head = n
            break
        break
    if head is None:
        first = words[0][1] if words else ""
        if len(words) == 1 and first.isupper() and len(first) > 1:
            return text  # an abbreviation: «ОИВ», «МФЦ» do not decline in official texts
        warnings.append("не найдено главное слово")
        return text
    head_word = words[head][1]
    if substantivised:
        hp = _parses(head_word, _ADJ)[0]
        number, gender, animate = "sing", hp.tag.gender or "masc", True
    else:
        hp = (_parses(head_word, ("NOUN",)) or [None])[0]
        number, gender, animate = hp.tag.number or "sing", hp.tag.gender or "masc", hp.tag.animacy == "anim"
    grammemes: set[str] = {case, number} | ({gender} if number == "sing" else set())
    if case == "accs" and (number == "plur" or gender == "masc"):
        grammemes.add("anim" if animate else "inan")
    for n in adjectives:
        idx, w = words[n]
        tokens[idx] = _inflect(w, case, _ADJ, grammemes, warnings)
    idx, w = words[head]
    tokens[idx] = _inflect(w, case, _ADJ if substantivised else ("NOUN",), grammemes, warnings)
    # an apposition in parentheses right after the head: «руководитель (директор)»
    if head + 1 < len(words):
        pidx, pw = words[head + 1]
        m = re.fullmatch(r"\((\w[\w-]*)\)", pw)
        if m and _is_head_noun(m.group(1)):
            tokens[pidx] = f"({decline_phrase(m.group(1), case, warnings, kind)})"
    return "".join(tokens)


def head_number_gender(text: str) -> str | None:
    """«plur», «masc», «femn» or «neut» of the head noun of a name (for «ему/ей/им»)."""
    for word in text.split():
        nouns = _parses(word, ("NOUN",))
        if nouns:
            tag = nouns[0].tag
            return "plur" if tag.number == "plur" else str(tag.gender)
    return None


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
    adjectival = _adjectival_surname(surname, case, gender)
    if adjectival is not None:
        return adjectival
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


_ADJ_M_HARD = {"gent": "ого", "datv": "ому", "accs": "ого", "ablt": "ым", "loct": "ом"}
_ADJ_F = {"gent": "ой", "datv": "ой", "accs": "ую", "ablt": "ой", "loct": "ой"}


def _adjectival_surname(surname: str, case: Case, gender: Gender) -> str | None:
    """Достоевский → Достоевского, Толстой → Толстого, Вишневская → Вишневской; else None."""
    low = surname.lower()
    if len(low) < 5:
        return None
    if gender == "m" and low.endswith(("ий", "ый", "ой")):
        stem = surname[:-2]
        if low.endswith("ий") and stem[-1:].lower() not in "кгхжшчщц":
            return None  # not an adjectival ending: Гурий, Берий
        ending = _ADJ_M_HARD[case]
        if case == "ablt" and stem[-1:].lower() in "кгхжшчщ":
            ending = "им"  # Достоевским, Трубецким
        return stem + ending
    if gender == "f" and low.endswith(("ская", "цкая", "ая")) and low[-3:-2] not in "аеёиоуыэюя":
        return surname[:-2] + _ADJ_F[case]
    return None


def _decline_a(surname: str, case: Case) -> str:
    stem, last = surname[:-1], surname[-1].lower()
    soft = last == "я"
    if case in ("datv", "loct") and stem[-1:].lower() == "и":
        return stem + "и"  # Берия → Берии
    gent = "и" if soft or stem[-1:].lower() in "гкхжшчщ" else "ы"
    ablt = "ей" if soft or stem[-1:].lower() in _HUSHING else "ой"
    return stem + {"gent": gent, "datv": "е", "accs": "ю" if soft else "у", "ablt": ablt, "loct": "е"}[case]


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


def decline_person(text: str, case: Case, gender: Gender | None = None) -> str:
    """«В.В. Войцехович» → «В.В. Войцеховича» (accusative); initials precede the surname.

    Gender: as given, else from the patronymic of a full name, else by the surname.
    """
    parts = split_person(text)
    if parts is None:
        return text
    initials, surname, from_patronymic = parts
    g = gender or from_patronymic or guess_gender(surname)
    return f"{initials}{NBSP}{_decline_surname(surname, case, g)}"


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
