"""The fixes of issue 14, one test each: long names in the metadata, one body's failure
isolated, the PDF step failing or hanging, modes, progress words, the exit-code table."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from generator.build import build
from generator.cli import main
from generator.errors import ConfigError, ConversionError, FileSystemError, InternalError, TemplateError
from generator.writers.meta import fit

from .conftest import AGENCIES, ROOT

M = "murmansk-tourism"
LONG_NAME = ("Комитет по делам записи актов гражданского состояния, архивного дела, государственной охраны "
             "объектов культурного наследия и обеспечения деятельности мировых судей Мурманской области")


def test_fit_cuts_at_a_word_with_an_ellipsis() -> None:
    assert fit("коротко") == "коротко"
    cut = fit("слово " * 100)
    assert len(cut) <= 255 and cut.endswith("слово…")
    assert len(fit("ы" * 400)) == 255
    assert fit("а" * 255) == "а" * 255


def test_a_long_name_builds_with_the_whole_name_in_the_text(agencies: Path, tmp_path: Path) -> None:
    path = agencies / f"{M}.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'name = "Комитет по туризму Мурманской области"', f'name = "{LONG_NAME}"'), encoding="utf-8")
    res = build(agencies, tmp_path, [M], pdf=False, workers=1)[0]
    assert res.error is None, res.error
    with zipfile.ZipFile(tmp_path / M / "prikaz.docx") as z:
        core = z.read("docProps/core.xml").decode()
    title = re.search(r"<dc:title>(.*?)</dc:title>", core).group(1)  # type: ignore[union-attr]
    assert len(title) <= 255 and title.endswith("…") and title.startswith("Об утверждении Порядка")
    md = " ".join((tmp_path / M / "prikaz.md").read_text(encoding="utf-8").split())
    assert LONG_NAME.upper() in md  # the blank
    assert "в Комитете по делам записи актов гражданского состояния, архивного дела, государственной охраны " \
           "объектов культурного наследия и обеспечения деятельности мировых судей Мурманской области" in md


def test_one_bodys_failure_stops_neither_the_others_nor_the_summary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.writers import docx

    real = docx.build

    def broken(doc: object) -> bytes:
        if getattr(doc, "slug", "") == "altai-zags":
            raise ValueError("a bug in the writer")
        return real(doc)  # type: ignore[arg-type]

    monkeypatch.setattr(docx, "build", broken)
    code = main(["--agencies", str(AGENCIES), "build", "--no-pdf", "--workers", "1", "--out", str(tmp_path),
                 "altai-zags", M, "model"])
    captured = capsys.readouterr()
    assert code == InternalError.exit_code
    assert "✗ altai-zags: внутренняя ошибка генератора (ValueError: a bug in the writer)" in captured.err
    assert "[1/3] altai-zags: ошибка" in captured.err  # not «готов»
    assert "Traceback" not in captured.err
    assert (tmp_path / M / "prikaz.md").is_file() and (tmp_path / "model" / "poryadok.md").is_file()
    assert "с ошибками    1: altai-zags" in captured.out


def test_outputs_are_readable_by_all_under_umask_022(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        build(AGENCIES, tmp_path, ["model"], pdf=False)
    finally:
        os.umask(old)
    for p in [tmp_path / "model" / "poryadok.docx", tmp_path / "model" / "poryadok.md",
              tmp_path / ".prikaz-manifest.json"]:
        assert stat.S_IMODE(p.stat().st_mode) == 0o644, p


def fake_soffice(folder: Path, body: str) -> dict[str, str]:
    """A «soffice» on PATH that does ``body`` (a shell script) and records its pids."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\necho $$ >> {folder}/pids\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}


HANG = "sleep 1000 &\necho $! >> \"$(dirname \"$0\")/pids\"\nwait"


def alive(pids_file: Path) -> list[int]:
    if not pids_file.exists():
        return []
    out = []
    for pid in map(int, pids_file.read_text().split()):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.append(pid)
    return out


def run_cli(args: list[str], env: dict[str, str], **kw: Any) -> subprocess.CompletedProcess[str]:
    done: subprocess.CompletedProcess[str] = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--agencies", str(AGENCIES), *args], cwd=ROOT,
        env=env, capture_output=True, text=True, timeout=120, check=False, **kw)
    return done


def test_a_failing_pdf_still_writes_docx_and_text(tmp_path: Path) -> None:
    env = fake_soffice(tmp_path / "bin", "exit 1")
    out = tmp_path / "out"
    proc = run_cli(["build", "--pdf-engine", "libreoffice", "--out", str(out), "model"], env)
    assert proc.returncode == ConversionError.exit_code, proc.stderr
    assert "DOCX и текст записаны, PDF не создан: LibreOffice не создал PDF" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (out / "model" / "poryadok.docx").is_file() and (out / "model" / "poryadok.md").is_file()
    assert not (out / "model" / "poryadok.pdf").exists()
    assert "[1/1] model: ошибка" in proc.stderr


