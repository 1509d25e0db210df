"""Signed editions: the composed document frozen as signed, one file per signed act.

``prikaz sign`` writes ``agencies/<slug>.editions/<NN>-<date>-<number>.toml`` next to the
body's config (meant to be committed): the acts signed so far (the original order and
every amending order), and every structural unit of the order and of the Порядок in
document order — its frozen number, text, amendment history, whether it was repealed —
and the register's entries. The next amending order is computed against the last file.

Texts are stored as plain words; a unit's bold spans as character ranges (``strong``).
Format 1 stored the reader's markup instead (``**bold**``, private-use escapes of config
data): such files are upgraded when they are read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .config import no_control_chars
from .errors import ConfigError, Diagnostic
from .inline import Content, Inline, Strong, Text, atom_text, atoms
from .markup import parse_inline, unescape_data
from .paths import inside
from .tree import Change, Document, Node, NodeKind, Table

FORMAT = 2
Part = Literal["order", "procedure"]
PARTS: tuple[Part, ...] = ("order", "procedure")
REGISTER_IDS = ("register", "register_table")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    @field_validator("*", mode="before")
    @classmethod
    def _text_is_clean(cls, value: Any) -> Any:
        """No control or invisible characters in any text, however deep in lists (as in configs):
        they make a DOCX that LibreOffice cannot open."""
        if isinstance(value, list):
            for item in value:
                cls._text_is_clean(item)
            return value
        return no_control_chars(value) if isinstance(value, str) else value


# A printed number: «1.», «1.1.», «2.6¹.», «2.6.1.», «2.6-1.», «1)», «а)», «I.»; a reference drops the
# last point; a register entry's number is «3», «3¹», «3.1», «3-1».
NUMBER = r"^(?:[0-9]+|[IVXLC]+|[абвгдежиклмнпрстуфхцшщэюя]{1,2})(?:[.\-]?[0-9¹²³⁴⁵⁶⁷⁸⁹⁰]+)*[.)]?$"
MAX_DEPTH = 8  # a section, a clause, three levels of sub-clauses, bullets, paragraphs: never deeper


class Act(_Strict):
    """A signed order: the original one or an amending one."""

    date: dt.date
    number: str = Field(min_length=1, max_length=60, pattern=r"^\S(.*\S)?$")
    title: str


class Mark(_Strict):
    act: int = Field(ge=1)  # the act's sequence number (1 = the original order)
    change: Change


class Unit(_Strict):
    """One structural unit (a node of the document tree), in document order."""

    depth: int = Field(ge=0, le=MAX_DEPTH)
    kind: NodeKind
    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.\-]{1,100}$")
    number: str | None = Field(default=None, pattern=NUMBER)  # as printed: «2.6¹.», «1)»
    ref: str | None = Field(default=None, pattern=NUMBER)  # as referred to: «2.6¹»
    index: int = Field(default=0, ge=0, le=99)  # an inserted unit's index: 2.6¹ → 1
    text: str = ""
    strong: list[list[int]] = []  # bold spans of ``text``: [start, end) character ranges
    term: str | None = None
    repealed: bool = False
    history: list[Mark] = []

    @model_validator(mode="after")
    def _spans_in_text(self) -> Unit:
        end = 0
        for span in self.strong:
            if len(span) != 2 or not end <= span[0] < span[1] <= len(self.text):
                raise ValueError(f"диапазон полужирного текста {span} вне текста или не по порядку")
            end = span[1]
        return self


class Entry(_Strict):
    """One entry of the register (a process with its touchpoints): its table rows."""

    number: str = Field(pattern=NUMBER)
    index: int = Field(default=0, ge=0, le=99)
    lines: list[list[str]] = Field(min_length=1)  # cell texts of each table row of the entry
    spans: list[Annotated[int, Field(ge=0)]] = []  # columns merged across the entry's rows
    repealed: bool = False
    history: list[Mark] = []


class Register(_Strict):
    columns: list[str] = Field(min_length=1)
    number_column: int | None = Field(default=None, ge=0)
    entries: list[Entry] = []
    history: list[Mark] = []  # the appendix set out anew as a whole


class Attachment(_Strict):
    """Another appendix (the form of the register): compared as a whole."""

    id: str
    text: str
    history: list[Mark] = []


class Adoption(_Strict):
    """An original order adopted from its signed document (``prikaz adopt``), not frozen from
    the config: the file read, and what was recorded as signed without being amendable."""

    source: str
    sha256: str
    requisites: list[str] = []  # defects of the paper's requisites, as signed
    unchecked: list[str] = []  # units the document lacks (cut short), taken from the config


class Edition(_Strict):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)

    format: int = FORMAT
    slug: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")
    acts: list[Act] = Field(min_length=1)
    title: str = ""  # the order's title as in force
    procedure_title: str = ""  # the Порядок's title as in force, in the nominative
    order: list[Unit] = []
    procedure: list[Unit] = []
    registry: Register | None = Field(default=None, alias="register")
    attachments: list[Attachment] = []
    adopted: Adoption | None = None

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: int) -> int:
        if value != FORMAT:
            raise ValueError(f"версия формата редакции {value} неизвестна этой версии генератора (она читает "
                             f"версию {FORMAT}); обновите генератор или запишите"
                             f" редакцию заново командой «prikaz sign»")
        return value

    @property
    def original(self) -> Act:
        return self.acts[0]

    def act_of(self, number: int) -> Act:
        return self.acts[number - 1]


# --- files ------------------------------------------------------------------------------------

def editions_dir(agencies: Path, slug: str) -> Path:
    return agencies / f"{slug}.editions"


_NAME = re.compile(r"^(\d+)-")


def edition_files(agencies: Path, slug: str) -> list[Path]:
    folder = editions_dir(agencies, slug)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.glob("*.toml") if _NAME.match(p.name)),
                  key=lambda p: int(_NAME.match(p.name).group(1)))  # type: ignore[union-attr]


def safe_number(number: str) -> str:
    """An act's number as part of a file or folder name: «П-12-01/0019» → «П-12-01_0019»."""
    return re.sub(r"[^\w\-]+", "_", number)


