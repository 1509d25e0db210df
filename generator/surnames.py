"""Declension of surnames (Розенталь, «Справочник по правописанию и стилистике», §§ склонение фамилий).

Each class of surname is one small function that declines and notes the rule it used:
adjectival surnames (hard, soft, after a hushing consonant), surnames in -а/-я (Slavic and
Georgian decline, French with a stressed -а do not), double surnames (a first part that is
not a surname of its own — Тер-, Мелик-, Кара- … — stays), possessive ones in -ов/-ин and
those ending in a consonant. Where spelling and dictionary cannot decide, the step is marked
uncertain, so the build warns and names the key for an explicit form.
"""

from __future__ import annotations

import re

from .grammar import VOWELS, Case, Gender, Notes, ending
from .grammar import morph as _morph


def decline_surname(surname: str, case: Case, gender: Gender, notes: Notes) -> str:
    if case == "nomn":
        return surname
    if "-" in surname:
        return _double(surname, case, gender, notes)
    return _single(surname, case, gender, notes)


def _single(surname: str, case: Case, gender: Gender, notes: Notes) -> str:
    low = surname.lower()
    if low.endswith(("о", "е", "э", "и", "ы", "у", "ю", "ых", "их")):
        notes.rule(surname, "фамилия на -о, -е, -и, -у, -ю, -ых/-их не склоняется")
        return surname
    adjectival = adjectival_surname(surname, case, gender, notes)
    if adjectival is not None:
        return adjectival
    if gender == "f" and low.endswith(("ова", "ева", "ёва", "ина", "ына")):
        notes.rule(surname, "женская фамилия на -ова/-ева/-ина: склоняется как «Иванова»")
        return ending(surname[:-1], _F_POSSESSIVE, case)
    if low.endswith(("а", "я")):
        return _final_a(surname, case, notes)
    if gender == "f":
        notes.rule(surname, "женская фамилия на согласный не склоняется")
        return surname
    return _masculine_consonant(surname, case, notes)


_F_POSSESSIVE = {"gent": "ой", "datv": "ой", "accs": "у", "ablt": "ой", "loct": "ой"}
_M_POSSESSIVE = {"gent": "а", "datv": "у", "accs": "а", "ablt": "ым", "loct": "е"}
_M_SOFT_NOUN = {"gent": "я", "datv": "ю", "accs": "я", "ablt": "ем", "loct": "е"}
_M_HARD_NOUN = {"gent": "а", "datv": "у", "accs": "а", "ablt": "ом", "loct": "е"}
_HUSHING = "жшчщц"


def _masculine_consonant(surname: str, case: Case, notes: Notes) -> str:
    low = surname.lower()
    if low.endswith(("ов", "ев", "ёв", "ин", "ын")):
        notes.rule(surname, "мужская фамилия на -ов/-ев/-ин: склоняется как «Иванов» (твор. -ым)")
        return ending(surname, _M_POSSESSIVE, case)
    if low.endswith(("ь", "й")):
        notes.rule(surname, "мужская фамилия на -ь/-й: склоняется как существительное мягкого склонения")
        if case == "loct" and low.endswith("ий"):
            return surname[:-1] + "и"  # Антоний → об Антонии
        return ending(surname[:-1], _M_SOFT_NOUN, case)
    if low[-1] in VOWELS:
        notes.rule(surname, "фамилия на гласную не склоняется")
        return surname
    notes.rule(surname, "мужская фамилия на согласный: склоняется как существительное 2-го склонения")
    table = dict(_M_HARD_NOUN, ablt="ем" if low[-1] in _HUSHING else "ом")
    return ending(surname, table, case)


# --- adjectival surnames -------------------------------------------------------------------

_M_HARD = {"gent": "ого", "datv": "ому", "accs": "ого", "ablt": "ым", "loct": "ом"}
_M_HARD_I = {"gent": "ого", "datv": "ому", "accs": "ого", "ablt": "им", "loct": "ом"}  # after к г х ж ш ч щ
_M_SOFT = {"gent": "его", "datv": "ему", "accs": "его", "ablt": "им", "loct": "ем"}  # синий; рыжий
_F_HARD = {"gent": "ой", "datv": "ой", "accs": "ую", "ablt": "ой", "loct": "ой"}
_F_SOFT = {"gent": "ей", "datv": "ей", "accs": "юю", "ablt": "ей", "loct": "ей"}  # синяя
_F_HUSHING = {"gent": "ей", "datv": "ей", "accs": "ую", "ablt": "ей", "loct": "ей"}  # рыжая


