"""The amending order «О внесении изменений в приказ … от … № …», worded from the edits.

Russian legal technique (State Duma methodological recommendations, 2021): only the
original act is amended; one sub-item changes one structural unit or one appendix; a
small change replaces words («в пункте 2.6 слова «…» заменить словами «…»»), a large one
sets the unit out anew («пункт 2.6 изложить в следующей редакции: «…»»); a new unit
«дополнить пунктом 2.6¹ следующего содержания: «…»»; a removed one «признать утратившим
силу»; register rows «дополнить строкой 11», «строку 4 изложить в следующей редакции»,
«строку 7 признать утратившей силу», or the appendix in a new edition when most rows
changed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher

from ..config import AgencyConfig
from ..designations import ActRef, appendix_label, appendix_phrase
from ..edition import Act, find_register, procedure_title
from ..errors import known
from ..inline import AppRef, Atom, Content, Strong, Text, concat, map_atoms, text
from ..numbering import letter
from ..passes import Context, approval_sheet
from ..passes.typography import set_nodes, typography
from ..reader import body_names
from ..reader.order import closing_clauses
from ..reader.phrases import Phrase
from ..reader.requisites import DRAFT_DATE, DRAFT_NUMBER
from ..reader.requisites import draft as draft_sheet
from ..russian import capitalize_first, format_date, normalise_person
from ..tree import Appendix, Cell, Document, Mark, Node, Signature, Table
from .diff import tokens
from .match import Item, RowItem
from .state import Edit, State


def _clause(words: str | Content, children: list[Node] | None = None) -> Node:
    return Node(kind="clause", content=text(words) if isinstance(words, str) else words, children=children or [])


def _para(words: str | Content) -> Node:
    return Node(kind="para", content=text(words) if isinstance(words, str) else words)

NOUNS: dict[str, dict[str, str]] = {
    noun: {"nomn": noun, "gent": noun + "а", "accs": noun, "ablt": noun + ("ем" if noun == "абзац" else "ом"),
           "loct": noun + "е", "plur": noun + "ы", "plur_ablt": noun + "ами"}
    for noun in ("пункт", "подпункт", "раздел", "абзац")
}
NOUNS["строка"] = {"nomn": "строка", "gent": "строки", "accs": "строку", "ablt": "строкой", "loct": "строке",
                   "plur": "строки", "plur_ablt": "строками"}
ORDINALS = ("первый второй третий четвертый пятый шестой седьмой восьмой девятый десятый одиннадцатый "
            "двенадцатый тринадцатый четырнадцатый пятнадцатый шестнадцатый семнадцатый восемнадцатый "
            "девятнадцатый двадцатый").split()
TENS = {2: ("двадцать", "двадцатый"), 3: ("тридцать", "тридцатый"), 4: ("сорок", "сороковой"),
        5: ("пятьдесят", "пятидесятый")}
APPROVED = {"m": "утвержденный", "f": "утвержденную", "n": "утвержденное", "p": "утвержденные"}
NBSP = "\u00a0"


def ordinal(n: int, case: str) -> str:
    """«третий», «третьего», «третьем» — an абзац's ordinal in a case (1…59)."""
    if n <= 20:
        words = [ORDINALS[n - 1]]
    else:
        tens, ones = divmod(n, 10)
        words = [TENS[tens][1]] if not ones else [TENS[tens][0], ORDINALS[ones - 1]]
    last = words[-1]
    if case in ("gent", "loct", "ablt", "datv"):
        stem, soft = (last[:-2], last.endswith("ий"))
        if soft:
            stem = last[:-2] + "ь"  # третий → треть-
        ending = {"gent": "его" if soft else "ого", "loct": "ем" if soft else "ом",
                  "ablt": "им" if soft else "ым", "datv": "ему" if soft else "ому"}[case]
        last = stem + ending
    return " ".join([*words[:-1], last])


# --- names of the units ---------------------------------------------------------------------------

def _chain(item: Item) -> list[Item]:
    out = []
    p = item.parent
    while p is not None:
        if p.numbered and p.kind != "section":
            out.append(p)
        p = p.parent
    return out


