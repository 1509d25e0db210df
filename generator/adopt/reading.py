"""A signed document read by its content (not only its suffix): DOCX, PDF or text."""

from __future__ import annotations

from pathlib import Path

from .pdffile import read_pdf
from .source import Block, SourceError, diag
from .textfile import read_text
from .wordfile import read_docx


def read_source(path: Path) -> list[Block]:
    """The blocks of a DOCX, PDF or text file, by its content (not only its suffix)."""
    if not path.is_file():
        raise SourceError("документ не найден", [diag(path, "файла нет")])
    head = path.read_bytes()[:8]
    if head.startswith(b"%PDF"):
        return read_pdf(path)
    if head.startswith(b"PK\x03\x04"):
        return read_docx(path)
    if path.suffix.lower() in (".doc", ".rtf", ".odt", ".xlsx"):
        raise SourceError("формат документа не поддерживается", [diag(
            path, f"«{path.suffix}»: сохраните документ как DOCX, PDF или текст (TXT)")])
    return read_text(path)
