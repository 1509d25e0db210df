"""Abbreviations «(далее – X)» of the composed text: what a text introduces, and the
catalogue's abbreviations that a body's text never uses.

The catalogue names some touchpoints with an abbreviation («система электронного
документооборота (далее – СЭД)»); a Порядок that never writes «СЭД» afterwards must not
introduce it (legal technique: an abbreviation is introduced only to be used).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .inline import retext
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
    return len(re.findall(r"(?<![\w-])" + re.escape(abbreviation) + r"(?![\w-])", text))


def uses(text: str, abbreviation: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(abbreviation) + r"(?![\w-])", text) is not None


def _texts(nodes: list[Node]) -> list[tuple[Node | None, str]]:
    out: list[tuple[Node | None, str]] = []
    for root in nodes:
        for n in root.walk():
            out.append((n, f"{n.term or ''} {n.text}"))
            if n.table:
                out.extend((None, c.text) for row in n.table.rows for c in row)
    return out


def _without(intro: str) -> Callable[[str], str]:
    return lambda text: text.replace(intro, "", 1)


def drop_unused_catalogue_abbreviations(body: list[Node], appendices: list[Appendix]) -> None:
    """Remove «(далее – X)» from a catalogue item when neither the rest of the Порядок
    nor its appendices (the register among them) write X."""
    texts = _texts(body) + [t for app in appendices for t in _texts(app.body)]
    whole = "\n".join(t for _other, t in texts)  # searched once per abbreviation, not once per text
    for root in body:
        for node in root.walk():
            if not (node.id or "").startswith(_CATALOGUE_IDS):
                continue
            own = f"{node.term or ''} {node.text}"
            for m in list(INTRO.finditer(node.text)):
                abbrs = [a.strip() for a in m.group(1).split(",")]
                if not any(_count(whole, a) > _count(own, a) for a in abbrs):  # used outside this item
                    node.content = retext(node.content, _without(m.group(0)))