def file_name(edition: Edition) -> str:
    act = edition.acts[-1]
    return f"{len(edition.acts):02d}-{act.date.isoformat()}-{safe_number(act.number)}.toml"


def load(path: Path, slug: str | None = None) -> Edition:
    """A signed edition, validated as strictly as a config (types, ranges, texts), then as a
    whole (the tree of units, unique ids, the acts the marks name, the register's shape, the
    body it belongs to); every problem with its file, line and key."""
    from .config import _diagnostics, locate, parse_key, read_toml

    data, text = read_toml(path)
    if data.get("format") == 1:
        data = upgrade_format_1(data)
    try:
        edition = Edition.model_validate(data)
    except ValidationError as e:
        raise ConfigError(DAMAGED, _diagnostics(e, [(path, text)])) from None
    problems = consistency(edition, slug)
    if problems:
        raise ConfigError(DAMAGED, [Diagnostic(path, locate(text, parse_key(key)), key, msg)
                                    for key, msg in problems])
    return edition


DAMAGED = "файл редакции не прочитан (он записывается командой «prikaz sign», не правьте его вручную)"


def consistency(edition: Edition, slug: str | None) -> list[tuple[str, str]]:
    """What the types cannot say: (key, message) of every inconsistency."""
    problems: list[tuple[str, str]] = []
    if slug is not None and edition.slug != slug:
        problems.append(("slug", f"редакция органа «{edition.slug}», а лежит в папке редакций «{slug}»"))
    for i in range(1, len(edition.acts)):
        if edition.acts[i].date < edition.acts[i - 1].date:
            problems.append((f"acts[{i}].date", "дата раньше даты предыдущего приказа"))
    for part in PARTS:
        problems += _tree_problems(part, getattr(edition, part))
    problems += _mark_problems(edition)
    if edition.registry is not None:
        problems += _register_problems(edition.registry)
    return problems


def _tree_problems(part: str, items: list[Unit]) -> list[tuple[str, str]]:
    """Depths that form a tree (each at most one deeper than the one before) and unique ids
    (references may repeat: «1)» is numbered anew under each clause)."""
    problems: list[tuple[str, str]] = []
    seen_ids: set[str] = set()
    previous = -1
    for i, u in enumerate(items):
        if u.depth > previous + 1:
            problems.append((f"{part}[{i}].depth", f"глубина {u.depth} после глубины {max(previous, 0)}: "
                             "пропущен уровень"))
        previous = u.depth
        if u.id is not None:
            if u.id in seen_ids:
                problems.append((f"{part}[{i}].id", f"идентификатор «{u.id}» повторяется"))
            seen_ids.add(u.id)
    return problems


def _mark_problems(edition: Edition) -> list[tuple[str, str]]:
    acts = len(edition.acts)
    where: list[tuple[str, list[Mark]]] = [(f"{p}[{i}].history", u.history) for p in PARTS
                                           for i, u in enumerate(getattr(edition, p))]
    if edition.registry is not None:
        where.append(("register.history", edition.registry.history))
        where += [(f"register.entries[{i}].history", e.history) for i, e in enumerate(edition.registry.entries)]
    where += [(f"attachments[{i}].history", a.history) for i, a in enumerate(edition.attachments)]
    return [(f"{key}[{k}].act", f"приказа № {m.act} нет среди подписанных (их {acts})")
            for key, marks in where for k, m in enumerate(marks) if m.act > acts]


