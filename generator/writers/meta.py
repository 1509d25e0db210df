"""Document metadata (DOCX core properties, and through them the PDF's Info and XMP): what fits.

The OOXML core properties hold at most 255 characters each (python-docx refuses more), and a
real body's name with the title of its order can be longer. The metadata keeps what fits, cut
at a word with «…»; the text of the document always keeps the whole name.
"""

from __future__ import annotations

LIMIT = 255
ELLIPSIS = "…"


def fit(text: str, limit: int = LIMIT) -> str:
    """``text`` if it fits in ``limit`` characters, else its longest prefix that ends at a word
    followed by «…» (a word longer than the limit is cut inside)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[: limit - len(ELLIPSIS) + 1]  # one more: a space right after the cut keeps the last word
    cut = room.rfind(" ")
    head = room[:cut] if cut > 0 else room[: limit - len(ELLIPSIS)]
    return head.rstrip(" ,;:–-") + ELLIPSIS
