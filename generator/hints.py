"""Hints in messages: the known value closest to a wrong one («вы имели в виду …?»)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def suggestion(value: str, known: Iterable[str]) -> str:
    """«; вы имели в виду «x»?» when one of ``known`` is close to ``value``, else ""."""
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"; вы имели в виду «{close[0]}»?" if close else ""
