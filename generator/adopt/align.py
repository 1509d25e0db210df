"""The signed paragraphs laid over the units the config composes: by printed numbers first,
then by text similarity, keeping order (consolidate.match), and the edition's units made
from the pairs with the signed words.

A unit found on both sides keeps the composed unit's place in the tree (kind, depth, id)
and takes the signed words and number; a unit only in the signed document is kept with a
kind and depth guessed from its number and neighbours (the next amending order repeals it
if the config lacks it); a unit only in the config is left out of the edition (the next
amending order inserts it) unless the document is known to be cut short, then it is taken
from the config and reported as not checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from ..amendments.match import match
from ..edition import Unit
from ..errors import known
from ..tree import NodeKind
from .normalise import clean, formatting, key
from .parts import Line

Kind = Literal["wording", "formatting", "signed_only", "composed_only", "unchecked", "requisite"]
_TERM_DASH = " – "


@dataclass
class Difference:
    part: str  # «приказ», «Порядок», «Перечень», …
    unit: str  # «пункт 1.1», «абзац 2 пункта 2.4», «строка 3»
    kind: Kind
    signed: str = ""
    composed: str = ""
    detail: str = ""  # the kinds of formatting, where the signed unit stands


@dataclass
class Aligned:
    units: list[Unit] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    pairs: int = 0  # units found on both sides
    signed: int = 0
    composed: int = 0


def _qualified(numbers: list[tuple[str | None, str]]) -> list[str]:
    """Keys of a sequence of (number, text): an item «1)» is qualified by the clause it
    belongs to (items restart in every clause); an unnumbered paragraph by its words."""
    out: list[str] = []
    clause, item = "", ""
    for number, text in numbers:
        if number is None:
            out.append("t:" + key(text)[:120])
        elif number.endswith(")") and number[0].isdigit():
            item = number
            out.append(f"n:{clause}/{number}")
        elif number.endswith(")"):
            out.append(f"n:{clause}/{item}/{number}")
        else:
            clause, item = number, ""
            out.append(f"n:{number}")
    return out


def _composed_number(u: Unit) -> str | None:
    if u.number is None:
        return None
    return u.number[:-1] if u.number.endswith(".") else u.number


def _full(u: Unit) -> str:
    return f"{u.term}{_TERM_DASH}{u.text}" if u.term else u.text


def label(number: str | None, previous: str | None, part: str, kind: str = "clause") -> str:
    if kind == "section" and number:
        return f"раздел {number}"
    if part == "приказ" and number:
        return f"пункт {number}"
    if number:
        return f"{'подпункт' if number.endswith(')') else 'пункт'} {number}"
    return f"абзац после пункта {previous}" if previous else "абзац в начале"


def _split_term(signed: str, u: Unit) -> tuple[str | None, str]:
    """A definition's signed words cut into the term and its meaning at the dash after the term."""
    composed = known(u.term, "термин определения")
    at = signed.find(_TERM_DASH, max(0, len(composed) - 10))
    if at < 0:
        at = signed.find(" - ")
    if at < 0:
        return composed, signed
    term, meaning = signed[:at].strip(), signed[at + len(_TERM_DASH):].strip()
    return (composed if key(term) == key(composed) else term), meaning


def _carry_strong(u: Unit, text: str) -> list[list[int]]:
    """The composed unit's bold spans laid over the signed words (bold is formatting)."""
    out: list[list[int]] = []
    for start, end in u.strong:
        piece = u.text[start:end]
        at = text.find(piece) if piece else -1
        if at >= 0:
            out.append([at, at + len(piece)])
    return out


def _signed_number(line: Line, u: Unit) -> tuple[str | None, str | None]:
    """The printed number and the number as referred to, as signed."""
    if line.number is None or u.number is None or line.number == _composed_number(u):
        return u.number, u.ref
    suffix = "." if u.number.endswith(".") else ""
    return line.number + suffix, line.number.rstrip(")")


def _kept(line: Line, u: Unit) -> tuple[Unit, Difference | None]:
    words = clean(line.text)
    number, ref = _signed_number(line, u)
    same = key(words) == key(_full(u))
    if same:
        unit = u.model_copy(update={"number": number, "ref": ref})
    else:
        term, text = _split_term(words, u) if u.term else (None, words)
        unit = u.model_copy(update={"number": number, "ref": ref, "text": text, "term": term,
                                    "strong": _carry_strong(u, text)})
    return unit, None if same else Difference("", "", "wording", words, _full(u))