def _register_problems(reg: Register) -> list[tuple[str, str]]:
    width = len(reg.columns)
    problems: list[tuple[str, str]] = []
    if reg.number_column is not None and reg.number_column >= width:
        problems.append(("register.number_column", f"столбца {reg.number_column} нет (столбцов {width})"))
    numbers: set[str] = set()
    for i, e in enumerate(reg.entries):
        if e.number in numbers:
            problems.append((f"register.entries[{i}].number", f"номер строки «{e.number}» повторяется"))
        numbers.add(e.number)
        for k, line in enumerate(e.lines):
            if len(line) != width:
                problems.append((f"register.entries[{i}].lines[{k}]", f"ячеек {len(line)}, а столбцов {width}"))
        for k, col in enumerate(e.spans):
            if col >= width:
                problems.append((f"register.entries[{i}].spans[{k}]", f"столбца {col} нет (столбцов {width})"))
    return problems


def last_edition(agencies: Path, slug: str) -> Edition | None:
    files = edition_files(agencies, slug)
    if not files:
        return None
    return load(inside(editions_dir(agencies, slug), files[-1], "файл редакции"), slug)


def dump(edition: Edition) -> bytes:
    head = (f"# Редакция приказа {edition.original.date:%d.%m.%Y} № {edition.original.number}"
            + (f" с изменениями по приказу от {edition.acts[-1].date:%d.%m.%Y} № {edition.acts[-1].number}"
               if len(edition.acts) > 1 else "")
            + ".\n# Записана командой «prikaz sign»: не правьте вручную, храните в репозитории.\n")
    data = edition.model_dump(mode="python", exclude_defaults=True, by_alias=True)
    data["slug"], data["format"] = edition.slug, edition.format
    keys = ("format", "slug", "acts", "title", "procedure_title", "order", "procedure", "register", "attachments",
            "adopted")
    ordered: dict[str, Any] = {k: data[k] for k in keys if k in data}
    return (head + tomli_w.dumps(ordered, multiline_strings=False)).encode("utf-8")


# --- freezing a composed document --------------------------------------------------------------

def strong_spans(content: Content) -> list[tuple[int, int]]:
    """The bold spans of content as ranges of its plain text."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for node in content:
        size = sum(len(atom_text(a)) for a in atoms((node,)))
        if isinstance(node, Strong) and size:
            spans.append((pos, pos + size))
        pos += size
    return spans


def unit_content(unit: Unit) -> Content:
    """A stored unit's words as content, its bold spans restored."""
    out: list[Inline] = []
    pos = 0
    for start, end in unit.strong:
        if start > pos:
            out.append(Text(unit.text[pos:start]))
        out.append(Strong((Text(unit.text[start:end]),)))
        pos = end
    if pos < len(unit.text):
        out.append(Text(unit.text[pos:]))
    return tuple(out)


def units(nodes: list[Node], depth: int = 0) -> list[Unit]:
    out: list[Unit] = []
    for n in nodes:
        out.append(Unit(depth=depth, kind=n.kind, id=n.id, number=n.number, ref=n.ref_number, index=n.index,
                        text=n.text, strong=[list(s) for s in strong_spans(n.content)], term=n.term,
                        repealed=n.repealed,
                        history=[Mark(act=a, change=c) for a, c in n.history]))
        out.extend(units(n.children, depth + 1))
    return out


def _upgrade_unit(unit: dict[str, Any]) -> dict[str, Any]:
    content = parse_inline(str(unit.get("text", "")))
    out = {**unit, "text": "".join(atom_text(a) for a in atoms(content))}
    if strong := strong_spans(content):
        out["strong"] = [list(s) for s in strong]
    if isinstance(unit.get("term"), str):
        out["term"] = unescape_data(unit["term"])
    return out