def adjectival_surname(surname: str, case: Case, gender: Gender, notes: Notes) -> str | None:
    """Достоевский, Толстой, Вишневская; Крайний/Крайняя (soft); Рыжий/Рыжая (unstressed
    after ж ш ч щ). None when the surname is not adjectival."""
    low = surname.lower()
    if len(low) < 5 or low[-3] in VOWELS:
        return None
    found = _masculine_adjective(surname) if gender == "m" else _feminine_adjective(surname)
    if found is None:
        return None
    table, rule, certain = found
    if certain:
        notes.rule(surname, rule)
    else:
        notes.unsure(surname, rule, f"фамилия «{surname}»: {rule}")
    return ending(surname[:-2], table, case)


Found = tuple[dict[str, str], str, bool]


def _masculine_adjective(surname: str) -> Found | None:
    low = surname.lower()
    before = low[-3]
    if low.endswith("ый"):
        return _M_HARD, "прилагательное на -ый: твёрдое склонение", True
    if low.endswith("ой"):
        if _is_noun(low):
            return None  # Прибой → Прибоя, like the noun
        table = _M_HARD_I if before in "кгхжшчщ" else _M_HARD
        return table, "прилагательное на ударное -ой: твёрдое склонение", True
    if not low.endswith("ий"):
        return None
    if before in "кгх":
        return _M_HARD_I, "прилагательное на -кий/-гий/-хий: как «Достоевский»", True
    if before in "жшчщ":
        return _M_SOFT, "прилагательное на безударное -ий после ж, ш, ч, щ: как «рыжий» (-его, -ему)", True
    if before == "н":
        return _soft_adjective(surname)
    return None


def _is_noun(low: str) -> bool:
    """A common noun of the noun declension (прибой → прибоя), not a surname (Толстой) nor a
    noun declined as an adjective (рулевой → рулевого)."""
    for p in _morph().parse(low):
        if (p.is_known and p.tag.POS == "NOUN" and "nomn" in p.tag and p.normal_form == low
                and not p.tag.grammemes & _PROPER):
            gent = p.inflect({"gent", "sing"})
            return gent is not None and gent.word.endswith("я")
    return False


def _soft_adjective(surname: str) -> Found | None:
    """-ний: an adjective of the soft declension (синий) or a noun (Антоний)? The dictionary tells."""
    parses = [p for p in _morph().parse(surname.lower()) if p.is_known and "nomn" in p.tag]
    if any(p.tag.POS == "ADJF" for p in parses):
        return _M_SOFT, "словарь: прилагательное мягкого склонения, как «синий»", True
    if parses:
        return None
    return _M_SOFT, "нет в словаре; склонена как прилагательное мягкого склонения («синий»)", False


def _feminine_adjective(surname: str) -> Found | None:
    low = surname.lower()
    before = low[-3]
    if low.endswith("яя"):
        return _F_SOFT, "прилагательное на -яя: мягкое склонение, как «синяя»", True
    if not low.endswith("ая"):
        return None
    if before not in "жшчщ":
        return _F_HARD, "прилагательное на -ая: твёрдое склонение, как «Толстая»", True
    return _hushing_feminine(surname)


def _hushing_feminine(surname: str) -> Found:
    """-жая/-шая/-чая/-щая: -ей when the ending is unstressed (рыжая), -ой when stressed (чужая).
    Spelling does not show the stress; the dictionary's masculine lemma (-ий or -ой) does."""
    lemmas = {p.normal_form for p in _morph().parse(surname.lower())
              if p.is_known and p.tag.POS == "ADJF" and {"femn", "nomn"} <= p.tag.grammemes}
    if lemmas and all(lemma.endswith("ий") for lemma in lemmas):
        return _F_HUSHING, "словарь: безударное окончание после шипящего, как «рыжая» (-ей)", True
    if lemmas and all(lemma.endswith("ой") for lemma in lemmas):
        return _F_HARD, "словарь: ударное окончание после шипящего, как «чужая» (-ой)", True
    return _F_HUSHING, "ударение в окончании после шипящего неизвестно; склонена как «рыжая» (-ей)", False


# --- surnames in -а/-я ---------------------------------------------------------------------

# Endings of Slavic, Georgian and Abkhaz surnames whose -а/-я declines (Глинка, Стрига,
# Олеша, Головня, Окуджава, Данелия, Шенгелая, Лакоба): a list of suffixes, not of names.
_DECLINING_A = ("ка", "га", "ха", "ша", "жа", "ча", "ща", "ня", "ия", "ава", "ява", "ая", "ба")
# Spellings that occur only in French names (жюри, брошюра; Дю- at the start), whose -а is stressed.
_PROPER = {"Fixd", "Name", "Patr", "Surn", "Geox", "Orgn", "Trad"}  # a first name «Тома» says nothing
_FRENCH = re.compile(r"жю|шю|^дю")


