"""Where the body of a DOCX is written to: XML fragments in order, and what the writer
must know of the page it is on. Passed explicitly; no state is kept on python-docx's
objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

A4 = (210.0, 297.0)


@dataclass
class Sink:
    doc: Any  # python-docx's Document, from the blank template
    style_ids: dict[str, str]  # paragraph style name → id (python-docx scans every style per lookup)
    margins_mm: float  # left + right
    # encoded as they are written: a register's repeated cells are encoded once (tables.py),
    # and the document part is joined as bytes (encoding it whole took 1 ms of 1.9)
    fragments: list[bytes] = field(default_factory=list)
    landscape: bool = False
    sections: int = 1

    def add(self, xml: str) -> None:
        self.fragments.append(xml.encode("utf-8"))

    def add_encoded(self, xml: bytes) -> None:
        self.fragments.append(xml)

    def style(self, name: str) -> str:
        return self.style_ids[name]

    def text_width_mm(self) -> float:
        return (A4[1] if self.landscape else A4[0]) - self.margins_mm
