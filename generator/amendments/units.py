"""The frozen-numbering pass: the current units aligned with the signed ones, numbered
with the signed numbers, and the consolidated bodies with a placeholder for every unit
repealed before or now («Утратил силу. – Приказ … от … № …»)."""

from __future__ import annotations

from ..edition import Part, history_of, tree, unit_content
from ..errors import Diagnostic
from ..inline import text
from ..passes.typography import typography
from ..tree import Node, NodeKind
from .frozen import Slot, number_slots
from .match import Item, align
from .state import State


def repeal_text(state: State, abzac: bool, feminine: bool = False) -> str:
    what = "Абзац утратил силу" if abzac else ("Утратила силу" if feminine else "Утратил силу")
    if state.pending is None:
        return f"{what}."
    return typography(f"{what}. – {state.act_ref(state.pending).phrase('Приказ')}.")


def renumber(state: State, part: str, nodes: list[Node]) -> None:
    """Lay the signed edition's numbers over a freshly numbered body (in place)."""
    key: Part = "order" if part == "order" else "procedure"
    units = state.edition.order if key == "order" else state.edition.procedure
    items = align(tree(units), list(nodes))
    top = frozenset(u.ref for u in units if u.ref and (u.number or "").endswith("."))
    number_units(state, items, None, None, top)
    state.items[key] = items
    nodes[:] = consolidated_nodes(state, items)
    state.bodies[key] = nodes


def _fresh(it: Item, fresh_parent: str | None, frozen_parent: str | None) -> str:
    """A new first unit's number: the fresh one, under its parent's frozen number."""
    ref = it.new.ref_number if it.new is not None and it.new.ref_number else ""
    if fresh_parent and frozen_parent and ref.startswith(fresh_parent + "."):
        return frozen_parent + ref[len(fresh_parent):]
    return ref


def number_units(state: State, items: list[Item], fresh_parent: str | None, frozen_parent: str | None,
                 top: frozenset[str]) -> None:
    """One level of units and, below each, its children."""
    numbered = [it for it in items if it.numbered]
    slots = [Slot(it.old.unit.ref, it.old.unit.index) if it.old is not None else Slot(
        None, fresh=_fresh(it, fresh_parent, frozen_parent),
        reserved=top if it.new is not None and (it.new.number or "").endswith(".") else frozenset())
        for it in numbered]
    for k in number_slots(slots, state.inserted_style):
        new = numbered[k].new
        state.problems.append(Diagnostic(None, None, new.id or "" if new else "", (
            f"пункт «{new.text[:60] if new else ''}…» добавлен перед первым пунктом своего уровня: "
            "в действующей редакции его нельзя пронумеровать без перенумерации; "
            "добавьте его после существующего пункта")))
    for it, slot in zip(numbered, slots, strict=True):
        fresh = it.new.ref_number if it.new else None
        it.base = slot.base
        if it.new is not None and it.old is not None:
            u = it.old.unit
            it.new.number, it.new.ref_number, it.new.index = u.number, u.ref, u.index
        elif it.new is not None:
            suffix = "." if (it.new.number or "").endswith(".") else ")"
            it.new.number, it.new.ref_number, it.new.index = slot.ref + suffix, slot.ref, slot.index
        it.node = it.new
        number_units(state, it.children, fresh, slot.ref, top)
    for it in items:
        if not it.numbered:
            it.node = it.new
            number_units(state, it.children, fresh_parent, frozen_parent, top)


def placeholder(state: State, it: Item) -> Node:
    """A unit repealed before (its stored text) or now («Утратил силу. – Приказ …»)."""
    if it.old is None:
        return Node(kind="para")
    u = it.old.unit
    kind: NodeKind = "clause" if u.number else "para"
    if it.status == "repealed":
        return Node(kind=kind, content=unit_content(u), number=u.number, ref_number=u.ref, index=u.index,
                    repealed=True, history=history_of(u.history))
    history = history_of(u.history) + ([(state.pending_number, "repealed")] if state.pending else [])
    return Node(kind=kind, content=text(repeal_text(state, abzac=u.number is None)), number=u.number,
                ref_number=u.ref, index=u.index, repealed=True, history=history)


def consolidated_nodes(state: State, items: list[Item]) -> list[Node]:
    """The nodes of one level as the consolidated text shows them."""
    out: list[Node] = []
    for it in items:
        if it.status in ("repealed", "removed") or it.new is None:
            it.node = placeholder(state, it)
        else:
            it.node = it.new
            it.new.children = consolidated_nodes(state, it.children)
            if it.old is not None:
                it.new.history = history_of(it.old.unit.history)
        out.append(it.node)
    return out
