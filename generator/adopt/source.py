"""A signed document as read from a file: paragraphs and tables in reading order.

Every reader (textfile.py, wordfile.py, pdffile.py) gives the same flat sequence of blocks;
recognising the parts of the order (parts.py) and aligning them with the composed tree
(align.py) never look at the file format again. A block keeps where it was found, so the
report can point the lawyer to the line, paragraph or page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Diagnostic, PrikazError


class SourceError(PrikazError):
    """The signed document cannot be read: a wrong format, an image-only PDF, a damaged file."""

    exit_code = 6


class AdoptRefused(PrikazError):
    """The document was read but does not fit the body's config (requisites, too few units aligned)."""

    exit_code = 5


@dataclass
class Para:
    text: str
    where: str  # «строка 12», «абзац 34», «стр. 2»
    artefacts: list[str] = field(default_factory=list)  # what the reader removed: «**», «#», a bullet


@dataclass
class Grid:
    rows: list[list[str]]  # cell texts; a cell's paragraphs joined by «\n»; merged-over cells empty
    where: str


Block = Para | Grid


def read_source(path: Path) -> list[Block]:
    """The blocks of a DOCX, PDF or text file, by its content (not only its suffix)."""
    if not path.is_file():
        raise SourceError("документ не найден", [_diag(path, "файла нет")])
    head = path.read_bytes()[:8]
    if head.startswith(b"%PDF"):
        from .pdffile import read_pdf

        return read_pdf(path)
    if head.startswith(b"PK\x03\x04"):
        from .wordfile import read_docx

        return read_docx(path)
    if path.suffix.lower() in (".doc", ".rtf", ".odt", ".xlsx"):
        raise SourceError("формат документа не поддерживается", [_diag(
            path, f"«{path.suffix}»: сохраните документ как DOCX, PDF или текст (TXT)")])
    from .textfile import read_text

    return read_text(path)


def _diag(path: Path, message: str) -> Diagnostic:
    return Diagnostic(path, None, None, message)
