"""The consolidated text (актуальная редакция): every unit, entry and appendix changed by
an act carries its note «(в ред. приказа … от … № …)», «(введен приказом …)»; entries
repealed show «Утратила силу. – Приказ …»."""

from __future__ import annotations

from ..edition import PARTS, Part, history_of
from ..inline import text
from ..passes.typography import typography
from ..tree import Cell, Change, Document, Node, Table
from .match import Item, RowItem, abzac_items, walk
from .state import State
from .units import repeal_text


def notes(state: State, history: list[tuple[int, Change]], abzac: bool, feminine: bool = False) -> list[str]:
    inserted = [a for a, c in history if c == "inserted"]
    amended = [a for a, c in history if c == "amended"]
    parts = []
    if inserted:
        word = "введена" if feminine else ("абзац введен" if abzac else "введен")
        parts.append(f"{word} {state.act_ref(state.acts[inserted[0] - 1]).phrase('приказом')}")
    if amended:
        acts = [state.acts[a - 1] for a in dict.fromkeys(amended)]
        refs = ", ".join(state.act_ref(a).requisites() for a in acts)
        parts.append(f"в ред. {'приказа' if len(acts) == 1 else 'приказов'} {state.issuer_gent} {refs}")
    return [typography(f"({'; '.join(parts)})")] if parts else []


def _mark(state: State, node: Node | None, change: Change) -> None:
    if node is not None and state.pending is not None:
        node.history = [*node.history, (state.pending_number, change)]


def _abzac_node(state: State, owner: Item | None, abzac: int | None, part: Part) -> Node | None:
    if abzac is None or (owner is not None and abzac == 1):
        return owner.node if owner else None
    position = 1 if owner is not None else 0
    for a in abzac_items(owner.children if owner else state.items.get(part, [])):
        if a.old is not None:
            position += 1
        if position == abzac and a.old is not None:
            return a.node
    return None


def _marks(state: State, found: tuple[Node, str] | None) -> None:
    """The pending act in the history of every unit and appendix it changes."""
    for e in state.edits:
        if e.action == "words":
            _mark(state, _abzac_node(state, e.target, e.abzac, e.part), "amended")
        elif e.action == "rewrite":
            _mark(state, e.target.node if e.target else None, "amended")
        elif e.action in ("insert", "abzac_insert"):
            for it in e.items:
                _mark(state, it.node, "inserted")
        elif e.action == "appendix" and e.appendix is not None and state.pending is not None:
            if state.whole_register and found is not None and e.appendix.id == found[1]:
                state.register_history.append((state.pending_number, "amended"))
            else:
                state.attachment_history.setdefault(e.appendix.id, []).append((state.pending_number, "amended"))


def consolidate(state: State, doc: Document, found: tuple[Node, str] | None) -> None:
    _marks(state, found)
    for part in PARTS:
        for it in walk(state.items.get(part, [])):
            if it.node is not None and not it.node.repealed:
                it.node.notes = notes(state, it.node.history, it.node.number is None)
    if found and found[0].table is not None and state.rows and not state.whole_register:
        _rows(state, found[0].table)
    for app in doc.all_appendices():
        hist = state.register_history if found and app.id == found[1] else state.attachment_history.get(app.id, [])
        app.notes = notes(state, hist, False)


def note_column(row: list[Cell], nc: int | None) -> int:
    """The cell that carries an entry's note: the last one merged over the entry, else the
    last one filled in."""
    merged = [i for i, c in enumerate(row) if c.rowspan > 1 and i != nc]
    filled = [i for i, c in enumerate(row) if c.text and i != nc]
    return (merged or filled or [len(row) - 1])[-1]


def _repealed_row(state: State, x: RowItem, width: int, nc: int | None) -> tuple[list[Cell], list[tuple[int, Change]]]:
    hist = history_of(x.old.history) if x.old else []
    if x.status == "removed":
        hist = hist + ([(state.pending_number, "repealed")] if state.pending else [])
        words = repeal_text(state, abzac=False, feminine=True)
    else:
        words = next((c for i, c in enumerate(x.old.lines[0]) if i != nc and c), "") if x.old else ""
    cells = [Cell() for _ in range(width)]
    if nc is not None:
        cells[nc] = Cell(text(x.number))
    cells[1 if nc == 0 and width > 1 else 0].content = text(words)
    return cells, hist


def _live_rows(state: State, x: RowItem, nc: int | None) -> tuple[list[list[Cell]], list[tuple[int, Change]]]:
    hist = history_of(x.old.history) if x.old else []
    if state.pending and (x.status == "added" or x.changed):
        hist = [*hist, (state.pending_number, "inserted" if x.status == "added" else "amended")]
    entry = [list(r) for r in x.new or []]
    if nc is not None:
        entry[0][nc] = Cell(text(x.number), rowspan=entry[0][nc].rowspan)
    found = notes(state, hist, False, feminine=True)
    if found:
        target = note_column(entry[0], nc)
        entry[0][target] = Cell(entry[0][target].content, rowspan=entry[0][target].rowspan,
                                notes=tuple(found))
    return entry, hist


def _rows(state: State, table: Table) -> None:
    """The register's entries in their frozen numbers, with notes and repealed ones."""
    nc, width = table.number_column, len(table.columns)
    table.rows, table.groups, table.history, table.repealed = [], [], [], []
    table.indexes = [x.index for x in state.rows]
    for x in state.rows:
        gone = x.status in ("repealed", "removed") or x.new is None
        if gone:
            cells, hist = _repealed_row(state, x, width, nc)
            entry = [cells]
        else:
            entry, hist = _live_rows(state, x, nc)
        table.rows += entry
        table.groups.append(len(entry))
        table.history.append(hist)
        table.repealed.append(gone)