def _designation(item: Item, style: str) -> tuple[str, str, str]:
    """(noun, the unit's own number as written, the rest): «подпункт», «1», « пункта 15»."""
    if item.kind == "section":
        return "раздел", item.ref, ""
    chain = _chain(item)
    if style == "decimal" or not chain:
        return ("пункт" if not chain else "подпункт"), item.ref, ""
    if len(chain) == 1:
        return "подпункт", item.ref, f" пункта {chain[0].ref}"
    return "подпункт", f"«{item.ref}»", f" подпункта {chain[0].ref} пункта {chain[1].ref}"


class Wording:
    def __init__(self, style: str) -> None:
        self.style = style

    def style_of(self, part: str) -> str:
        return "decimal" if part == "order" else self.style

    def unit(self, item: Item, case: str, part: str) -> str:
        noun, own, rest = _designation(item, self.style_of(part))
        return f"{NOUNS[noun][case]} {own}{rest}"

    def target(self, edit: Edit, case: str) -> str:
        owner = edit.target
        if edit.abzac is None:
            return self.unit(known(owner, "изменяемый пункт"), case, edit.part)
        if owner is not None and owner.kind == "section" and edit.abzac == 1:
            form = {"loct": "наименовании", "gent": "наименования"}.get(case, "наименование")
            return f"{form} {self.unit(owner, 'gent', edit.part)}"
        phrase = f"{NOUNS['абзац'][case]} {ordinal(edit.abzac, case)}"
        return phrase + (f" {self.unit(owner, 'gent', edit.part)}" if owner else "")


# --- words ------------------------------------------------------------------------------------

def _count(frag: str) -> tuple[bool, bool]:
    """(digits only, a single token)."""
    return bool(re.fullmatch(r"\d+", frag)), len(re.split("[ \u00a0]", frag)) == 1


def _acc(frag: str) -> str:
    digits, one = _count(frag)
    if digits:
        return "цифру" if len(frag) == 1 else "цифры"
    return "слово" if one else "слова"


def _abl(frag: str) -> str:
    digits, one = _count(frag)
    if digits:
        return "цифрой" if len(frag) == 1 else "цифрами"
    return "словом" if one else "словами"


def _gen(frag: str) -> str:
    digits, one = _count(frag)
    if digits:
        return "цифры" if len(frag) == 1 else "цифр"
    return "слова" if one else "слов"


def _occurrences(seq: list[str], part: list[str]) -> int:
    n = len(part)
    return sum(1 for i in range(len(seq) - n + 1) if seq[i:i + n] == part) if n else 0


def _q(text: str) -> str:
    return f"«{text}»"


