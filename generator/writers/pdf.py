"""PDF from DOCX through LibreOffice headless: one batch per build, PDF/A-2b.

Every run has its own profile directory (``-env:UserInstallation``), so two builds at
once do not collide, and a timeout, so a hung soffice cannot block the build forever.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pikepdf
from pikepdf import Name

from ..children import run, temp_folder
from ..errors import ConversionError

PDF_FILTER = "pdf:writer_pdf_Export:" + json.dumps(
    {"SelectPdfVersion": {"type": "long", "value": "2"}, "UseTaggedPDF": {"type": "boolean", "value": "true"}},
    separators=(",", ":"),
)


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    raise ConversionError("LibreOffice не найден; он нужен для --pdf-engine libreoffice и «prikaz pdf»: "
                          "установите его командой «sudo apt-get install libreoffice-writer-nogui» "
                          "(или «make test», которая ставит всё нужное для тестов)")


DEFAULT_TIMEOUT = 600.0


def convert(docx_files: list[Path], outdir: Path, timeout: float = DEFAULT_TIMEOUT) -> dict[Path, Path]:
    """Convert all files in one LibreOffice run into ``outdir``; returns {docx: pdf}.

    File names must be distinct (the PDFs are named after them). LibreOffice runs in a
    process group of its own, killed on timeout, on Ctrl-C and when this process dies.
    """
    if not docx_files:
        return {}
    names = [p.stem for p in docx_files]
    if len(set(names)) != len(names):
        raise ConversionError("имена файлов в пакете конвертации совпадают")
    outdir.mkdir(parents=True, exist_ok=True)
    profile = temp_folder("lo")
    cmd = [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--nolockcheck", "--convert-to", PDF_FILTER, "--outdir", str(outdir), *map(str, docx_files)]
    env = {**os.environ, "HOME": str(profile)}
    try:
        proc = run(cmd, timeout, env)
    except subprocess.TimeoutExpired:
        raise ConversionError(f"LibreOffice не ответил за {timeout:g} с и остановлен (тайм-аут задаёт "
                              "--pdf-timeout)") from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    result = {}
    missing = []
    for src in docx_files:
        pdf = outdir / f"{src.stem}.pdf"
        if pdf.exists() and pdf.stat().st_size > 0:
            result[src] = pdf
        else:
            missing.append(src.name)
    if missing:
        raise ConversionError(f"LibreOffice не создал PDF для: {', '.join(missing)}\n{proc.stderr.strip()}")
    return result


# --- after LibreOffice: fixed dates and identifier -----------------------------------------

_XMP_DATES = re.compile(rb"<xmp:(CreateDate|ModifyDate|MetadataDate)>[^<]*</xmp:\1>")


def finalise(pdf: Path, when: dt.date) -> bytes:
    """Make LibreOffice's PDF reproducible without breaking PDF/A; returns the new bytes.

    LibreOffice writes the current time into the Info dictionary, the XMP packet and the
    sRGB ICC profile of the output intent, and a random /ID. All of them become the
    document's own date and a hash of its content; the Info dictionary and the XMP packet
    stay consistent, as PDF/A requires. pikepdf (qpdf) rewrites the file several times
    faster than pypdf did, and keeps its PDF version and the PDF/A conventions.
    """
    # qpdf reads and writes files itself; through a Python stream every chunk is a callback
    # (a 300-row register: 0.37 s from and to BytesIO, 0.15 s from and to files)
    fd, name = tempfile.mkstemp(suffix=".pdf", dir=pdf.parent)
    os.close(fd)
    target = Path(name)
    try:
        with pikepdf.open(pdf) as doc:
            _date(doc, when)
            # The first element of an /ID is kept by qpdf when present, and LibreOffice's is
            # random; /DocChecksum is LibreOffice's own hash of a content that held the clock.
            for key in (Name.ID, Name.DocChecksum):
                if key in doc.trailer:
                    del doc.trailer[key]
            # deterministic_id: both halves of /ID are an MD5 of the written content
            doc.save(target, deterministic_id=True, preserve_pdfa=True)
        return target.read_bytes()
    finally:
        target.unlink(missing_ok=True)


def _date(doc: pikepdf.Pdf, when: dt.date) -> None:
    """Info, XMP and the ICC profiles of the output intents dated ``when``."""
    stamp = when.strftime("D:%Y%m%d000000Z")
    doc.docinfo[Name.CreationDate] = stamp
    doc.docinfo[Name.ModDate] = stamp
    meta = doc.Root.get(Name.Metadata)
    if isinstance(meta, pikepdf.Stream):
        meta.write(_dated_xmp(meta.read_bytes(), when))
    for intent in doc.Root.get(Name.OutputIntents, pikepdf.Array()):
        profile = intent.get(Name.DestOutputProfile)
        if isinstance(profile, pikepdf.Stream):
            _date_icc(profile, when)


def _dated_xmp(xmp: bytes, when: dt.date) -> bytes:
    """The XMP packet with every xmp: date set to ``when`` and a ModifyDate added if absent."""
    stamp = when.strftime("%Y-%m-%dT00:00:00Z").encode()
    xmp = _XMP_DATES.sub(lambda m: b"<xmp:%s>%s</xmp:%s>" % (m.group(1), stamp, m.group(1)), xmp)
    if b"<xmp:ModifyDate>" not in xmp:
        xmp = xmp.replace(b"</xmp:CreateDate>", b"</xmp:CreateDate>\n   <xmp:ModifyDate>%s</xmp:ModifyDate>" % stamp, 1)
    return xmp


def _date_icc(profile: pikepdf.Stream, when: dt.date) -> None:
    """Sets the ICC profile's creation date (header bytes 24–35, big-endian uint16s) to ``when``."""
    icc = bytearray(profile.read_bytes())
    if len(icc) >= 36:
        icc[24:36] = struct.pack(">6H", when.year, when.month, when.day, 0, 0, 0)
        profile.write(zlib.compress(bytes(icc), 9), filter=Name.FlateDecode)
