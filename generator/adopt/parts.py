"""The parts of a signed order: blank, title, preamble, operative clauses, signature, and
each appendix with its mark, title and body; in the body every paragraph's printed number
or list mark is taken off its words.

The parts are found by the shape every order has (ГОСТ Р 7.0.97): the title is the first
paragraph «О …»/«Об …» after the blank; the preamble ends with «приказываю:»; the
signature follows the last numbered clause and ends with the signatory's initials and
surname; an appendix begins after the signature and at every mark «УТВЕРЖДЕН…» /
«Приложение …». A standalone Порядок (the model) is one appendix without a mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .source import Block, Grid, Para

_TITLE = re.compile(r"^(?:О|Об)\s", re.I)
_ORDER_WORD = re.compile(r"п\s*р\s*и\s*к\s*а\s*з\s*ы\s*в\s*а\s*ю\s*:?\s*$", re.I)
_MARK = re.compile(r"^(?:УТВЕРЖДЕН[АОЫ]?\b|Приложение\b(?!\s+к\s+настоящему))")
_NUMBERED = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s")
_PERSON = re.compile(r"(?:^|\s)[A-ZА-ЯЁ]\.\s?[A-ZА-ЯЁ]?\.?\s?[А-ЯЁA-Z][а-яёa-z-]+$"  # «А.В. Елисеев», «О.А Зорина»
                     r"|^[А-ЯЁ][а-яё-]+\s[А-ЯЁ]\.\s?[А-ЯЁ]\.$")  # «Сергеев А.С.»
_DATE_IN_MARK = re.compile(r"\bот\s+(?:«?\d{1,2}»?\s+\w+\s+\d{4}|\d{2}\.\d{2}\.\d{4})")
# A printed number or a list mark before the words of a paragraph.
_LEADS = (
    ("roman", re.compile(r"^([IVXLC]+)\.\s+")),
    ("decimal", re.compile(r"^(\d+(?:\.\d+)*)(\.?)\s+(?=\S)")),
    ("item", re.compile(r"^(\d+|[а-яё])\)\s*")),
    ("bullet", re.compile(r"^[-–—•·*►▪●○]\s+")),
)


@dataclass
class Line:
    """A paragraph of the body: its printed number (or list mark) and its words."""

    number: str | None  # «1.1», «III», «2)», «а)»; None for an unnumbered paragraph
    style: str  # roman, decimal, item, bullet, para
    text: str
    where: str
    artefacts: list[str] = field(default_factory=list)
    dotless: bool = False  # «1.1 Текст»: a decimal number printed without its final dot


@dataclass
class SignedAppendix:
    mark: list[Para]
    title: list[Para]
    body: list[Block]
    where: str


@dataclass
class SignedOrder:
    head: list[Block] = field(default_factory=list)
    title: Para | None = None
    preamble: Para | None = None
    clauses: list[Para] = field(default_factory=list)
    signature: list[Block] = field(default_factory=list)
    appendices: list[SignedAppendix] = field(default_factory=list)

    def head_text(self) -> str:
        return " ".join(_text(b) for b in self.head)


def _text(block: Block) -> str:
    if isinstance(block, Para):
        return block.text
    return " ".join(c for row in block.rows for c in row if c)


def line(para: Para) -> Line:
    for style, pattern in _LEADS:
        m = pattern.match(para.text)
        if not m:
            continue
        rest = para.text[m.end():]
        if style == "bullet":
            return Line(None, "bullet", rest, para.where, para.artefacts)
        number = m.group(1) + (")" if style == "item" else "")
        dotless = style == "decimal" and not m.group(2) and "." in m.group(1)
        if style == "decimal" and not m.group(2) and "." not in m.group(1):
            continue  # «2030 года …»: a number without a dot is not a clause number
        return Line(number, style, rest, para.where, para.artefacts, dotless)
    return Line(None, "para", para.text, para.where, para.artefacts)


def _is_person(block: Block) -> bool:
    if isinstance(block, Grid):
        return True
    return len(block.text) < 60 and bool(_PERSON.search(block.text.replace("\u00a0", " ").strip()))


def _split_order(blocks: list[Block], order: SignedOrder) -> int:
    """Head, title, preamble, clauses and signature; the index where the appendices begin."""
    k = next((i for i, b in enumerate(blocks[:20]) if isinstance(b, Para) and _TITLE.match(b.text)), None)
    if k is None:
        return 0
    order.head, order.title = blocks[:k], blocks[k]  # type: ignore[assignment]
    i = k + 1
    preamble: list[str] = []
    while i < len(blocks) and isinstance(blocks[i], Para):
        text = blocks[i].text  # type: ignore[union-attr]
        i += 1
        m = _ORDER_WORD.search(text)
        if m:
            preamble.append(text[:m.start()].strip())
            break
        preamble.append(text)
    if preamble:
        order.preamble = Para(" ".join(p for p in preamble if p), blocks[k + 1].where)
    while i < len(blocks) and isinstance(blocks[i], Para) and _NUMBERED.match(blocks[i].text):  # type: ignore[union-attr]
        order.clauses.append(blocks[i])  # type: ignore[arg-type]
        i += 1
    while i < len(blocks) and not (isinstance(blocks[i], Para) and _MARK.match(blocks[i].text)):  # type: ignore[union-attr]
        order.signature.append(blocks[i])
        i += 1
        if _is_person(order.signature[-1]):
            break
    return i


def _mark_goes_on(mark: list[Para], para: Para) -> bool:
    text = para.text
    if _MARK.match(text) or _NUMBERED.match(text):
        return False
    if text[:1].islower() or text.startswith(("от ", "№")):
        return True
    done = any(_DATE_IN_MARK.search(m.text) for m in mark)
    return not done and len(text) < 70 and any("приказ" in m.text.lower() for m in mark) and not text.isupper()


def _appendix(blocks: list[Block], start: int, end: int) -> SignedAppendix:
    i, mark = start, []
    first = blocks[start]
    if isinstance(first, Para) and _MARK.match(first.text):
        mark.append(first)
        i += 1
        while i < end and isinstance(blocks[i], Para) and _mark_goes_on(mark, blocks[i]):  # type: ignore[arg-type]
            mark.append(blocks[i])  # type: ignore[arg-type]
            i += 1
    title: list[Para] = []
    while i < end and isinstance(blocks[i], Para) and len(title) < 4 and not _NUMBERED.match(blocks[i].text):  # type: ignore[union-attr]
        title.append(blocks[i])  # type: ignore[arg-type]
        i += 1
    return SignedAppendix(mark, title, blocks[i:end], first.where)


def recognise(blocks: list[Block], standalone: bool) -> SignedOrder:
    """The parts of a signed order (or of a standalone Порядок: one appendix, no mark)."""
    order = SignedOrder()
    start = 0 if standalone else _split_order(blocks, order)
    starts = [start] + [i for i in range(start + 1, len(blocks))
                        if isinstance(blocks[i], Para) and _MARK.match(blocks[i].text)]  # type: ignore[union-attr]
    if start >= len(blocks):
        return order
    for a, b in zip(starts, [*starts[1:], len(blocks)], strict=True):
        order.appendices.append(_appendix(blocks, a, b))
    return order
