"""Preview: page 1 and the first page of each appendix of every built PDF, as PNG."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

from .errors import ConversionError

# An appendix starts on a page whose text opens (after the page number) with its mark.
_MARK = re.compile(r"^\s*\d*\s*(ПРОЕКТ\s+)?(УТВЕРЖДЕН[АОЫ]?|Приложение|ЛИСТ СОГЛАСОВАНИЯ)\b")


def preview_pages(pdf: Path) -> list[int]:
    """1-based numbers of page 1 and of the first page of each appendix."""
    reader = PdfReader(str(pdf))
    pages = [1]
    for n, page in enumerate(reader.pages[1:], start=2):
        if _MARK.match(page.extract_text() or ""):
            pages.append(n)
    return pages


def render(pdf: Path, outdir: Path, resolution: int = 80) -> list[Path]:
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise ConversionError("pdftoppm не найден: выполните «make build» (ставит poppler-utils)")
    outdir.mkdir(parents=True, exist_ok=True)
    for old in outdir.glob("*.png"):
        old.unlink()
    made = []
    for n in preview_pages(pdf):
        stem = outdir / f"{pdf.stem}-{n:02d}"
        subprocess.run([tool, "-r", str(resolution), "-png", "-singlefile", "-f", str(n), "-l", str(n),
                        str(pdf), str(stem)], check=True, capture_output=True, timeout=120)
        made.append(stem.with_suffix(".png"))
    return made