def _edit_ops(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """The changed stretches of the words; two places a word or two apart read as one."""
    ops: list[tuple[str, int, int, int, int]] = []
    for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op[0] == "equal":
            continue
        if ops and op[1] - ops[-1][2] <= 2:
            ops[-1] = ("replace", ops[-1][1], op[2], ops[-1][3], op[4])
        else:
            ops.append(op)
    return ops


def _inserted(a: list[str], b: list[str], i1: int, j1: int, j2: int) -> str:
    """Words inserted: «после слов «…» дополнить словами «…»» (the words before them,
    as many as make them unique)."""
    start = i1 - 1
    while start > 0 and _occurrences(a, a[start:i1]) > 1:
        start -= 1
    after, words = " ".join(a[start:i1]), " ".join(b[j1:j2])
    return f"после {_gen(after)} {_q(after)} дополнить {_abl(words)} {_q(words)}"


def _unique_span(a: list[str], i1: int, i2: int, j1: int, j2: int) -> tuple[int, int, int, int]:
    """Widen a replaced span until its old words occur once in the text."""
    if i1 == i2:  # at the very beginning: replace the first word
        i2, j2 = 1, j2 + 1
    while _occurrences(a, a[i1:i2]) > 1 and (i1 > 0 or i2 < len(a)):
        if i1 > 0:
            i1, j1 = i1 - 1, j1 - 1
        else:
            i2, j2 = i2 + 1, j2 + 1
    return i1, i2, j1, j2


def _replaced(a: list[str], frag_a: str, frag_b: str) -> str:
    for mark in ".,;:":
        if frag_a.endswith(mark) and frag_b.endswith(mark) and len(frag_a) > 1 and len(frag_b) > 1:
            frag_a, frag_b = frag_a[:-1], frag_b[:-1]
    if frag_b.startswith(frag_a + " "):  # words added after the last one changed
        rest = frag_b[len(frag_a) + 1:]
        return f"после {_gen(frag_a)} {_q(frag_a)} дополнить {_abl(rest)} {_q(rest)}"
    if frag_a.startswith(frag_b + " ") and _occurrences(a, tokens(frag_a[len(frag_b) + 1:])) == 1:
        rest = frag_a[len(frag_b) + 1:]  # words removed after the last one kept
        return f"{_acc(rest)} {_q(rest)} исключить"
    if not frag_b:
        return f"{_acc(frag_a)} {_q(frag_a)} исключить"
    return f"{_acc(frag_a)} {_q(frag_a)} заменить {_abl(frag_b)} {_q(frag_b)}"


def word_changes(old: str, new: str) -> list[str] | None:
    """The word replacements that turn ``old`` into ``new``, or None when the text should
    be set out anew (more than two places or more than half of the words changed)."""
    a, b = tokens(old), tokens(new)
    ops = _edit_ops(a, b)
    changed = sum(max(i2 - i1, j2 - j1) for _t, i1, i2, j1, j2 in ops)
    if not ops or len(ops) > 2 or changed * 2 > max(len(a), len(b)):
        return None
    out = []
    for _tag, i1, i2, j1, j2 in ops:
        if i1 == i2 and i1 > 0:  # an insertion: after the words before it
            out.append(_inserted(a, b, i1, j1, j2))
            continue
        i1, i2, j1, j2 = _unique_span(a, i1, i2, j1, j2)
        out.append(_replaced(a, " ".join(a[i1:i2]), " ".join(b[j1:j2])))
    return out


# --- quoted content ------------------------------------------------------------------------------

def unit_lines(node: Node) -> list[Content]:
    """A unit as it reads in the text: its number, its text, its sub-units."""
    if node.kind == "table":
        return []
    if node.kind == "bullet":
        line = concat("– ", node.content)
    elif node.kind == "definition":
        line = concat(node.number + " " if node.number else "", (Strong(text(node.term or "")),), " – ",
                      node.content)
    else:
        line = concat(f"{node.number} ", node.content) if node.number else node.content
    out = [line]
    for child in node.children:
        out += unit_lines(child)
    return out


def _quoted(lines: list[Content]) -> list[Node]:
    if not lines:
        return []
    lines = list(lines)
    lines[0] = concat("«", lines[0])
    lines[-1] = concat(lines[-1], "»")
    return [_para(line) for line in lines]


def _row_table(rows: list[RowItem], register: Table) -> Node:
    """The rows an amending order sets out, on a landscape page where the register has one."""
    nc = register.number_column
    table = Table(columns=register.columns, widths=register.widths, header=False, landscape=register.landscape)
    for x in rows:
        entry = [list(r) for r in known(x.new, "строка Перечня")]
        if nc is not None:
            entry[0][nc] = Cell(text(x.number), rowspan=entry[0][nc].rowspan)
        table.rows += entry
        table.groups.append(len(entry))
    first = table.rows[0][0]
    table.rows[0][0] = Cell(concat("«", first.content), rowspan=first.rowspan)
    return Node(kind="table", table=table)


# --- the amending order --------------------------------------------------------------------------

def _refs(refs: list[str]) -> str:
    if len(refs) == 1:
        return refs[0]
    if len(refs) == 2:
        return f"{refs[0]} и {refs[1]}"
    return f"{refs[0]}–{refs[-1]}"


class AmendingOrder:
    def __init__(self, cfg: AgencyConfig, doc: Document, cons: State, act: Act, issuer_gent: str,
                 draft: bool = False) -> None:
        self.cfg, self.doc, self.cons, self.act = cfg, doc, cons, act
        self.draft = draft  # the date and number left blank, an approval sheet at the end
        self.issuer = issuer_gent
        self.words = Wording(cfg.procedure.numbering)
        self.appendices: list[Appendix] = []
        self.count = 0  # the changes, for «изменения» / «изменений»

    def _app_phrase(self, app: Appendix, case: str) -> str:
        label = appendix_phrase(case, app.number or "", nbsp=True, number_sign=self.cfg.marks.number_sign) or ""
        inside = any(app is a for a in self.doc.appendices)
        return f"{label} к {'приказу' if inside else 'Порядку'}"

    def sub_item(self, edit: Edit) -> Node:
        """One sub-item «в пункте 2.6 слова … заменить словами …» of the amending order."""
        handlers = {"title": self._title, "words": self._words, "rewrite": self._rewrite, "insert": self._insert,
                    "abzac_insert": self._abzac_insert, "repeal": self._repeal, "appendix": self._appendix}
        return handlers.get(edit.action, self._row_item)(edit)

    def _title(self, edit: Edit) -> Node:
        self.count += 1
        changes = word_changes(edit.old, edit.new)
        if changes is not None:
            return _clause("в наименовании " + ", ".join(changes))
        return _clause("наименование изложить в следующей редакции:", children=_quoted([text(edit.new)]))

    def _words(self, edit: Edit) -> Node:
        self.count += 1
        changes = word_changes(edit.old, edit.new)
        if changes is not None:
            return _clause(f"в {self.words.target(edit, 'loct')} " + ", ".join(changes))
        node = edit.target.node if edit.abzac is None and edit.target is not None else None
        lines = unit_lines(node)[:1] if node is not None else [text(edit.new)]
        return _clause(f"{self.words.target(edit, 'accs')} изложить в следующей редакции:", children=_quoted(lines))

    def _rewrite(self, edit: Edit) -> Node:
        target = known(edit.target, "изменяемый пункт")
        self.count += 1
        return _clause(f"{self.words.unit(target, 'accs', edit.part)} изложить в следующей редакции:",
                       children=_quoted(unit_lines(known(target.node, "изменяемый пункт"))))

    def _numbers(self, edit: Edit) -> tuple[str, str, str]:
        """(the noun, the numbers of the units «2.6¹ и 2.6²», the rest « пункта 15»)."""
        noun, own, rest = _designation(edit.items[0], self.words.style_of(edit.part))
        refs = [(f"«{it.ref}»" if own.startswith("«") else it.ref) for it in edit.items]
        return noun, _refs(refs), rest

    def _insert(self, edit: Edit) -> Node:
        self.count += len(edit.items)
        noun, refs, _rest = self._numbers(edit)
        form = NOUNS[noun]["ablt" if len(edit.items) == 1 else "plur_ablt"]
        owner = edit.target
        lead = f"{self.words.unit(owner, 'accs', edit.part)} " if owner is not None and owner.kind != "section" else ""
        lines = [line for it in edit.items if it.node is not None for line in unit_lines(it.node)]
        return _clause(f"{lead}дополнить {form} {refs} следующего содержания:", children=_quoted(lines))

    def _abzac_insert(self, edit: Edit) -> Node:
        self.count += 1
        owner = edit.target
        lead = f"{self.words.unit(owner, 'accs', edit.part)} " if owner is not None else ""
        after = f"после абзаца {ordinal(edit.after, 'gent')} " if edit.after else ""
        node = known(edit.items[0].node, "добавленный абзац")
        return _clause(f"{lead}{after}дополнить абзацем следующего содержания:", children=_quoted(unit_lines(node)[:1]))

    def _repeal(self, edit: Edit) -> Node:
        if edit.abzac is not None:
            self.count += 1
            return _clause(f"{self.words.target(edit, 'accs')} признать утратившим силу")
        self.count += len(edit.items)
        if len(edit.items) == 1:
            return _clause(f"{self.words.unit(edit.items[0], 'accs', edit.part)} признать утратившим силу")
        noun, refs, rest = self._numbers(edit)
        return _clause(f"{NOUNS[noun]['plur']} {refs}{rest} признать утратившими силу")

    def _appendix(self, edit: Edit) -> Node:
        appendix = known(edit.appendix, "приложение")
        self.count += 1
        self.appendices.append(appendix)
        return _clause(concat(f"{self._app_phrase(appendix, 'accs')} изложить в новой редакции согласно ",
                              (AppRef(f"new:{len(self.appendices)}", "datv"),), " к настоящему приказу"))

    def _row_item(self, edit: Edit) -> Node:
        rows = edit.rows
        numbers = _refs([x.number for x in rows])
        if edit.action == "row_repeal":
            self.count += len(rows)
            if len(rows) == 1:
                return _clause(f"строку {numbers} признать утратившей силу")
            return _clause(f"строки {numbers} признать утратившими силу")
        table = self._register_table()
        node = _row_table(rows, table)
        closing = _para("»")
        if edit.action == "row_insert":
            self.count += len(rows)
            word = "строкой" if len(rows) == 1 else "строками"
            return _clause(f"дополнить {word} {numbers} следующего содержания:",
                        children=[node, closing])
        self.count += 1
        return _clause(f"строку {numbers} изложить в следующей редакции:", children=[node, closing])

    def _register_table(self) -> Table:
        found = find_register(self.doc)
        return known(found[0].table if found else None, "таблица Перечня")

    def _register_lead(self, edit: Edit) -> str:
        if edit.register_clause is not None:
            return f"в таблице {self.words.unit(edit.register_clause, 'gent', 'procedure')}"
        return f"в {self._app_phrase(known(edit.appendix, 'приложение'), 'loct')}"

    def clause_items(self, edits: list[Edit]) -> list[Node]:
        """Sub-items of one clause; the register's row edits go under one sub-item."""
        out: list[Node] = []
        rows = [e for e in edits if e.action.startswith("row_")]
        for e in edits:
            if e.action.startswith("row_"):
                if e is rows[0]:
                    subs = [self.sub_item(r) for r in rows]
                    lead = self._register_lead(e)
                    if len(subs) == 1:
                        subs[0].content = concat(f"{lead} ", subs[0].content)
                        out.append(subs[0])
                    else:
                        out.append(_clause(f"{lead}:", children=subs))
                continue
            out.append(self.sub_item(e))
        return out

    def _clauses(self) -> list[Node]:
        """«Внести в приказ … следующие изменения:» and «Внести в Порядок …», each with its
        sub-items; a clause that makes one change says «следующее изменение:»."""
        original = self.cons.edition.original
        requisites = ActRef(self.issuer, original.date, original.number).requisites(nbsp=True)
        procedure = next((a for a in self.doc.appendices if a.id == "procedure"), None)
        leads: list[tuple[str, list[Edit]]] = []
        order_edits = [e for e in self.cons.edits if e.part == "order"]
        if order_edits:
            in_force = self.cons.edition.title or original.title
            leads.append((f"Внести в приказ {self.issuer} {requisites} «{in_force}»", order_edits))
        procedure_edits = [e for e in self.cons.edits if e.part == "procedure"]
        if procedure_edits and procedure is not None:
            accs = Phrase(self.cons.edition.procedure_title or procedure_title(self.doc)).form("accs")
            leads.append((f"Внести в {accs}, {APPROVED[procedure.gender]} приказом {self.issuer} {requisites},",
                          procedure_edits))
        clauses, singles = [], []
        for lead, edits in leads:
            before = self.count
            node = _clause(f"{lead} следующие изменения:", children=self.clause_items(edits))
            clauses.append(node)
            if self.count - before == 1 and len(node.children) == 1:
                singles.append(node)
        number_items(clauses)
        for c in clauses:
            _finish_items(c)
        for c in singles:
            _single(c)
        return clauses

    def _resolve_new_appendices(self, clauses: list[Node], new_apps: list[Appendix]) -> None:
        def new_app_ref(atom: Atom) -> Text | None:
            if isinstance(atom, AppRef) and atom.target.startswith("new:"):
                return Text(self._new_app_ref(new_apps, int(atom.target[4:])))
            return None

        for c in clauses:
            for node in c.walk():
                node.content = concat(map_atoms(node.content, new_app_ref))

    def build(self) -> Document:
        cfg = self.cfg
        original = self.cons.edition.original
        clauses = self._clauses()
        warnings: list[str] = []
        closing = closing_clauses(cfg, body_names(cfg, warnings), warnings)
        set_nodes(closing)  # the clauses citing words are set as they are quoted
        body = clauses + closing
        for n, c in enumerate(body, start=1):
            c.number, c.ref_number = f"{n}.", str(n)
        new_apps = self._new_appendices()
        self._resolve_new_appendices(clauses, new_apps)
        requisites = ActRef(self.issuer, original.date, original.number).requisites(nbsp=True)
        preamble = cfg.amendment.preamble or f"В целях актуализации приказа {self.issuer} {requisites}"
        return self._document(title_for(self.issuer, original, self.count), typography(preamble), body, new_apps)

    def _document(self, title: str, preamble: str, body: list[Node], apps: list[Appendix]) -> Document:
        """The amending order on the body's blank with its date and number (left blank in a
        draft, which ends with its approval sheet) and the signature."""
        cfg, doc, act = self.cfg, self.doc, self.act
        blank = known(doc.blank, "бланк")
        date_text = DRAFT_DATE if self.draft else typography(format_date(act.date, cfg.blank.date_style))
        sig = cfg.amendment.signatory
        signature = doc.signature if sig is None else Signature(
            position=capitalize_first(sig.position), person=normalise_person(sig.person))
        out = Document(slug=doc.slug, kind="order", title=title, author=doc.author, date=act.date,
                       blank=replace(blank, date_text=date_text,
                                     number_text=f"№{NBSP}{DRAFT_NUMBER if self.draft else act.number}"),
                       preamble=preamble, body=body, numbering="decimal", signature=signature,
                       appendices=apps, order_word=doc.order_word, layout=doc.layout,
                       draft=draft_sheet(cfg.order, body_names(cfg, [])) if self.draft else None)
        approval_sheet(out, Context(doc.slug))
        return out

    def _new_app_ref(self, apps: list[Appendix], k: int) -> str:
        return appendix_phrase("datv", "" if len(apps) == 1 else str(k), nbsp=True) or ""

    def _new_appendices(self) -> list[Appendix]:
        out = []
        for k, app in enumerate(self.appendices, start=1):
            label = appendix_label("" if len(self.appendices) == 1 else str(k), nbsp=True)
            old_mark = list(app.mark.lines) if app.mark else []
            if old_mark:
                old_mark[0] = "«" + old_mark[0]
                old_mark[-1] = old_mark[-1] + "»"
            out.append(Appendix(
                id=f"new-{app.id}", title_lines=app.title_lines, body=app.body, numbering=app.numbering,
                gender=app.gender, approved=False, number=str(k) if len(self.appendices) > 1 else "",
                landscape=app.landscape,
                mark=Mark([label, f"к приказу {self.issuer}",
                           f"от {DRAFT_DATE} №{NBSP}{DRAFT_NUMBER}" if self.draft
                           else ActRef(self.issuer, self.act.date, self.act.number).requisites(nbsp=True), "",
                           *old_mark])))
        return out


def _single(clause: Node) -> None:
    """A clause with one change: «следующее изменение:» and the change as its paragraph."""
    only = clause.children[0]
    clause.content = text(clause.text.replace("следующие изменения:", "следующее изменение:"))
    only.content = concat(capitalize_first(only.text[:1]), _drop_first_letter(only.content))
    only.number = only.ref_number = None
    only.kind = "para"


def _finish_items(clause: Node) -> None:
    """Sub-items end with «;», the last one with «.»; quoted content carries the mark."""
    subs = clause.children
    for k, sub in enumerate(subs):
        mark = "." if k == len(subs) - 1 else ";"
        _terminate(sub, mark)


def _terminate(node: Node, mark: str) -> None:
    if node.children and node.children[-1].kind in ("clause",):
        for k, sub in enumerate(node.children):
            _terminate(sub, mark if k == len(node.children) - 1 else ";")
        return
    target = node.children[-1] if node.children else node
    target.content = concat(target.content, mark)


def _drop_first_letter(content: Content) -> Content:
    """The content without its first letter (a capital one goes before it)."""
    if content and isinstance(content[0], Text) and content[0].text:
        return (Text(content[0].text[1:]), *content[1:])
    return content


def title_for(issuer_gent: str, original: Act, count: int) -> str:
    word = "изменения" if count == 1 else "изменений"
    return typography(f"О внесении {word} в {ActRef(issuer_gent, original.date, original.number).phrase('приказ')}")


def number_items(body: list[Node]) -> None:
    """Sub-items «1)», «2)» and their sub-items «а)», «б)» of the amending order."""
    for clause in body:
        for k, sub in enumerate((c for c in clause.children if c.kind == "clause"), start=1):
            sub.number, sub.ref_number = f"{k})", str(k)
            for j, subsub in enumerate((c for c in sub.children if c.kind == "clause"), start=1):
                subsub.number, subsub.ref_number = f"{letter(j)})", letter(j)
