"""Frozen numbering: the amended act is never renumbered. One algorithm numbers every
sequence — the clauses of each level and the register's entries: an old element keeps
its signed number; a new one continues the sequence at the end of it (after 5.4 comes
5.5) or takes the number before it with an index (2.6¹; 2.6.1 or 2.6-1 where the region
writes so); a new element before the first old one cannot be numbered."""

from __future__ import annotations

from dataclasses import dataclass

from ..numbering import LETTERS, ROMAN, roman

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def index_suffix(index: int, style: str) -> str:
    """2.6 + 1 → «¹» (superscript), «.1» (dotted) or «-1» (hyphen)."""
    if style == "dotted":
        return f".{index}"
    if style == "hyphen":
        return f"-{index}"
    return "".join(SUPERSCRIPT[int(d)] for d in str(index))


def increment(ref: str) -> str:
    """The next number of the same level: 2.6 → 2.7, IV → V, б → в."""
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


@dataclass
class Slot:
    """One element of a numbered sequence: its signed number, or none when it is new."""

    old_ref: str | None
    old_index: int = 0
    fresh: str = ""  # the number a new first element takes
    reserved: frozenset[str] = frozenset()  # numbers a new element may not continue into
    ref: str = ""
    index: int = 0
    base: str = ""  # the number without its index


def _base(ref: str, index: int, style: str) -> str:
    return ref[:len(ref) - len(index_suffix(index, style))] if index else ref


def number_slots(slots: list[Slot], style: str) -> list[int]:
    """Number the new slots of one sequence; the positions of those that cannot be
    numbered (new before the first old one) are returned."""
    taken = {s.old_ref for s in slots if s.old_ref is not None}
    failed: list[int] = []
    prev: Slot | None = None
    for k, s in enumerate(slots):
        if s.old_ref is not None:
            s.ref, s.index, s.base = s.old_ref, s.old_index, _base(s.old_ref, s.old_index, style)
        else:
            later_old = any(x.old_ref is not None for x in slots[k + 1:])
            if prev is None:
                s.ref = s.base = s.fresh
                if later_old:
                    failed.append(k)
            elif not later_old and (candidate := increment(prev.base)) not in taken | s.reserved:
                s.ref = s.base = candidate
            else:
                s.base = prev.base
                s.index = (prev.index if prev.base == s.base else 0) + 1
                while s.base + index_suffix(s.index, style) in taken:
                    s.index += 1
                s.ref = s.base + index_suffix(s.index, style)
            taken.add(s.ref)
        prev = s
    return failed
