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
from typing import Any, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError
from .inline import Content, Inline, Strong, Text, atom_text, atoms
from .markup import parse_inline, unescape_data
from .tree import Change, Document, Node, NodeKind, Table

FORMAT = 2
Part = Literal["order", "procedure"]
PARTS: tuple[Part, ...] = ("order", "procedure")
REGISTER_IDS = ("register", "register_table")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Act(_Strict):
    """A signed order: the original one or an amending one."""

    date: dt.date
    number: str = Field(min_length=1)
    title: str


class Mark(_Strict):
    act: int = Field(ge=1)  # the act's sequence number (1 = the original order)
    change: Change


class Unit(_Strict):
    """One structural unit (a node of the document tree), in document order."""

    depth: int = Field(ge=0)
    kind: NodeKind
    id: str | None = None
    number: str | None = None  # as printed: «2.6¹.», «1)»
    ref: str | None = None  # as referred to: «2.6¹»
    index: int = 0  # an inserted unit's index: 2.6¹ → 1
    text: str = ""
    strong: list[list[int]] = []  # bold spans of ``text``: [start, end) character ranges
    term: str | None = None
    repealed: bool = False
    history: list[Mark] = []


class Entry(_Strict):
    """One entry of the register (a process with its touchpoints): its table rows."""

    number: str
    index: int = 0
    lines: list[list[str]]  # cell texts of each table row of the entry
    spans: list[int] = []  # columns merged across the entry's rows
    repealed: bool = False
    history: list[Mark] = []


class Register(_Strict):
    columns: list[str]
    number_column: int | None = None
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
    slug: str
    acts: list[Act] = Field(min_length=1)
    title: str = ""  # the order's title as in force
    procedure_title: str = ""  # the Порядок's title as in force, in the nominative
    order: list[Unit] = []
    procedure: list[Unit] = []
    registry: Register | None = Field(default=None, alias="register")
    attachments: list[Attachment] = []
    adopted: Adoption | None = None

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


def load(path: Path) -> Edition:
    from .config import _diagnostics, read_toml

    data, text = read_toml(path)
    if data.get("format") == 1:
        data = upgrade_format_1(data)
    try:
        return Edition.model_validate(data)
    except ValidationError as e:
        raise ConfigError("файл редакции не прочитан (он записывается командой «prikaz sign», "
                          "не правьте его вручную)", _diagnostics(e, [(path, text)])) from None


def last_edition(agencies: Path, slug: str) -> Edition | None:
    files = edition_files(agencies, slug)
    return load(files[-1]) if files else None


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
