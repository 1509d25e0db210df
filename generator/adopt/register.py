"""The register's table as signed: header rows dropped, rows grouped into entries (a row
with a number in the number column starts an entry, the rows under it belong to it),
entries aligned with the composed ones by number, then by words."""

from __future__ import annotations

from ..amendments.match import match
from ..edition import Entry, Register
from ..errors import known
from .align import Difference
from .normalise import clean, key


def _is_header(row: list[str], columns: list[str]) -> bool:
    words = [key(c) for c in row if c.strip()]
    if not words:
        return True
    if all(w.isdigit() for w in words) and [int(w) for w in words] == list(range(1, len(words) + 1)):
        return True  # the row of column numbers 1 2 3 …
    heads = {key(c) for c in columns}
    if sum(w in heads for w in words) * 2 >= len(words):
        return True
    return len(words) == 1 and len(row) > 2 and not words[0][:1].isdigit()  # a caption over the table


def signed_entries(rows: list[list[str]], register: Register) -> list[Entry]:
    width = len(register.columns)
    nc = register.number_column
    entries: list[Entry] = []
    for row in rows:
        if _is_header(row, register.columns):
            continue
        cells = [clean(c.replace("\n", " \n ")).replace(" \n ", "\n") for c in row[:width]]
        cells += [""] * (width - len(cells))
        number = cells[nc] if nc is not None else ""
        if entries and nc is not None and not number:
            entries[-1].lines.append(cells)
            continue
        entries.append(Entry(number=number.rstrip(".") or str(len(entries) + 1), lines=[cells]))
    return entries


def _words(e: Entry, nc: int | None) -> str:
    return key(" ".join(c for row in e.lines for i, c in enumerate(row) if i != nc))


def align_register(rows: list[list[str]], composed: Register) -> tuple[Register, list[Difference], int, int]:
    """The register as signed (entries with the signed cells), its differences, and the
    counts (entries aligned, entries signed)."""
    nc = composed.number_column
    signed = signed_entries(rows, composed)
    pairs = match(signed, composed.entries, (lambda e: e.number, lambda e: e.number),
                  (lambda e: _words(e, nc), lambda e: _words(e, nc)))
    entries: list[Entry] = []
    diffs: list[Difference] = []
    kept = 0
    for _status, s, c in pairs:
        if s is not None and c is not None:
            kept += 1
            same = _words(s, nc) == _words(c, nc) and len(s.lines) == len(c.lines)
            entries.append(c.model_copy(update={"number": s.number}) if same else
                           s.model_copy(update={"spans": c.spans if len(s.lines) == len(c.lines) else []}))
            if not same:
                diffs.append(Difference("Перечень", f"строка {s.number}", "wording", _flat(s), _flat(c)))
        elif s is not None:
            entries.append(s)
            diffs.append(Difference("Перечень", f"строка {s.number}", "signed_only", _flat(s), ""))
        else:
            c = known(c, "строка Перечня из конфигурации")
            diffs.append(Difference("Перечень", f"строка {c.number}", "composed_only", "", _flat(c)))
    return composed.model_copy(update={"entries": entries}), diffs, kept, len(signed)


def _flat(e: Entry) -> str:
    return " / ".join(" | ".join(c.replace("\n", "; ") for c in row) for row in e.lines)
