"""Consolidation: the current document laid over the last signed edition.

The amended act is never renumbered. Units of the current document are matched to the
units of the signed edition (by clause id, then by text); matched ones keep their frozen
numbers, inserted ones take the number of the unit before them with an index (2.6¹) or,
at the end of their list, continue the sequence (after 5.4 comes 5.5); removed ones stay
as placeholders «Утратил силу. – Приказ … от … № …». References are resolved afterwards,
so «в пункте 2.6» keeps pointing to the frozen number.

The comparison also yields the edits in legal terms (``Edit``): which unit or paragraph
(абзац) changed, and how — the amending order is worded from them (amending.py).
Modes: ``consolidated`` (the text with notes «(в ред. приказа …)») and ``redline`` (the
differences as tracked changes).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import groupby
from typing import Literal, TypeVar

from .edition import (
    PARTS,
    Act,
    Edition,
    Entry,
    OldUnit,
    Part,
    attachment_text,
    entries,
    find_register,
    history_of,
    procedure_title,
    strong_spans,
    tree,
    unit_content,
)
from .errors import ConfigError, Diagnostic
from .inline import Content, Deleted, Inline, Inserted, LineBreak, Strong, Text, lines, plain, text
from .numbering import LETTERS, ROMAN, roman
from .russian import typography
from .tree import Appendix, Cell, Change, Document, Node, NodeKind, Table

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
Status = Literal["kept", "added", "removed", "repealed"]
Mode = Literal["consolidated", "redline"]


def index_suffix(index: int, style: str) -> str:
    if style == "dotted":
        return f".{index}"
    if style == "hyphen":
        return f"-{index}"
    return "".join(SUPERSCRIPT[int(d)] for d in str(index))


@dataclass
class Item:
    """A unit of the consolidated tree: kept (matched), added, removed now, or repealed before."""

    status: Status
    old: OldUnit | None
    new: Node | None
    children: list[Item] = field(default_factory=list)
    parent: Item | None = None
    node: Node | None = None  # the node in the consolidated tree
    changed: bool = False  # kept, and its own text differs
    base: str | None = None  # the frozen reference without the index

    @property
    def numbered(self) -> bool:
        if self.new is not None:
            return self.new.number is not None
        return self.old is not None and self.old.unit.number is not None

    @property
    def kind(self) -> str:
        return self.new.kind if self.new is not None else self.old.unit.kind  # type: ignore[union-attr]

    @property
    def ref(self) -> str:
        assert self.node is not None and self.node.ref_number is not None
        return self.node.ref_number


@dataclass
class RowItem:
    status: Status
    old: Entry | None
    new: list[list[Cell]] | None
    number: str = ""
    index: int = 0
    base: str = ""
    changed: bool = False


EditAction = Literal["title", "words", "rewrite", "insert", "repeal", "abzac_insert",
                     "row_insert", "row_rewrite", "row_repeal", "appendix"]


@dataclass
class Edit:
    """One change in legal terms, in document order."""

    part: Part
    action: EditAction
    target: Item | None = None  # the unit concerned (the owner of an абзац)
    abzac: int | None = None  # 1-based: «абзац третий» of the target
    items: list[Item] = field(default_factory=list)  # inserted or repealed units
    old: str = ""
    new: str = ""
    after: int | None = None  # abzac_insert: after which абзац (None: at the end)
    rows: list[RowItem] = field(default_factory=list)
    appendix: Appendix | None = None
    register_clause: Item | None = None  # the clause holding the register table


# --- matching ---------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:\.\d+)*[⁰¹²³⁴⁵⁶⁷⁸⁹]*")


def _norm(text: str) -> str:
    t = _NUMBER.sub("#", typography(text))
    return " ".join(t.replace("\u00a0", " ").split()).lower()


def _full(text: str, term: str | None) -> str:
    return f"{term} – {text}" if term else text


def _similar(a: str, b: str) -> float:
    sm = SequenceMatcher(None, a, b, autojunk=False)
    return sm.ratio() if sm.quick_ratio() >= 0.5 else 0.0


Old = TypeVar("Old")
New = TypeVar("New")


def match(olds: list[Old], news: list[New], key: tuple[Callable[[Old], str], Callable[[New], str]],
          text: tuple[Callable[[Old], str], Callable[[New], str]],
          compatible: Callable[[Old, New], bool] = lambda _o, _n: True,
          repealed: Callable[[Old], bool] = lambda _o: False) -> list[tuple[Status, Old | None, New | None]]:
    """The old sequence laid over the new one, in order: equal keys are paired first; in
    the stretches between, each old element takes the first most similar new one (at least
    half the text alike), the new ones it skips are added, an old one without a match is
    removed. Elements repealed before stay in their old places."""
    live = [o for o in olds if not repealed(o)]
    sm = SequenceMatcher(None, [key[0](o) for o in live], [key[1](n) for n in news], autojunk=False)
    pairs: list[tuple[Old | None, New | None]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            pairs += list(zip(live[i1:i2], news[j1:j2], strict=True))
            continue
        new_texts = [text[1](n) for n in news[j1:j2]]
        j = j1
        for o in live[i1:i2]:
            old_text = text[0](o)
            best, best_k = 0.0, -1
            for k in range(j, j2):
                if compatible(o, news[k]):
                    r = _similar(old_text, new_texts[k - j1])
                    if r >= 0.5 and r > best:
                        best, best_k = r, k
            if best_k < 0:
                pairs.append((o, None))
                continue
            pairs += [(None, n) for n in news[j:best_k]]
            pairs.append((o, news[best_k]))
            j = best_k + 1
        pairs += [(None, n) for n in news[j:j2]]
    position = {id(o): k for k, o in enumerate(olds)}
    waiting = [o for o in olds if repealed(o)]
    out: list[tuple[Status, Old | None, New | None]] = []
    for old, new in pairs:
        while old is not None and waiting and position[id(waiting[0])] < position[id(old)]:
            out.append(("repealed", waiting.pop(0), None))
        status: Status = "kept" if old is not None and new is not None else "added" if new is not None else "removed"
        out.append((status, old, new))
    out += [("repealed", w, None) for w in waiting]
    return out


def _okey(o: OldUnit) -> str:
    return o.unit.id or f"{o.unit.kind}:{_otext(o)}"


def _nkey(n: Node) -> str:
    return n.id or f"{n.kind}:{_ntext(n)}"


def _otext(o: OldUnit) -> str:
    return _norm(_full(o.unit.text, o.unit.term))


def _ntext(n: Node) -> str:
    return _norm(_full(plain(n.content, unresolved="#"), n.term))


def _same_unit(o: OldUnit, n: Node) -> bool:
    return n.kind == o.unit.kind and not (n.id and o.unit.id and n.id != o.unit.id)


def align(olds: list[OldUnit], news: list[Node], parent: Item | None = None) -> list[Item]:
    out: list[Item] = []
    for status, o, n in match(olds, news, (_okey, _nkey), (_otext, _ntext), _same_unit,
                              lambda o: o.unit.repealed):
        item = Item(status, o, n, parent=parent)
        if status == "kept":
            assert o is not None and n is not None
            item.children = align(o.children, n.children, item)
        elif status == "added":
            assert n is not None
            item.children = align([], n.children, item)
        elif status == "removed":
            assert o is not None
            item.children = [Item("removed", c, None, parent=item) for c in o.children]
        out.append(item)
    return out


# --- frozen numbering -------------------------------------------------------------------------

def _increment(ref: str) -> str:
    head, _, tail = ref.rpartition(".")
    prefix = f"{head}." if head else ""
    if tail.isdigit():
        return f"{prefix}{int(tail) + 1}"
    if tail and all(ch in "IVXLCDM" for ch in tail):
        value, rest = 0, tail
        for v, sym in ROMAN:
            while rest.startswith(sym):
                value, rest = value + v, rest[len(sym):]
        return f"{prefix}{roman(value + 1)}"
    if tail in LETTERS and tail != LETTERS[-1]:
        return f"{prefix}{LETTERS[LETTERS.index(tail) + 1]}"
    return f"{prefix}{tail}1"


class Consolidation:
    """The current document over the last signed edition; ``pending`` is the act that signs
    the differences (``prikaz sign``, ``prikaz amend``), or None for a plain build."""

    def __init__(self, edition: Edition, styles: dict[Part, str], inserted_style: str, issuer_gent: str,
                 pending: Act | None = None, mode: Mode = "consolidated") -> None:
        self.edition = edition
        self.styles = styles
        self.inserted_style = inserted_style
        self.issuer_gent = issuer_gent
        self.pending = pending
        self.mode = mode
        self.items: dict[Part, list[Item]] = {}
        self.rows: list[RowItem] = []
        self.edits: list[Edit] = []
        self.whole_register = False
        self.register_history: list[tuple[int, Change]] = history_of(edition.registry.history) \
            if edition.registry else []
        self.attachment_history: dict[str, list[tuple[int, Change]]] = {
            a.id: history_of(a.history) for a in edition.attachments}
        self.problems: list[Diagnostic] = []

    @property
    def acts(self) -> list[Act]:
        return self.edition.acts + ([self.pending] if self.pending else [])

    @property
    def pending_number(self) -> int:
        return len(self.edition.acts) + 1

    # the compose hook
    def renumber(self, part: str, nodes: list[Node]) -> None:
        key: Part = "order" if part == "order" else "procedure"
        units = self.edition.order if key == "order" else self.edition.procedure
        items = align(tree(units), list(nodes))
        self._number(items, key, None, None, {u.ref for u in units if u.ref and (u.number or "").endswith(".")})
        self.items[key] = items
        nodes[:] = self._nodes(items)

    def _number(self, items: list[Item], part: Part, fresh_parent: str | None, frozen_parent: str | None,
                global_refs: set[str]) -> None:
        numbered = [it for it in items if it.numbered]
        siblings = {it.old.unit.ref for it in numbered if it.old and it.old.unit.ref}
        prev: Item | None = None
        for k, it in enumerate(numbered):
            fresh = it.new.ref_number if it.new else None
            if it.old is not None:
                u = it.old.unit
                it.base = u.ref[:len(u.ref) - len(index_suffix(u.index, self.inserted_style))] \
                    if u.index and u.ref else u.ref
                if it.new is not None:
                    it.new.number, it.new.ref_number, it.new.index = u.number, u.ref, u.index
            else:
                assert it.new is not None and it.new.number is not None
                later_old = any(x.old is not None for x in numbered[k + 1:])
                suffix = "." if it.new.number.endswith(".") else ")"
                if prev is None and later_old:
                    self.problems.append(Diagnostic(None, None, it.new.id or "", (
                        f"пункт «{it.new.text[:60]}…» добавлен перед первым пунктом своего уровня: "
                        "в действующей редакции его нельзя пронумеровать без перенумерации; "
                        "добавьте его после существующего пункта")))
                    ref, index, base = fresh or "", 0, fresh or ""
                elif prev is None:
                    ref = fresh or ""
                    if fresh_parent and frozen_parent and ref.startswith(fresh_parent + "."):
                        ref = frozen_parent + ref[len(fresh_parent):]
                    index, base = 0, ref
                else:
                    assert prev.base is not None
                    candidate = _increment(prev.base)
                    if not later_old and candidate not in siblings and not (suffix == "." and
                                                                            candidate in global_refs):
                        ref, index, base = candidate, 0, candidate
                    else:
                        base = prev.base
                        index = (prev.node.index if prev.node and prev.base == base else 0) + 1
                        while base + index_suffix(index, self.inserted_style) in siblings:
                            index += 1
                        ref = base + index_suffix(index, self.inserted_style)
                siblings.add(ref)
                it.base = base
                it.new.number, it.new.ref_number, it.new.index = ref + suffix, ref, index
            it.node = it.new
            prev = it
            own_fresh = fresh
            own_frozen = it.new.ref_number if it.new else (it.old.unit.ref if it.old else None)
            self._number(it.children, part, own_fresh, own_frozen, global_refs)
        for it in items:
            if not it.numbered:
                it.node = it.new
                self._number(it.children, part, fresh_parent, frozen_parent, global_refs)

    def repeal_text(self, abzac: bool, feminine: bool = False) -> str:
        what = "Абзац утратил силу" if abzac else ("Утратила силу" if feminine else "Утратил силу")
        if self.pending is None:
            return f"{what}."
        p = self.pending
        return typography(f"{what}. – Приказ {self.issuer_gent} от {p.date:%d.%m.%Y} № {p.number}.")

    def _placeholder(self, it: Item) -> Node:
        assert it.old is not None
        u = it.old.unit
        kind: NodeKind = "clause" if u.number else "para"
        if it.status == "repealed":
            return Node(kind=kind, content=unit_content(u), number=u.number, ref_number=u.ref, index=u.index,
                        repealed=True, history=history_of(u.history))
        history = history_of(u.history) + ([(self.pending_number, "repealed")] if self.pending else [])
        return Node(kind=kind, content=text(self.repeal_text(abzac=u.number is None)), number=u.number,
                    ref_number=u.ref, index=u.index, repealed=True, history=history)

    def _deleted(self, o: OldUnit) -> Node:
        u = o.unit
        return Node(kind=u.kind, content=unit_content(u), term=u.term, number=u.number, ref_number=u.ref, index=u.index,
                    revision="del", children=[self._deleted(c) for c in o.children if not c.unit.repealed])

    def _nodes(self, items: list[Item]) -> list[Node]:
        out: list[Node] = []
        for it in items:
            if it.status == "repealed" or (it.status == "removed" and self.mode == "consolidated"):
                it.node = self._placeholder(it)
            elif it.status == "removed":
                assert it.old is not None
                it.node = self._deleted(it.old)
            else:
                assert it.new is not None
                it.node = it.new
                it.new.children = self._nodes(it.children)
                if it.old is not None:
                    it.new.history = history_of(it.old.unit.history)
            out.append(it.node)
        return out

    # after compose: texts are final
    def finish(self, doc: Document, register_share: float) -> None:
        for part in PARTS:
            for it in _walk(self.items.get(part, [])):
                if it.status == "kept":
                    assert it.old is not None and it.new is not None
                    u, new = it.old.unit, it.new
                    it.changed = (u.text, u.term, [tuple(s) for s in u.strong]) != (
                        new.text, new.term, strong_spans(new.content))
        for part in PARTS:
            self._titles(doc, part)
            self._analyse(self.items.get(part, []), part, None)
        register = find_register(doc)  # the tree's shape is final: looked up once
        self._register(doc, register, register_share)
        self._attachments(doc, register)
        if self.problems:
            raise ConfigError("изменения не могут быть оформлены", self.problems)
        if self.mode == "redline":
            self._redline(register)
        else:
            self._history(doc, register)

    # --- the legal analysis ---------------------------------------------------------------------

    def _titles(self, doc: Document, part: Part) -> None:
        """The order's title and the Порядок's title (an edition that records them)."""
        old = self.edition.title if part == "order" else self.edition.procedure_title
        new = doc.title if part == "order" else procedure_title(doc)
        if old and new and old != new:
            self.edits.append(Edit(part, "title", old=old, new=new))
            if part == "order" and self.mode == "redline":
                doc.title_redline = diff_content(old, new)

    def _analyse(self, items: list[Item], part: Part, owner: Item | None) -> None:
        k = 0
        while k < len(items):
            it = items[k]
            if it.numbered and it.status in ("added", "removed"):
                group = [it]
                while (k + 1 < len(items) and items[k + 1].status == it.status and items[k + 1].numbered
                       and items[k + 1].kind == it.kind):
                    k += 1
                    group.append(items[k])
                self.edits.append(Edit(part, "insert" if it.status == "added" else "repeal", target=owner,
                                       items=group))
            elif it.numbered and it.status == "kept":
                self._analyse_unit(it, part)
            k += 1
        if owner is None:
            self._abzacs(None, items, part)

    def _analyse_unit(self, unit: Item, part: Part) -> None:
        abzacs = _abzac_items(unit.children)
        has_abzacs = bool(abzacs)
        changes = int(unit.changed) + sum(1 for a in abzacs if a.status in ("added", "removed") or a.changed)
        total = 1 + max(sum(1 for a in abzacs if a.old is not None), sum(1 for a in abzacs if a.new is not None))
        if has_abzacs and changes >= 2 and changes * 2 >= total and unit.kind != "section":
            self.edits.append(Edit(part, "rewrite", target=unit))
            return
        if unit.changed:
            assert unit.old is not None and unit.new is not None
            self.edits.append(Edit(part, "words", target=unit, abzac=1 if has_abzacs else None,
                                   old=_full(unit.old.unit.text, unit.old.unit.term),
                                   new=_full(unit.new.text, unit.new.term)))
        self._abzacs(unit, unit.children, part)
        self._analyse(unit.children, part, unit)

    def _abzacs(self, owner: Item | None, children: list[Item], part: Part) -> None:
        position = 1 if owner is not None else 0  # the owner's own text is its first абзац
        for a in _abzac_items(children):
            if a.old is not None:
                position += 1
            if a.status == "kept" and a.changed:
                assert a.old is not None and a.new is not None
                self.edits.append(Edit(part, "words", target=owner, abzac=position,
                                       old=_abzac_text(a.old.unit.kind, a.old.unit.text, a.old.unit.term),
                                       new=_abzac_text(a.new.kind, a.new.text, a.new.term)))
            elif a.status == "added":
                later = any(x.old is not None for x in _abzac_items(children)[_abzac_items(children).index(a):])
                self.edits.append(Edit(part, "abzac_insert", target=owner, items=[a],
                                       after=position if later else None))
            elif a.status == "removed":
                self.edits.append(Edit(part, "repeal", target=owner, abzac=position, items=[a]))

    # --- the register -----------------------------------------------------------------------------

    def _register(self, doc: Document, found: tuple[Node, str] | None, share: float) -> None:
        old = self.edition.registry
        if found is None or found[0].table is None or old is None:
            return
        node, where = found
        table = node.table
        assert table is not None
        news = [table.rows[first:first + size] for first, size in entries(table)]
        nc = table.number_column

        def key_new(rows: list[list[Cell]]) -> str:
            return " | ".join(c.text for i, c in enumerate(rows[0]) if i != nc)

        def key_old(e: Entry) -> str:
            return " | ".join(c for i, c in enumerate(e.lines[0]) if i != nc)

        def full_new(rows: list[list[Cell]]) -> list[list[str]]:
            return [[c.text for i, c in enumerate(r) if i != nc] for r in rows]

        def full_old(e: Entry) -> list[list[str]]:
            return [[c for i, c in enumerate(r) if i != nc] for r in e.lines]

        def text_old(e: Entry) -> str:
            return " ".join(map(" ".join, full_old(e)))

        def text_new(rows: list[list[Cell]]) -> str:
            return " ".join(map(" ".join, full_new(rows)))

        rows = [RowItem(status, e, r, changed=e is not None and r is not None and full_old(e) != full_new(r))
                for status, e, r in match(old.entries, news, (key_old, key_new), (text_old, text_new),
                                          repealed=lambda e: e.repealed)]
        self.rows = rows
        changes = [x for x in rows if x.status in ("added", "removed") or x.changed]
        numbered = self._renumber_rows(rows)
        if not changes and old.columns == table.columns:
            return
        live_old = sum(1 for e in old.entries if not e.repealed)
        live_new = sum(1 for x in rows if x.new is not None)
        container: Part = "order" if any(a.id == where for a in doc.appendices) else "procedure"
        app = next((a for a in doc.all_appendices() if a.id == where), None)
        if app is not None and (old.columns != table.columns or not numbered
                                or len(changes) > share * max(live_old, live_new, 1)):
            self.whole_register = True
            self.edits.append(Edit(container, "appendix", appendix=app))
            return
        if app is None and (old.columns != table.columns or not numbered):
            self.problems.append(Diagnostic(None, None, "register", (
                "графы Перечня изменены или строка добавлена перед первой: таблицу в пункте Порядка "
                "нельзя изменить построчно")))
            return
        holder = self._clause_of(node) if app is None else None
        k = 0
        while k < len(rows):
            x = rows[k]
            if x.status in ("added", "removed"):
                group = [x]
                while k + 1 < len(rows) and rows[k + 1].status == x.status:
                    k += 1
                    group.append(rows[k])
                action: EditAction = "row_insert" if x.status == "added" else "row_repeal"
                self.edits.append(Edit(container, action, rows=group, appendix=app, register_clause=holder))
            elif x.changed:
                self.edits.append(Edit(container, "row_rewrite", rows=[x], appendix=app, register_clause=holder))
            k += 1

    def _clause_of(self, table_node: Node) -> Item | None:
        for it in _walk(self.items.get("procedure", [])):
            if it.node is not None and table_node in it.node.children:
                return it
        return None

    def _renumber_rows(self, rows: list[RowItem]) -> bool:
        """Frozen numbers of the register's entries; False when an entry was inserted before
        the first one (the appendix is then set out anew)."""
        prev: RowItem | None = None
        used = {x.old.number for x in rows if x.old}
        for k, x in enumerate(rows):
            if x.old is not None:
                x.number, x.index = x.old.number, x.old.index
                x.base = x.number[:len(x.number) - len(index_suffix(x.index, self.inserted_style))] \
                    if x.index else x.number
            else:
                later_old = any(y.old is not None for y in rows[k + 1:])
                if prev is None and later_old:
                    return False
                if prev is None:
                    x.number, x.index, x.base = "1", 0, "1"
                elif not later_old and _increment(prev.base) not in used:
                    x.number = x.base = _increment(prev.base)
                    x.index = 0
                else:
                    x.base = prev.base
                    x.index = (prev.index if prev.base == x.base else 0) + 1
                    while x.base + index_suffix(x.index, self.inserted_style) in used:
                        x.index += 1
                    x.number = x.base + index_suffix(x.index, self.inserted_style)
                used.add(x.number)
            prev = x
        return True

    def _attachments(self, doc: Document, found: tuple[Node, str] | None) -> None:
        old = {a.id: a for a in self.edition.attachments}
        for app in doc.all_appendices():
            if app.id == "procedure" or (found and app.id == found[1]) or app.id not in old:
                continue
            if old[app.id].text != attachment_text(app.body, app.title_lines):
                container: Part = "order" if app in doc.appendices else "procedure"
                self.edits.append(Edit(container, "appendix", appendix=app))

    # --- consolidated text: history and notes -------------------------------------------------

    def _mark(self, node: Node | None, change: Change) -> None:
        if node is not None and self.pending is not None:
            node.history = [*node.history, (self.pending_number, change)]

    def _history(self, doc: Document, found: tuple[Node, str] | None) -> None:
        for e in self.edits:
            if e.action == "words":
                target = self._abzac_node(e.target, e.abzac, e.part)
                self._mark(target, "amended")
            elif e.action == "rewrite":
                self._mark(e.target.node if e.target else None, "amended")
            elif e.action in ("insert", "abzac_insert"):
                for it in e.items:
                    self._mark(it.node, "inserted")
            elif e.action == "appendix" and e.appendix is not None and self.pending is not None:
                if self.whole_register and found is not None and e.appendix.id == found[1]:
                    self.register_history.append((self.pending_number, "amended"))
                else:
                    self.attachment_history.setdefault(e.appendix.id, []).append((self.pending_number, "amended"))
        for part in PARTS:
            for it in _walk(self.items.get(part, [])):
                if it.node is not None and not it.node.repealed:
                    it.node.notes = self.notes(it.node.history, it.node.number is None)
        if found and found[0].table is not None and self.rows and not self.whole_register:
            self._consolidate_rows(found[0].table)
        for app in doc.all_appendices():
            hist = self.register_history if found and app.id == found[1] else self.attachment_history.get(app.id, [])
            app.notes = self.notes(hist, False)

    def _abzac_node(self, owner: Item | None, abzac: int | None, part: Part) -> Node | None:
        if abzac is None or (owner is not None and abzac == 1):
            return owner.node if owner else None
        position = 1 if owner is not None else 0
        for a in _abzac_items(owner.children if owner else self.items.get(part, [])):
            if a.old is not None:
                position += 1
            if position == abzac and a.old is not None:
                return a.node
        return None

    def notes(self, history: list[tuple[int, Change]], abzac: bool, feminine: bool = False) -> list[str]:
        inserted = [a for a, c in history if c == "inserted"]
        amended = [a for a, c in history if c == "amended"]
        parts = []
        if inserted:
            act = self.acts[inserted[0] - 1]
            word = "введена" if feminine else ("абзац введен" if abzac else "введен")
            parts.append(f"{word} приказом {self.issuer_gent} от {act.date:%d.%m.%Y} № {act.number}")
        if amended:
            acts = [self.acts[a - 1] for a in dict.fromkeys(amended)]
            refs = ", ".join(f"от {a.date:%d.%m.%Y} № {a.number}" for a in acts)
            parts.append(f"в ред. {'приказа' if len(acts) == 1 else 'приказов'} {self.issuer_gent} {refs}")
        return [typography(f"({'; '.join(parts)})")] if parts else []

    def _consolidate_rows(self, table: Table) -> None:
        nc = table.number_column
        width = len(table.columns)
        rows: list[list[Cell]] = []
        groups: list[int] = []
        indexes: list[int] = []
        history: list[list[tuple[int, Change]]] = []
        repealed: list[bool] = []
        for x in self.rows:
            indexes.append(x.index)
            if x.status in ("repealed", "removed"):
                assert x.old is not None
                hist = history_of(x.old.history)
                if x.status == "removed":
                    hist = hist + ([(self.pending_number, "repealed")] if self.pending else [])
                    words = self.repeal_text(abzac=False, feminine=True)
                else:
                    words = next((c for i, c in enumerate(x.old.lines[0]) if i != nc and c), "")
                cells = [Cell() for _ in range(width)]
                if nc is not None:
                    cells[nc] = Cell(text(x.number))
                cells[1 if nc == 0 and width > 1 else 0].content = text(words)
                rows.append(cells)
                groups.append(1)
                history.append(hist)
                repealed.append(True)
                continue
            assert x.new is not None
            hist = history_of(x.old.history) if x.old else []
            if self.pending and (x.status == "added" or x.changed):
                hist = [*hist, (self.pending_number, "inserted" if x.status == "added" else "amended")]
            entry = [list(r) for r in x.new]
            if nc is not None:
                entry[0][nc] = Cell(text(x.number), rowspan=entry[0][nc].rowspan)
            notes = self.notes(hist, False, feminine=True)
            if notes:
                target = _note_column(entry[0], nc)
                entry[0][target] = Cell(entry[0][target].content, rowspan=entry[0][target].rowspan, notes=notes)
            rows += entry
            groups.append(len(entry))
            history.append(hist)
            repealed.append(False)
        table.rows, table.groups, table.indexes = rows, groups, indexes
        table.history, table.repealed = history, repealed

    # --- redline ----------------------------------------------------------------------------------

    def _redline(self, found: tuple[Node, str] | None) -> None:
        for part in PARTS:
            for it in _walk(self.items.get(part, [])):
                if it.status == "added" and it.node is not None:
                    it.node.revision = "ins"
                elif it.status == "kept" and it.changed and it.node is not None and it.old is not None:
                    it.node.content = diff_content(unit_content(it.old.unit), it.node.content)
        if not found or found[0].table is None or not self.rows:
            return
        table = found[0].table
        nc = table.number_column
        rows: list[list[Cell]] = []
        groups: list[int] = []
        revisions: dict[int, Literal["ins", "del"]] = {}
        for x in self.rows:
            start = len(rows)
            if x.status == "removed" and x.old is not None:
                for n, line in enumerate(x.old.lines):
                    rows.append([Cell(() if n and i in x.old.spans else deleted_lines(c),
                                      rowspan=len(x.old.lines) if not n and i in x.old.spans else 1,
                                      merged=bool(n) and i in x.old.spans) for i, c in enumerate(line)])
                    revisions[len(rows) - 1] = "del"
            elif x.status == "repealed" and x.old is not None:
                rows += [[Cell(lines(c)) for c in line] for line in x.old.lines]
            elif x.new is not None:
                entry = [list(r) for r in x.new]
                if nc is not None:
                    entry[0][nc] = Cell(text(x.number), rowspan=entry[0][nc].rowspan)
                if x.status == "added":
                    for n in range(len(entry)):
                        revisions[start + n] = "ins"
                elif x.changed and x.old is not None:
                    for n, row in enumerate(entry):
                        old_line = x.old.lines[n] if n < len(x.old.lines) else []
                        entry[n] = [c if c.merged or i == nc else Cell(
                            diff_content(old_line[i] if i < len(old_line) else "", c.text), rowspan=c.rowspan)
                            for i, c in enumerate(row)]
                rows += entry
            groups.append(len(rows) - start)
        table.rows, table.groups, table.revisions = rows, groups, revisions


def _note_column(row: list[Cell], nc: int | None) -> int:
    """The cell that carries an entry's note: the last one merged over the entry, else the
    last one filled in."""
    merged = [i for i, c in enumerate(row) if c.rowspan > 1 and i != nc]
    filled = [i for i, c in enumerate(row) if c.text and i != nc]
    return (merged or filled or [len(row) - 1])[-1]


def _walk(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for it in items:
        out.append(it)
        out.extend(_walk(it.children))
    return out


def _abzac_items(children: list[Item]) -> list[Item]:
    """The unnumbered descendants of a unit (its абзацы after the first), in order."""
    out: list[Item] = []
    for c in children:
        if c.numbered or c.kind in ("table", "section"):
            continue
        out.append(c)
        out.extend(_abzac_items(c.children))
    return out


def _abzac_text(kind: str, text: str, term: str | None) -> str:
    body = _full(text, term)
    return f"– {body}" if kind == "bullet" else body


# --- word-level differences ---------------------------------------------------------------------

def tokens(text: str) -> list[str]:
    return text.split(" ")


# Marks of a word diff and of bold words, inside diff_content only: never in the tree.
_INS, _INS_END, _DEL, _DEL_END, _BOLD = "\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3", "\ufdd4"
_MARKS = re.compile("[\ufdd0-\ufdd4]")


def _marked_text(content: Content) -> str:
    """Content as one string for the word diff: a bold span between two bold marks, so a
    word that turns bold is a changed word."""
    out: list[str] = []
    for node in content:
        if isinstance(node, Strong):
            out.append(_BOLD + _marked_text(node.children) + _BOLD)
        elif isinstance(node, LineBreak):
            out.append("\n")
        else:
            out.append(_MARKS.sub("", plain((node,))))
    return "".join(out)


def diff_content(old: Content | str, new: Content | str) -> Content:
    """The new text as content, the words deleted and inserted since the old one in
    ``Deleted`` and ``Inserted`` spans (bold kept on both sides); a line break closes a
    span and opens it again."""
    a = _marked_text(text(old) if isinstance(old, str) else old)
    b = _marked_text(lines(new) if isinstance(new, str) else new)
    leaves: list[tuple[str, bool, str | None]] = []
    bold = {"old": False, "new": False}
    revision: str | None = None
    for piece in re.split("([\ufdd0-\ufdd4\n])", _diff_markup(a, b)):
        if piece in (_INS, _DEL):
            revision = "ins" if piece == _INS else "del"
        elif piece in (_INS_END, _DEL_END):
            revision = None
        elif piece == _BOLD:
            for side in (("old",) if revision == "del" else ("new",) if revision == "ins" else ("old", "new")):
                bold[side] = not bold[side]
        elif piece:
            leaves.append((piece, bold["old" if revision == "del" else "new"], revision))
    return _from_leaves(leaves)


def _from_leaves(leaves: list[tuple[str, bool, str | None]]) -> Content:
    out: list[Inline] = []
    for revision, group in groupby(leaves, key=lambda x: x[2] if x[0] != "\n" else "break"):
        if revision == "break":
            out.extend(LineBreak() for _ in group)
            continue
        inner: list[Inline] = []
        for bold, words in groupby(group, key=lambda x: x[1]):
            chunk = Text("".join(w for w, _b, _r in words))
            inner.append(Strong((chunk,)) if bold else chunk)
        out.extend(inner if revision is None else [Inserted(tuple(inner)) if revision == "ins"
                                                     else Deleted(tuple(inner))])
    return tuple(out)


def deleted_lines(words: str) -> Content:
    """A deleted cell: each of its lines one deleted span."""
    if not words:
        return ()
    out: list[Inline] = []
    for k, line in enumerate(words.split("\n")):
        if k:
            out.append(LineBreak())
        out.append(Deleted((Text(line),) if line else ()))
    return tuple(out)


def _diff_markup(old: str, new: str) -> str:
    """The new text with the words deleted and inserted since the old one marked; a line
    break (paragraphs in a table cell) closes a mark and opens it again on the next line."""
    a, b = tokens(old.replace("\n", " \n ")), tokens(new.replace("\n", " \n "))

    def marked(words: list[str], start: str, end: str) -> str:
        lines = [x.strip() for x in " ".join(words).split("\n")]
        return "\n".join(f"{start}{x}{end}" if x else "" for x in lines)

    out: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(" ".join(b[j1:j2]))
            continue
        if i2 > i1:
            out.append(marked(a[i1:i2], _DEL, _DEL_END))
        if j2 > j1:
            out.append(marked(b[j1:j2], _INS, _INS_END))
    return re.sub(" *\n *", "\n", " ".join(out)).strip(" ")
