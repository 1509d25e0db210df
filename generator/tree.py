"""The document tree: one intermediate representation between configs and writers.

Readers (the template markup and the configs) produce these nodes; the passes fill in
numbers, resolve references and set the typography; writers (DOCX, Markdown) only read
them. The words of a unit or a table cell are typed inline content (inline.py); every
other string field is plain text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .inline import EMPTY, Content, plain

# section: a numbered heading; clause: a numbered structural unit; bullet: an unnumbered
# list item; para: a paragraph without a number; definition: a term and its meaning
# (numbered or not, as the numbering style says); table: a register table.
NodeKind = Literal["section", "clause", "bullet", "para", "definition", "table"]
# A tracked change in a redline: a unit (or a table row) inserted or deleted as a whole.
Revision = Literal["ins", "del"]
# What an amending order did to a unit: set it out anew, insert it, repeal it.
Change = Literal["amended", "inserted", "repealed"]


@dataclass(slots=True)  # registers hold thousands of cells: no per-cell __dict__
class Cell:
    content: Content = EMPTY
    rowspan: int = 1  # > 1 on the first cell of a vertical merge
    merged: bool = False  # True on cells covered by a vertical merge above
    # «(в ред. приказа …)» under the text; a tuple, shared when empty (a register makes
    # thousands of cells, and a list for each was a tenth of the collector's work)
    notes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The cell's words, its lines joined by «\\n»."""
        return plain(self.content)


@dataclass
class Table:
    columns: list[str]
    widths: list[float]  # relative widths
    caption: str | None = None
    number_row: bool = False  # a row of column numbers 1 2 3 … under the header
    header: bool = True  # False: rows only (a row quoted in an amending order)
    rows: list[list[Cell]] = field(default_factory=list)
    # The register's entries: how many table rows each entry spans (one per touchpoint),
    # which column holds the entry's number; per entry its amendment history, its index
    # when it was inserted into a signed register (3¹ → 1) and whether it was repealed
    # (consolidated texts).
    groups: list[int] = field(default_factory=list)
    number_column: int | None = None
    history: list[list[tuple[int, Change]]] = field(default_factory=list)
    indexes: list[int] = field(default_factory=list)
    repealed: list[bool] = field(default_factory=list)
    revisions: dict[int, Revision] = field(default_factory=dict)  # table row → tracked change
    landscape: bool = False  # wider than a portrait page: set on a landscape page of its own


@dataclass
class Node:
    kind: NodeKind
    content: Content = EMPTY
    id: str | None = None
    term: str | None = None  # for definitions
    children: list[Node] = field(default_factory=list)
    table: Table | None = None
    number: str | None = None  # as printed before the text: "2.6.", "1)", "III."
    ref_number: str | None = None  # as used in a reference: "2.6", "1", "III"
    # Signed editions (see edition.py): an inserted unit's index (2.6¹ → 1), the history
    # of amendments (act sequence number, change), a repealed unit's placeholder, the
    # notes of a consolidated text and a redline's tracked change.
    index: int = 0
    history: list[tuple[int, Change]] = field(default_factory=list)
    repealed: bool = False
    notes: list[str] = field(default_factory=list)
    revision: Revision | None = None
    source: str | None = None  # where the unit came from: «templates/poryadok.j2:12», a config key

    @property
    def text(self) -> str:
        """The unit's words without formatting."""
        return plain(self.content)

    def walk(self) -> list[Node]:
        out: list[Node] = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass
class Mark:
    """The grif «УТВЕРЖДЕН приказом …» or the mark «Приложение № 1 к приказу …»."""

    lines: list[str]


@dataclass
class Appendix:
    id: str
    title_lines: list[str]
    body: list[Node]
    numbering: str
    gender: Literal["m", "f", "n", "p"]  # of the approved document, for the grif
    approved: bool  # approved by the order (grif) or just attached (appendix mark)
    mark: Mark | None = None
    number: str | None = None  # "1", "2" or "" for a sole appendix
    landscape: bool = False
    appendices: list[Appendix] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # «(в ред. приказа …)» after the title
    numbered_definitions: bool = True


@dataclass
class MarkRules:
    """What the marks pass words the grifs and appendix marks from."""

    style: Literal["grif", "appendix"] = "appendix"
    number_sign: bool = True  # «Приложение № 1» or «Приложение 1»
    number_sole: bool = False  # a sole appendix numbered all the same
    issuer_gent: str = ""  # «Комитета по туризму Мурманской области»
    requisites: str = ""  # «от 28.02.2024 № 21», in the marks' date style
    procedure_datv: str = ""  # «Порядку ведения …»: for the appendices of the Порядок


