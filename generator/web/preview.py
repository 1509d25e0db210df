"""Preview: a composed document as PNG pages (and its PDF), in a cache of the workspace's own.

``Renderer`` is the small interface a preview needs: a document and its DOCX → the PDF and
one PNG per page. Two implementations:

* ``TypstRenderer`` — used when ``generator.writers.typst`` (the Typst PDF writer) can be
  imported: the PDF from that module's writer with suffix ``.pdf``, typeset from the tree
  in well under a second. THE PLUG-IN POINT: ``default_renderer`` below picks it; if that
  module also offers its PNG page renderer, ``TypstRenderer.pages`` is where it replaces
  pdftoppm.
* ``LibreOfficeRenderer`` — otherwise: the DOCX through LibreOffice (as ``prikaz build``
  does) and pdftoppm; slow (seconds), but the same pages as the signed PDF.

Renderings are kept in ``.prikaz/cache/<key>/`` keyed by a hash of the renderer and the
document's DOCX, never in ``out/``: a CLI build in progress (which holds the lock of
``out/``) never blocks a preview, and an unchanged document is never rendered twice.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Protocol

from ..children import temp_folder
from ..errors import ConversionError
from ..tree import Document

RESOLUTION = 60  # dots per inch of a preview page: an A4 page is 496 × 702 pixels


@dataclass(frozen=True)
class Rendering:
    pdf: bytes
    pages: list[bytes]  # PNG, one per page


class Renderer(Protocol):
    name: str

    def render(self, doc: Document, docx: bytes) -> Rendering: ...


def pdf_pages(pdf: bytes, resolution: int = RESOLUTION) -> list[bytes]:
    """Every page of a PDF as PNG (pdftoppm)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise ConversionError("pdftoppm не найден: выполните «make build» (ставит poppler-utils)")
    work = Path(tempfile.mkdtemp(prefix="prikaz-pages-"))
    try:
        (work / "doc.pdf").write_bytes(pdf)
        subprocess.run([tool, "-r", str(resolution), "-png", str(work / "doc.pdf"), str(work / "page")],
                       check=True, capture_output=True, timeout=120)
        return [p.read_bytes() for p in sorted(work.glob("page-*.png"))]
    finally:
        shutil.rmtree(work, ignore_errors=True)


class LibreOfficeRenderer:
    name = "libreoffice"

    def __init__(self, timeout: float = 120.0) -> None:
        self.timeout = timeout

    def render(self, doc: Document, docx: bytes) -> Rendering:
        from ..writers import pdf as pdf_writer

        work = temp_folder("preview")
        try:
            source = work / "document.docx"
            source.write_bytes(docx)
            made = pdf_writer.convert([source], work / "pdf", self.timeout)
            pdf = pdf_writer.finalise(made[source].read_bytes(), doc.date)
            return Rendering(pdf, pdf_pages(pdf))
        finally:
            shutil.rmtree(work, ignore_errors=True)


class TypstRenderer:
    name = "typst"

    def __init__(self, module: ModuleType) -> None:
        writers = [w for w in vars(module).values()
                   if getattr(w, "suffix", None) == ".pdf" and callable(getattr(w, "write", None))]
        if not writers:
            raise ImportError("generator.writers.typst has no writer with suffix .pdf")
        self.writer = writers[0]

    def render(self, doc: Document, docx: bytes) -> Rendering:
        pdf = self.writer.write(doc)
        return Rendering(pdf, self.pages(pdf))

    def pages(self, pdf: bytes) -> list[bytes]:
        # the Typst PNG renderer replaces pdftoppm here once its interface is settled
        return pdf_pages(pdf)


def default_renderer() -> Renderer:
    """Typst when its writer is there (the parallel issue), else LibreOffice."""
    try:
        from ..writers import typst  # type: ignore[attr-defined,unused-ignore]

        return TypstRenderer(typst)
    except ImportError:
        return LibreOfficeRenderer()


class PreviewCache:
    """Renderings by content hash in ``folder`` (``.prikaz/cache``)."""

    def __init__(self, folder: Path, renderer: Renderer) -> None:
        self.folder = folder
        self.renderer = renderer
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def key(self, slug: str, docx: bytes) -> str:
        return hashlib.sha256(f"{self.renderer.name}\0{slug}\0".encode() + docx).hexdigest()[:32]

    def cached(self, key: str, slug: str) -> Path | None:
        """The rendering of ``key`` if it is there and is one of this body's."""
        place = self.folder / key
        try:
            ours = (place / "slug").read_text(encoding="utf-8") == slug
        except OSError:
            return None
        return place if ours and (place / "document.pdf").is_file() else None

    def get(self, doc: Document, docx: bytes) -> tuple[str, Path]:
        """The folder with ``document.pdf`` and ``page-NN.png``, rendered if not cached."""
        key = self.key(doc.slug, docx)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # two requests for one new document render it once
            place = self.cached(key, doc.slug)
            if place is not None:
                return key, place
            rendering = self.renderer.render(doc, docx)
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
