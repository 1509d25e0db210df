"""How the document names its parts, in one place: appendices and their cases, the
labels of appendix marks, and the reference to a signed act «приказом … от … № …»."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .russian import NBSP

APPENDIX_FORMS = {
    "nomn": "приложение", "gent": "приложения", "datv": "приложению",
    "accs": "приложение", "ablt": "приложением", "loct": "приложении",
}


def appendix_phrase(case: str, number: str, nbsp: bool = False, number_sign: bool = True) -> str | None:
    """«приложению № 2» (or «приложению» for a sole appendix, «приложению 2» where the
    region writes no «№»); None for an unknown case. ``nbsp`` puts the non-breaking space
    after «№» at once (texts the typography pass does not see)."""
    word = APPENDIX_FORMS.get(case)
    if word is None:
        return None
    if not number:
        return word
    return f"{word} №{NBSP if nbsp else ' '}{number}" if number_sign else f"{word} {number}"


def appendix_label(number: str, number_sign: bool = True, nbsp: bool = False) -> str:
    """The first line of an appendix mark: «Приложение № 1», «Приложение 1» (regions
    without «№») or «Приложение» (a sole appendix)."""
    if not number:
        return "Приложение"
    return f"Приложение №{NBSP if nbsp else ' '}{number}" if number_sign else f"Приложение {number}"


@dataclass(frozen=True)
class ActRef:
    """A signed act as the texts refer to it: «приказ Комитета … от 28.02.2024 № 21»."""

    issuer_gent: str  # «Комитета по туризму Мурманской области»
    date: dt.date
    number: str

    def requisites(self, nbsp: bool = False) -> str:
        """«от 28.02.2024 № 21»."""
        return f"от {self.date:%d.%m.%Y} №{NBSP if nbsp else ' '}{self.number}"

    def phrase(self, word: str = "приказа", nbsp: bool = False) -> str:
        """«приказа Комитета … от 28.02.2024 № 21» with the noun in the case given."""
        return f"{word} {self.issuer_gent} {self.requisites(nbsp)}"


def number_problem(text: str) -> str | None:
    """What is wrong with an order's number as given (it is printed in documents and is
    part of file names, so short and plain), or None."""
    value = text.strip()
    if not value or len(value) > 60 or not value.isprintable() or any(c in value for c in "\u200b\u202e\ufeff"):
        return (f"«{ascii(text)[1:-1]}»: ожидается номер приказа — непустой, до 60 печатных символов, "
                "например «21» или «П-12-01/0019»")
    return None
