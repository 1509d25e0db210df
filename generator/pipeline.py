"""The pipeline as the commands use it: a config composed into its document, with every
error located in the config file; once an edition is signed, the consolidated text in
its frozen numbering. build, sign and amend, import-register, new and the workspace all
compose through here."""

from __future__ import annotations

from pathlib import Path

from . import edition as ed
from .amendments import Consolidation
from .compose import compose
from .config import AgencyConfig, locate, parse_key
from .errors import ConfigError, Diagnostic, PrikazError
from .passes import FrozenNumbering
from .passes.typography import typography
from .reader.phrases import Phrase
from .tree import Document


def locate_diagnostics(error: PrikazError, path: Path) -> PrikazError:
    """Give the diagnostics of a composed document the agency file and the line of their key
    (or of the reference they name)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return error
    located = []
    for d in error.diagnostics:
        if d.path is not None:
            located.append(d)
            continue
        line = locate(text, parse_key(d.key)) if d.key else None
        if line is None and d.key:
            for needle in (f"{{ref:{d.key}}}", f"{{app:{d.key}", f"[{d.key}]", f'"{d.key}"'):
                idx = text.find(needle)
                if idx >= 0:
                    line = text.count("\n", 0, idx) + 1
                    break
        located.append(Diagnostic(path, line, d.key, d.message))
    error.diagnostics = located
    return error


def compose_located(cfg: AgencyConfig, slug: str, path: Path, draft: bool = False,
                    frozen: FrozenNumbering | None = None) -> Document:
    try:
        return compose(cfg, slug, draft=draft, frozen=frozen)
    except PrikazError as e:
        raise locate_diagnostics(e, path) from None


def current_edition(cfg: AgencyConfig, slug: str, path: Path, agencies: Path,
                    draft: bool = False) -> tuple[Document, list[str]]:
    """The document to build: as composed, or — once an edition is signed — the consolidated
    text in the frozen numbering; with a remark when the config differs from that edition."""
    last = ed.last_edition(agencies, slug) if cfg.kind == "order" and not draft else None
    if last is None:
        return compose_located(cfg, slug, path, draft=draft), []
    doc, cons, _ = consolidated(cfg, slug, path, last)
    remarks = []
    if cons.edits:
        act = last.acts[-1]
        remarks.append(f"{path}: конфигурация отличается от подписанной редакции (приказ от {act.date:%d.%m.%Y} "
                       f"№ {act.number}): изменений {len(cons.edits)}; оформите их: prikaz amend {slug} "
                       "--date … --number …")
    return doc, remarks


def _issuer(cfg: AgencyConfig) -> str:
    return typography(Phrase(cfg.agency.name, cfg.agency.forms).form("gent"))


def consolidated(cfg: AgencyConfig, slug: str, path: Path, edition: ed.Edition, pending: ed.Act | None = None,
                 with_redline: bool = False) -> tuple[Document, Consolidation, Document | None]:
    """The current document in the edition's frozen numbering (``pending`` signs the
    differences) and, if asked, the redline against the edition."""
    cons = Consolidation(edition, cfg.amendment.inserted_numbering, _issuer(cfg), pending)
    doc = compose_located(cfg, slug, path, frozen=cons)
    try:
        tracked = cons.finish(doc, cfg.amendment.whole_register_share, with_redline)
    except ConfigError as e:
        raise locate_diagnostics(e, path) from None
    if len(cons.acts) > 1:
        acts = cons.acts[1:]
        refs = ", ".join(cons.act_ref(a).requisites() for a in acts)
        doc.notes = [typography(f"(в ред. {'приказа' if len(acts) == 1 else 'приказов'} {cons.issuer_gent} {refs})")]
    return doc, cons, tracked


