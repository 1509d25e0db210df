"""Writers: each reads a composed ``Document`` and writes one output format."""

from __future__ import annotations

import re

from ..markup import unescape_data

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def runs(text: str) -> list[tuple[str, bool]]:
    """Split inline markup into (text, bold) runs; escaped config characters restored."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _BOLD.finditer(text):
        if m.start() > pos:
            out.append((unescape_data(text[pos:m.start()]), False))
        out.append((unescape_data(m.group(1)), True))
        pos = m.end()
    if pos < len(text):
        out.append((unescape_data(text[pos:]), False))
    return out


def plain(text: str) -> str:
    return "".join(t for t, _ in runs(text))
