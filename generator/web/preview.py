"""Preview: a composed document as PNG pages and its PDF, in a cache of the workspace's own.

Both come from the Typst writer (generator/writers/typst), as in «prikaz build» and
«prikaz preview»: the PDF is the one ``writers.PDF`` writes for signing, the pages are
``pages_png`` — the one Typst-to-PNG path of the generator. No PDF renderer is involved.

Renderings are kept in ``.prikaz/cache/<key>/`` keyed by a hash of what they are made
from (the renderer's ``content``: for Typst its version, the resolution, the date the PDF
carries and the Typst source), never in ``out/``: a CLI build in progress (which holds the
lock of ``out/``) never blocks a preview, an unchanged document is never rendered twice,
and a new release of the writer never shows pages of an old one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Protocol

from ..tree import Document
from ..writers import PDF
from ..writers.typst import pages_png, source
from ..writers.typst.fonts import font_folder

RESOLUTION = 60  # dots per inch of a preview page: an A4 page is 496 × 702 pixels


@dataclass(frozen=True)
class Rendering:
    pdf: bytes
    pages: list[bytes]  # PNG, one per page


class Renderer(Protocol):
    name: str

    def content(self, doc: Document) -> bytes:
        """Everything the rendering depends on (hashed into the cache key)."""
        ...

    def render(self, doc: Document) -> Rendering: ...


class TypstRenderer:
    name = "typst"

    def __init__(self, resolution: int = RESOLUTION) -> None:
        self.resolution = resolution

    def content(self, doc: Document) -> bytes:
        family, _folder = font_folder(doc.layout.font)
        head = f"typst {version('typst')}\0{self.resolution}\0{doc.date.isoformat()}\0{family}\0"
        return head.encode() + source(doc, family).encode("utf-8")

    def render(self, doc: Document) -> Rendering:
        pages, _starts = pages_png(doc, self.resolution)
        return Rendering(PDF.write(doc), pages)


class PreviewCache:
    """Renderings by content hash in ``folder`` (``.prikaz/cache``)."""

    def __init__(self, folder: Path, renderer: Renderer | None = None) -> None:
        self.folder = folder
        self.renderer: Renderer = renderer or TypstRenderer()
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def key(self, slug: str, content: bytes) -> str:
        return hashlib.sha256(f"{self.renderer.name}\0{slug}\0".encode() + content).hexdigest()[:32]

    def cached(self, key: str, slug: str) -> Path | None:
        """The rendering of ``key`` if it is there and is one of this body's."""
        place = self.folder / key
        try:
            ours = (place / "slug").read_text(encoding="utf-8") == slug
        except OSError:
            return None
        return place if ours and (place / "document.pdf").is_file() else None

    def get(self, doc: Document) -> tuple[str, Path]:
        """The folder with ``document.pdf`` and ``page-NN.png``, rendered if not cached."""
        key = self.key(doc.slug, self.renderer.content(doc))
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # two requests for one new document render it once
            place = self.cached(key, doc.slug)
            if place is not None:
                return key, place
            rendering = self.renderer.render(doc)
            return key, self._store(key, doc.slug, rendering)

    def _store(self, key: str, slug: str, rendering: Rendering) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=self.folder))
        (work / "document.pdf").write_bytes(rendering.pdf)
        (work / "slug").write_text(slug, encoding="utf-8")
        for n, png in enumerate(rendering.pages, start=1):
            (work / f"page-{n:02d}.png").write_bytes(png)
        target = self.folder / key
        try:
            os.rename(work, target)  # whole or not at all: a reader never sees half a rendering
        except OSError:
            shutil.rmtree(work, ignore_errors=True)  # another process stored it first
        return target

    @staticmethod
    def pages(place: Path) -> list[str]:
        return sorted(p.name for p in place.glob("page-*.png"))
