"""finalise(): LibreOffice's PDF made reproducible (dates, ICC header, /ID) without breaking PDF/A."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from generator.writers import pdf as pdf_writer

from .conftest import ROOT

WHEN = dt.date(2024, 2, 28)

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                                reason="LibreOffice не установлен")


@pytest.fixture(scope="module")
def raw(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """LibreOffice's own PDF of a built order, before finalise(): its clock, its random /ID."""
    work = tmp_path_factory.mktemp("finalise")
    docx = work / "prikaz.docx"
    shutil.copy(built / "murmansk-tourism" / "prikaz.docx", docx)
    return pdf_writer.convert([docx], work / "pdf")[docx]


@pytest.fixture(scope="module")
def final(raw: Path) -> Path:
    target = raw.with_name("final.pdf")
    target.write_bytes(pdf_writer.finalise(raw, WHEN))
    return target


def _finalise_elsewhere(raw: Path, tz: str) -> bytes:
    """finalise() in a fresh process with another time zone (and, by then, another clock)."""
    code = ("import sys, datetime as dt, pathlib; from generator.writers.pdf import finalise; "
            "sys.stdout.buffer.write(finalise(pathlib.Path(sys.argv[1]), dt.date(2024, 2, 28)))")
    env = {**os.environ, "TZ": tz}
    return subprocess.run([sys.executable, "-c", code, str(raw)], cwd=ROOT, env=env, capture_output=True,
                          check=True).stdout


def test_dates_are_the_documents_and_info_agrees_with_xmp(raw: Path, final: Path) -> None:
    with pikepdf.open(raw) as before:
        assert str(before.docinfo["/CreationDate"]) != "D:20240228000000Z"  # LibreOffice wrote its clock
    with pikepdf.open(final) as doc:
        info = doc.docinfo
        assert str(info["/CreationDate"]) == str(info["/ModDate"]) == "D:20240228000000Z"
        xmp = doc.Root.Metadata.read_bytes().decode("utf-8")
        icc = doc.Root.OutputIntents[0].DestOutputProfile.read_bytes()
        for key, tag in (("/Title", "dc:title"), ("/Author", "dc:creator"), ("/Producer", "pdf:Producer")):
            assert re.search(rf"<{tag}>.*{re.escape(str(info[key]))}.*</{tag}>", xmp, re.S), key
    dates = re.findall(r"<xmp:(\w+Date)>([^<]*)</xmp:\1>", xmp)
    assert {name for name, _ in dates} >= {"CreateDate", "ModifyDate"}  # ModifyDate added by finalise()
    assert {value for _, value in dates} == {"2024-02-28T00:00:00Z"}
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert struct.unpack(">6H", icc[24:36]) == (2024, 2, 28, 0, 0, 0)
    assert icc[36:40] == b"acsp"  # still an ICC profile


def test_identifier_is_a_hash_of_the_content(raw: Path, final: Path) -> None:
    with pikepdf.open(raw) as before, pikepdf.open(final) as after:
        old_id = bytes(before.trailer.ID[0])
        ids = [bytes(x) for x in after.trailer.ID]
        assert "/DocChecksum" not in after.trailer
    assert ids[0] == ids[1] and len(ids[0]) == 16 and ids[0] != old_id
    other = pdf_writer.finalise(raw, WHEN + dt.timedelta(days=1))
    with pikepdf.open(io.BytesIO(other)) as changed:
        assert bytes(changed.trailer.ID[0]) != ids[0]  # another content, another /ID


def test_same_bytes_in_any_time_zone_and_at_any_time(raw: Path, final: Path) -> None:
    assert _finalise_elsewhere(raw, "Asia/Kamchatka") == final.read_bytes()
    assert _finalise_elsewhere(raw, "America/Los_Angeles") == final.read_bytes()


@pytest.mark.skipif(not (shutil.which("qpdf") and shutil.which("pdffonts")), reason="qpdf/poppler не установлены")
def test_valid_fonts_unchanged_header_kept(raw: Path, final: Path) -> None:
    subprocess.run(["qpdf", "--check", str(final)], check=True, capture_output=True)

    def fonts(pdf: Path) -> list[list[str]]:  # without the object numbers, which a rewrite renumbers
        out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
        return [line.split()[:-2] for line in out.splitlines()[2:]]

    assert fonts(final) == fonts(raw) and fonts(raw)
    assert final.read_bytes().split(b"\n", 1)[0] == raw.read_bytes().split(b"\n", 1)[0]
    assert final.read_bytes().startswith(b"%PDF-1.")
