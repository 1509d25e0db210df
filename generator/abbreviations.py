"""Abbreviations «(далее – X)» of the composed text: what a text introduces, and the
catalogue's abbreviations that a body's text never uses.

The catalogue names some touchpoints with an abbreviation («система электронного
документооборота (далее – СЭД)»); a Порядок that never writes «СЭД» afterwards must not
introduce it (legal technique: an abbreviation is introduced only to be used).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from .inline import plain, retext
from .tree import Appendix, Node

# «(далее – X)», «(далее каждый – X)», «(далее также – X)»
INTRO = re.compile(r"\s*\(далее(?:\s+(?:каждый|каждая|каждое|также|вместе|соответственно))?\s*[–—-]\s*"
                   r"([^()]*(?:\([^()]*\)[^()]*)*)\)")
_CATALOGUE_IDS = ("digital.", "offline.")


def introduces(texts: Iterable[str | None], abbreviation: str) -> bool:
    """Whether one of ``texts`` introduces ``abbreviation``: «(далее – Комитет)»."""
    for text in texts:
        for m in INTRO.finditer(text or ""):
            if abbreviation in (a.strip() for a in m.group(1).split(",")):
                return True
    return False


def _count(text: str, abbreviation: str) -> int:
    r"""How many times ``abbreviation`` stands as a word of its own in ``text``: what
    ``re.findall(r"(?<![\w-])X(?![\w-])")`` counts, found with ``str.find`` (the text of a
    300-row register is long, and a lookbehind tried at every position of it is slow)."""
    if not abbreviation:
        return len(re.findall(r"(?<![\w-])(?![\w-])", text))
    count, pos, size = 0, text.find(abbreviation), len(abbreviation)
    while pos >= 0:
        end = pos + size
        if not (pos and _word_char(text[pos - 1])) and not (end < len(text) and _word_char(text[end])):
            count += 1
            pos = text.find(abbreviation, end)
        else:
            pos = text.find(abbreviation, pos + 1)
    return count


def _word_char(ch: str) -> bool:
    r"""A character of ``[\w-]`` as ``re`` reads it in a text."""
    return ch.isalnum() or ch in "_-"


def uses(text: str, abbreviation: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(abbreviation) + r"(?![\w-])", text) is not None


def _texts(nodes: list[Node]) -> list[str]:
    out: list[str] = []
    for root in nodes:
        for n in root.walk():
            out.append(f"{n.term or ''} {n.text}")
            if n.table:
                out.extend([plain(c.content) for row in n.table.rows for c in row])
    return out


class _Uses:
    """Whether a text other than a unit's own writes an abbreviation, read only as far as the
    answer needs: body 150's Порядок writes «СЭД» only in its register, found in its first
    rows (every cell's text, joined, was a quarter of reading it: read 38M → 29M instructions).

    «Used outside the item» was «counted in all texts more often than in the item's own»:
    a word found in the joined texts lies in one of them (it holds no «\n»), so that is
    «found in some other text». A table's cells that share their content are one text."""

    def __init__(self, body: list[Node], appendices: list[Appendix]) -> None:
        self.parts = [body] + [app.body for app in appendices]
        self.read: list[tuple[Node | None, str]] = []
        self.rest = self._walk()

    def _walk(self) -> Iterator[tuple[Node | None, str]]:
        for nodes in self.parts:
            for root in nodes:
                for n in root.walk():
                    yield n, f"{n.term or ''} {n.text}"
                    if n.table:
                        seen: set[int] = set()
                        for c in (c.content for row in n.table.rows for c in row):
                            if id(c) not in seen:
                                seen.add(id(c))
                                yield None, plain(c)

    def outside(self, node: Node, own: str, abbreviation: str) -> bool:
        if not abbreviation or "\n" in abbreviation:  # the count itself, as it was
            whole = "\n".join(t for part in self.parts for t in _texts(part))
            return _count(whole, abbreviation) > _count(own, abbreviation)
        for n, text in self.read:
            if n is not node and _count(text, abbreviation):
                return True
        for n, text in self.rest:
            self.read.append((n, text))
            if n is not node and _count(text, abbreviation):
                return True
        return False


def _without(intro: str) -> Callable[[str], str]:
    return lambda text: text.replace(intro, "", 1)


def drop_unused_catalogue_abbreviations(body: list[Node], appendices: list[Appendix]) -> None:
    """Remove «(далее – X)» from a catalogue item when neither the rest of the Порядок
    nor its appendices (the register among them) write X. Every item is judged by the texts
    as composed, so the removals are made once all are judged."""
    uses = _Uses(body, appendices)
    drops: list[tuple[Node, str]] = []
    for root in body:
        for node in root.walk():
            if not (node.id or "").startswith(_CATALOGUE_IDS):
                continue
            own = f"{node.term or ''} {node.text}"
            for m in list(INTRO.finditer(node.text)):
                abbrs = [a.strip() for a in m.group(1).split(",")]
                if not any(uses.outside(node, own, a) for a in abbrs):  # used outside this item
                    drops.append((node, m.group(0)))
    for node, intro in drops:
        node.content = retext(node.content, _without(intro))