def _final_a(surname: str, case: Case, notes: Notes) -> str:
    declines, rule, certain = classify_final_a(surname)
    if certain:
        notes.rule(surname, rule)
    else:
        notes.unsure(surname, rule, f"фамилия «{surname}»: {rule}")
    return decline_a(surname, case) if declines else surname


def classify_final_a(surname: str) -> tuple[bool, str, bool]:
    """(declines, rule, certain) for a surname in -а/-я."""
    low = surname.lower()
    if low.endswith("а") and low[-2:-1] in VOWELS:
        return False, "фамилия на -а после гласной (-уа, -иа, -оа) не склоняется", True
    surnames = [p for p in _morph().parse(low) if p.is_known and "Surn" in p.tag and "nomn" in p.tag]
    if surnames:
        if any("Fixd" not in p.tag for p in surnames):
            return True, "словарь: склоняемая фамилия на -а/-я", True
        return False, "словарь: несклоняемая фамилия (ударное -а/-я, как во французских фамилиях)", True
    if any(p.is_known and p.tag.POS == "NOUN" and {"sing", "nomn"} <= p.tag.grammemes
           and not p.tag.grammemes & _PROPER and p.normal_form.replace("ё", "е") == low.replace("ё", "е")
           for p in _morph().parse(low)):
        return True, "совпадает с нарицательным существительным: фамилия на -а/-я склоняется", True
    if _FRENCH.search(low):
        return False, "французская фамилия: ударное -а/-я, не склоняется", True
    suffix = next((s for s in _DECLINING_A if low.endswith(s)), None)
    if suffix:
        return True, f"славянская или кавказская фамилия на -{suffix}: склоняется", True
    return True, ("фамилия на -а/-я: ударение и происхождение неизвестны; склонена как фамилия "
                  "на безударное -а (французские на ударное -а не склоняются)"), False


def decline_a(surname: str, case: Case) -> str:
    """Глинка → Глинки, Олеша → Олеши, Берия → Берии (first declension)."""
    stem, last = surname[:-1], surname[-1].lower()
    soft = last == "я"
    if case in ("datv", "loct") and stem[-1:].lower() == "и":
        return stem + "и"  # Берия → Берии
    gent = "и" if soft or stem[-1:].lower() in "гкхжшчщ" else "ы"
    ablt = "ей" if soft or stem[-1:].lower() in _HUSHING else "ой"
    table = {"gent": gent, "datv": "е", "accs": "ю" if soft else "у", "ablt": ablt, "loct": "е"}
    return ending(stem, table, case)


# --- double surnames -----------------------------------------------------------------------

# First parts of double surnames that are not surnames of their own: Armenian, Turkic, French,
# Dutch, German, Arabic particles and titles (Мелик-Пашаев, Кара-Мурза, Сен-Симон, Ван-Дейк),
# and the few Polish-Russian first parts that have fused with the name (Бонч-Бруевич,
# Грум-Гржимайло). The language itself keeps this a closed list.
NOT_A_SURNAME = frozenset({
    "тер", "мелик", "кара", "сен", "сент", "ван", "фон", "де", "дю", "ла", "ле", "мак",
    "ибн", "бен", "аль", "эль", "абу", "бонч", "грум",
})
_SURNAME_SUFFIXES = ("ов", "ев", "ёв", "ин", "ын", "ий", "ый", "ой", "ич", "ук", "юк", "ко", "ян", "дзе",
                     "швили", "ова", "ева", "ина", "ына", "ая", "яя")


def _double(surname: str, case: Case, gender: Gender, notes: Notes) -> str:
    """Both parts decline when each is a surname (Римский-Корсаков); a first part that is
    not (Мелик-Пашаев, Кара-Мурза) stays."""
    first, rest = surname.split("-", 1)
    if first.lower() in NOT_A_SURNAME:
        notes.rule(first, "первая часть двойной фамилии — не фамилия (Тер-, Сен-, Кара- …): не изменяется")
    elif is_surname(first):
        first = decline_surname(first, case, gender, notes)
    else:
        notes.unsure(first, "первая часть двойной фамилии не похожа на фамилию: оставлена без изменения",
                     f"двойная фамилия «{surname}»: первая часть «{first}» не похожа на фамилию "
                     "и оставлена без изменения")
    return f"{first}-{decline_surname(rest, case, gender, notes)}"


def is_surname(word: str) -> bool:
    """A surname by the dictionary or by a surname suffix (-ов, -ин, -ский, -ич, -енко, -ян …)."""
    low = word.lower()
    if low.endswith(_SURNAME_SUFFIXES):
        return True
    return any(p.is_known and "Surn" in p.tag for p in _morph().parse(low))
