"""Writers: each reads a composed ``Document`` and writes one output format.

Every writer has the same interface (``Writer``): the suffix of its file and
``write(document) -> bytes``. ``build``, ``amend`` and the consolidated text write their
outputs through ``WRITERS``; a new format is a new module and one entry there. The PDF
for signing is typeset by Typst from the tree (writers/typst/); LibreOffice's PDF is a
rendering of the DOCX (writers/pdf.py), batched per build, on request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ..tree import Document


def diff_marked(text: str, revision: str | None) -> str:
    """A tracked change as in a word diff: «{+inserted+}», «[-deleted-]»."""
    if revision is None:
        return text
    return "{+" + text + "+}" if revision == "ins" else "[-" + text + "-]"


class Writer(Protocol):
    @property
    def suffix(self) -> str: ...

    def write(self, doc: Document) -> bytes: ...


@dataclass(frozen=True)
class FormatWriter:
    suffix: str  # «.docx»
    write: Callable[[Document], bytes]


def _docx(doc: Document) -> bytes:
    from .docx import build

    return build(doc)


def _markdown(doc: Document) -> bytes:
    from .text import render

    return render(doc).encode("utf-8")


DOCX = FormatWriter(".docx", _docx)
MARKDOWN = FormatWriter(".md", _markdown)
WRITERS: tuple[Writer, ...] = (DOCX, MARKDOWN)


def _typst_pdf(doc: Document) -> bytes:
    from .typst import build

    return build(doc)


PDF = FormatWriter(".pdf", _typst_pdf)  # typeset by Typst from the tree, PDF/A-2b
PDF_ENGINES = ("typst", "libreoffice")


def with_pdf(typeset: bool) -> tuple[Writer, ...]:
    """The writers of a build: the PDF of Typst among them, unless it is not wanted or
    LibreOffice renders it from the DOCX afterwards."""
    return (*WRITERS, PDF) if typeset else WRITERS


def write_all(doc: Document, writers: tuple[Writer, ...] = WRITERS) -> dict[str, bytes]:
    """Every output of one document: {suffix: bytes}, in the order of ``writers``."""
    return {w.suffix: w.write(doc) for w in writers}
