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


def diag(path: Path, message: str) -> Diagnostic:
    return Diagnostic(path, None, None, message)
