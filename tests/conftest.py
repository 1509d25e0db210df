from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AGENCIES = ROOT / "agencies"
SEEDS = ROOT.parent / "shared" / "seeds"
FIDELITY = ROOT.parent / "shared" / "tools" / "fidelity.py"

SEED_FILES = {
    "altai-zags": "000_3a83e4af4942c442.txt",
    "kaliningrad-gostekhnadzor": "001_9eb3a263f299cad0.txt",
    "kaliningrad-munrazvitie": "002_8a93e114fef36ec6.txt",
    "model": "003_c9853571d30913d8.txt",
    "murmansk-tourism": "004_c094c74b1c1bf576.txt",
}


OUTPUT = {slug: "poryadok" if slug == "model" else "prikaz" for slug in SEED_FILES}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One full build (DOCX, PDF, text) of every agency, shared by the tests that read it."""
    from generator.build import build

    out = tmp_path_factory.mktemp("out")
    results = build(AGENCIES, out)
    assert [r.error for r in results if r.error] == []
    return out


@pytest.fixture(scope="session")
def built_libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same build with the PDF rendered from the DOCX by LibreOffice (--pdf-engine libreoffice)."""
    from generator.build import build

    out = tmp_path_factory.mktemp("out-lo")
    results = build(AGENCIES, out, pdf_engine="libreoffice")
    assert [r.error for r in results if r.error] == []
    return out


@pytest.fixture
def agencies(tmp_path: Path) -> Path:
    """A copy of agencies/ in a temp folder, to change freely (as Sphinx tests do)."""
    dst = tmp_path / "agencies"
    shutil.copytree(AGENCIES, dst)
    return dst
