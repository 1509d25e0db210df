"""The Russian layer used by the pipeline: declension, persons, dates, typography."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.grammar import Notes, Step
from generator.phrases import decline_apposition, head_group
from generator.russian import (
    NBSP,
    decline_person,
    decline_phrase,
    fix_quotes,
    format_date,
    normalise_person,
    typography,
)
from generator.surnames import adjectival_surname, classify_final_a, decline_surname, is_surname


@pytest.mark.parametrize(("text", "case", "expected"), [
    ("Комитет по туризму Мурманской области", "gent", "Комитета по туризму Мурманской области"),
    ("Комитет по туризму Мурманской области", "ablt", "Комитетом по туризму Мурманской области"),
    ("Служба гостехнадзора Калининградской области", "ablt", "Службой гостехнадзора Калининградской области"),
    ("Министерство по муниципальному развитию", "loct", "Министерстве по муниципальному развитию"),
    ("Главное управление МЧС России", "gent", "Главного управления МЧС России"),
    ("Контрольно-счётная палата Республики Алтай", "ablt", "Контрольно-счётной палатой Республики Алтай"),
    ("главный специалист-эксперт", "accs", "главного специалиста-эксперта"),
    ("Порядок ведения перечня точек взаимодействия", "gent", "Порядка ведения перечня точек взаимодействия"),
    ("Государственная инспекция по надзору", "datv", "Государственной инспекции по надзору"),
])
def test_decline_phrase(text: str, case: str, expected: str) -> None:
    assert decline_phrase(text, case) == expected  # type: ignore[arg-type]


def test_names_do_not_split_on_dashes_but_positions_do() -> None:
    name = "Региональная энергетическая комиссия Кемеровской области – Кузбасса"
    assert decline_phrase(name, "gent") == "Региональной энергетической комиссии Кемеровской области – Кузбасса"
    position = "заместитель министра – начальник департамента"
    assert decline_phrase(position, "accs", kind="position") == "заместителя министра – начальника департамента"


def test_unsure_forms_warn_and_abbreviations_do_not() -> None:
    warnings: list[str] = []
    assert decline_phrase("ОИВ", "gent", warnings) == "ОИВ" and warnings == []
    decline_phrase("Кваквазябра области", "gent", warnings)
    assert warnings and "Кваквазябра" in warnings[0]


@pytest.mark.parametrize(("person", "gender", "expected"), [
    ("В.В. Войцехович", "m", f"В.В.{NBSP}Войцеховича"),
    ("Е.А. Степаненко", "m", f"Е.А.{NBSP}Степаненко"),
    ("О.А. Зорина", "f", f"О.А.{NBSP}Зорину"),
    ("А.С. Сергеев", "m", f"А.С.{NBSP}Сергеева"),
    ("И.И. Белых", "m", f"И.И.{NBSP}Белых"),
    ("М.К. Шевчук", "f", f"М.К.{NBSP}Шевчук"),
    ("П.П. Гоголь", "m", f"П.П.{NBSP}Гоголя"),
    ("А.А. Римский-Корсаков", "m", f"А.А.{NBSP}Римского-Корсакова"),
])
def test_person_accusative(person: str, gender: str, expected: str) -> None:
    assert decline_person(person, "accs", gender) == expected  # type: ignore[arg-type]


def test_normalise_person() -> None:
    assert normalise_person("Степаненко Е.А.") == f"Е.А.{NBSP}Степаненко"
    assert normalise_person("О.А Зорина") == f"О.А.{NBSP}Зорина"


def test_dates() -> None:
    d = dt.date(2024, 3, 28)
    assert format_date(d, "numeric") == "28.03.2024"
    assert format_date(d, "long") == f"28{NBSP}марта{NBSP}2024{NBSP}г."
    assert format_date(d, "quoted") == f"«28»{NBSP}марта{NBSP}2024{NBSP}г."


def test_typography() -> None:
    t = typography("Порядок  (далее - Порядок) № 21 от 28 февраля 2024 г.,  А.С. Сергеев, в течение 10 рабочих дней")
    assert "(далее – Порядок)" in t
    assert f"№{NBSP}21" in t
    assert f"2024{NBSP}г." in t
    assert f"А.С.{NBSP}Сергеев" in t
    assert f"10{NBSP}рабочих" in t
    assert "  " not in t


@pytest.mark.parametrize(("given", "expected"), [
    ('приказ "О плане мероприятий ("дорожной карте")"', "приказ «О плане мероприятий („дорожной карте“)»"),
    ("«О плане («дорожной карте»)»", "«О плане („дорожной карте“)»"),
    ("«О плане („дорожной карте“)»", "«О плане („дорожной карте“)»"),
    ('учреждение "Центр "Мой бизнес""', "учреждение «Центр „Мой бизнес“»"),
    ("без кавычек", "без кавычек"),
])
def test_quotes(given: str, expected: str) -> None:
    assert fix_quotes(given) == expected
    assert fix_quotes(expected) == expected  # idempotent


# --- the hard cases of issue 17: each rule on its own -----------------------------------------

def _surname(surname: str, case: str, gender: str) -> tuple[str, list[Step]]:
    notes = Notes()
    return decline_surname(surname, case, gender, notes), notes.steps  # type: ignore[arg-type]


@pytest.mark.parametrize(("surname", "gender", "gent", "ablt"), [
    ("Задний", "m", "Заднего", "Задним"),      # soft stem, dictionary adjective
    ("Летняя", "f", "Летней", "Летней"),       # -яя is always soft
    ("Дюжий", "m", "Дюжего", "Дюжим"),         # unstressed after ж: -его
    ("Пригожая", "f", "Пригожей", "Пригожей"),  # dictionary lemma in -ий: unstressed, -ей
    ("Чужая", "f", "Чужой", "Чужой"),          # lemma in -ой: stressed, -ой
    ("Крутой", "m", "Крутого", "Крутым"),
    ("Глухой", "m", "Глухого", "Глухим"),      # after к г х ж ш ч щ the instrumental is -им
])
def test_adjectival_surnames(surname: str, gender: str, gent: str, ablt: str) -> None:
    assert _surname(surname, "gent", gender)[0] == gent
    assert _surname(surname, "ablt", gender)[0] == ablt
    assert all(s.certain for s in _surname(surname, "gent", gender)[1])


def test_adjectival_surname_or_noun() -> None:
    notes = Notes()
    assert adjectival_surname("Разбой", "gent", "m", notes) is None  # a noun: Разбоя
    assert adjectival_surname("Антоний", "gent", "m", notes) is None  # a first name: Антония
    assert _surname("Разбой", "gent", "m")[0] == "Разбоя"
    assert _surname("Антоний", "loct", "m")[0] == "Антонии"
    form, steps = _surname("Кривошний", "gent", "m")  # not in the dictionary: soft, but unsure
    assert form == "Кривошнего" and not steps[-1].certain


@pytest.mark.parametrize(("surname", "declines", "certain"), [
    ("Гарсиа", False, True),    # -а after a vowel
    ("Дюма", False, True),      # the dictionary knows it indeclinable
    ("Окуджава", True, True),   # the dictionary knows it declinable
    ("Синица", True, True),     # a common noun
    ("Бешюма", False, True),    # spelling only French has
    ("Квирквелия", True, True),  # Georgian -ия
    ("Ханба", True, True),      # Abkhaz -ба
    ("Тома", True, False),      # a first name says nothing: unsure, warns
])
def test_surnames_in_a(surname: str, declines: bool, certain: bool) -> None:
    got_declines, _, got_certain = classify_final_a(surname)
    assert (got_declines, got_certain) == (declines, certain)


def test_unsure_surname_warns() -> None:
    warnings: list[str] = []
    assert decline_person("П.П. Тома", "datv", "m", warnings) == f"П.П.{NBSP}Томе"
    assert warnings and "Тома" in warnings[0]
    warnings.clear()
    decline_person("П.П. Дюма", "datv", "m", warnings)
    assert warnings == []


@pytest.mark.parametrize(("surname", "gender", "datv"), [
    ("Мелик-Акопов", "m", "Мелик-Акопову"),   # a title, not a surname
    ("Кара-Мурза", "f", "Кара-Мурзе"),
    ("Сент-Илер", "m", "Сент-Илеру"),
    ("Соколов-Микитов", "m", "Соколову-Микитову"),  # both are surnames
    ("Шевчук-Иванова", "f", "Шевчук-Ивановой"),  # a woman's consonant part stays by its own rule
])
def test_double_surnames(surname: str, gender: str, datv: str) -> None:
    assert _surname(surname, "datv", gender)[0] == datv


def test_double_surname_with_an_unknown_first_part_keeps_it_and_is_unsure() -> None:
    form, steps = _surname("Жуг-Ляхов", "gent", "m")
    assert form == "Жуг-Ляхова"
    assert any(s.word == "Жуг" and not s.certain for s in steps)
    assert is_surname("Ляхов") and is_surname("Петренко") and not is_surname("Жуг")


def test_adverb_before_a_participle_stays() -> None:
    group = head_group(["временно", "исполняющий", "обязанности", "министра"])
    assert group is not None and group.adverbs == (0,) and group.head == 1
    assert decline_phrase("временно исполняющий обязанности губернатора", "ablt", kind="position") == \
        "временно исполняющим обязанности губернатора"
    assert decline_phrase("Постоянно действующий арбитраж", "loct") == "Постоянно действующем арбитраже"


def _apposition(text: str, case: str) -> tuple[str, Notes]:
    notes = Notes()
    return decline_apposition(text, case, notes, "через тире"), notes  # type: ignore[arg-type]


def test_appositions() -> None:
    assert _apposition("Курултай", "datv")[0] == "Курултаю"
    assert _apposition("Хасэ", "gent")[0] == "Хасэ"  # the dictionary: indeclinable
    form, notes = _apposition("Маджлисе", "gent")  # unknown, ends in -е: a foreign word does not decline
    assert form == "Маджлисе" and notes.warnings == []
    form, notes = _apposition("Жогорку Кенеш", "ablt")  # a foreign name ends with its head
    assert form == "Жогорку Кенешем" and notes.warnings  # Кенеш is not in the dictionary: unsure
    assert _apposition("парламент Российской Федерации", "gent")[0] == "парламента Российской Федерации"
    form, notes = _apposition("по согласованию", "gent")  # not an apposition: nothing to warn about
    assert form == "по согласованию" and notes.warnings == []


def test_apposition_agrees_only_right_after_the_head() -> None:
    assert decline_phrase("Великий Хурал – Парламент Республики", "ablt") == "Великим Хуралом – Парламентом Республики"
    assert decline_phrase("Совет (коллегия) министерства", "datv") == "Совету (коллегии) министерства"
    assert decline_phrase("Дума Республики Северная Осетия – Алания", "gent") == \
        "Думы Республики Северная Осетия – Алания"
