"""The hand-checked corpus (tests/data/declension.toml): every form must match, 100 %."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from generator.russian import decline_person, decline_phrase

CORPUS = tomllib.loads((Path(__file__).parent / "data" / "declension.toml").read_text(encoding="utf-8"))
CASES = ("gent", "datv", "accs", "ablt", "loct")


def _ids(entries: list[dict[str, Any]]) -> list[str]:
    return [e.get("given", e["nomn"])[:40] for e in entries]


def test_corpus_size() -> None:
    assert len(CORPUS["body"]) >= 60 and len(CORPUS["person"]) >= 30 and len(CORPUS["position"]) >= 20
    genders = {p.get("gender") for p in CORPUS["person"]}
    assert {"m", "f"} <= genders


def test_hard_cases_cover_every_class() -> None:
    entries = [e for kind in ("body", "position", "person") for e in CORPUS[kind] if "class" in e]
    counts = {c: sum(e["class"] == c for e in entries) for c in {e["class"] for e in entries}}
    assert set(counts) == {"apposition", "adverb", "adjectival", "final-a", "double"}
    assert len(entries) >= 60 and min(counts.values()) >= 10


@pytest.mark.parametrize("entry", CORPUS["body"], ids=_ids(CORPUS["body"]))
def test_bodies(entry: dict[str, str]) -> None:
    got = {c: decline_phrase(entry["nomn"], c) for c in CASES}  # type: ignore[arg-type]
    assert got == {c: entry[c] for c in CASES}


@pytest.mark.parametrize("entry", CORPUS["position"], ids=_ids(CORPUS["position"]))
def test_positions(entry: dict[str, str]) -> None:
    got = {c: decline_phrase(entry["nomn"], c, kind="position") for c in CASES}  # type: ignore[arg-type]
    assert got == {c: entry[c] for c in CASES}


@pytest.mark.parametrize("entry", CORPUS["person"], ids=_ids(CORPUS["person"]))
def test_persons(entry: dict[str, str]) -> None:
    gender = entry.get("gender")
    got = {c: decline_person(entry["given"], c, gender) for c in ("nomn", *CASES)}  # type: ignore[arg-type]
    assert got == {c: entry[c] for c in ("nomn", *CASES)}


def test_explicit_forms_win_and_placeholders_use_them(agencies: Path) -> None:
    from generator.compose import compose
    from generator.config import load_agency
    from generator.writers.text import render

    path = agencies / "murmansk-tourism.toml"
    text = path.read_text(encoding="utf-8").replace(
        'short = "Комитет"', 'short = "Комитет"\nforms = { gent = "Комитета-по-туризму" }', 1)
    path.write_text(text, encoding="utf-8")
    md = render(compose(load_agency(path), "murmansk-tourism"))
    assert "Председатель Комитета-по-туризму" in md  # «Председатель {name:gent}»
    assert "Комитета по туризму Мурманской области" not in md.split("## ПРИКАЗ")[1]  # every genitive


def test_unsure_declension_warns_with_the_key(agencies: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    path = agencies / "murmansk-tourism.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'name = "Комитет по туризму Мурманской области"', 'name = "Кваквазябра по туризму Мурманской области"'),
        encoding="utf-8")
    out = path.parent.parent / "out"
    assert main(["--agencies", str(agencies), "build", "murmansk-tourism", "--no-pdf", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "предупреждение" in err and "Кваквазябра" in err and "[agency.forms]" in err


def test_unsure_surname_warns_with_the_person_forms_key(agencies: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    path = agencies / "kaliningrad-munrazvitie.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('person = "Е.А. Степаненко"', 'person = "Е.А. Тома"', 1),
                    encoding="utf-8")
    out = path.parent.parent / "out"
    assert main(["--agencies", str(agencies), "build", "kaliningrad-munrazvitie", "--no-pdf", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "«Тома»" in err and "[order.control.deputy.person_forms] accs" in err


def test_decline_cli_explain(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from generator.cli import main

    assert main(["decline", "--explain", "--position", "временно исполняющий обязанности министра"]) == 0
    out = capsys.readouterr().out
    assert "временно исполняющего обязанности министра" in out
    assert "временно — наречие перед причастием или прилагательным: не изменяется (уверенно)" in out
    assert main(["decline", "--explain", "--json", "--person", "--gender", "m", "А.А. Тома"]) == 0
    captured = capsys.readouterr()
    steps = json.loads(captured.out)["explain"]
    assert {"word": "Тома", "certain": False}.items() <= steps[-1].items()
    assert "предупреждение" in captured.err and "Тома" in captured.err


def test_decline_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from generator.cli import main

    assert main(["decline", "--json", "Комитет по туризму Мурманской области"]) == 0
    forms = json.loads(capsys.readouterr().out)
    assert list(forms) == ["nomn", "gent", "datv", "accs", "ablt", "loct"]
    assert forms["ablt"] == "Комитетом по туризму Мурманской области"
    assert main(["decline", "--person", "--gender", "f", "Т.В. Шевчук"]) == 0
    assert "Т.В.\u00a0Шевчук" in capsys.readouterr().out
