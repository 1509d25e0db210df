"""The amendment workflow: sign an edition, write an amending order, build a consolidated text.

* ``prikaz sign SLUG --date --number``: the first call records the original order as
  signed; each later call records the amending order with that date and number and the
  new edition of the text.
* ``prikaz amend SLUG --date --number``: the amending order for the differences between
  the current config and the last signed edition, and a redline of them.
* ``prikaz build SLUG`` once an edition is signed: the consolidated text in the frozen
  numbering with the notes of every amendment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import edition as ed
from .amendments.wording import AmendingOrder
from .children import temp_folder
from .config import AgencyConfig, load_agency
from .errors import ConfigError, ConversionError, Diagnostic, PrikazError
from .files import write_atomic
from .lock import folder_lock
from .paths import agency_file, inside, output_folder
from .pipeline import compose_located, consolidated, locate_diagnostics
from .reader.requisites import DRAFT_NUMBER
from .tree import Document


@dataclass
class Amendment:
    order: Document  # the amending order
    redline: Document | None  # the current edition with the differences as tracked changes
    edition: ed.Edition  # what «sign» records


def _check_act(path: Path, last: ed.Edition, date: dt.date, number: str) -> None:
    for act in last.acts:
        if act.number == number and act.date == date:
            raise ConfigError("приказ уже записан", [Diagnostic(
                path, None, "--number", f"приказ от {date:%d.%m.%Y} № {number} уже есть в редакциях")])
    if date < last.acts[-1].date:
        raise ConfigError("неверная дата", [Diagnostic(path, None, "--date", (
            f"дата {date:%d.%m.%Y} раньше последнего подписанного приказа "
            f"от {last.acts[-1].date:%d.%m.%Y} № {last.acts[-1].number}"))])


def _load(agencies: Path, slug: str) -> tuple[Path, AgencyConfig, ed.Edition | None]:
    path = agency_file(agencies, slug)
    cfg = load_agency(path)
    if cfg.kind != "order":
        raise ConfigError("редакции ведутся только для приказов", [Diagnostic(
            path, None, "kind", "у самостоятельного Порядка (kind = \"procedure\") нет реквизитов приказа")])
    return path, cfg, ed.last_edition(agencies, slug)


def prepare(agencies: Path, slug: str, date: dt.date | None, number: str | None, redline: bool = True,
            draft: bool = False) -> Amendment:
    """The amending order with this date and number against the last signed edition; a
    draft may have neither yet (its blank leaves them to the registry office)."""
    path, cfg, last = _load(agencies, slug)
    if last is None:
        raise ConfigError("нет подписанной редакции", [Diagnostic(
            path, None, "", f"сначала запишите подписанный приказ: prikaz sign {slug} --date … --number …")])
    return _prepare(agencies, slug, path, cfg, last, date or last.acts[-1].date, number or DRAFT_NUMBER, redline,
                    draft)


def _prepare(agencies: Path, slug: str, path: Path, cfg: AgencyConfig, last: ed.Edition, date: dt.date,
             number: str, redline: bool, draft: bool = False) -> Amendment:
    _check_act(ed.editions_dir(agencies, slug), last, date, number)
    doc, cons, tracked = consolidated(cfg, slug, path, last, ed.Act(date=date, number=number, title=""), redline)
    if not cons.edits:
        raise ConfigError("изменений нет", [Diagnostic(
            path, None, "", f"конфигурация совпадает с редакцией по приказу от {last.acts[-1].date:%d.%m.%Y} "
            f"№ {last.acts[-1].number}")])
    order = AmendingOrder(cfg, doc, cons, cons.acts[-1], cons.issuer_gent, draft).build()
    act = ed.Act(date=date, number=number, title=order.title)
    frozen = ed.freeze(doc, slug, [*last.acts, act], cons.register_history, cons.attachment_history)
    return Amendment(order, tracked, frozen)


def sign(agencies: Path, slug: str, date: dt.date, number: str) -> Path:
    """Record a signed order: the original one (first call) or an amending one; under the lock
    of the body's editions folder, so two «sign» never record two editions with one number."""
    agency_file(agencies, slug)
    with folder_lock(ed.editions_dir(agencies, slug), "запись редакции"):
        return _sign(agencies, slug, date, number)