@dataclass
class Signature:
    position: str
    person: str


@dataclass(frozen=True)
class Emblem:
    """The coat of arms centred above the body's name: the image's bytes and its size on the page."""

    name: str  # as named in the config: «emblems/tatarstan.png»
    data: bytes
    format: Literal["png", "svg"]
    width_mm: float
    height_mm: float


@dataclass
class Blank:
    name_lines: list[str]  # the body's name, Russian
    alt_name_lines: list[str]  # the body's name in the second state language, or empty
    federation_line: str  # «РОССИЙСКАЯ ФЕДЕРАЦИЯ» above the name, or ""
    doc_type: str  # ПРИКАЗ
    date_text: str  # «28.03.2024»; a draft's blank for the registry office: «____________»
    number_text: str
    date_number_layout: Literal["same-line", "separate-lines"]
    place: str
    emblem: Emblem | None = None
    # The second state language where the region writes the blank in it: the document type
    # beside «ПРИКАЗ» («БОЕРЫК»), the place beside the Russian one, and the language's code
    # (tt-RU) that its words are tagged with, so that spell-checkers take them as that language.
    alt_doc_type: str = ""
    alt_place: str = ""
    alt_lang: str = ""


@dataclass
class Layout:
    """Page geometry and type, from the region profile (ГОСТ Р 7.0.97 by default)."""

    margins_mm: tuple[float, float, float, float] = (20, 10, 20, 20)  # left, right, top, bottom
    font: str = "Times New Roman"
    font_size: float = 14
    table_font_size: float = 12
    line_spacing: float = 1.0
    first_line_indent_cm: float = 1.25
    requisite_width_cm: float = 8.0
    order_word_style: str = "bold"
    hyphenation: bool = True  # words of the body text hyphenated in the PDF


@dataclass
class Draft:
    """Draft mode: «ПРОЕКТ» on page 1 and the лист согласования, worded in the tree (the
    approval sheet's title lines are set by the passes, from the typeset title)."""

    approvals: list[tuple[str, str]]
    prepared_by: tuple[str, str] | None = None
    mark: str = "ПРОЕКТ"
    sheet_title: list[str] = field(default_factory=list)  # «ЛИСТ СОГЛАСОВАНИЯ», «проекта приказа «…»»
    columns: tuple[str, ...] = ("Должность", "Инициалы, фамилия", "Дата", "Подпись")

    def rows(self) -> list[list[str]]:
        """One row per approval (three blank ones when none is named), date and signature blank."""
        return [[position, person, "", ""] for position, person in (self.approvals or [("", "")] * 3)]

    def prepared_line(self) -> str | None:
        return f"Исполнитель: {self.prepared_by[0]} {self.prepared_by[1]}".strip() if self.prepared_by else None


@dataclass
class OrderWord:
    """«приказываю:» as the region writes it: at the end of the preamble (bold, or bold
    with its letters spaced) or on a line of its own in capitals."""

    text: str = "приказываю:"
    own_line: bool = False
    spaced: bool = False


@dataclass
class Document:
    """A complete output: an order with its appendices, or a standalone procedure."""

    slug: str
    kind: Literal["order", "procedure"]
    title: str
    author: str
    date: date
    blank: Blank | None
    preamble: str | None
    body: list[Node]
    numbering: str
    signature: Signature | None
    appendices: list[Appendix]
    title_lines: list[str] = field(default_factory=list)  # the procedure's own heading
    order_word: OrderWord = field(default_factory=OrderWord)
    layout: Layout = field(default_factory=Layout)
    draft: Draft | None = None
    notes: list[str] = field(default_factory=list)  # «(в ред. приказов …)» under the title
    warnings: list[str] = field(default_factory=list)  # forms the analyser was unsure of
    marks: MarkRules = field(default_factory=MarkRules)
    numbered_definitions: bool = True
    title_redline: Content | None = None  # the title as a redline shows it, words inserted and deleted

    def all_appendices(self) -> list[Appendix]:
        out: list[Appendix] = []

        def visit(items: list[Appendix]) -> None:
            for a in items:
                out.append(a)
                visit(a.appendices)

        visit(self.appendices)
        return out
