"""The passes over the document tree, in their declared order (as Sphinx's transforms).

Each pass is a small function over the whole tree; ``compose`` runs the reader and then
``PASSES``. A signed edition enters as the ``frozen`` pass's data, never as a callback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ..punctuation import punctuate
from ..tree import Document, Node
from .marks import marks
from .numbers import number
from .references import resolve_references
from .typography import typeset


class FrozenNumbering(Protocol):
    """A signed edition's numbering laid over a freshly numbered body (consolidate.py)."""

    def renumber(self, part: str, nodes: list[Node]) -> None: ...


@dataclass
class Context:
    slug: str
    frozen: FrozenNumbering | None = None


def freeze_numbers(doc: Document, ctx: Context) -> None:
    """The numbers of a signed edition replace the fresh ones: the amended act is never
    renumbered (units inserted since take 2.6¹, repealed ones keep their place)."""
    if ctx.frozen is None:
        return
    if doc.kind == "order":
        ctx.frozen.renumber("order", doc.body)
    procedure = doc.body if doc.kind == "procedure" else next(
        (a.body for a in doc.appendices if a.id == "procedure"), None)
    if procedure is not None:
        ctx.frozen.renumber("procedure", procedure)


def approval_sheet(doc: Document, _ctx: Context) -> None:
    """The title of a draft's лист согласования, naming the draft by its typeset title."""
    if doc.draft is not None:
        what = "проекта приказа" if doc.kind == "order" else "проекта"
        doc.draft.sheet_title = ["ЛИСТ СОГЛАСОВАНИЯ", f"{what} «{doc.title}»"]


Pass = Callable[[Document, Context], None]

def punctuation(doc: Document, _ctx: Context) -> None:
    """List punctuation set on the lists as composed (overrides applied): «;» after each
    item, «.» after the last, «:» after a lead-in (punctuation.py)."""
    punctuate(doc.body)
    for app in doc.appendices:
        if app.id == "procedure":
            punctuate(app.body)


PASSES: tuple[tuple[str, Pass], ...] = (
    ("punctuation", punctuation),
    ("numbering", lambda doc, _ctx: number(doc)),
    ("frozen numbering", freeze_numbers),
    ("references", lambda doc, ctx: resolve_references(doc, ctx.slug)),
    ("marks", lambda doc, _ctx: marks(doc)),
    ("typography", lambda doc, _ctx: typeset(doc)),
    ("approval sheet", approval_sheet),
)


def run(doc: Document, ctx: Context, passes: tuple[tuple[str, Pass], ...] = PASSES) -> Document:
    for _name, apply in passes:
        apply(doc, ctx)
    return doc
