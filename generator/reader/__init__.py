"""The reader: an agency config + the shared templates → one document tree.

It renders the templates with the body's data (config text enters as data only), parses
the clause markup into units with typed inline content, applies the config's clause
overrides, builds the register tables and assembles the appendices, the blank, the
signature and the draft's approval sheet. Numbers, references, marks and typography are
left to the passes (passes/)."""

from __future__ import annotations

from typing import Any, Literal

from ..abbreviations import drop_unused_catalogue_abbreviations
from ..config import AgencyConfig
from ..errors import ConfigError, TemplateError
from ..markup import data
from ..rules import check_register
from ..russian import head_number_gender, lower_first
from ..tree import Appendix, Document, Node
from .catalogue import pick
from .order import read_order
from .overrides import apply_overrides
from .phrases import Names, Phrase
from .register import PORTRAIT_MAX_COLUMNS, form_table, register_headings, register_table
from .register_ids import full_names, resolve_register_ids
from .requisites import layout, mark_rules
from .templates import read_template

GENDER = {"masc": "m", "femn": "f", "neut": "n", "plur": "p"}
PRON_DATV = {"masc": "ему", "femn": "ей", "neut": "ему", "plur": "им"}
ATTACHED = {"m": "прилагаемый", "f": "прилагаемую", "n": "прилагаемое", "p": "прилагаемые"}
CLIENT_PHRASES = {"internal": "с внутренним клиентом", "all": "с клиентом",
                  "both": "с внешним и внутренним клиентом"}


def body_names(cfg: AgencyConfig, warnings: list[str]) -> Names:
    """The body's name and short name with their forms; unsure forms warn into ``warnings``."""
    return Names(Phrase(cfg.agency.name, cfg.agency.forms, warnings, key="agency.forms"),
                 Phrase(cfg.agency.short, cfg.agency.short_forms, warnings, key="agency.short_forms"),
                 list(cfg.procedure.activity_areas))


def gender_of(title: str) -> Literal["m", "f", "n", "p"]:
    """The grammatical gender of a document by its title, for the grif: «Порядок» → m."""
    return GENDER.get(head_number_gender(title) or "masc", "m")  # type: ignore[return-value]


def _context(cfg: AgencyConfig, names: Names, procedure_title: Phrase) -> dict[str, Any]:
    """What the Порядок's template is rendered with."""
    p, reg = cfg.procedure, cfg.registry
    pron = PRON_DATV.get(head_number_gender(cfg.agency.name) or "masc", "ему")
    return {
        "a": {"name": names.name, "short": names.short, "pron_datv": pron, "plural": pron == "им"},
        "p": p,
        "o": cfg.order,
        "terms": pick(p.terms, "terms", "procedure.terms", names),
        "needs": pick(p.needs, "needs", "procedure.needs", names),
        "digital": pick(p.digital_touchpoints, "digital_touchpoints", "procedure.digital_touchpoints", names),
        "offline": pick(p.offline_touchpoints, "offline_touchpoints", "procedure.offline_touchpoints", names),
        "client_phrase": CLIENT_PHRASES[p.client],
        "keeper": names.fill(p.keeper),
        "days_word": "рабочего дня" if p.update_days % 10 == 1 and p.update_days % 100 != 11 else "рабочих дней",
        "register_in_clause": reg.placement == "procedure-clause",
        "register_in_appendix": reg.placement in ("procedure-appendix", "order-appendix"),
        "register_in_order": reg.placement == "order-appendix",
        "register_title": data(names.fill(reg.title)),
        "procedure_title": procedure_title,
        "grif": cfg.marks.style == "grif",
        "attached": ATTACHED[gender_of(procedure_title.nomn)],
        "register_approved": cfg.kind == "order" and reg.placement != "none",
        "form_appendix": cfg.form.placement == "procedure-appendix",
        "areas": [lower_first(a) for a in p.activity_areas],
        "areas_intro": names.fill(p.areas_intro) if p.areas_intro else None,
    }


def _procedure_body(cfg: AgencyConfig, slug: str, names: Names, ctx: dict[str, Any]) -> list[Node]:
    # the register names a touchpoint by the body's full name (it does not introduce the short
    # one); the Порядок's wording with the short name is accepted too
    p, full = cfg.procedure, full_names(names)
    problems = check_register(cfg, [(n["text"], n["items"]) for n in ctx["needs"]], {
        kind: [t["text"] for t in pick(getattr(p, f"{kind}_touchpoints"), f"{kind}_touchpoints",
                                       f"procedure.{kind}_touchpoints", full)] for kind in ("digital", "offline")},
        aliases={"digital": [t["text"] for t in ctx["digital"]], "offline": [t["text"] for t in ctx["offline"]]})
    if problems:
        raise ConfigError("Перечень не соответствует правилам Порядка", problems)
    body = read_template("poryadok.j2", ctx)
    apply_overrides(body, cfg.procedure.overrides, f"{slug}: procedure", names)
    for node in (n for root in body for n in root.walk()):
        if node.kind == "table":
            if node.id != "register":
                raise TemplateError(f"неизвестная таблица «{node.id}»")
            node.table = register_table(cfg, names)
    return body


