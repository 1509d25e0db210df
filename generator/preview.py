"""Preview: page 1 and the first page of each appendix, as PNG, typeset by Typst from the
tree (the same layout as the PDF; no PDF renderer needed)."""

from __future__ import annotations

from pathlib import Path

from .faults import os_error
from .files import write_atomic
from .tree import Document


def render(doc: Document, outdir: Path, stem: str, resolution: int = 80, timeout: float = 600.0) -> list[Path]:
    """Write ``<stem>-NN.png`` for page 1 and each appendix's first page, typeset within
    ``timeout`` seconds (--pdf-timeout); returns them."""
    from .writers.typst import pages_png
    from .writers.typst.typesetter import time_limit

    with time_limit(timeout):
        pages, starts = pages_png(doc, resolution)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        for old in outdir.glob("*.png"):
            old.unlink()
        made = []
        for n in sorted({1, *starts}):
            path = outdir / f"{stem}-{n:02d}.png"
            write_atomic(path, pages[n - 1])
            made.append(path)
    except OSError as e:
        raise os_error(e, "записать") from None
    return made
