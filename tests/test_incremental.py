"""Incremental builds: only what changed is rebuilt (content hashes in out/.prikaz-manifest.json)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import build as build_module
from generator import manifest as manifest_module
from generator.build import build
from generator.cli import main
from generator.manifest import MANIFEST, TEMPLATES, templates_digest

from .conftest import AGENCIES, OUTPUT, SEED_FILES

SLUGS = sorted(SEED_FILES)


def _rebuilt(results: list[build_module.Result]) -> list[str]:
    return sorted(r.slug for r in results if not r.up_to_date and not r.error)


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    agencies = tmp_path / "agencies"
    shutil.copytree(AGENCIES, agencies)
    out = tmp_path / "out"
    assert _rebuilt(build(agencies, out, pdf=False, workers=2)) == SLUGS
    return agencies, out


def test_nothing_changed_nothing_rebuilt(project: tuple[Path, Path]) -> None:
    agencies, out = project
    assert _rebuilt(build(agencies, out, pdf=False)) == []


def test_a_changed_config_rebuilds_that_body_only(project: tuple[Path, Path]) -> None:
    agencies, out = project
    path = agencies / "murmansk-tourism.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('number = "21"', 'number = "22"'), encoding="utf-8")
    assert _rebuilt(build(agencies, out, pdf=False)) == ["murmansk-tourism"]
    assert "№ 22" in (out / "murmansk-tourism" / "prikaz.md").read_text(encoding="utf-8").replace("\u00a0", " ")
    assert _rebuilt(build(agencies, out, pdf=False)) == []


def test_a_changed_region_profile_rebuilds_its_bodies(project: tuple[Path, Path]) -> None:
    agencies, out = project
    region = agencies / "regions" / "kaliningrad.toml"
    region.write_text(region.read_text(encoding="utf-8") + "\n# изменено\n", encoding="utf-8")
    assert _rebuilt(build(agencies, out, pdf=False)) == ["kaliningrad-gostekhnadzor", "kaliningrad-munrazvitie"]


def test_a_changed_template_rebuilds_everything(project: tuple[Path, Path], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    agencies, out = project
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    before = templates_digest(templates)
    (templates / "poryadok.j2").write_text((templates / "poryadok.j2").read_text(encoding="utf-8") + "\n",
                                           encoding="utf-8")
    after = templates_digest(templates)
    assert before != after  # any byte of any template changes the digest
    monkeypatch.setattr(build_module, "templates_digest", lambda: after)
    assert _rebuilt(build(agencies, out, pdf=False)) == SLUGS


def test_a_deleted_or_altered_output_is_rebuilt(project: tuple[Path, Path]) -> None:
    agencies, out = project
    (out / "model" / "poryadok.docx").unlink()
    (out / "altai-zags" / "prikaz.md").write_text("испорчено", encoding="utf-8")
    assert _rebuilt(build(agencies, out, pdf=False)) == ["altai-zags", "model"]
    assert (out / "model" / "poryadok.docx").exists()


def test_outputs_hashed_only_when_the_file_system_says_they_changed(project: tuple[Path, Path],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A no-op build trusts an output whose size, time and inode are as written; an output
    touched (same bytes, another time) is hashed and found unchanged; one rewritten with the
    same size is hashed and rebuilt."""
    agencies, out = project
    hashed: list[str] = []
    real = manifest_module.file_digest

    def counted(path: Path) -> str:
        hashed.append(path.name)
        return real(path)

    monkeypatch.setattr(manifest_module, "file_digest", counted)
    assert _rebuilt(build(agencies, out, pdf=False)) == []
    assert hashed == []
    md = out / "model" / "poryadok.md"
    os.utime(md, ns=(md.stat().st_atime_ns, md.stat().st_mtime_ns + 10**9))
    assert _rebuilt(build(agencies, out, pdf=False)) == [] and hashed == ["poryadok.md"]
    data = md.read_bytes()
    md.write_bytes(data[:-1] + (b"x" if data[-1:] != b"x" else b"y"))
    assert _rebuilt(build(agencies, out, pdf=False)) == ["model"]


def test_force_rebuilds_everything(project: tuple[Path, Path]) -> None:
    agencies, out = project
    assert _rebuilt(build(agencies, out, pdf=False, force=True)) == SLUGS


@pytest.mark.parametrize("garbage", ["{not json", '{"format": 99}', '{"format": 1, "entries": []}', "\x00\xff"])
def test_a_corrupted_manifest_means_a_full_rebuild_not_a_crash(project: tuple[Path, Path], garbage: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    agencies, out = project
    (out / MANIFEST).write_text(garbage, encoding="utf-8")
    assert main(["--agencies", str(agencies), "build", "--no-pdf", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "повреждён" in captured.err
    assert "собрано       5" in captured.out
    assert _rebuilt(build(agencies, out, pdf=False)) == []  # and the manifest is good again


def test_progress_lines_when_not_a_terminal(project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    agencies, out = project
    assert main(["--agencies", str(agencies), "build", "--no-pdf", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "[5/5]" in err and "актуален" in err


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    build(AGENCIES, tmp_path / "one", pdf=False, workers=1)
    build(AGENCIES, tmp_path / "two", pdf=False, workers=2)
    for slug in SEED_FILES:
        name = f"{OUTPUT[slug]}.docx"
        assert (tmp_path / "one" / slug / name).read_bytes() == (tmp_path / "two" / slug / name).read_bytes()


def test_workers_take_one_body_at_a_time_the_largest_first(tmp_path: Path) -> None:
    """With Typst each worker takes the next body when it is done (largest config first);
    with LibreOffice each worker has one share, converted in one run."""
    agencies = tmp_path / "agencies"
    shutil.copytree(AGENCIES, agencies)
    sizes = {s: (agencies / f"{s}.toml").stat().st_size for s in SLUGS}
    shares = build_module._shares(agencies, [*SLUGS, "нет-такого"], 2, "typst")
    assert shares == [[s] for s in sorted(SLUGS, key=sizes.__getitem__, reverse=True)] + [["нет-такого"]]
    assert build_module._shares(agencies, SLUGS, 2, "libreoffice") == [SLUGS[0::2], SLUGS[1::2]]