def _register_appendix(cfg: AgencyConfig, names: Names) -> Appendix | None:
    """The register as an appendix, or None where its placement prints no such appendix."""
    title = data(names.fill(cfg.registry.title))
    if cfg.registry.placement not in ("procedure-appendix", "order-appendix"):
        # unused: its headings only are worded, for the warnings they give (the whole table
        # cost body 150 a third of reading it: 18M of 43M instructions)
        register_headings(cfg, names)
        return None
    return Appendix(
        id="register", title_lines=[title], numbering=cfg.procedure.numbering,
        body=[Node(kind="table", id="register_table", table=register_table(cfg, names), source="register")],
        gender=gender_of(title), approved=cfg.registry.placement == "order-appendix",
        landscape=len(cfg.registry.columns) > PORTRAIT_MAX_COLUMNS)


def _procedure_appendices(cfg: AgencyConfig, names: Names, register: list[Appendix]) -> list[Appendix]:
    """The Порядок's own appendices: the form, then ``register`` (the register where the
    Порядок carries it, else nothing)."""
    apps: list[Appendix] = []
    if cfg.form.placement == "procedure-appendix":
        title = data(names.fill(cfg.form.title))
        apps.append(Appendix(
            id="form", title_lines=[title], numbering=cfg.procedure.numbering,
            body=[Node(kind="table", id="form_table", table=form_table(cfg, names), source="form")],
            gender=gender_of(title), approved=False,
            landscape=len(cfg.registry.columns) > PORTRAIT_MAX_COLUMNS))
    return apps + register


def _title_lines(cfg: AgencyConfig, names: Names) -> list[str]:
    """The Порядок's heading: «ПОРЯДОК» on a line of its own, then the rest of the title."""
    first, _, rest = data(names.fill(cfg.procedure.heading or cfg.procedure.title)).partition(" ")
    return [first.upper(), rest] + (["(далее – Порядок)"] if cfg.procedure.heading_abbreviation else [])


def read(cfg: AgencyConfig, slug: str, draft: bool = False) -> Document:
    """The tree of one body before the passes; ``draft`` adds «ПРОЕКТ» and the лист согласования."""
    warnings: list[str] = []
    names = body_names(cfg, warnings)
    cfg = resolve_register_ids(cfg, names)
    procedure_title = Phrase(names.fill(cfg.procedure.title), warnings=warnings)
    ctx = _context(cfg, names, procedure_title)
    body = _procedure_body(cfg, slug, names, ctx)
    register = _register_appendix(cfg, names)
    placed = cfg.registry.placement
    in_procedure = [register] if register is not None and placed == "procedure-appendix" else []
    own_apps = _procedure_appendices(cfg, names, in_procedure)
    drop_unused_catalogue_abbreviations(body, in_procedure)
    title_lines = _title_lines(cfg, names)
    if cfg.kind == "procedure":
        doc = _standalone(cfg, slug, draft, body, own_apps, title_lines, procedure_title.nomn)
    else:
        procedure = Appendix(id="procedure", title_lines=title_lines, body=body, numbering=cfg.procedure.numbering,
                             gender=gender_of(procedure_title.nomn), approved=True, appendices=own_apps,
                             numbered_definitions=cfg.procedure.numbered_definitions)
        apps = [procedure] + ([register] if register is not None and placed == "order-appendix" else [])
        doc = read_order(cfg, slug, draft, names, ctx, apps)
    doc.marks = mark_rules(cfg, names, procedure_title, draft)
    doc.layout = layout(cfg)
    doc.warnings = warnings
    return doc


def _standalone(cfg: AgencyConfig, slug: str, draft: bool, body: list[Node], apps: list[Appendix],
                title_lines: list[str], title: str) -> Document:
    from ..tree import Draft
    from .requisites import UNDATED

    return Document(slug=slug, kind="procedure", title=title, author=cfg.agency.name,
                    date=cfg.order.date or UNDATED, blank=None, preamble=None, body=body,
                    numbering=cfg.procedure.numbering, signature=None, appendices=apps, title_lines=title_lines,
                    draft=Draft(approvals=[]) if draft else None,
                    numbered_definitions=cfg.procedure.numbered_definitions)
