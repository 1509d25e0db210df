"""PDF from DOCX through LibreOffice headless: one batch per build, PDF/A-2b.

Every run has its own profile directory (``-env:UserInstallation``), so two builds at
once do not collide, and a timeout, so a hung soffice cannot block the build forever.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

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
    raise ConversionError("LibreOffice не найден: выполните «make build» (ставит libreoffice-writer-nogui)")


def convert(docx_files: list[Path], outdir: Path, timeout: float = 600.0) -> dict[Path, Path]:
    """Convert all files in one LibreOffice run into ``outdir``; returns {docx: pdf}.

    File names must be distinct (the PDFs are named after them).
    """
    if not docx_files:
        return {}
    names = [p.stem for p in docx_files]
    if len(set(names)) != len(names):
        raise ConversionError("имена файлов в пакете конвертации совпадают")
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="prikaz-lo-"))
    cmd = [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--nolockcheck", "--convert-to", PDF_FILTER, "--outdir", str(outdir), *map(str, docx_files)]
    env = {**os.environ, "HOME": str(profile)}
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise ConversionError(f"LibreOffice не ответил за {timeout:.0f} с") from None
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
