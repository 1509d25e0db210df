"""Checks of a composed document (``prikaz check``), beyond what composing already refuses.

* an abbreviation «(далее – X)» introduced twice in one act, or used before it is
  introduced (errors);
* a defined term that the act never uses (warning);
* an appendix of the order that no clause of the order approves (warning);
* the lints of legal technique in lints.py: the short name not introduced (error), an
  abbreviation never used, a term in another case of letters, list punctuation, doubled
  words, a reference to an appendix without its document (warnings).

Each act is checked on its own: the order, and each of its appendices with theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lints
from .abbreviations import INTRO
from .russian import CASES, decline_phrase
from .tree import Appendix, Document, Node

DEFINED_PHRASE_WORDS = 12  # how far back from «(далее – X)» the defined phrase may reach
_INTRO = INTRO


@dataclass
class Finding:
    error: bool
    where: str
    message: str

    def __str__(self) -> str:
        return f"{'ошибка' if self.error else 'предупреждение'}: {self.where}: {self.message}"


def _label(node: Node) -> str:
    if node.kind == "definition" and not node.number:
        return f"определение «{node.term or ''}»"
    if node.kind == "section":
        return f"раздел {node.number or node.text[:30]}"
    if node.number:
        return f"пункт {node.ref_number or node.number}"
    return f"«{node.text[:40]}…»"


def _texts(nodes: list[Node]) -> list[tuple[str, str, Node | None]]:
    out: list[tuple[str, str, Node | None]] = []
    for root in nodes:
        for n in root.walk():
            if n.kind == "table" and n.table:
                for row in n.table.rows:
                    out.extend(("таблица", c.text, None) for c in row)
                continue
            text = f"{n.term} – {n.text}" if n.term else n.text
            out.append((_label(n), text.replace("\u00a0", " "), n))
    return out


def _acts(doc: Document) -> list[tuple[str, list[tuple[str, str, Node | None]]]]:
    acts = []
    if doc.kind == "order":
        head: list[tuple[str, str, Node | None]] = [("заголовок", doc.title, None),
                                                    ("преамбула", doc.preamble or "", None)]
        acts.append(("приказ", [*head, *_texts(doc.body)]))
        for app in doc.appendices:
            acts.append((_app_name(app), _app_texts(app)))
    else:
        lines: list[tuple[str, str, Node | None]] = [("заголовок", t, None) for t in doc.title_lines]
        acts.append(("документ", lines + _texts(doc.body) + [
            t for app in doc.appendices for t in _app_texts(app)]))
    return [(name, [(w, t.replace("\u00a0", " "), n) for w, t, n in texts]) for name, texts in acts]


def _app_name(app: Appendix) -> str:
    return f"приложение {app.number}".strip() if app.number else "приложение"


def _app_texts(app: Appendix) -> list[tuple[str, str, Node | None]]:
    out: list[tuple[str, str, Node | None]] = [("заголовок приложения", t, None) for t in app.title_lines]
    out += _texts(app.body)
    for sub in app.appendices:
        out += _app_texts(sub)
    return out


def _forms(phrase: str) -> set[str]:
    return {decline_phrase(phrase, c) for c in CASES} | {phrase}


def _act_roots(doc: Document) -> list[list[Node]]:
    """The nodes of each act of ``_acts``, in the same order."""
    def app_roots(app: Appendix) -> list[Node]:
        return app.body + [n for sub in app.appendices for n in app_roots(sub)]

    if doc.kind == "order":
        return [doc.body] + [app_roots(app) for app in doc.appendices]
    return [doc.body + [n for app in doc.appendices for n in app_roots(app)]]


def _lints(act: str, texts: list[tuple[str, str, Node | None]], roots: list[Node], short: str,
           full_names: list[str]) -> list[Finding]:
    labels = {id(n): w for w, _t, n in texts if n is not None}
    found = (lints.short_name_unintroduced(act, texts, short, full_names) + lints.unused_abbreviations(act, texts)
             + lints.term_case(act, texts) + lints.list_punctuation(act, roots, labels)
             + lints.doubled_words(act, texts) + lints.appendix_without_document(act, texts))
    return [Finding(error, where, message) for error, where, message in found]


def check_document(doc: Document, body_names: list[str], short: str = "") -> list[Finding]:
    """``body_names``: the body's full names (all cases are derived), which contain words
    like «Комитет» that are not uses of the abbreviation; ``short``: its short name."""
    findings: list[Finding] = []
    full_names = sorted({f for n in body_names for f in _forms(n)}, key=len, reverse=True)
    for (act, texts), roots in zip(_acts(doc), _act_roots(doc), strict=True):
        findings += _lints(act, texts, roots, short, full_names)
        introduced: dict[str, str] = {}
        for where, text, _node in texts:
            for m in _INTRO.finditer(text):
                for abbr in (a.strip() for a in m.group(1).split(",")):
                    if not abbr:
                        continue
                    if abbr in introduced:
                        findings.append(Finding(True, f"{act}, {where}",
                                                f"сокращение «{abbr}» уже введено ({introduced[abbr]})"))
                        continue
                    introduced[abbr] = where
                    used = _used_before(abbr, texts, where, m.start(), text, full_names)
                    if used:
                        findings.append(Finding(True, f"{act}, {used}",
                                                f"сокращение «{abbr}» употреблено до того, как введено ({where})"))
        findings += _unused_terms(act, texts)
    findings += _unapproved(doc)
    return findings


def _strip_names(text: str, full_names: list[str]) -> str:
    for name in full_names:
        text = text.replace(name, " ")
    return text


def _used_before(abbr: str, texts: list[tuple[str, str, Node | None]], intro_where: str, intro_pos: int,
                 intro_text: str, full_names: list[str]) -> str | None:
    if abbr[:1].islower():
        return None  # «(далее – органы и организации)»: ordinary words, not checked
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in sorted(_forms(abbr), key=len,
                                                                                 reverse=True)) + r")(?![\w-])")
    for where, text, _node in texts:
        before = _strip_names(text, full_names)
        if where == intro_where and text == intro_text:
            # the defined phrase itself stands right before «(далее …»: skip its last words
            head = _strip_names(text[:intro_pos], full_names)
            words = list(re.finditer(r"\S+", head))
            before = head[: words[-DEFINED_PHRASE_WORDS].start()] if len(words) > DEFINED_PHRASE_WORDS else ""
        if pattern.search(before):
            return where
        if where == intro_where and text == intro_text:
            return None
    return None


def _stem(word: str) -> str:
    w = word.lower().replace("ё", "е")
    return w[: max(3, len(w) - 2)]  # «путь» → «пут»: «пути», «путем»


def _unused_terms(act: str, texts: list[tuple[str, str, Node | None]]) -> list[Finding]:
    out = []
    for where, _text, node in texts:
        if node is None or node.kind != "definition" or not node.term:
            continue
        term = re.sub(r"\s*\([^)]*\)", "", node.term).strip()
        words = re.findall(r"\w[\w-]*", term)
        if not words:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\w*\s+".join(re.escape(_stem(w)) for w in words) + r"\w*",
                             re.IGNORECASE)
        rest = " ".join(t for w, t, n in texts if n is not node).lower().replace("ё", "е")
        if not pattern.search(rest):
            out.append(Finding(False, f"{act}, {where}", f"термин «{term}» определён, но в тексте не используется"))
    return out


def _unapproved(doc: Document) -> list[Finding]:
    if doc.kind != "order":
        return []
    ids = {n.id for root in doc.body for n in root.walk() if n.id}
    out = []
    for app in doc.appendices:
        if f"approve_{app.id}" not in ids:
            out.append(Finding(False, f"приказ, {_app_name(app)}",
                               f"приложение «{' '.join(app.title_lines)[:60]}» не утверждается ни одним пунктом "
                               "приказа"))
    return out
