"""PDF from DOCX through LibreOffice headless: one batch per build, PDF/A-2b.

Every run has its own profile directory (``-env:UserInstallation``), so two builds at
once do not collide, and a timeout, so a hung soffice cannot block the build forever.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject

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


def finalise(pdf: bytes, when: dt.date) -> bytes:
    """Make LibreOffice's PDF reproducible without breaking PDF/A.

    LibreOffice writes the current time into the Info dictionary, the XMP packet and the
    sRGB ICC profile of the output intent, and a random /ID. All of them become the
    document's own date and a hash of its content; the Info dictionary and the XMP packet
    stay consistent, as PDF/A requires.
    """
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    stamp_pdf = when.strftime("D:%Y%m%d000000Z")
    stamp_xmp = when.strftime("%Y-%m-%dT00:00:00Z").encode()
    writer.add_metadata({"/CreationDate": stamp_pdf, "/ModDate": stamp_pdf})
    root = writer.root_object
    meta = root.get("/Metadata")
    if meta is not None:
        stream = meta.get_object()
        xmp = _XMP_DATES.sub(lambda m: b"<xmp:%s>%s</xmp:%s>" % (m.group(1), stamp_xmp, m.group(1)),
                             stream.get_data())
        if b"<xmp:ModifyDate>" not in xmp:
            xmp = xmp.replace(b"</xmp:CreateDate>",
                              b"</xmp:CreateDate>\n   <xmp:ModifyDate>%s</xmp:ModifyDate>" % stamp_xmp, 1)
        stream.set_data(xmp)
    for intent in root.get("/OutputIntents", []):
        profile = intent.get_object().get("/DestOutputProfile")
        if profile is None:
            continue
        icc = bytearray(profile.get_object().get_data())
        if len(icc) >= 36:
            # ICC header, bytes 24–35: the profile's creation date and time (big-endian uint16s)
            icc[24:36] = struct.pack(">6H", when.year, when.month, when.day, 0, 0, 0)
            profile.get_object().set_data(bytes(icc))
    writer.pdf_header = reader.pdf_header  # keep LibreOffice's «%PDF-1.6»
    placeholder = ByteStringObject(b"\x00" * 16)
    writer._ID = ArrayObject([placeholder, placeholder])  # replaced below by a hash of the content
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    m = re.search(rb"/ID \[ ?<([0-9a-fA-F]+)> ?<([0-9a-fA-F]+)> ?\]", data)
    if m:
        full = hashlib.md5(data[:m.start()] + data[m.end():], usedforsecurity=False).hexdigest().upper()
        digest = full[: len(m.group(1))].encode()
        data = data[:m.start(1)] + digest + data[m.end(1):m.start(2)] + digest + data[m.end(2):]
    return data
