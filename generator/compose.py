"""Compose: an agency config + the shared templates → one document tree.

Passes, in order: render the templates with the body's data (Jinja; config text enters
as data only), parse the clause markup, apply the clause overrides of the config, build
the register tables, assemble the appendices, number everything, resolve references,
compute the appendix marks, and run the typography pass over every string.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import jinja2

from . import markup
from .abbreviations import drop_unused_catalogue_abbreviations, introduces
from .config import AgencyConfig, Forms, Override, TermDef, Touchpoint
from .errors import ConfigError, Diagnostic, TemplateError
from .numbering import number_appendices, number_nodes, resolve_references
from .punctuation import punctuate
from .rules import check_register
from .russian import (
    CASES,
    Case,
    capitalize_first,
    decline_person,
    decline_phrase,
    format_date,
    head_number_gender,
    lower_first,
    normalise_person,
    typography,
)
from .tree import Appendix, Blank, Cell, Document, Draft, Layout, Mark, Node, Signature, Table

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

GRIF = {"masc": "УТВЕРЖДЕН", "femn": "УТВЕРЖДЕНА", "neut": "УТВЕРЖДЕНО", "plur": "УТВЕРЖДЕНЫ"}
GENDER = {"masc": "m", "femn": "f", "neut": "n", "plur": "p"}
# A register wider than this many columns goes on a landscape page.
PORTRAIT_MAX_COLUMNS = 5
PRON_DATV = {"masc": "ему", "femn": "ей", "neut": "ему", "plur": "им"}
ATTACHED = {"m": "прилагаемый", "f": "прилагаемую", "n": "прилагаемое", "p": "прилагаемые"}

COLUMN_HEADERS = {
    "number": "№ п/п",
    "area": "Направление деятельности",
    "process": "Наименование процесса",
    "touchpoint": "Точка взаимодействия",
    "needs": "Удовлетворяемые потребности клиента",
    "features": "Особенности взаимодействия с клиентом",
}
COLUMN_WIDTHS = {"number": 0.8, "area": 2.2, "process": 2.6, "touchpoint": 2.0, "needs": 3.0, "features": 1.8}
# A standalone procedure has no order date; its DOCX core properties use this fixed one.
UNDATED = dt.date(2024, 1, 1)
KIND_FEATURES = {"digital": "Цифровая точка", "offline": "Офлайн-точка"}


@dataclass
class Phrase:
    """A name in the nominative with its case forms: explicit ones win, others declined.

    Where the analyser is unsure, a warning names the phrase and the config key that
    takes the form explicitly.
    """

    nomn: str
    explicit: Forms = field(default_factory=Forms)
    warnings: list[str] = field(default_factory=list)
    kind: str = "name"  # or "position"
    key: str = ""  # the config table of explicit forms, e.g. «agency.forms»

    def form(self, case: Case) -> str:
        given = getattr(self.explicit, case, None) if case != "nomn" else None
        if given:
            return str(given)
        found: list[str] = []
        result = decline_phrase(self.nomn, case, found, kind=self.kind)
        for problem in dict.fromkeys(found):
            hint = f"; задайте форму явно: [{self.key}] {case} = \"…\"" if self.key else ""
            message = f"«{self.nomn}» ({case}): {problem}{hint}"
            if message not in self.warnings:
                self.warnings.append(message)
        return result

    def __str__(self) -> str:
        return self.nomn


def _as_phrase(value: Any) -> Phrase:
    return value if isinstance(value, Phrase) else Phrase(str(value))


def _prep(base: str, word: str) -> str:
    """«с»/«со», «в»/«во» before a word: «со Службой», «во Всероссийском»."""
    w = word.lower()
    if base == "с" and re.match(r"^(с[^аеёиоуыэюя]|з[^аеёиоуыэюя]|ш[^аеёиоуыэюя]|ж[^аеёиоуыэюя]|мн)", w):
        return "со"
    if base == "в" and re.match(r"^(в[^аеёиоуыэюя]|ф[^аеёиоуыэюя])", w):
        return "во"
    return base


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        # Every value printed by the template is data: it cannot become markup.
        finalize=lambda v: markup.escape_data(str(v)) if v is not None else "",
    )
    for case in CASES:
        env.filters[case] = lambda v, c=case: _as_phrase(v).form(c)
    env.filters["s_ablt"] = lambda v: (lambda f: f"{_prep('с', f)} {f}")(_as_phrase(v).form("ablt"))
    env.filters["v_loct"] = lambda v: (lambda f: f"{_prep('в', f)} {f}")(_as_phrase(v).form("loct"))
    env.filters["v_accs"] = lambda v: (lambda f: f"{_prep('в', f)} {f}")(_as_phrase(v).form("accs"))
    return env


@lru_cache(maxsize=1)
def catalog() -> dict[str, Any]:
    with (TEMPLATES / "catalog.toml").open("rb") as f:
        return tomllib.load(f)


def _render(name: str, ctx: dict[str, Any]) -> str:
    try:
        return _environment().get_template(name).render(**ctx)
    except jinja2.TemplateError as e:
        raise TemplateError(f"шаблон {name}: {e}") from None


# --- overrides --------------------------------------------------------------------------

def _find(nodes: list[Node], node_id: str) -> tuple[list[Node], int] | None:
    for i, n in enumerate(nodes):
        if n.id == node_id:
            return nodes, i
        found = _find(n.children, node_id)
        if found:
            return found
    return None


def apply_overrides(nodes: list[Node], overrides: list[Override], source: str, names: Names | None = None,
                    prefix: str = "procedure") -> None:
    """Replace, insert or remove clauses by id. Override text is markup, never Jinja."""
    problems: list[Diagnostic] = []
    for n, ov in enumerate(overrides):
        key = f"{prefix}.overrides[{n}]"
        where = _find(nodes, ov.id)
        if where is None:
            problems.append(Diagnostic(None, None, key, f"нет пункта с идентификатором «{ov.id}»"))
            continue
        siblings, i = where
        new: list[Node] = []
        if ov.action == "text":
            if not ov.text.strip():
                problems.append(Diagnostic(None, None, key, "пустой текст пункта"))
            siblings[i].text = names.fill(ov.text.strip()) if names else ov.text.strip()
            continue
        if ov.action != "remove":
            try:
                new = markup.parse(names.fill(ov.text) if names else ov.text, f"{source} {key}")
            except TemplateError as e:
                problems.extend(Diagnostic(None, None, key, d.message) for d in e.diagnostics)
                continue
            if not new:
                problems.append(Diagnostic(None, None, key, "пустой текст замены"))
                continue
        if ov.action == "remove":
            del siblings[i]
        elif ov.action == "replace":
            if new[0].id is None and not any(x.id == ov.id for root in new for x in root.walk()):
                new[0].id = ov.id
            siblings[i:i + 1] = new
        elif ov.action == "insert_after":
            siblings[i + 1:i + 1] = new
        elif ov.action == "insert_before":
            siblings[i:i] = new
        else:  # append
            siblings[i].children.extend(new)
    if problems:
        raise TemplateError(f"не применены замены пунктов в {source}", problems)


# --- register tables ----------------------------------------------------------------------

def register_table(cfg: AgencyConfig, names: Names, form: bool = False) -> Table:
    reg = cfg.registry
    cols = list(reg.columns)
    headers = [names.data(reg.headers.get(c, COLUMN_HEADERS[c])) for c in cols]
    table = Table(columns=headers, widths=[COLUMN_WIDTHS[c] for c in cols],
                  caption=names.data(reg.caption) if reg.caption and not form else None,
                  number_row=reg.number_row)
    if form:
        if cfg.form.sample_rows:
            sample = {"number": "1", "area": "[направление 1]", "process": "[процесс 1]",
                      "touchpoint": "[точка 1]", "needs": "[потребность 1]", "features": "[особенность]"}
            table.rows.append([Cell(sample[c]) for c in cols])
            for k in range(2, 5):
                table.rows.append([Cell(f"[потребность {k}]" if c == "needs" else "") for c in cols])
            table.rows.append([Cell("2" if c == "number" else "") for c in cols])
            table.rows.append([Cell("…" if c == "number" else "") for c in cols])
        return table
    table.number_column = cols.index("number") if "number" in cols else None
    for no, row in enumerate(reg.rows, start=1):
        tps: list[Touchpoint | None] = list(row.touchpoints) or [None]
        table.groups.append(len(tps))
        for k, tp in enumerate(tps):
            cells = []
            for c in cols:
                if c in ("number", "area", "process"):
                    value = {"number": str(no), "area": row.area, "process": row.process}[c]
                    cells.append(Cell(markup.escape_data(value), rowspan=len(tps)) if k == 0
                                 else Cell("", merged=True))
                elif tp is None:
                    cells.append(Cell(""))
                elif c == "touchpoint":
                    cells.append(Cell(markup.escape_data(tp.name)))
                elif c == "needs":
                    cells.append(Cell("\n".join(markup.escape_data(x if isinstance(x, str) else x.other)
                                                for x in tp.needs)))
                else:
                    cells.append(Cell(markup.escape_data(tp.features or KIND_FEATURES[tp.kind])))
            table.rows.append(cells)
    return table


_PLACEHOLDER = re.compile(r"\{(name|short)(?::(nomn|gent|datv|accs|ablt|loct))?\}|\{(areas)\}")


@dataclass
class Names:
    """The body's names for placeholders in config text: «{name:gent}», «{short:ablt}», «{name}».

    A fixed substitution, not template code: the forms come from ``Phrase`` (explicit
    forms in the config win) and enter the text as data."""

    name: Phrase
    short: Phrase
    areas: list[str] = field(default_factory=list)

    def fill(self, text: str) -> str:
        def sub(m: re.Match[str]) -> str:
            if m.group(3):  # {areas}: the activity areas, as a list in a sentence
                return markup.escape_data("; ".join(lower_first(a) for a in self.areas))
            phrase = self.name if m.group(1) == "name" else self.short
            return markup.escape_data(phrase.form(m.group(2) or "nomn"))  # type: ignore[arg-type]

        return _PLACEHOLDER.sub(sub, text)

    def data(self, text: str) -> str:
        """Config text that enters the document as data, with the names filled in."""
        return markup.escape_data(self.fill(text))


# --- the whole document ---------------------------------------------------------------------

def _terms(cfg: AgencyConfig, names: Names) -> list[dict[str, str]]:
    cat = catalog()["terms"]
    out = []
    for n, t in enumerate(cfg.procedure.terms):
        if isinstance(t, TermDef):
            out.append({"id": t.id or f"custom{n + 1}", "term": names.fill(t.term), "text": names.fill(t.text)})
        elif t in cat:
            item = dict(cat[t])
            both = item.pop("term_when_both", None)
            if both and {"internal_client", "external_client"} <= set(map(str, cfg.procedure.terms)):
                item["term"] = both
            out.append({"id": t, **item})
        else:
            raise TemplateError("неизвестный термин", [Diagnostic(
                None, None, f"procedure.terms[{n}]", f"нет термина «{t}» в templates/catalog.toml; "
                f"известны: {', '.join(cat)}")])
    return out


def _pick(cfg_list: list[str], section: str, key: str, names: Names) -> list[dict[str, Any]]:
    cat = catalog()[section]
    out = []
    for n, item in enumerate(cfg_list):
        if item not in cat:
            raise TemplateError("неизвестный элемент списка", [Diagnostic(
                None, None, f"{key}[{n}]", f"нет «{item}» в разделе [{section}] templates/catalog.toml; "
                f"известны: {', '.join(cat)}")])
        value = cat[item]
        if isinstance(value, str):
            value = {"text": value}
        out.append({"id": item, "text": names.fill(value["text"]), "items": value.get("items", [])})
    return out


def _gender(title: str) -> Literal["m", "f", "n", "p"]:
    """The grammatical gender of a document by its title, for the grif: «Порядок» → m."""
    return GENDER.get(head_number_gender(title) or "masc", "m")  # type: ignore[return-value]


Renumber = Callable[[str, list[Node]], None]


def _control(cfg: AgencyConfig, names: Names, warnings: list[str]) -> dict[str, str]:
    """The control clause's deputy in the accusative, for the closing clauses."""
    o = cfg.order
    if not o.control.by_head and o.control.deputy is None:
        raise TemplateError("контроль не назначен", [Diagnostic(
            None, None, "order.control.deputy", "укажите заместителя или by_head = true")])
    if not o.control.deputy:
        return {}
    d = o.control.deputy
    return {"deputy_position_accs": Phrase(names.fill(d.position), d.position_forms, warnings, kind="position",
                                           key="order.control.deputy.position_forms").form("accs"),
            "deputy_person_accs": d.person_forms.accs or decline_person(d.person, "accs", d.gender)}


