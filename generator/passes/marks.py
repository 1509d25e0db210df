"""The marks pass: the grif «УТВЕРЖДЕН приказом …» or the mark «Приложение № 1 к
приказу …» of every appendix, agreeing with the approved document's gender."""

from __future__ import annotations

from ..designations import appendix_label
from ..tree import Appendix, Document, Mark, MarkRules

GRIF = {"m": "УТВЕРЖДЕН", "f": "УТВЕРЖДЕНА", "n": "УТВЕРЖДЕНО", "p": "УТВЕРЖДЕНЫ"}


def _own(app: Appendix, rules: MarkRules) -> Mark:
    """The mark of an appendix of the Порядок."""
    return Mark([appendix_label(app.number or "", rules.number_sign), f"к {rules.procedure_datv}"])


def marks(doc: Document) -> None:
    rules = doc.marks
    if doc.kind == "procedure":
        for app in doc.appendices:
            app.mark = _own(app, rules)
        return
    for app in doc.appendices:
        if rules.style == "grif" and app.approved:
            lines = [GRIF[app.gender], f"приказом {rules.issuer_gent}", rules.requisites]
        else:
            lines = [appendix_label(app.number or "", rules.number_sign), f"к приказу {rules.issuer_gent}",
                     rules.requisites]
        app.mark = Mark(lines)
        for sub in app.appendices:
            sub.mark = _own(sub, rules)
