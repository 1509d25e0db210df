"""Whole builds: the five outputs, DOCX and PDF read back, determinism, fidelity."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as OpenDocx
from pypdf import PdfReader

from generator.build import build
from generator.cli import main

from .conftest import AGENCIES, FIDELITY, OUTPUT, SEED_FILES, SEEDS


@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_outputs_exist_and_open(built: Path, slug: str) -> None:
    base = built / slug / OUTPUT[slug]
    for ext in (".docx", ".pdf", ".md"):
        assert base.with_suffix(ext).stat().st_size > 0
    doc = OpenDocx(str(base.with_suffix(".docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert len(doc.paragraphs) > 50
    if slug != "model":
        assert "ПРИКАЗ" in text
        assert "приказываю:" in text


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_pdf_holds_title_and_last_clause(built: Path, slug: str) -> None:
    base = built / slug / OUTPUT[slug]
    reader = PdfReader(str(base.with_suffix(".pdf")))
    text = _norm(" ".join(page.extract_text() or "" for page in reader.pages))
    doc = OpenDocx(str(base.with_suffix(".docx")))
    props_title = doc.core_properties.title
    assert _norm(props_title)[:60].lower() in text.lower()
    # the last numbered clause of the order (or of the procedure), as the DOCX has it
    clauses = [p.text for p in doc.paragraphs if re.match(r"^\d+(\.\d+)*\.\s", p.text)]
    last = _norm(clauses[-1])
    assert last[:50] in text
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


@pytest.mark.skipif(not FIDELITY.exists(), reason="нет ../shared/tools/fidelity.py")
@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_fidelity_to_the_seed(built: Path, slug: str) -> None:
    docx = built / slug / f"{OUTPUT[slug]}.docx"
    out = subprocess.run([sys.executable, str(FIDELITY), str(docx), str(SEEDS / SEED_FILES[slug]), "--show", "0"],
                         capture_output=True, text=True, check=True).stdout
    score = float(re.search(r"reference tokens reproduced: ([\d.]+)", out).group(1))  # type: ignore[union-attr]
    assert score >= 0.97, out


def test_altai_number_is_one_number_everywhere(built: Path) -> None:
    md = (built / "altai-zags" / "prikaz.md").read_text(encoding="utf-8")
    assert md.count("П-12-01/0019") >= 3  # the blank and both grifs
    assert "П-12/01-0019" not in md


def test_docx_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    build(AGENCIES, a, pdf=False)
    build(AGENCIES, b, pdf=False)
    for slug in SEED_FILES:
        name = f"{OUTPUT[slug]}.docx"
        assert (a / slug / name).read_bytes() == (b / slug / name).read_bytes(), slug


def test_cli_build_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--agencies", str(AGENCIES), "build", "murmansk-tourism", "--no-pdf", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "murmansk-tourism" / "prikaz.docx").exists()
    assert not (tmp_path / "altai-zags").exists()
    assert main(["--agencies", str(AGENCIES), "list"]) == 0
    listed = capsys.readouterr().out
    for slug in SEED_FILES:
        assert slug in listed