def closing_clauses(cfg: AgencyConfig, slug: str, warnings: list[str]) -> list[Node]:
    """The closing clauses of an amending order (templates/closing.j2): publication,
    the site, control, state registration, entry into force — as the region requires."""
    names = Names(Phrase(cfg.agency.name, cfg.agency.forms, warnings, key="agency.forms"),
                  Phrase(cfg.agency.short, cfg.agency.short_forms, warnings, key="agency.short_forms"),
                  list(cfg.procedure.activity_areas))
    ctx: dict[str, Any] = {"a": {"name": names.name, "short": names.short}, "o": cfg.order,
                           **_control(cfg, names, warnings)}
    return markup.parse(_render("closing.j2", ctx), "templates/closing.j2")


def compose(cfg: AgencyConfig, slug: str, draft: bool = False, renumber: Renumber | None = None) -> Document:
    """The document tree of one body; ``draft`` adds «ПРОЕКТ» and the лист согласования.

    ``renumber(part, nodes)`` runs on the numbered body of the order («order») and of the
    Порядок («procedure») before references are resolved: a signed edition's frozen
    numbering replaces the fresh one there (see consolidate.py)."""
    warnings: list[str] = []
    name = Phrase(cfg.agency.name, cfg.agency.forms, warnings, key="agency.forms")
    short = Phrase(cfg.agency.short, cfg.agency.short_forms, warnings, key="agency.short_forms")
    names = Names(name, short, list(cfg.procedure.activity_areas))
    p = cfg.procedure
    reg = cfg.registry
    pron = PRON_DATV.get(head_number_gender(cfg.agency.name) or "masc", "ему")
    procedure_title = Phrase(names.fill(p.title), warnings=warnings)
    register_title = names.data(reg.title)
    ctx: dict[str, Any] = {
        "a": {"name": name, "short": short, "pron_datv": pron, "plural": pron == "им"},
        "p": p,
        "o": cfg.order,
        "terms": _terms(cfg, names),
        "needs": _pick(p.needs, "needs", "procedure.needs", names),
        "digital": _pick(p.digital_touchpoints, "digital_touchpoints", "procedure.digital_touchpoints", names),
        "offline": _pick(p.offline_touchpoints, "offline_touchpoints", "procedure.offline_touchpoints", names),
        "client_phrase": {"internal": "с внутренним клиентом", "all": "с клиентом",
                          "both": "с внешним и внутренним клиентом"}[p.client],
        "keeper": names.fill(p.keeper),
        "days_word": "рабочего дня" if p.update_days % 10 == 1 and p.update_days % 100 != 11 else "рабочих дней",
        "register_in_clause": reg.placement == "procedure-clause",
        "register_in_appendix": reg.placement in ("procedure-appendix", "order-appendix"),
        "register_in_order": reg.placement == "order-appendix",
        "register_title": register_title,
        "procedure_title": procedure_title,
        "grif": cfg.marks.style == "grif",
        "attached": ATTACHED[_gender(procedure_title.nomn)],
        "register_approved": cfg.kind == "order" and reg.placement != "none",
        "form_appendix": cfg.form.placement == "procedure-appendix",
        "areas": [lower_first(a) for a in p.activity_areas],
        "areas_intro": names.fill(p.areas_intro) if p.areas_intro else None,
    }

    problems = check_register(cfg, [(n["text"], n["items"]) for n in ctx["needs"]],
                              {"digital": [t["text"] for t in ctx["digital"]],
                               "offline": [t["text"] for t in ctx["offline"]]})
    if problems:
        raise ConfigError("Перечень не соответствует правилам Порядка", problems)

    proc_body = markup.parse(_render("poryadok.j2", ctx), "templates/poryadok.j2")
    apply_overrides(proc_body, p.overrides, f"{slug}: procedure", names)
    punctuate(proc_body)
    for node in (n for root in proc_body for n in root.walk()):
        if node.kind == "table":
            if node.id != "register":
                raise TemplateError(f"неизвестная таблица «{node.id}»")
            node.table = register_table(cfg, names)

    proc_apps: list[Appendix] = []
    if cfg.form.placement == "procedure-appendix":
        proc_apps.append(Appendix(
            id="form", title_lines=[names.data(cfg.form.title)], numbering=p.numbering,
            body=[Node(kind="table", id="form_table", table=register_table(cfg, names, form=True))],
            gender=_gender(names.fill(cfg.form.title)), approved=False,
            landscape=len(reg.columns) > PORTRAIT_MAX_COLUMNS))
    register_app = Appendix(
        id="register", title_lines=[register_title], numbering=p.numbering,
        body=[Node(kind="table", id="register_table", table=register_table(cfg, names))],
        gender=_gender(register_title), approved=reg.placement == "order-appendix",
        landscape=len(reg.columns) > PORTRAIT_MAX_COLUMNS)
    if reg.placement == "procedure-appendix":
        proc_apps.append(register_app)
    drop_unused_catalogue_abbreviations(proc_body, [register_app] if reg.placement == "procedure-appendix" else [])

    lay = cfg.layout
    layout = Layout(margins_mm=(lay.margin_left_mm, lay.margin_right_mm, lay.margin_top_mm, lay.margin_bottom_mm),
                    font=lay.font, font_size=lay.font_size, table_font_size=lay.table_font_size,
                    line_spacing=lay.line_spacing, first_line_indent_cm=lay.first_line_indent_cm,
                    requisite_width_cm=lay.requisite_width_cm, order_word_style=lay.order_word_style)

    def label(app: Appendix) -> str:
        """«Приложение № 1», «Приложение 1» (regions without «№») or «Приложение» (sole)."""
        if not app.number:
            return "Приложение"
        return f"Приложение № {app.number}" if cfg.marks.number_sign else f"Приложение {app.number}"

    heading = names.data(p.heading or p.title)
    first, _, rest = heading.partition(" ")
    title_lines = [first.upper(), rest]
    if p.heading_abbreviation:
        title_lines.append("(далее – Порядок)")

    number_nodes(proc_body, p.numbering, p.numbered_definitions)
    if renumber:
        renumber("procedure", proc_body)
    for app in proc_apps:
        number_nodes(app.body, app.numbering)

    if cfg.kind == "procedure":
        number_appendices(proc_apps, cfg.marks.number_sole_appendix)
        doc = Document(slug=slug, kind="procedure", title=procedure_title.nomn, author=cfg.agency.name,
                       date=cfg.order.date or UNDATED, blank=None, preamble=None, body=proc_body,
                       numbering=p.numbering, signature=None, appendices=proc_apps, title_lines=title_lines,
                       layout=layout, draft=Draft(approvals=[]) if draft else None)
        resolve_references(proc_body, proc_apps, {}, slug)
        for app in proc_apps:
            resolve_references(app.body, [], {}, slug)
            app.mark = Mark([label(app), f"к {procedure_title.form('datv')}"])
        doc.warnings = warnings
        return _typeset(doc)

    o = cfg.order
    if o.date is None or o.number is None or o.signatory is None or o.preamble is None:
        missing = [k for k, v in (("order.date", o.date), ("order.number", o.number),
                                  ("order.signatory", o.signatory), ("order.preamble", o.preamble)) if v is None]
        raise TemplateError("для приказа не хватает реквизитов",
                            [Diagnostic(None, None, k, "обязательный ключ отсутствует") for k in missing])
    ctx.update(_control(cfg, names, warnings))
    ctx["order_short"] = introduces([names.fill(t) for t in (o.preamble, *(ov.text for ov in o.overrides))],
                                  cfg.agency.short)

    procedure_app = Appendix(id="procedure", title_lines=title_lines, body=proc_body, numbering=p.numbering,
                             gender=_gender(procedure_title.nomn), approved=True, appendices=proc_apps)
    order_apps = [procedure_app] + ([register_app] if reg.placement == "order-appendix" else [])
    number_appendices(order_apps, cfg.marks.number_sole_appendix)

    order_body = markup.parse(_render("prikaz.j2", ctx), "templates/prikaz.j2")
    apply_overrides(order_body, o.overrides, f"{slug}: order", names, prefix="order")
    punctuate(order_body)
    number_nodes(order_body, "decimal")
    if renumber:
        renumber("order", order_body)

    title = markup.escape_data(names.fill(o.title)) if o.title else f"Об утверждении {procedure_title.form('gent')}"
    preamble = markup.escape_data(names.fill(o.preamble.strip()))
    strings = resolve_references(order_body, order_apps, {"preamble": preamble}, slug)
    resolve_references(proc_body, order_apps, {}, slug)
    for app in proc_apps:
        resolve_references(app.body, [], {}, slug)

    order_date_mark = format_date(o.date, cfg.marks.date_style)
    requisites = f"от {order_date_mark} № {o.number}"
    for app in order_apps:
        if cfg.marks.style == "grif" and app.approved:
            grif = {v: k for k, v in GENDER.items()}[app.gender]
            lines = [GRIF[grif], f"приказом {name.form('gent')}", requisites]
        else:
            lines = [label(app), f"к приказу {name.form('gent')}", requisites]
        app.mark = Mark(lines)
        for sub in app.appendices:
            sub.mark = Mark([label(sub), f"к {procedure_title.form('datv')}"])

    blank_cfg = cfg.blank
    official = cfg.agency.official_name or cfg.agency.name
    name_lines = [official.upper()]
    paren = cfg.agency.blank_short_name or (cfg.agency.name if cfg.agency.official_name else None)
    if blank_cfg.short_name_in_parentheses and paren:
        name_lines.append(f"({paren.upper()})")
    alt_lines: list[str] = []
    if blank_cfg.template == "bilingual":
        if not cfg.agency.alt_name:
            raise TemplateError("двуязычный бланк без второго наименования", [Diagnostic(
                None, None, "agency.alt_name", "укажите наименование органа на втором государственном языке")])
        alt_lines = [cfg.agency.alt_name.upper()]
        if cfg.agency.alt_short_name:
            alt_lines.append(f"({cfg.agency.alt_short_name.upper()})")
    blank = Blank(name_lines=name_lines, alt_name_lines=alt_lines, federation_line=blank_cfg.federation_line,
                  doc_type="ПРИКАЗ", date_text=format_date(o.date, blank_cfg.date_style),
                  number_text=f"№ {o.number}", date_number_layout=blank_cfg.date_number_layout,
                  place=blank_cfg.place)
    sig = o.signatory
    sig_position = names.fill(sig.position)
    position = (f"И.о. {lower_first(Phrase(sig_position, warnings=warnings, kind='position').form('gent'))}"
                if sig.acting
                else capitalize_first(sig_position))
    doc = Document(slug=slug, kind="order", title=title, author=cfg.agency.name, date=o.date, blank=blank,
                   preamble=strings["preamble"], body=order_body, numbering="decimal",
                   signature=Signature(position=position, person=normalise_person(sig.person)),
                   appendices=order_apps, order_word=o.order_word, layout=layout,
                   draft=Draft(approvals=[(capitalize_first(names.fill(a.position)), normalise_person(a.person))
                                          for a in o.approvals],
                               prepared_by=(capitalize_first(o.prepared_by.position),
                                            normalise_person(o.prepared_by.person)) if o.prepared_by else None)
                   if draft else None)
    doc.warnings = warnings
    return _typeset(doc)


