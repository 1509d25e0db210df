"""Writers: each reads a composed ``Document`` and writes one output format."""

from __future__ import annotations


def diff_marked(text: str, revision: str | None) -> str:
    """A tracked change as in a word diff: «{+inserted+}», «[-deleted-]»."""
    if revision is None:
        return text
    return "{+" + text + "+}" if revision == "ins" else "[-" + text + "-]"
