"""The Russian layer used by the pipeline: declension, persons, dates, typography."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.russian import (
    NBSP,
    decline_person,
    decline_phrase,
    fix_quotes,
    format_date,
    normalise_person,
    typography,
)


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