def test_a_hung_pdf_engine_is_stopped_at_the_timeout_with_its_children(tmp_path: Path) -> None:
    env = fake_soffice(tmp_path / "bin", HANG)
    out = tmp_path / "out"
    start = time.monotonic()
    proc = run_cli(["build", "--pdf-engine", "libreoffice", "--out", str(out), "--pdf-timeout", "2", "model"], env)
    assert time.monotonic() - start < 30
    assert proc.returncode == ConversionError.exit_code, proc.stderr
    assert "не ответил за 2 с и остановлен" in proc.stderr
    assert (out / "model" / "poryadok.md").is_file()
    time.sleep(0.5)
    assert alive(tmp_path / "bin" / "pids") == []


def test_missing_libreoffice_is_code_4(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(Path(sys.executable).parent), "PYTHONPATH": str(ROOT)}
    proc = run_cli(["build", "--pdf-engine", "libreoffice", "--out", str(tmp_path), "model"], env)
    assert proc.returncode == 4, proc.stderr
    assert "LibreOffice не найден" in proc.stderr


def test_the_exit_code_table_of_the_readme_matches_the_code(tmp_path: Path) -> None:
    """Every code of the README's table is what the code returns for that kind of failure."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", readme, re.M))
    assert set(table) == {"0", "1", "2", "3", "4", "5", "130"}, table
    kinds = {ConfigError: 2, TemplateError: 3, ConversionError: 4, FileSystemError: 5, InternalError: 1}
    for kind, code in kinds.items():
        assert kind.exit_code == code and str(code) in table
    assert "конфигурации" in table["2"] and "замены пункта" in table["3"] and "LibreOffice" in table["4"]
    assert "нет места" in table["5"] and "Ctrl-C" in table["130"]
    ag = tmp_path / "agencies"
    shutil.copytree(AGENCIES, ag)
    args = ["--agencies", str(ag), "build", "--no-pdf", "--out", str(tmp_path / "out"), M]
    assert main(args) == 0
    path = ag / f"{M}.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('id = "keeper_units"', 'id = "no_such_clause"'), encoding="utf-8")
    assert main(args) == 3  # an unknown override id
    path.write_text(text.replace('short = "Комитет"', 'short = ""'), encoding="utf-8")
    assert main(args) == 2
    (tmp_path / "file").write_text("x")
    assert main(["--agencies", str(ag), "build", "--no-pdf", "--out", str(tmp_path / "file"), M]) == 5


def test_new_writes_toml_with_a_library_not_by_string(agencies: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--agencies", str(agencies), "new", "murmansk-culture", "--name",
                 'Комитет по культуре Мурманской области\nkind = "procedure" #', "--short", "Комитет", "--region",
                 "murmansk", "--date", "2024-05-15", "--number", "37", "--signatory-position",
                 "Председатель {name:gent}", "--signatory", "И.И. Иванов"])
    assert code == 2
    assert not (agencies / "murmansk-culture.toml").exists()
    assert not list(agencies.glob(".*.toml"))
    code = main(["--agencies", str(agencies), "new", "murmansk-culture", "--name",
                 'Комитет по культуре "и" Мурманской области', "--short", "Комитет", "--region",
                 "murmansk", "--date", "2024-05-15", "--number", "37", "--signatory-position",
                 "Председатель {name:gent}", "--signatory", "И.И. Иванов"])
    assert code == 0, capsys.readouterr().err
    from generator.config import load_agency

    cfg = load_agency(agencies / "murmansk-culture.toml")
    assert cfg.kind == "order" and cfg.agency.name == 'Комитет по культуре "и" Мурманской области'


def test_sign_with_a_path_slug_writes_nothing_outside(tmp_path: Path) -> None:
    ag = tmp_path / "a" / "b" / "agencies"
    shutil.copytree(AGENCIES, ag)
    assert main(["--agencies", str(ag), "sign", "../../x", "--date", "2024-02-28", "--number", "21"]) == 2
    assert not list(tmp_path.rglob("*.editions"))


def test_a_failing_pdf_of_amend_still_writes_docx_and_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """prikaz amend, like build, writes the amending order's DOCX and text when its PDF fails,
    and says so with the PDF's exit code (4)."""
    import shutil

    from generator import writers
    from generator.errors import ConversionError

    ag = tmp_path / "agencies"
    shutil.copytree(AGENCIES, ag)
    assert main(["--agencies", str(ag), "sign", "murmansk-tourism", "--date", "2024-02-28", "--number", "21"]) == 0
    path = ag / "murmansk-tourism.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[procedure.overrides]]\naction = "text"\nid = "directive"\n'
                    'text = "Если точка взаимодействия используется на основании поручения руководителя, она также '
                    'включается в Перечень."\n', encoding="utf-8")

    def broken(doc: object) -> bytes:
        raise ConversionError("Typst не собрал документ: проверка")

    monkeypatch.setattr(writers, "PDF", writers.FormatWriter(".pdf", broken))
    out = tmp_path / "out"
    code = main(["--agencies", str(ag), "amend", "murmansk-tourism", "--date", "2025-03-01", "--number", "5",
                 "--out", str(out)])
    assert code == 4
    folder = out / "murmansk-tourism" / "amendments" / "2025-03-01-5"
    assert {p.name for p in folder.iterdir()} == {"izmeneniya.docx", "izmeneniya.md", "sravnenie.docx",
                                                   "sravnenie.md"}