def _signed_only(line: Line, before: Unit | None) -> Unit:
    """A unit that only the signed document has: its kind and depth from its number and the unit before."""
    depth = before.depth if before else 0
    if line.number and before and before.number and line.number.count(".") > (before.ref or "").count("."):
        depth += 1
    elif line.number and line.number.endswith(")") and before and not (before.number or "").endswith(")"):
        depth += 1
    elif line.number is None and before and before.kind in ("clause", "section") and before.number:
        depth += 1
    kind: NodeKind = "bullet" if line.style == "bullet" else "section" if line.style == "roman" else \
        "clause" if line.number else "para"
    number = None if line.number is None else line.number + ("" if line.number.endswith(")") else ".")
    return Unit(depth=depth, kind=kind, number=number, ref=line.number.rstrip(")") if line.number else None,
                text=clean(line.text))


def align_units(lines: list[Line], composed: list[Unit], part: str, partial: bool = False) -> Aligned:
    """The edition's units of one part, the differences, and the counts of the report."""
    keys_l = _qualified([(ln.number, ln.text) for ln in lines])
    keys_u = _qualified([(_composed_number(u), _full(u)) for u in composed])
    lk = {id(ln): k for ln, k in zip(lines, keys_l, strict=True)}
    uk = {id(u): k for u, k in zip(composed, keys_u, strict=True)}
    pairs = match(lines, composed, (lambda ln: lk[id(ln)], lambda u: uk[id(u)]),
                  (lambda ln: key(ln.text), lambda u: key(_full(u))))
    out = Aligned(signed=len(lines), composed=len(composed))
    last_signed = max((k for k, (_s, ln, u) in enumerate(pairs) if ln is not None), default=-1)
    previous: str | None = None
    for k, (_status, ln, u) in enumerate(_split_weak(pairs)):
        if ln is not None and u is not None:
            unit, diff = _kept(ln, u)
            out.pairs += 1
            where = label(_composed_number(unit), previous, part, unit.kind)
            _note(out, diff, part, where, ln)
            _formatting(out, ln, u, unit, part, where)
        elif ln is not None:
            unit = _signed_only(ln, out.units[-1] if out.units else None)
            out.differences.append(Difference(part, label(ln.number, previous, part), "signed_only",
                                              clean(ln.text), "", ln.where))
        else:
            u = known(u, "единица конфигурации")
            where = label(_composed_number(u), previous, part, u.kind)
            if partial and k > last_signed:
                out.differences.append(Difference(part, where, "unchecked", "", _full(u)))
                out.units.append(u)
                previous = _composed_number(u) or previous
            else:
                out.differences.append(Difference(part, where, "composed_only", "", _full(u)))
            continue
        out.units.append(unit)
        previous = _composed_number(unit) or previous
    return out


def _note(out: Aligned, diff: Difference | None, part: str, where: str, line: Line) -> None:
    if diff is not None:
        diff.part, diff.unit, diff.detail = part, where, line.where
        out.differences.append(diff)


def _formatting(out: Aligned, line: Line, u: Unit, unit: Unit, part: str, where: str) -> None:
    """Formatting differences of a unit whose words are the composed ones: listed apart."""
    kinds = [*dict.fromkeys(line.artefacts)]
    if unit.text == u.text and " ".join(line.text.split()) != " ".join(_full(u).split()):
        kinds += formatting(line.text, _full(u))
    if line.dotless:
        kinds.append("номер без точки")
    if kinds:
        out.differences.append(Difference(part, where, "formatting", line.text, _full(u),
                                          ", ".join(dict.fromkeys(kinds))))


def _split_weak(pairs: Sequence[tuple[str, Line | None, Unit | None]]) -> list[tuple[str, Line | None, Unit | None]]:
    """Pairs made by an equal number whose words have little in common are two units, not one."""
    out: list[tuple[str, Line | None, Unit | None]] = []
    for status, ln, u in pairs:
        if ln is not None and u is not None and u.kind != "table" and ln.text and _full(u):
            ratio = SequenceMatcher(None, key(ln.text), key(_full(u)), autojunk=False).ratio()
            if ratio < 0.35:
                out += [("removed", ln, None), ("added", None, u)]
                continue
        out.append((status, ln, u))
    return out