def _plain_lines(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    return "\n".join("".join(atom_text(a) for a in atoms(parse_inline(line))) for line in value.split("\n"))


def upgrade_format_1(data: dict[str, Any]) -> dict[str, Any]:
    """A format 1 edition (the reader's markup in its texts) in format 2 (plain words)."""
    def plain(value: Any) -> Any:
        if isinstance(value, str):
            return unescape_data(value)
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    out = {**data, "format": FORMAT, "title": plain(data.get("title", "")),
           "procedure_title": plain(data.get("procedure_title", ""))}
    for part in PARTS:
        if isinstance(data.get(part), list):
            out[part] = [_upgrade_unit(u) if isinstance(u, dict) else u for u in data[part]]
    reg = data.get("register")
    if isinstance(reg, dict):
        out["register"] = {**reg, "columns": plain(reg.get("columns", [])),
                           "entries": [{**e, "lines": plain(e.get("lines", []))} if isinstance(e, dict) else e
                                       for e in reg.get("entries", [])]}
    if isinstance(data.get("attachments"), list):
        out["attachments"] = [{**a, "text": _plain_lines(a.get("text", ""))} if isinstance(a, dict) else a
                              for a in data["attachments"]]
    return out


def find_register(doc: Document) -> tuple[Node, str] | None:
    """The register table and where it stands: «procedure» (a clause of the Порядок) or the
    id of the appendix that holds it."""
    proc = procedure_body(doc)
    for root in proc:
        for n in root.walk():
            if n.kind == "table" and n.id in REGISTER_IDS and n.table:
                return n, "procedure"
    for app in doc.all_appendices():
        for n in app.body:
            if n.kind == "table" and n.id in REGISTER_IDS and n.table:
                return n, app.id
    return None


def procedure_body(doc: Document) -> list[Node]:
    if doc.kind == "procedure":
        return doc.body
    return next((a.body for a in doc.appendices if a.id == "procedure"), [])


def procedure_title(doc: Document) -> str:
    """The Порядок's title in the nominative, from its heading lines «ПОРЯДОК» «ведения …»."""
    app = next((a for a in doc.appendices if a.id == "procedure"), None)
    lines = [t for t in (app.title_lines if app else doc.title_lines) if t and not t.startswith("(")]
    if not lines:
        return ""
    first, *rest = lines
    return " ".join([first.capitalize() if first.isupper() else first, *rest])


def order_body(doc: Document) -> list[Node]:
    return doc.body if doc.kind == "order" else []


def entries(table: Table) -> list[tuple[int, int]]:
    """(first table row, row count) of every register entry."""
    out, row = [], 0
    for size in table.groups or [1] * len(table.rows):
        out.append((row, size))
        row += size
    return out


def freeze_register(table: Table, history: list[tuple[int, Change]] | None = None) -> Register:
    items: list[Entry] = []
    for k, (first, size) in enumerate(entries(table)):
        rows = table.rows[first:first + size]
        lines = [[c.text for c in row] for row in rows]
        spans = [i for i, c in enumerate(rows[0]) if c.rowspan > 1] if size > 1 else []
        number = (rows[0][table.number_column].text if table.number_column is not None else str(k + 1))
        hist = table.history[k] if k < len(table.history) else []
        index = table.indexes[k] if k < len(table.indexes) else 0
        items.append(Entry(number=number, index=index, lines=lines, spans=spans,
                           repealed=k < len(table.repealed) and table.repealed[k],
                           history=[Mark(act=a, change=c) for a, c in hist]))
    return Register(columns=list(table.columns), number_column=table.number_column, entries=items,
                    history=[Mark(act=a, change=c) for a, c in history or []])


def attachment_text(nodes: list[Node], title_lines: list[str]) -> str:
    """An appendix as one text, to compare it as a whole."""
    lines = list(title_lines)
    for root in nodes:
        for n in root.walk():
            lines.append(f"{n.number or ''} {n.term or ''} {n.text}")
            if n.table:
                lines.append(" | ".join(n.table.columns))
                lines += [" | ".join(c.text for c in row) for row in n.table.rows]
    return "\n".join(lines)


def freeze(doc: Document, slug: str, acts: list[Act], register_history: list[tuple[int, Change]] | None = None,
           attachment_history: dict[str, list[tuple[int, Change]]] | None = None) -> Edition:
    """The edition of a composed (or consolidated) document, as signed by ``acts``."""
    found = find_register(doc)
    atts = [Attachment(id=a.id, text=attachment_text(a.body, a.title_lines),
                       history=[Mark(act=n, change=c) for n, c in (attachment_history or {}).get(a.id, [])])
            for a in doc.all_appendices()
            if a.id != "procedure" and (found is None or a.id != found[1])]
    return Edition(slug=slug, acts=acts, title=doc.title if doc.kind == "order" else "",
                   procedure_title=procedure_title(doc), order=units(order_body(doc)),
                   procedure=units(procedure_body(doc)),
                   register=freeze_register(found[0].table, register_history) if found and found[0].table
                   else None, attachments=atts)


def history_of(marks: list[Mark]) -> list[tuple[int, Change]]:
    return [(m.act, m.change) for m in marks]


@dataclass
class OldUnit:
    """A unit of a signed edition with its children (the tree rebuilt from depths)."""

    unit: Unit
    children: list[OldUnit] = field(default_factory=list)


def tree(units: list[Unit]) -> list[OldUnit]:
    roots: list[OldUnit] = []
    stack: list[OldUnit] = []
    for u in units:
        node = OldUnit(u)
        while stack and stack[-1].unit.depth >= u.depth:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots
