"""Formatting is not wording: the signed text in the generator's typography, and a key to
compare texts regardless of dashes, quotes, spaces and soft hyphens.

``clean`` is what the edition records: the signed words with the typography pass applied
(«ёлочки», a spaced en dash, non-breaking spaces after «№» and in initials), soft hyphens
and odd spaces gone. ``key`` is what alignment compares: ``clean`` with every kind of dash,
quote and space made one. Two texts with equal keys differ in formatting only; what made
them differ is named by ``formatting`` and listed apart from the differences in wording.
"""

from __future__ import annotations

import re

from ..russian import typography

_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\t ]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\ufeff]")
_EM_DASH_SPACED = re.compile(r"\s*[—―]\s*")
_DASHES = re.compile(r"[-‐‑‒–—―]")
_QUOTES = re.compile(r"[«»„“”\"'‘’]")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:)»])")
_SPACE_AFTER_OPEN = re.compile(r"([(«])\s+")


def clean(text: str) -> str:
    """The signed words as the generator would typeset them."""
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _EM_DASH_SPACED.sub(" – ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _SPACE_AFTER_OPEN.sub(r"\1", text)
    return typography(text.strip())


def key(text: str) -> str:
    """A text for comparison: one kind of dash, quote, space and ellipsis; spaces around dashes dropped."""
    t = _QUOTES.sub('"', clean(text)).replace("...", "…")
    t = _DASHES.sub("-", t)
    t = _SPACES.sub(" ", t)
    return re.sub(r"\s*-\s*", "-", t).strip()


def formatting(signed: str, composed: str) -> list[str]:
    """What makes two texts with equal keys differ: the kinds of formatting, in Russian."""
    found: list[str] = []
    if _INVISIBLE.search(signed):
        found.append("мягкий перенос")
    if set(_DASHES.findall(signed)) != set(_DASHES.findall(composed)):
        found.append("вид тире")
    if _QUOTES.findall(signed) != _QUOTES.findall(composed):
        found.append("вид кавычек")
    if _SPACES.sub(" ", signed.replace("\u00a0", " ")) != _SPACES.sub(" ", composed.replace("\u00a0", " ")) \
            and not found:
        found.append("пробелы")
    return found or ["пробелы"]
