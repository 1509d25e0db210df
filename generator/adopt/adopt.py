"""``prikaz adopt``: the steps from the signed file to the recorded edition."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import edition as ed
from ..amendments.match import match
from ..config import load_agency
from ..errors import Diagnostic, known
from ..files import write_atomic
from ..pipeline import compose_located
from ..tree import Document, Node
from .align import Aligned, Difference, Kind, align_units
from .normalise import clean, key
from .parts import Line, SignedAppendix, SignedOrder, line, recognise
from .reading import read_source
from .register import align_register
from .requisites import check
from .source import AdoptRefused, Block, Grid, Para

_END = (".", ";", ":", "!", "?", "»", ")")


@dataclass
class Composed:
    """An appendix of the composed document (or the standalone Порядок itself)."""

    id: str
    title: str
    body: list[Node]


@dataclass
class Adopted:
    slug: str
    differences: list[Difference] = field(default_factory=list)
    units: tuple[int, int, int] = (0, 0, 0)  # aligned, in the signed document, composed
    rows: tuple[int, int, int] = (0, 0, 0)  # the register's entries: aligned, signed, composed
    edition: ed.Edition | None = None
    written: Path | None = None
    truncated: bool = False

    @property
    def share(self) -> float:
        aligned, signed, composed = (a + b for a, b in zip(self.units, self.rows, strict=True))
        return aligned / max(signed, composed, 1)


def _composed_parts(doc: Document) -> list[Composed]:
    out = [Composed("procedure", " ".join(doc.title_lines), doc.body)] if doc.kind == "procedure" else []
    return out + [Composed(a.id, " ".join(a.title_lines), a.body) for a in doc.all_appendices()]


def _split_unmarked(signed: list[SignedAppendix], composed: list[Composed]) -> list[SignedAppendix]:
    """An appendix printed without a mark (the form at the end of the model Порядок) begins
    at a paragraph that is the title of a composed appendix."""
    titles = {key(c.title).lower() for c in composed[1:] if c.title}
    out: list[SignedAppendix] = []
    for app in signed:
        body, start = app.body, 0
        current = app
        for k, b in enumerate(body):
            if isinstance(b, Para) and k > 0 and key(b.text).lower() in titles:
                current.body = body[start:k]
                out.append(current)
                current, start = SignedAppendix([], [b], [], b.where), k + 1
        current.body = body[start:]
        out.append(current)
    return out


def _pair_appendices(signed: list[SignedAppendix], composed: list[Composed]) -> dict[str, SignedAppendix]:
    def title(a: SignedAppendix) -> str:
        return key(" ".join(p.text for p in a.title)).lower()

    pairs = match(signed, composed, (title, lambda c: key(c.title).lower()),
                  (title, lambda c: key(c.title).lower()))
    return {c.id: s for _st, s, c in pairs if s is not None and c is not None}


def _lines(blocks: list[Block]) -> list[Line]:
    return [line(b) if isinstance(b, Para) else Line(None, "table", "", b.where) for b in blocks]


def _truncated(blocks: list[Block], signed: SignedOrder, composed: list[Composed],
               found: dict[str, SignedAppendix]) -> bool:
    """The document stops short: its last paragraph has no closing punctuation, or the
    appendices after the last one read are missing."""
    last = blocks[-1] if blocks else None
    unfinished = isinstance(last, Para) and not last.text.rstrip().endswith(_END)
    read = [k for k, c in enumerate(composed) if c.id in found]
    return unfinished and bool(read) and (read[-1] < len(composed) - 1 or bool(signed.appendices))


def _title(signed: str, composed: str, part: str, out: Adopted) -> str:
    words = clean(signed)
    if key(words).lower() == key(composed).lower():
        return composed
    out.differences.append(Difference(part, "наименование", "wording", words, composed))
    return words


def _procedure_title(app: SignedAppendix | None, doc: Document, out: Adopted) -> str:
    composed = ed.procedure_title(doc)
    if app is None:
        return composed
    words = " ".join(p.text for p in app.title if not p.text.startswith("("))
    words = words.split("(далее")[0].strip()
    if words.isupper():
        words = words.capitalize()
    return _title(words, composed, "Порядок", out)


def _attachment(app: SignedAppendix | None, comp: Composed, doc: Document, partial: bool,
                out: Adopted) -> ed.Attachment | None:
    """The form of the register (another appendix): compared as a whole."""
    source = next(a for a in doc.all_appendices() if a.id == comp.id)
    composed = ed.attachment_text(source.body, source.title_lines)
    grids = [b for b in (app.body if app else []) if isinstance(b, Grid)]
    if app is None or (not app.body and any(n.kind == "table" for n in comp.body)):
        what = "приложения нет" if app is None else "в приложении нет таблицы"
        kind: Kind = "unchecked" if partial or app is not None else "composed_only"
        out.differences.append(Difference("приложение", comp.title, kind, "", what))
        return ed.Attachment(id=comp.id, text=composed) if kind == "unchecked" else None
    rows = [r for g in grids for r in g.rows if not _column_numbers(r)]
    signed = "\n".join([clean(p.text) for p in app.title] + [clean(b.text) for b in app.body if isinstance(b, Para)]
                       + [" | ".join(clean(c) for c in r) for r in rows])
    if _words(signed) == _words(composed):
        return ed.Attachment(id=comp.id, text=composed)
    out.differences.append(Difference("приложение", comp.title, "wording", signed, composed))
    return ed.Attachment(id=comp.id, text=signed)


def _words(text: str) -> list[str]:
    """The words of an appendix compared as a whole, cell by cell (a cell's punctuation stays its own)."""
    return [w for row in text.split("\n") for cell in row.split("|") for w in key(cell).split()]


def _column_numbers(row: list[str]) -> bool:
    """The row of column numbers «1 2 3 …» under a table's header (not part of the text compared)."""
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and cells == [str(k) for k in range(1, len(cells) + 1)]


def _register(signed: SignedOrder, found: dict[str, SignedAppendix], doc: Document, partial: bool,
              out: Adopted) -> ed.Register | None:
    located = ed.find_register(doc)
    if located is None or located[0].table is None:
        return None
    composed = ed.freeze_register(located[0].table)
    app = found.get(located[1])
    rows = [r for b in (app.body if app else []) if isinstance(b, Grid) for r in b.rows]
    if not rows:
        kind: Kind = "unchecked" if partial else "composed_only"
        out.differences.append(Difference("Перечень", "таблица", kind, "", f"строк: {len(composed.entries)}"))
        out.rows = (0, 0, len(composed.entries))
        return composed if partial else None
    register, diffs, kept, count = align_register(rows, composed)
    out.differences += diffs
    out.rows = (kept, count, len(composed.entries))
    return register


def _units(signed: SignedOrder, found: dict[str, SignedAppendix], doc: Document, partial: bool,
           out: Adopted) -> tuple[list[ed.Unit], list[ed.Unit]]:
    order = align_units(_lines(list(signed.clauses)), ed.units(ed.order_body(doc)), "приказ") \
        if doc.kind == "order" else Aligned()
    app = found.get("procedure")
    procedure = align_units(_lines(app.body if app else []), ed.units(ed.procedure_body(doc)), "Порядок",
                            partial)
    out.differences += order.differences + procedure.differences
    out.units = (order.pairs + procedure.pairs, order.signed + procedure.signed, order.composed + procedure.composed)
    return order.units, procedure.units


def _refuse_share(out: Adopted, minimum: float, path: Path) -> None:
    if out.share >= minimum:
        return
    one_side = [d for d in out.differences if d.kind in ("signed_only", "composed_only")]
    diags = [Diagnostic(path, None, None, f"сопоставлено {out.units[0]} из {max(out.units[1:])} единиц и "
                        f"{out.rows[0]} из {max(out.rows[1:])} строк Перечня: {out.share:.0%}, нужно не меньше "
                        f"{minimum:.0%}")]
    diags += [Diagnostic(path, None, None, f"{d.part}, {d.unit}: "
                         f"{'только в документе' if d.kind == 'signed_only' else 'только в конфигурации'}: "
                         f"«{(d.signed or d.composed)[:80]}»") for d in one_side[:40]]
    raise AdoptRefused("документ не сопоставлен с конфигурацией органа", diags)


def adopt(agencies: Path, slug: str, source: Path, date: dt.date | None, number: str | None,
          partial: bool = False, min_share: float = 0.6, write: bool = True) -> Adopted:
    """Read the signed document, align it, and record it as the original edition."""
    path = agencies / f"{slug}.toml"
    cfg = load_agency(path)
    standalone = cfg.kind == "procedure"
    if not standalone:
        _check_order(path, cfg.order.date, cfg.order.number, date, number, agencies, slug)
    doc = compose_located(cfg, slug, path)
    blocks = read_source(source)
    signed = recognise(blocks, standalone)
    out = Adopted(slug)
    if not standalone:
        if signed.title is None:
            raise AdoptRefused("в документе не найдено наименование приказа", [Diagnostic(
                source, None, None, "ожидается абзац «Об утверждении …» или «О …» после бланка")])
        out.differences += check(source, signed, doc, known(date, "дата приказа"), known(number, "номер приказа"))
    composed = _composed_parts(doc)
    signed.appendices = _split_unmarked(signed.appendices, composed)
    found = _pair_appendices(signed.appendices, composed)
    out.truncated = _truncated(blocks, signed, composed, found)
    if out.truncated and not partial:
        raise AdoptRefused("документ обрывается", [Diagnostic(source, None, None, (
            "последний абзац не закончен, а приложения или пункты после него отсутствуют: это неполная копия. "
            "Возьмите полный подписанный документ или повторите с --partial: прочитанное будет записано "
            "как подписанное, недостающее возьмётся из конфигурации и будет указано как не сверенное"))])
    order_units, procedure_units = _units(signed, found, doc, partial, out)
    register = _register(signed, found, doc, partial, out)
    holder = ed.find_register(doc)
    attachments = [a for c in composed if c.id != "procedure" and (holder is None or c.id != holder[1])
                   for a in [_attachment(found.get(c.id), c, doc, partial, out)] if a is not None]
    _refuse_share(out, min_share, source)
    _preamble(signed, doc, out)
    if standalone:
        return out
    title = _title(known(signed.title, "наименование приказа").text, doc.title, "приказ", out)
    out.edition = ed.Edition(
        slug=slug, acts=[ed.Act(date=known(date, "дата приказа"), number=known(number, "номер приказа"),
                                title=title)], title=title,
        procedure_title=_procedure_title(found.get("procedure"), doc, out), order=order_units,
        procedure=procedure_units, register=register, attachments=attachments,
        adopted=_adoption(source, out))
    if write:
        out.written = ed.editions_dir(agencies, slug) / ed.file_name(out.edition)
        write_atomic(out.written, ed.dump(out.edition))
    return out


def _check_order(path: Path, cfg_date: dt.date | None, cfg_number: str | None, date: dt.date | None,
                 number: str | None, agencies: Path, slug: str) -> None:
    """The command's date and number: given, the config's, and no edition recorded yet."""
    if date is None or number is None:
        raise AdoptRefused("не указаны реквизиты", [Diagnostic(path, None, "--date/--number", (
            "для приказа укажите дату и номер подписанного документа: --date ГГГГ-ММ-ДД --number N"))])
    if (cfg_date, cfg_number) != (date, number):
        have = f"от {cfg_date:%d.%m.%Y} № {cfg_number}" if cfg_date else "без даты"
        raise AdoptRefused("реквизиты не совпадают с конфигурацией", [Diagnostic(
            path, None, "order.date" if cfg_date != date else "order.number",
            f"в конфигурации приказ {have}; указан от {date:%d.%m.%Y} № {number}")])
    files = ed.edition_files(agencies, slug)
    if files:
        raise AdoptRefused("редакция уже записана", [Diagnostic(files[0], None, None, (
            "prikaz adopt записывает только исходный приказ; удалите папку редакций, если запись ошибочна"))])


def _preamble(signed: SignedOrder, doc: Document, out: Adopted) -> None:
    """The preamble is not a unit of the edition: its differences are reported only."""
    if signed.preamble is None or doc.preamble is None:
        return
    words = clean(signed.preamble.text)
    if key(words) != key(doc.preamble):
        out.differences.append(Difference("преамбула", "преамбула", "wording", words, doc.preamble,
                                          "не записывается в редакцию: приказ о внесении изменений её не меняет"))


def _adoption(source: Path, out: Adopted) -> ed.Adoption:
    return ed.Adoption(
        source=source.name, sha256=hashlib.sha256(source.read_bytes()).hexdigest(),
        requisites=[f"{d.unit}: «{d.signed}» ({d.detail})" for d in out.differences if d.kind == "requisite"],
        unchecked=[f"{d.part}, {d.unit}" for d in out.differences if d.kind == "unchecked"])
