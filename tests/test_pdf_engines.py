"""Both PDF engines: Typst by default, LibreOffice on request (a rendering of the DOCX),
and «prikaz pdf» for DOCX files edited by hand."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from generator.cli import main

from .conftest import AGENCIES

needs_lo = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                              reason="LibreOffice не установлен")


def _xmp(pdf: Path) -> str:
    trailer: Any = PdfReader(str(pdf)).trailer
    return str(trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8"))


def test_typst_pdf_dated_with_the_order(built: Path) -> None:
    pdf = built / "murmansk-tourism" / "prikaz.pdf"
    reader = PdfReader(str(pdf))
    meta: Any = reader.metadata
    assert meta is not None and meta["/CreationDate"].startswith("D:20240228")
    xmp = _xmp(pdf)
    assert "<xmp:CreateDate>2024-02-28T00:00:00Z</xmp:CreateDate>" in xmp
    assert "<xmp:CreatorTool>Typst" in xmp and "<dc:language><rdf:Bag><rdf:li>ru-RU</rdf:li>" in xmp
    assert meta.author in xmp and meta.get("/Keywords") in xmp


@needs_lo
def test_libreoffice_engine_and_prikaz_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["--agencies", str(AGENCIES), "build", "kaliningrad-gostekhnadzor", "--out", str(out),
                 "--pdf-engine", "libreoffice"]) == 0
    pdf = out / "kaliningrad-gostekhnadzor" / "prikaz.pdf"
    assert "<pdfaid:part>2</pdfaid:part>" in _xmp(pdf) and "LibreOffice" in _xmp(pdf)
    docx = tmp_path / "edited.docx"
    shutil.copy(out / "kaliningrad-gostekhnadzor" / "prikaz.docx", docx)
    assert main(["pdf", str(docx), "--out", str(tmp_path / "pdf")]) == 0
    made = tmp_path / "pdf" / "edited.pdf"
    assert "<pdfaid:part>2</pdfaid:part>" in _xmp(made)
    subprocess.run(["qpdf", "--check", str(made)], check=True, capture_output=True)
    first = made.read_bytes()
    assert main(["pdf", str(docx), "--out", str(tmp_path / "pdf")]) == 0
    assert made.read_bytes() == first  # dated with the DOCX's own date: same bytes
    capsys.readouterr()


def test_prikaz_pdf_names_a_wrong_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert main(["pdf", str(tmp_path / "a.txt"), str(tmp_path / "нет.docx")]) == 4
    err = capsys.readouterr().err
    assert "a.txt" in err and "ожидается файл .docx" in err and "нет.docx" in err and "файл не найден" in err


def test_libreoffice_missing_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    docx = tmp_path / "a.docx"
    docx.write_bytes(b"PK")
    assert main(["pdf", str(docx)]) == 4
    assert "apt-get install libreoffice-writer-nogui" in capsys.readouterr().err
