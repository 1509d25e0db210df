"""The Russian layer used by the pipeline: declension, persons, dates, typography."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.russian import NBSP, decline_person, decline_phrase, format_date, normalise_person, typography


@pytest.mark.parametrize(("text", "case", "expected"), [
    ("Комитет по туризму Мурманской области", "gent", "Комитета по туризму Мурманской области"),
    ("Комитет по туризму Мурманской области", "ablt", "Комитетом по туризму Мурманской области"),
    ("Служба гостехнадзора Калининградской области", "ablt", "Службой гостехнадзора Калининградской области"),
    ("Министерство по муниципальному развитию", "loct", "Министерстве по муниципальному развитию"),
    ("Главное управление МЧС России", "gent", "Главного управления МЧС России"),
    ("Контрольно-счётная палата Республики Алтай", "ablt", "Контрольно-счётной палатой Республики Алтай"),
    ("главный специалист-эксперт", "accs", "главного специалиста-эксперта"),
    ("заместитель министра – начальник департамента", "accs", "заместителя министра – начальника департамента"),
    ("Порядок ведения перечня точек взаимодействия", "gent", "Порядка ведения перечня точек взаимодействия"),
    ("Государственная инспекция по надзору", "datv", "Государственной инспекции по надзору"),
])
def test_decline_phrase(text: str, case: str, expected: str) -> None:
    assert decline_phrase(text, case) == expected  # type: ignore[arg-type]


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
