"""The redline (сравнение): the current text over the signed one with every edit as a
tracked change — words inserted and deleted, units and register rows inserted and
deleted as a whole. Made from the matched units and the edits, on a copy of the
consolidated tree (the document is composed once)."""

from __future__ import annotations

from typing import Literal

from ..edition import PARTS, OldUnit, Part, unit_content
from ..inline import lines, text
from ..tree import Cell, Document, Node
from .diff import deleted_lines, diff_content
from .match import Item, RowItem, walk
from .state import State


def deleted(o: OldUnit) -> Node:
    """A signed unit removed now, with its sub-units, as a deleted paragraph."""
    u = o.unit
    return Node(kind=u.kind, content=unit_content(u), term=u.term, number=u.number, ref_number=u.ref,
                index=u.index, revision="del", children=[deleted(c) for c in o.children if not c.unit.repealed])


def _replace(state: State, part: Part, it: Item, node: Node) -> None:
    siblings = it.parent.node.children if it.parent is not None and it.parent.node is not None else state.bodies[part]
    for k, n in enumerate(siblings):
        if n is it.node:
            siblings[k] = node
    it.node = node


def _units(state: State) -> None:
    for part in PARTS:
        for it in walk(state.items.get(part, [])):
            if it.status == "added" and it.node is not None:
                it.node.revision = "ins"
            elif it.status == "kept" and it.changed and it.node is not None and it.old is not None:
                it.node.content = diff_content(unit_content(it.old.unit), it.node.content)
            elif it.status == "removed" and it.old is not None and (it.parent is None or it.parent.status != "removed"):
                _replace(state, part, it, deleted(it.old))


def _removed_entry(x: RowItem) -> tuple[list[list[Cell]], bool]:
    if x.old is None:
        return [], False
    rows = [[Cell(() if n and i in x.old.spans else deleted_lines(c),
                  rowspan=len(x.old.lines) if not n and i in x.old.spans else 1,
                  merged=bool(n) and i in x.old.spans) for i, c in enumerate(line)]
            for n, line in enumerate(x.old.lines)]
    return rows, True


def _changed_cells(row: list[Cell], old_line: list[str], nc: int | None) -> list[Cell]:
    return [c if c.merged or i == nc else Cell(diff_content(old_line[i] if i < len(old_line) else "", c.content),
                                               rowspan=c.rowspan) for i, c in enumerate(row)]


def _entry(x: RowItem, nc: int | None) -> list[list[Cell]]:
    entry = [list(r) for r in x.new or []]
    if nc is not None and entry:
        entry[0][nc] = Cell(text(x.number), rowspan=entry[0][nc].rowspan)
    if x.status == "kept" and x.changed and x.old is not None:
        entry = [_changed_cells(row, x.old.lines[n] if n < len(x.old.lines) else [], nc) for n, row in enumerate(entry)]
    return entry


def _rows(state: State, found: tuple[Node, str] | None) -> None:
    if not found or found[0].table is None or not state.rows:
        return
    table = found[0].table
    rows: list[list[Cell]] = []
    groups: list[int] = []
    revisions: dict[int, Literal["ins", "del"]] = {}
    for x in state.rows:
        start = len(rows)
        if x.status == "removed":
            entry, _ = _removed_entry(x)
            revisions.update({start + n: "del" for n in range(len(entry))})
        elif x.status == "repealed" and x.old is not None:
            entry = [[Cell(lines(c)) for c in line] for line in x.old.lines]
        else:
            entry = _entry(x, table.number_column)
            if x.status == "added":
                revisions.update({start + n: "ins" for n in range(len(entry))})
        rows += entry
        groups.append(len(rows) - start)
    table.rows, table.groups, table.revisions = rows, groups, revisions


def redline(state: State, doc: Document, found: tuple[Node, str] | None) -> None:
    """Turn the consolidated tree into the redline, in place."""
    title = next((e for e in state.edits if e.action == "title" and e.part == "order"), None)
    if title is not None:
        doc.title_redline = diff_content(title.old, title.new)
    _units(state)
    _rows(state, found)