def _typeset(doc: Document) -> Document:
    """The typography pass over every string of the document."""

    def fix_nodes(nodes: list[Node]) -> None:
        for root in nodes:
            for n in root.walk():
                n.text = typography(n.text)
                if n.term:
                    n.term = typography(n.term)
                if n.table:
                    n.table.columns = [typography(c) for c in n.table.columns]
                    if n.table.caption:
                        n.table.caption = typography(n.table.caption)
                    for row in n.table.rows:
                        for cell in row:
                            cell.text = "\n".join(typography(x) for x in cell.text.split("\n"))

    doc.title = typography(doc.title)
    if doc.preamble:
        doc.preamble = typography(doc.preamble)
    doc.title_lines = [typography(t) for t in doc.title_lines]
    fix_nodes(doc.body)
    if doc.signature:
        doc.signature.position = typography(doc.signature.position)
        doc.signature.person = typography(doc.signature.person)
    if doc.blank:
        doc.blank.date_text = typography(doc.blank.date_text)
        doc.blank.number_text = typography(doc.blank.number_text)
        doc.blank.place = typography(doc.blank.place) if doc.blank.place else doc.blank.place
    for app in doc.all_appendices():
        app.title_lines = [typography(t) for t in app.title_lines]
        if app.mark:
            app.mark.lines = [typography(t) for t in app.mark.lines]
        fix_nodes(app.body)
    return doc
