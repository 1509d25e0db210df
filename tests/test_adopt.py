"""prikaz adopt: the seeds adopted as signed editions, the round trip of generated orders,
the refusals, and the amending order worded against what was signed.

Golden files in tests/golden/adopt/<slug>/: the report of the adoption (report.txt) and,
for the orders, the amending order that brings the signed text to the config
(izmeneniya.md). ``UPDATE_GOLDEN=1 pytest tests/test_adopt.py`` rewrites them.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator import edition as ed
from generator.adopt import Adopted, adopt
from generator.adopt.report import counts, report
from generator.build import build
from generator.cli import main
from generator.config import load_agency
from generator.errors import PrikazError
from generator.pipeline import compose_located
from generator.signing import amend, sign

from .conftest import AGENCIES, OUTPUT, SEED_FILES, SEEDS

GOLDEN = Path(__file__).parent / "golden" / "adopt"
WORDING = ("wording", "signed_only", "composed_only", "unchecked", "requisite")


def _golden(name: Path, text: str) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        name.parent.mkdir(parents=True, exist_ok=True)
        name.write_text(text, encoding="utf-8")
    assert name.exists(), f"no golden file {name}; run with UPDATE_GOLDEN=1"
    assert text == name.read_text(encoding="utf-8"), f"{name} differs from the golden file"


def _requisites(agencies: Path, slug: str) -> tuple[dt.date | None, str | None]:
    cfg = load_agency(agencies / f"{slug}.toml")
    return (cfg.order.date, cfg.order.number) if cfg.kind == "order" else (None, None)


@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_seed_adopted(slug: str, agencies: Path, tmp_path: Path) -> None:
    date, number = _requisites(agencies, slug)
    result = adopt(agencies, slug, SEEDS / SEED_FILES[slug], date, number, partial=slug == "altai-zags")
    _golden(GOLDEN / slug / "report.txt", "\n".join(report(result)) + "\n")
    if slug == "model":  # a Порядок without an order: compared, nothing recorded
        assert result.edition is None and not ed.edition_files(agencies, slug)
        return
    assert result.written is not None and ed.load(result.written) == result.edition
    assert date is not None and number is not None
    folder = amend(agencies, tmp_path / "out", slug, dt.date(2025, 3, 3), "100", pdf=False)[0].parent
    order = (folder / "izmeneniya.md").read_text(encoding="utf-8")
    _golden(GOLDEN / slug / "izmeneniya.md", order)
    sign(agencies, slug, dt.date(2025, 3, 3), "100")
    assert [r.error for r in build(agencies, tmp_path / "out", [slug], pdf=False)] == [None]
    consolidated = (tmp_path / "out" / slug / "prikaz.md").read_text(encoding="utf-8")
    assert "(в ред. приказа" in consolidated and "от 03.03.2025 № 100" in consolidated


def test_murmansk_defects_are_amended_and_requisites_are_not(agencies: Path, tmp_path: Path) -> None:
    result = adopt(agencies, "murmansk-tourism", SEEDS / SEED_FILES["murmansk-tourism"], dt.date(2024, 2, 28), "21")
    assert result.edition is not None and result.edition.adopted is not None
    signed = {u.ref: u.text for u in result.edition.procedure}
    assert "деятельности Комитет по туризму" in signed["1.1"]  # the signed words are recorded
    assert "взаимодействия с и организациями" in signed["2.10.5"]
    assert any("латинскими" in r and "A.B." in r for r in result.edition.adopted.requisites)
    folder = amend(agencies, tmp_path, "murmansk-tourism", dt.date(2025, 3, 1), "5", pdf=False)[0].parent
    order = (folder / "izmeneniya.md").read_text(encoding="utf-8")
    assert "деятельности Комитета по туризму Мурманской области (далее – Комитет)" in order
    assert "в подпункте 2.10.5" in order and "после слова «с» дополнить словом «Комитетом»" in order
    assert "A.B." not in order and "Елисеев" in order


def test_altai_number_spellings_are_recorded_not_amended(agencies: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = SEEDS / SEED_FILES["altai-zags"]
    args = ["--agencies", str(agencies), "adopt", "altai-zags", "--from", str(seed), "--date", "2024-03-28",
            "--number", "П-12-01/0019"]
    assert main(args) == 5  # the seed stops inside clause 15: refused without --partial
    err = capsys.readouterr().err
    assert "документ обрывается" in err and "--partial" in err and "Traceback" not in err
    assert main([*args, "--partial"]) == 0
    out = capsys.readouterr().out
    assert "П-12/01-0019" in out and "Перечень, таблица" in out and "Не сверены" in out
    last = ed.last_edition(agencies, "altai-zags")
    assert last is not None and last.adopted is not None
    assert any("П-12/01-0019" in r for r in last.adopted.requisites)
    assert last.registry is not None and last.adopted.unchecked  # taken from the config, said so


def test_model_online_offline_is_reported(agencies: Path) -> None:
    result = adopt(agencies, "model", SEEDS / SEED_FILES["model"], None, None)
    diffs = {d.unit: d for d in result.differences if d.kind == "wording"}
    assert "онлайн-точки" in diffs["пункт 3.1.2"].signed and "офлайн-точки" in diffs["пункт 3.1.2"].composed


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_round_trip_of_the_generated_order(slug: str, suffix: str, built_libreoffice: Path, agencies: Path) -> None:
    """The DOCX and the PDF that LibreOffice renders of it (--pdf-engine libreoffice)."""
    date, number = _requisites(agencies, slug)
    source = built_libreoffice / slug / f"{OUTPUT[slug]}{suffix}"
    _assert_round_trip(agencies, slug, adopt(agencies, slug, source, date, number, write=False))


def _assert_round_trip(agencies: Path, slug: str, result: Adopted) -> None:
    assert [d for d in result.differences] == []
    assert result.units[0] == result.units[1] == result.units[2] and result.rows[0] == result.rows[2]
    if result.edition is not None:  # the edition adopted is the one «sign» freezes
        cfg = load_agency(agencies / f"{slug}.toml")
        doc = compose_located(cfg, slug, agencies / f"{slug}.toml")
        frozen = ed.freeze(doc, slug, result.edition.acts)
        assert result.edition.model_copy(update={"adopted": None}) == frozen


@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_round_trip_of_the_typst_pdf(slug: str, built: Path, agencies: Path) -> None:
    """The PDF that ``prikaz build`` typesets with Typst: its tags, its hyphens (/ActualText)."""
    date, number = _requisites(agencies, slug)
    _assert_round_trip(agencies, slug, adopt(agencies, slug, built / slug / f"{OUTPUT[slug]}.pdf", date, number,
                                             write=False))


def test_refusals(agencies: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = SEEDS / SEED_FILES["murmansk-tourism"]
    base = ["--agencies", str(agencies), "adopt", "murmansk-tourism", "--from"]
    assert main([*base, str(seed), "--date", "2024-02-29", "--number", "21"]) == 5
    assert "order.date" in capsys.readouterr().err
    text = seed.read_text(encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(text.replace("№ 21\n", "№ 22\n", 1), encoding="utf-8")
    assert main([*base, str(other), "--date", "2024-02-28", "--number", "21"]) == 5
    assert "на бланке № 22, указан № 21" in capsys.readouterr().err
    other.write_text(text.replace("КОМИТЕТ ПО ТУРИЗМУ", "КОМИТЕТ ПО КУЛЬТУРЕ", 1), encoding="utf-8")
    assert main([*base, str(other), "--date", "2024-02-28", "--number", "21"]) == 5
    assert "нет наименования органа" in capsys.readouterr().err
    body = text.index("1. Общие положения")
    other.write_text(text[:body] + "\n\n".join(f"{k}. Сведения о погоде за день {k}." for k in range(1, 60)),
                     encoding="utf-8")
    assert main([*base, str(other), "--date", "2024-02-28", "--number", "21"]) == 5
    err = capsys.readouterr().err
    assert "не сопоставлен" in err and "только в конфигурации" in err and "нужно не меньше 60%" in err
    assert not ed.edition_files(agencies, "murmansk-tourism")


def test_image_only_pdf_and_bad_files_are_refused(agencies: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfWriter

    scan = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    with scan.open("wb") as f:
        writer.write(f)
    base = ["--agencies", str(agencies), "adopt", "murmansk-tourism", "--date", "2024-02-28", "--number", "21",
            "--from"]
    assert main([*base, str(scan)]) == 6
    assert "OCR" in capsys.readouterr().err
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    assert main([*base, str(broken)]) == 6
    assert "DOCX не прочитан" in capsys.readouterr().err
    assert main([*base, str(tmp_path / "missing.txt")]) == 6


def test_cp1251_text_reads_as_utf8(agencies: Path, tmp_path: Path) -> None:
    seed = SEEDS / SEED_FILES["kaliningrad-munrazvitie"]
    copy = tmp_path / "prikaz.txt"
    copy.write_bytes(seed.read_text(encoding="utf-8").encode("cp1251", errors="replace"))
    date, number = _requisites(agencies, "kaliningrad-munrazvitie")
    one = adopt(agencies, "kaliningrad-munrazvitie", seed, date, number, write=False)
    two = adopt(agencies, "kaliningrad-munrazvitie", copy, date, number, write=False)
    assert counts(one) == counts(two) and one.units == two.units


def test_adopt_twice_is_refused(agencies: Path) -> None:
    sign(agencies, "murmansk-tourism", dt.date(2024, 2, 28), "21")
    with pytest.raises(PrikazError, match="редакция уже записана"):
        adopt(agencies, "murmansk-tourism", SEEDS / SEED_FILES["murmansk-tourism"], dt.date(2024, 2, 28), "21")


ORDERS = sorted(s for s in SEED_FILES if s != "model")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(slug=st.sampled_from(ORDERS), pick=st.integers(min_value=0, max_value=10_000),
       drop_row=st.booleans())
def test_adopting_generated_output_gives_no_differences(slug: str, pick: int, drop_row: bool,
                                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Any body, varied a little (a clause removed, a register row dropped): its generated
    DOCX adopted gives back the composed text with no difference."""
    import shutil

    from generator.writers import write_all

    work = tmp_path_factory.mktemp("prop")
    shutil.copytree(AGENCIES, work / "agencies")
    path = work / "agencies" / f"{slug}.toml"
    cfg = load_agency(path)
    ids = [u.id for u in ed.units(ed.procedure_body(compose_located(cfg, slug, path)))
           if u.id and u.kind == "clause" and u.depth > 0]
    text = path.read_text(encoding="utf-8")
    text += f'\n[[procedure.overrides]]\naction = "remove"\nid = "{ids[pick % len(ids)]}"\n'
    if drop_row and text.count("[[register.rows]]") > 2:
        at = text.rindex("[[register.rows]]")
        end = text.find("\n[", at + 5)
        text = text[:at] + (text[end + 1:] if end > 0 else "")
    path.write_text(text, encoding="utf-8")
    try:
        cfg = load_agency(path)
        doc = compose_located(cfg, slug, path)
    except PrikazError:
        assume(False)
        return
    source = work / "prikaz.docx"
    source.write_bytes(write_all(doc)[".docx"])
    result = adopt(work / "agencies", slug, source, cfg.order.date, cfg.order.number, write=False)
    assert [d for d in result.differences if d.kind != "formatting"] == []
    assert [d for d in result.differences] == []
