"""The legal analysis: what changed since the signed edition, in the terms of legal
technique — a title, words of a unit or an абзац, a unit set out anew, units inserted or
repealed, register entries inserted, set out anew or repealed, an appendix in a new
edition. The amending order is worded from these edits (wording.py)."""

from __future__ import annotations

from ..edition import PARTS, Part, attachment_text, entries, find_register, procedure_title, strong_spans
from ..tree import Document, Node
from .frozen import Slot, number_slots
from .match import Item, RowItem, abzac_items, match_rows, walk
from .state import Edit, EditAction, State


def _full(text: str, term: str | None) -> str:
    return f"{term} – {text}" if term else text


def _abzac_text(kind: str, text: str, term: str | None) -> str:
    body = _full(text, term)
    return f"– {body}" if kind == "bullet" else body


def mark_changed(state: State) -> None:
    """A kept unit is changed when its words, its term or its bold words differ."""
    for part in PARTS:
        for it in walk(state.items.get(part, [])):
            if it.status == "kept" and it.old is not None and it.new is not None:
                u, new = it.old.unit, it.new
                it.changed = (u.text, u.term, [tuple(s) for s in u.strong]) != (
                    new.text, new.term, strong_spans(new.content))


def titles(state: State, doc: Document, part: Part) -> None:
    """The order's title and the Порядок's title (an edition that records them)."""
    old = state.edition.title if part == "order" else state.edition.procedure_title
    new = doc.title if part == "order" else procedure_title(doc)
    if old and new and old != new:
        state.edits.append(Edit(part, "title", old=old, new=new))


def analyse(state: State, items: list[Item], part: Part, owner: Item | None) -> None:
    """The units of one level: inserted and repealed ones grouped, kept ones looked into."""
    k = 0
    while k < len(items):
        it = items[k]
        if it.numbered and it.status in ("added", "removed"):
            group = [it]
            while (k + 1 < len(items) and items[k + 1].status == it.status and items[k + 1].numbered
                   and items[k + 1].kind == it.kind):
                k += 1
                group.append(items[k])
            state.edits.append(Edit(part, "insert" if it.status == "added" else "repeal", target=owner, items=group))
        elif it.numbered and it.status == "kept":
            _unit(state, it, part)
        k += 1
    if owner is None:
        _abzacs(state, None, items, part)


def _unit(state: State, unit: Item, part: Part) -> None:
    """A kept unit: set out anew when most of it changed, else its words and абзацы."""
    abzacs = abzac_items(unit.children)
    changes = int(unit.changed) + sum(1 for a in abzacs if a.status in ("added", "removed") or a.changed)
    total = 1 + max(sum(1 for a in abzacs if a.old is not None), sum(1 for a in abzacs if a.new is not None))
    if abzacs and changes >= 2 and changes * 2 >= total and unit.kind != "section":
        state.edits.append(Edit(part, "rewrite", target=unit))
        return
    if unit.changed and unit.old is not None and unit.new is not None:
        state.edits.append(Edit(part, "words", target=unit, abzac=1 if abzacs else None,
                                old=_full(unit.old.unit.text, unit.old.unit.term),
                                new=_full(unit.new.text, unit.new.term)))
    _abzacs(state, unit, unit.children, part)
    analyse(state, unit.children, part, unit)


def _abzacs(state: State, owner: Item | None, children: list[Item], part: Part) -> None:
    position = 1 if owner is not None else 0  # the owner's own text is its first абзац
    abzacs = abzac_items(children)
    for k, a in enumerate(abzacs):
        if a.old is not None:
            position += 1
        if a.status == "kept" and a.changed and a.old is not None and a.new is not None:
            state.edits.append(Edit(part, "words", target=owner, abzac=position,
                                    old=_abzac_text(a.old.unit.kind, a.old.unit.text, a.old.unit.term),
                                    new=_abzac_text(a.new.kind, a.new.text, a.new.term)))
        elif a.status == "added":
            later = any(x.old is not None for x in abzacs[k:])
            state.edits.append(Edit(part, "abzac_insert", target=owner, items=[a], after=position if later else None))
        elif a.status == "removed":
            state.edits.append(Edit(part, "repeal", target=owner, abzac=position, items=[a]))


