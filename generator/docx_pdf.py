"""«prikaz pdf FILE.docx …»: DOCX files (a draft a lawyer edited by hand) rendered to
PDF/A-2b by LibreOffice, in one run, dated with the document's own date."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from .errors import ConversionError, Diagnostic


def _document_date(path: Path) -> dt.date:
    """The DOCX's creation date (core properties): the PDF's dates, so the same file gives
    the same bytes; the file's own modification date when the DOCX has none."""
    from docx import Document as OpenDocx

    created: dt.datetime | None = OpenDocx(str(path)).core_properties.created
    if created is not None:
        return created.date()
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).date()


def _check(files: list[Path]) -> None:
    problems = [Diagnostic(f, None, None, "файл не найден") for f in files if not f.is_file()]
    problems += [Diagnostic(f, None, None, "ожидается файл .docx") for f in files
                 if f.is_file() and f.suffix.lower() != ".docx"]
    stems = [f.stem for f in files]
    problems += [Diagnostic(f, None, None, "другой файл с тем же именем уже в списке")
                 for k, f in enumerate(files) if f.stem in stems[:k]]
    if problems:
        raise ConversionError("PDF не сделаны", problems)


def docx_to_pdf(files: list[Path], outdir: Path | None = None, timeout: float = 600.0) -> list[Path]:
    """Each DOCX as PDF/A-2b beside it (or in ``outdir``), LibreOffice stopped past ``timeout``
    seconds; returns the PDFs written."""
    from .files import write_atomic
    from .writers import pdf as pdf_writer

    _check(files)
    work = Path(tempfile.mkdtemp(prefix="prikaz-pdf-"))
    try:
        made = pdf_writer.convert(files, work, timeout)
        written = []
        for src in files:
            target = (outdir or src.parent) / f"{src.stem}.pdf"
            write_atomic(target, pdf_writer.finalise(made[src], _document_date(src)))
            written.append(target)
        return written
    finally:
        shutil.rmtree(work, ignore_errors=True)
