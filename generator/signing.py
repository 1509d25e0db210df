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
from .build import compose_located, locate_diagnostics, write_atomic
from .config import AgencyConfig, load_agency
from .consolidate import Consolidation, Mode
from .errors import ConfigError, Diagnostic
from .reader.phrases import Phrase
from .russian import typography
from .tree import Document


def _issuer(cfg: AgencyConfig) -> str:
    return typography(Phrase(cfg.agency.name, cfg.agency.forms).form("gent"))


def consolidated(cfg: AgencyConfig, slug: str, path: Path, edition: ed.Edition, pending: ed.Act | None = None,
                 mode: Mode = "consolidated") -> tuple[Document, Consolidation]:
    """The current document in the edition's frozen numbering; ``pending`` signs the differences."""
    cons = Consolidation(edition, {"order": "decimal", "procedure": cfg.procedure.numbering},
                         cfg.amendment.inserted_numbering, _issuer(cfg), pending, mode)
    doc = compose_located(cfg, slug, path, frozen=cons)
    try:
        cons.finish(doc, cfg.amendment.whole_register_share)
    except ConfigError as e:
        raise locate_diagnostics(e, path) from None
    if mode == "consolidated" and len(cons.acts) > 1:
        acts = cons.acts[1:]
        refs = ", ".join(f"от {a.date:%d.%m.%Y} № {a.number}" for a in acts)
        doc.notes = [typography(f"(в ред. {'приказа' if len(acts) == 1 else 'приказов'} {cons.issuer_gent} {refs})")]
    return doc, cons


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
    path = agencies / f"{slug}.toml"
    cfg = load_agency(path)
    if cfg.kind != "order":
        raise ConfigError("редакции ведутся только для приказов", [Diagnostic(
            path, None, "kind", "у самостоятельного Порядка (kind = \"procedure\") нет реквизитов приказа")])
    return path, cfg, ed.last_edition(agencies, slug)


def prepare(agencies: Path, slug: str, date: dt.date, number: str, redline: bool = True) -> Amendment:
    """The amending order with this date and number against the last signed edition."""
    path, cfg, last = _load(agencies, slug)
    if last is None:
        raise ConfigError("нет подписанной редакции", [Diagnostic(
            path, None, "", f"сначала запишите подписанный приказ: prikaz sign {slug} --date … --number …")])
    return _prepare(agencies, slug, path, cfg, last, date, number, redline)


def _prepare(agencies: Path, slug: str, path: Path, cfg: AgencyConfig, last: ed.Edition, date: dt.date,
             number: str, redline: bool) -> Amendment:
    from .amending import AmendingOrder

    _check_act(ed.editions_dir(agencies, slug), last, date, number)
    doc, cons = consolidated(cfg, slug, path, last, ed.Act(date=date, number=number, title=""))
    if not cons.edits:
        raise ConfigError("изменений нет", [Diagnostic(
            path, None, "", f"конфигурация совпадает с редакцией по приказу от {last.acts[-1].date:%d.%m.%Y} "
            f"№ {last.acts[-1].number}")])
    order = AmendingOrder(cfg, doc, cons, cons.acts[-1], cons.issuer_gent).build()
    act = ed.Act(date=date, number=number, title=order.title)
    tracked = consolidated(cfg, slug, path, last, act, mode="redline")[0] if redline else None
    frozen = ed.freeze(doc, slug, [*last.acts, act], cons.register_history, cons.attachment_history)
    return Amendment(order, tracked, frozen)


def sign(agencies: Path, slug: str, date: dt.date, number: str) -> Path:
    """Record a signed order: the original one (first call) or an amending one."""
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
    target = ed.editions_dir(agencies, slug) / ed.file_name(frozen)
    write_atomic(target, ed.dump(frozen))
    return target


def amend(agencies: Path, out: Path, slug: str, date: dt.date, number: str, pdf: bool = True,
          pdf_engine: str = "typst") -> list[Path]:
    """Write out/<slug>/amendments/<date>-<number>/: izmeneniya.{docx,pdf,md}, sravnenie.{docx,md}
    (and sravnenie.pdf, the redline, when Typst typesets the PDFs)."""
    import shutil
    import tempfile

    from .writers import pdf as pdf_writer
    from .writers import with_pdf, write_all

    amendment = prepare(agencies, slug, date, number)
    folder = out / slug / "amendments" / f"{date.isoformat()}-{ed.safe_number(number)}"
    if amendment.redline is None:
        raise ConfigError("нет сравнения", [Diagnostic(None, None, "", "сравнение с редакцией не составлено")])
    typeset = pdf and pdf_engine == "typst"
    order = write_all(amendment.order, with_pdf(typeset))
    redline = write_all(amendment.redline, with_pdf(typeset))
    order_docx = order[".docx"]
    written: list[Path] = []
    pdf_bytes: bytes | None = None
    if pdf and not typeset:
        work = Path(tempfile.mkdtemp(prefix="prikaz-amend-"))
        try:
            source = work / "izmeneniya.docx"
            source.write_bytes(order_docx)
            made = pdf_writer.convert([source], work / "pdf")
            pdf_bytes = pdf_writer.finalise(made[source].read_bytes(), date)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    outputs = [(f"izmeneniya{s}", data) for s, data in order.items()] + [
        (f"sravnenie{s}", data) for s, data in redline.items()]
    for name, data in outputs:
        write_atomic(folder / name, data)
        written.append(folder / name)
    if pdf_bytes is not None:
        write_atomic(folder / "izmeneniya.pdf", pdf_bytes)
        written.append(folder / "izmeneniya.pdf")
    return written