def number_rows(state: State, rows: list[RowItem]) -> bool:
    """Frozen numbers of the register's entries; False when an entry was inserted before
    the first one (the appendix is then set out anew)."""
    slots = [Slot(x.old.number, x.old.index) if x.old is not None else Slot(None, fresh="1") for x in rows]
    failed = number_slots(slots, state.inserted_style)
    for x, slot in zip(rows, slots, strict=True):
        x.number, x.index, x.base = slot.ref, slot.index, slot.base
    return not failed


def _clause_of(state: State, table_node: Node) -> Item | None:
    for it in walk(state.items.get("procedure", [])):
        if it.node is not None and table_node in it.node.children:
            return it
    return None


def register(state: State, doc: Document, found: tuple[Node, str] | None, share: float) -> None:
    """The register's entries: row by row, or the appendix in a new edition when most of
    it changed, its columns changed or an entry came before the first one."""
    old = state.edition.registry
    if found is None or found[0].table is None or old is None:
        return
    node, where = found
    table = found[0].table
    rows = match_rows(old.entries, [table.rows[first:first + size] for first, size in entries(table)],
                      table.number_column)
    state.rows = rows
    changes = [x for x in rows if x.status in ("added", "removed") or x.changed]
    numbered = number_rows(state, rows)
    if not changes and old.columns == table.columns:
        return
    container: Part = "order" if any(a.id == where for a in doc.appendices) else "procedure"
    app = next((a for a in doc.all_appendices() if a.id == where), None)
    live = max(sum(1 for e in old.entries if not e.repealed), sum(1 for x in rows if x.new is not None), 1)
    if app is not None and (old.columns != table.columns or not numbered or len(changes) > share * live):
        state.whole_register = True
        state.edits.append(Edit(container, "appendix", appendix=app))
        return
    if app is None and (old.columns != table.columns or not numbered):
        from ..errors import Diagnostic

        state.problems.append(Diagnostic(None, None, "register", (
            "графы Перечня изменены или строка добавлена перед первой: таблицу в пункте Порядка "
            "нельзя изменить построчно")))
        return
    _row_edits(state, rows, container, app, _clause_of(state, node) if app is None else None)


def _row_edits(state: State, rows: list[RowItem], container: Part, app: object, holder: Item | None) -> None:
    from ..tree import Appendix

    appendix = app if isinstance(app, Appendix) else None
    k = 0
    while k < len(rows):
        x = rows[k]
        if x.status in ("added", "removed"):
            group = [x]
            while k + 1 < len(rows) and rows[k + 1].status == x.status:
                k += 1
                group.append(rows[k])
            action: EditAction = "row_insert" if x.status == "added" else "row_repeal"
            state.edits.append(Edit(container, action, rows=group, appendix=appendix, register_clause=holder))
        elif x.changed:
            state.edits.append(Edit(container, "row_rewrite", rows=[x], appendix=appendix, register_clause=holder))
        k += 1


def attachments(state: State, doc: Document, found: tuple[Node, str] | None) -> None:
    """Other appendices (the form of the register) are compared as a whole."""
    old = {a.id: a for a in state.edition.attachments}
    for app in doc.all_appendices():
        if app.id == "procedure" or (found and app.id == found[1]) or app.id not in old:
            continue
        if old[app.id].text != attachment_text(app.body, app.title_lines):
            state.edits.append(Edit("order" if app in doc.appendices else "procedure", "appendix", appendix=app))


def analyse_document(state: State, doc: Document, share: float) -> tuple[Node, str] | None:
    """Every edit of the document, in order; the register's place is returned (the
    tree's shape is final: looked up once)."""
    mark_changed(state)
    for part in PARTS:
        titles(state, doc, part)
        analyse(state, state.items.get(part, []), part, None)
    found = find_register(doc)
    register(state, doc, found, share)
    attachments(state, doc, found)
    return found
