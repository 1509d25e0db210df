"""The numbering pass: every unit's number by the numbering style of its document, and
the appendices' numbers."""

from __future__ import annotations

from ..numbering import number_appendices, number_nodes
from ..tree import Appendix, Document


def number(doc: Document) -> None:
    number_nodes(doc.body, doc.numbering, doc.numbered_definitions)
    _number_bodies(doc.appendices)
    number_appendices(doc.appendices, doc.marks.number_sole)


def _number_bodies(apps: list[Appendix]) -> None:
    for app in apps:
        number_nodes(app.body, app.numbering, app.numbered_definitions)
        _number_bodies(app.appendices)
