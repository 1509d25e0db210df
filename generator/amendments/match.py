"""Matching: the units (and register entries) of a signed edition laid over the current
tree. One algorithm, ``match``, pairs old and new elements of a sequence for clauses and
register rows alike."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal, TypeVar

from ..edition import Entry, OldUnit
from ..inline import plain
from ..russian import typography
from ..tree import Cell, Node

Status = Literal["kept", "added", "removed", "repealed"]
_NUMBER = re.compile(r"\d+(?:\.\d+)*[⁰¹²³⁴⁵⁶⁷⁸⁹]*")


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
        if self.new is not None:
            return self.new.kind
        return self.old.unit.kind if self.old is not None else ""

    @property
    def ref(self) -> str:
        return (self.node.ref_number if self.node is not None else None) or ""


@dataclass
class RowItem:
    """An entry of the register: kept, added, removed now or repealed before."""

    status: Status
    old: Entry | None
    new: list[list[Cell]] | None
    number: str = ""
    index: int = 0
    base: str = ""
    changed: bool = False


def normalised(text: str) -> str:
    """A text for matching: typography, numbers and case do not count."""
    t = _NUMBER.sub("#", typography(text))
    return " ".join(t.replace("\u00a0", " ").split()).lower()


def _similar(a: str, b: str) -> float:
    sm = SequenceMatcher(None, a, b, autojunk=False)
    return sm.ratio() if sm.quick_ratio() >= 0.5 else 0.0


Old = TypeVar("Old")
New = TypeVar("New")


def _pair_stretch(olds: list[Old], news: list[New], text: tuple[Callable[[Old], str], Callable[[New], str]],
                  compatible: Callable[[Old, New], bool]) -> list[tuple[Old | None, New | None]]:
    """Between two equal keys: each old element takes the first most similar new one (at
    least half the text alike); the new ones it skips are added."""
    pairs: list[tuple[Old | None, New | None]] = []
    new_texts = [text[1](n) for n in news]
    j = 0
    for o in olds:
        old_text = text[0](o)
        best, best_k = 0.0, -1
        for k in range(j, len(news)):
            if compatible(o, news[k]):
                r = _similar(old_text, new_texts[k])
                if r >= 0.5 and r > best:
                    best, best_k = r, k
        if best_k < 0:
            pairs.append((o, None))
            continue
        pairs += [(None, n) for n in news[j:best_k]]
        pairs.append((o, news[best_k]))
        j = best_k + 1
    return pairs + [(None, n) for n in news[j:]]


def match(olds: list[Old], news: list[New], key: tuple[Callable[[Old], str], Callable[[New], str]],
          text: tuple[Callable[[Old], str], Callable[[New], str]],
          compatible: Callable[[Old, New], bool] = lambda _o, _n: True,
          repealed: Callable[[Old], bool] = lambda _o: False) -> list[tuple[Status, Old | None, New | None]]:
    """The old sequence laid over the new one, in order: equal keys are paired first, the
    stretches between by similarity; an old one without a match is removed. Elements
    repealed before stay in their old places."""
    live = [o for o in olds if not repealed(o)]
    sm = SequenceMatcher(None, [key[0](o) for o in live], [key[1](n) for n in news], autojunk=False)
    pairs: list[tuple[Old | None, New | None]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            pairs += list(zip(live[i1:i2], news[j1:j2], strict=True))
        else:
            stretch = _pair_stretch(live[i1:i2], news[j1:j2], text, compatible)
            pairs += stretch
    position = {id(o): k for k, o in enumerate(olds)}
    waiting = [o for o in olds if repealed(o)]
    out: list[tuple[Status, Old | None, New | None]] = []
    for old, new in pairs:
        while old is not None and waiting and position[id(waiting[0])] < position[id(old)]:
            out.append(("repealed", waiting.pop(0), None))
        status: Status = "kept" if old is not None and new is not None else "added" if new is not None else "removed"
        out.append((status, old, new))
    return out + [("repealed", w, None) for w in waiting]


def _full(text: str, term: str | None) -> str:
    return f"{term} – {text}" if term else text


def _otext(o: OldUnit) -> str:
    return normalised(_full(o.unit.text, o.unit.term))


def _ntext(n: Node) -> str:
    return normalised(_full(plain(n.content, unresolved="#"), n.term))


def _okey(o: OldUnit) -> str:
    return o.unit.id or f"{o.unit.kind}:{_otext(o)}"


def _nkey(n: Node) -> str:
    return n.id or f"{n.kind}:{_ntext(n)}"


def _same_unit(o: OldUnit, n: Node) -> bool:
    return n.kind == o.unit.kind and not (n.id and o.unit.id and n.id != o.unit.id)


def align(olds: list[OldUnit], news: list[Node], parent: Item | None = None) -> list[Item]:
    """The units of one level matched, and their children level by level."""
    out: list[Item] = []
    for status, o, n in match(olds, news, (_okey, _nkey), (_otext, _ntext), _same_unit, lambda o: o.unit.repealed):
        item = Item(status, o, n, parent=parent)
        if o is not None and n is not None:
            item.children = align(o.children, n.children, item)
        elif n is not None:
            item.children = align([], n.children, item)
        elif o is not None and status == "removed":
            item.children = [Item("removed", c, None, parent=item) for c in o.children]
        out.append(item)
    return out


def match_rows(entries: list[Entry], news: list[list[list[Cell]]], nc: int | None) -> list[RowItem]:
    """The register's entries matched: by their first row, then by all their words."""

    def key_new(rows: list[list[Cell]]) -> str:
        return " | ".join(c.text for i, c in enumerate(rows[0]) if i != nc)

    def key_old(e: Entry) -> str:
        return " | ".join(c for i, c in enumerate(e.lines[0]) if i != nc)

    def full_new(rows: list[list[Cell]]) -> list[list[str]]:
        return [[c.text for i, c in enumerate(r) if i != nc] for r in rows]

    def full_old(e: Entry) -> list[list[str]]:
        return [[c for i, c in enumerate(r) if i != nc] for r in e.lines]

    return [RowItem(status, e, r, changed=e is not None and r is not None and full_old(e) != full_new(r))
            for status, e, r in match(entries, news, (key_old, key_new),
                                      (lambda e: " ".join(map(" ".join, full_old(e))),
                                       lambda r: " ".join(map(" ".join, full_new(r)))),
                                      repealed=lambda e: e.repealed)]


def walk(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for it in items:
        out.append(it)
        out.extend(walk(it.children))
    return out


def abzac_items(children: list[Item]) -> list[Item]:
    """The unnumbered descendants of a unit (its абзацы after the first), in order."""
    out: list[Item] = []
    for c in children:
        if c.numbered or c.kind in ("table", "section"):
            continue
        out.append(c)
        out.extend(abzac_items(c.children))
    return out
