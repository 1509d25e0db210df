"""The Typst compiler (the PyPI «typst» binding): Typst source → PDF/A-2b or PNG pages.

One compiler per process and font folder: it loads the fonts once. The creation date
is the document's own date, so the same tree gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...errors import ConversionError

PDF_STANDARD = "a-2b"
# A compiler serves one compilation at a time (two threads at once: «Already borrowed»);
# the workspace's server may ask for two previews together.
_BUSY = threading.Lock()


@lru_cache(maxsize=8)
def _compiler(fonts: Path, pid: int) -> Any:
    import typst

    return typst.Compiler(font_paths=typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                                                 font_paths=[str(fonts)]), ignore_system_fonts=True)


def _stamp(when: dt.date) -> dt.datetime:
    return dt.datetime(when.year, when.month, when.day, tzinfo=dt.UTC)


def _run(source: str, fonts: Path, **options: Any) -> Any:
    import typst

    try:
        with _BUSY:
            result, warnings = _compiler(fonts, os.getpid()).compile_with_warnings(source.encode("utf-8"), **options)
    except typst.TypstError as e:
        detail = "; ".join([e.message, *e.hints]) if getattr(e, "message", None) else str(e)
        raise ConversionError(f"Typst не собрал документ: {detail}") from None
    for w in warnings:
        if "font" in w.message:  # an unknown family or a glyph it lacks: never another face
            raise ConversionError(f"Typst: шрифт: {w.message}")
    return result


def pdf(source: str, when: dt.date, fonts: Path) -> bytes:
    """PDF/A-2b, tagged, dated ``when``."""
    data = _run(source, fonts, format="pdf", pdf_standards=[PDF_STANDARD], timestamp=_stamp(when))
    if not isinstance(data, bytes):
        raise ConversionError("Typst вернул не PDF")
    return data


def png(source: str, fonts: Path, ppi: float, label: str) -> tuple[list[bytes], list[int]]:
    """Every page as a PNG image, and the pages where the metadata labelled ``label`` stand
    (the compiler that queries holds the source; a second run reuses its layout)."""
    import json

    import typst

    data = _run(source, fonts, format="png", ppi=ppi)
    pages = [data] if isinstance(data, bytes) else list(data)
    query = typst.Compiler(input=source.encode("utf-8"), font_paths=typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(fonts)]), ignore_system_fonts=True)
    marks = [int(x) for x in json.loads(query.query(f"<{label}>", field="value"))]
    return pages, marks
