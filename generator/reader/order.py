"""The order itself: its operative clauses (templates/prikaz.j2 and the config's order
overrides), title, preamble, blank and signature; and the closing clauses that an
amending order shares (templates/closing.j2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..abbreviations import introduces
from ..config import AgencyConfig
from ..errors import ConfigError, Diagnostic, known
from ..markup import data
from ..russian import decline_person
from ..tree import Appendix, Document, Node
from . import requisites
from .overrides import apply_overrides
from .phrases import Names, Phrase
from .templates import read_template


def control(cfg: AgencyConfig, names: Names, warnings: list[str]) -> dict[str, str]:
    """The control clause's deputy in the accusative, for the closing clauses."""
    o = cfg.order
    if not o.control.by_head and o.control.deputy is None:
        raise ConfigError("контроль не назначен", [Diagnostic(
            None, None, "order.control.deputy", "укажите заместителя или by_head = true")])
    if not o.control.deputy:
        return {}
    d = o.control.deputy
    unsure: list[str] = []
    person = d.person_forms.accs or decline_person(d.person, "accs", d.gender, unsure)
    warnings.extend(f"«{d.person}» (accs): {w}; задайте форму явно: [order.control.deputy.person_forms] accs = \"…\""
                    for w in dict.fromkeys(unsure))
    return {"deputy_position_accs": Phrase(names.fill(d.position), d.position_forms, warnings, kind="position",
                                           key="order.control.deputy.position_forms").form("accs"),
            "deputy_person_accs": person}


def closing_clauses(cfg: AgencyConfig, names: Names, warnings: list[str]) -> list[Node]:
    """The closing clauses of an amending order (templates/closing.j2): publication,
    the site, control, state registration, entry into force — as the region requires."""
    ctx: dict[str, Any] = {"a": {"name": names.name, "short": names.short}, "o": cfg.order,
                           **control(cfg, names, warnings)}
    return read_template("closing.j2", ctx)


def _require(cfg: AgencyConfig, draft: bool) -> tuple[dt.date, str]:
    """The order's date and preamble; every missing requisite reported at once (a draft may
    have no date and number yet: the registry office gives them)."""
    o = cfg.order
    needed = (("order.signatory", o.signatory), ("order.preamble", o.preamble)) + (
        () if draft else (("order.date", o.date), ("order.number", o.number)))
    if any(v is None for _k, v in needed):
        missing = [k for k, v in needed if v is None]
        raise ConfigError("для приказа не хватает реквизитов",
                            [Diagnostic(None, None, k, "обязательный ключ отсутствует") for k in missing])
    return o.date or requisites.UNDATED, known(o.preamble, "order.preamble")


def read_order(cfg: AgencyConfig, slug: str, draft: bool, names: Names, ctx: dict[str, Any],
               appendices: list[Appendix]) -> Document:
    """The order's tree: its body approves ``appendices`` (the Порядок, maybe the Перечень)."""
    date, preamble = _require(cfg, draft)
    o = cfg.order
    warnings = names.name.warnings
    ctx = {**ctx, **control(cfg, names, warnings),
           "order_short": introduces([names.fill(t) for t in (preamble, *(ov.text for ov in o.overrides))],
                                     cfg.agency.short)}
    body = read_template("prikaz.j2", ctx)
    apply_overrides(body, o.overrides, f"{slug}: order", names, prefix="order")
    procedure_title: Phrase = ctx["procedure_title"]
    title = data(names.fill(o.title)) if o.title else f"Об утверждении {procedure_title.form('gent')}"
    return Document(slug=slug, kind="order", title=title, author=cfg.agency.name, date=date,
                    blank=requisites.blank(cfg, o, draft), preamble=data(names.fill(preamble.strip())), body=body,
                    numbering="decimal", signature=requisites.signature(o, names, warnings),
                    appendices=appendices, order_word=requisites.order_word(cfg),
                    draft=requisites.draft(o, names) if draft else None)
