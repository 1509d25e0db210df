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


# Markers of tracked changes inside a text (set by consolidate.py for redlines; the DOCX
# writer makes them w:ins / w:del, the text writer «{+…+}» / «[-…-]»).
INS, INS_END, DEL, DEL_END = "\ue010", "\ue011", "\ue012", "\ue013"
_REVISION = re.compile("([\ue010\ue012])(.*?)[\ue011\ue013]", re.S)


def revision_runs(text: str) -> list[tuple[str, str | None]]:
    """Split a text into (text, None | "ins" | "del") pieces."""
    out: list[tuple[str, str | None]] = []
    pos = 0
    for m in _REVISION.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], None))
        out.append((m.group(2), "ins" if m.group(1) == INS else "del"))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def diff_marked(text: str, revision: str | None) -> str:
    """A tracked change as in a word diff: «{+inserted+}», «[-deleted-]»."""
    if revision is None:
        return text
    return "{+" + text + "+}" if revision == "ins" else "[-" + text + "-]"


def plain_revisions(text: str) -> str:
    return "".join(diff_marked(t, rev) for t, rev in revision_runs(text))
