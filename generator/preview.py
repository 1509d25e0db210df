"""Preview: page 1 and the first page of each appendix, as PNG, typeset by Typst from the
tree (the same layout as the PDF; no PDF renderer needed)."""

from __future__ import annotations

from pathlib import Path

from .tree import Document


def render(doc: Document, outdir: Path, stem: str, resolution: int = 80) -> list[Path]:
    """Write ``<stem>-NN.png`` for page 1 and each appendix's first page; returns them."""
    from .writers.typst import pages_png

    pages, starts = pages_png(doc, resolution)
    outdir.mkdir(parents=True, exist_ok=True)
    for old in outdir.glob("*.png"):
        old.unlink()
    made = []
    for n in sorted({1, *starts}):
        path = outdir / f"{stem}-{n:02d}.png"
        path.write_bytes(pages[n - 1])
        made.append(path)
    return made
