"""The requisites of the signed order checked against the config and the command line:
its date and number on the blank, the issuer's name, and in every appendix mark; the
signature. A date, number or issuer that does not match refuses the adoption; a defect of
the paper itself (a second spelling of the number in a mark, initials typed in Latin
letters) is recorded as signed and reported — an amending order cannot correct requisites.
"""

from __future__ import annotations

import datetime as dt
import re
from difflib import SequenceMatcher
from pathlib import Path

from ..errors import Diagnostic
from ..tree import Document
from .align import Difference
from .normalise import clean, key
from .parts import SignedOrder
from .source import AdoptRefused, Grid, Para

MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря")
_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{2})\.(\d{4})\b")
_WORDS = re.compile(r"«?(\d{1,2})»?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})")
_NUMBER = re.compile(r"№\s*([^\s,;]+)")
_ACT = re.compile(r"\bот\s+(?:«?\d{1,2}»?\s+\w+\s+\d{4}\s*г?\.?|\d{2}\.\d{2}\.\d{4})\s*(№\s*([^\s,;]+))")
_LATIN = re.compile(r"[A-Za-z]")


def dates(text: str) -> list[dt.date]:
    out = []
    for m in _NUMERIC.finditer(text):
        out.append(dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
    for m in _WORDS.finditer(text):
        out.append(dt.date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1))))
    return out


def _issuer_found(head: str, name: str) -> float:
    """How much of the body's name the blank carries: the best window of the head, 0…1."""
    a, b = key(name).upper(), key(head).upper()
    if a in b:
        return 1.0
    size = len(a)
    best = 0.0
    for start in range(0, max(1, len(b) - size + 1), max(1, size // 4)):
        best = max(best, SequenceMatcher(None, a, b[start:start + size + 10], autojunk=False).ratio())
    return best


def check(path: Path, signed: SignedOrder, doc: Document, date: dt.date, number: str) -> list[Difference]:
    """Refuse a document of another date, number or issuer; the requisite defects to report."""
    problems: list[Diagnostic] = []
    head = clean(signed.head_text())
    found_dates, found_numbers = dates(head), [m.group(1) for m in _NUMBER.finditer(head)]
    if date not in found_dates:
        seen = ", ".join(f"{d:%d.%m.%Y}" for d in found_dates) or "даты нет"
        problems.append(Diagnostic(path, None, "--date", f"на бланке {seen}, указано {date:%d.%m.%Y}"))
    if number not in found_numbers:
        seen = ", ".join(f"№ {n}" for n in found_numbers) or "номера нет"
        problems.append(Diagnostic(path, None, "--number", f"на бланке {seen}, указан № {number}"))
    name = " ".join(doc.blank.name_lines) if doc.blank else ""
    if name and _issuer_found(head, name) < 0.8:
        problems.append(Diagnostic(path, None, "agency.name", (
            f"на бланке нет наименования органа из конфигурации «{name}»: «{head[:120]}…»")))
    if problems:
        raise AdoptRefused("документ не соответствует конфигурации органа", problems)
    return _marks(signed, number, date) + _signature(signed, doc)


def _marks(signed: SignedOrder, number: str, date: dt.date) -> list[Difference]:
    out = []
    for k, app in enumerate(signed.appendices, start=1):
        text = clean(" ".join(p.text for p in app.mark))
        for m in _ACT.finditer(text):
            if m.group(2) != number:
                out.append(Difference("реквизиты", f"отметка приложения {k}", "requisite", m.group(1),
                                      f"№ {number}", "номер приказа написан иначе, чем на бланке"))
        for d in dates(text):
            if d != date:
                out.append(Difference("реквизиты", f"отметка приложения {k}", "requisite", f"{d:%d.%m.%Y}",
                                      f"{date:%d.%m.%Y}", "дата приказа в отметке иная, чем на бланке"))
    return out


def _signature(signed: SignedOrder, doc: Document) -> list[Difference]:
    if doc.signature is None:
        return []
    words = [c for b in signed.signature for c in ([b.text] if isinstance(b, Para) else
                                                  [x for row in b.rows for x in row] if isinstance(b, Grid) else [])]
    person = clean(words[-1]) if words else ""
    out = []
    if _LATIN.search(person):
        out.append(Difference("реквизиты", "подпись", "requisite", person, doc.signature.person,
                              "инициалы набраны латинскими буквами"))
    elif key(person) != key(doc.signature.person):
        out.append(Difference("реквизиты", "подпись", "requisite", person, doc.signature.person,
                              "инициалы и фамилия подписанта написаны иначе"))
    position = clean(" ".join(words[:-1]))
    if key(position).lower() != key(doc.signature.position).lower():
        out.append(Difference("реквизиты", "должность подписанта", "requisite", position, doc.signature.position,
                              "должность написана иначе"))
    return out