def _sign(agencies: Path, slug: str, date: dt.date, number: str) -> Path:
    path, cfg, last = _load(agencies, slug)
    if last is None:
        o = cfg.order
        if (o.date, o.number) != (date, number):
            key = "order.date" if o.date != date else "order.number"
            raise locate_diagnostics(ConfigError("реквизиты не совпадают с конфигурацией", [Diagnostic(
                None, None, key, (f"в конфигурации приказ от {o.date:%d.%m.%Y} № {o.number}"
                                  if o.date else "в конфигурации нет даты приказа")
                + f"; подписан от {date:%d.%m.%Y} № {number}? Исправьте [order] или параметры")]), path)
        doc = compose_located(cfg, slug, path)
        frozen = ed.freeze(doc, slug, [ed.Act(date=date, number=number, title=doc.title)])
    else:
        frozen = _prepare(agencies, slug, path, cfg, last, date, number, redline=False).edition
    target = inside(ed.editions_dir(agencies, slug), ed.editions_dir(agencies, slug) / ed.file_name(frozen),
                    "файл редакции")
    write_atomic(target, ed.dump(frozen))
    return target


def amend(agencies: Path, out: Path, slug: str, date: dt.date | None, number: str | None, pdf: bool = True,
          pdf_timeout: float = 600.0, draft: bool = False, pdf_engine: str = "typst") -> list[Path]:
    """Write out/<slug>/amendments/<date>-<number>/ (a draft: …/amendments/draft/):
    izmeneniya.{docx,pdf,md}, sravnenie.{docx,md} and, when Typst typesets the PDFs, the
    redline sravnenie.pdf (under the lock of ``out/``)."""
    output_folder(out, agencies)
    with folder_lock(out):
        return _amend(agencies, out, slug, date, number, pdf, pdf_timeout, draft, pdf_engine)


def _amend(agencies: Path, out: Path, slug: str, date: dt.date | None, number: str | None, pdf: bool,
           pdf_timeout: float, draft: bool = False, pdf_engine: str = "typst") -> list[Path]:
    from .writers import write_all

    amendment = prepare(agencies, slug, date, number, draft=draft)
    date = amendment.order.date
    folder = out / slug / "amendments" / ("draft" if draft or number is None else
                                          f"{date.isoformat()}-{ed.safe_number(number)}")
    if amendment.redline is None:
        raise ConfigError("нет сравнения", [Diagnostic(None, None, "", "сравнение с редакцией не составлено")])
    order, redline = write_all(amendment.order), write_all(amendment.redline)
    outputs = [(f"izmeneniya{s}", data) for s, data in order.items()] + [
        (f"sravnenie{s}", data) for s, data in redline.items()]
    failed: PrikazError | None = None
    if pdf:
        try:
            outputs += _amendment_pdfs(amendment.order, amendment.redline, order[".docx"], pdf_engine, pdf_timeout)
        except PrikazError as e:
            failed = e
    written: list[Path] = []
    for name, data in outputs:
        write_atomic(folder / name, data)
        written.append(folder / name)
    if failed is not None:  # the DOCX and the text are written all the same
        raise ConversionError(f"DOCX и текст записаны в {folder}, PDF не создан: {failed.message}",
                              failed.diagnostics)
    return written


def _amendment_pdfs(order: Document, redline: Document, order_docx: bytes, engine: str,
                    timeout: float) -> list[tuple[str, bytes]]:
    """The amending order's PDF and, typeset by Typst, the redline's."""
    from .writers import PDF

    if engine == "typst":
        from .writers.typst.typesetter import time_limit

        with time_limit(timeout):
            return [("izmeneniya.pdf", PDF.write(order)), ("sravnenie.pdf", PDF.write(redline))]
    return [("izmeneniya.pdf", _rendered_pdf(order_docx, order.date, timeout))]


def _rendered_pdf(docx: bytes, date: dt.date, timeout: float) -> bytes:
    """The amending order's DOCX rendered to PDF/A by LibreOffice (--pdf-engine libreoffice)."""
    import shutil

    from .writers import pdf as pdf_writer

    work = temp_folder("amend")
    try:
        source = work / "izmeneniya.docx"
        source.write_bytes(docx)
        made = pdf_writer.convert([source], work / "pdf", timeout)
        return pdf_writer.finalise(made[source], date)
    finally:
        shutil.rmtree(work, ignore_errors=True)
