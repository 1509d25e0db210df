"""PDF (pypdf): the text layer, read by its tags when the PDF is tagged.

A tagged PDF (LibreOffice writes one for PDF/A) says which marked content belongs to which
paragraph and which table cell: the structure tree is walked, each paragraph's marked
content is joined, and a table keeps its rows and cells (a cell spanning rows is followed by
empty cells under it). Without tags the text is read line by line from its positions,
a new paragraph where the vertical gap or the indent says so. A PDF with no text layer is
refused: OCR is not done.

A word broken at a line end is joined: a soft hyphen is dropped, a hyphen of a compound
word («административно-» / «хозяйственной») stays without the space of the line end.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from .source import Block, Grid, Para, SourceError, diag

_Texts = dict[tuple[int, int], list[str]]  # (page, MCID) → its text pieces


def _marked_texts(reader: Any) -> tuple[_Texts, list[list[tuple[float, float, str]]]]:
    """The text of every marked-content id per page, and every text piece with its position."""
    texts: _Texts = defaultdict(list)
    placed: list[list[tuple[float, float, str]]] = []
    for number, page in enumerate(reader.pages):
        stack: list[int | None] = []
        current: list[int | None] = [None]
        pieces: list[tuple[float, float, str]] = []

        def before(op: bytes, args: Any, _cm: Any, _tm: Any, stack: list[int | None] = stack,
                   current: list[int | None] = current) -> None:
            if op == b"BDC":
                props: Any = args[1] if len(args) > 1 else None
                stack.append(props.get("/MCID") if hasattr(props, "get") else None)
            elif op == b"BMC":
                stack.append(None)
            elif op == b"EMC" and stack:
                stack.pop()
            current[0] = next((m for m in reversed(stack) if m is not None), None)

        def visit(text: str, _cm: Any, tm: Any, _font: Any, _size: Any, number: int = number,
                  current: list[int | None] = current, pieces: list[tuple[float, float, str]] = pieces) -> None:
            if text and current[0] is not None:
                texts[(number, int(current[0]))].append(text)
            if text.strip():
                pieces.append((float(tm[4]), float(tm[5]), text))

        page.extract_text(visitor_operand_before=before, visitor_text=visit)
        placed.append(pieces)
    return texts, placed


def _join_lines(pieces: list[str]) -> str:
    """Marked-content pieces of one paragraph: a line wrapped at a space keeps that space, a
    word broken at a line end is joined (a soft hyphen dropped, a hyphen inside a compound word kept)."""
    out = ""
    for piece in pieces:
        piece = piece.replace("\n", "")  # a wrapped line keeps its space; a word broken in a cell has none
        tail = out.rstrip()
        if tail.endswith("\u00ad") and piece.strip():
            out, piece = tail[:-1], piece.lstrip()
        elif tail.endswith("-") and tail[-2:-1].isalpha() and piece.lstrip()[:1].islower() and out != tail:
            out, piece = tail, piece.lstrip()
        out += piece
    return out


class _Walker:
    def __init__(self, reader: Any, texts: _Texts) -> None:
        self.pages = {p.indirect_reference.idnum: k for k, p in enumerate(reader.pages)}
        self.texts = texts
        self.blocks: list[Block] = []

    def page_of(self, element: Any, inherited: int) -> int:
        pg = element.get("/Pg")
        return self.pages.get(pg.idnum, inherited) if pg is not None else inherited

    def content(self, element: Any, page: int) -> list[str]:
        """The text pieces under a structure element, in order."""
        from pypdf.generic import ArrayObject, DictionaryObject

        element = element.get_object() if hasattr(element, "get_object") else element
        if isinstance(element, int):
            return self.texts.get((page, element), [])
        if isinstance(element, ArrayObject):
            return [t for kid in element for t in self.content(kid, page)]
        if isinstance(element, DictionaryObject):
            page = self.page_of(element, page)
            if "/MCID" in element:
                return self.texts.get((page, _int(element["/MCID"])), [])
            kids = element.get("/K")
            return self.content(kids, page) if kids is not None else []
        return []

    def walk(self, element: Any, page: int) -> None:
        from pypdf.generic import ArrayObject, DictionaryObject

        element = element.get_object() if hasattr(element, "get_object") else element
        if isinstance(element, ArrayObject):
            for kid in element:
                self.walk(kid, page)
            return
        if not isinstance(element, DictionaryObject) or "/S" not in element:
            return
        page = self.page_of(element, page)
        kind = str(element["/S"])
        if kind == "/Table":
            self.blocks.append(Grid(self.table(element, page), f"стр. {page + 1}"))
            return
        kids: Any = element.get("/K")
        kids = kids.get_object() if hasattr(kids, "get_object") else kids
        nested = isinstance(kids, ArrayObject) and any(
            isinstance(k.get_object(), DictionaryObject) and "/S" in k.get_object() for k in kids)
        if nested or (isinstance(kids, DictionaryObject) and "/S" in kids):
            self.walk(kids, page)
            return
        text = _join_lines(self.content(element, page))
        if text.strip():
            self.blocks.append(Para(" ".join(text.split()), f"стр. {page + 1}"))

    def table(self, element: Any, page: int) -> list[list[str]]:
        rows: list[list[str]] = []
        pending: dict[int, int] = {}  # column → rows still covered by a cell spanning rows
        for tr in _kids(element, "/TR", self):
            row: list[str] = []
            for cell in _kids(tr, ("/TD", "/TH"), self):
                while pending.get(len(row), 0) > 0:
                    pending[len(row)] -= 1
                    row.append("")
                text = "\n".join(" ".join(_join_lines(self.content(p, page)).split())
                                 for p in _paragraphs(cell)).strip()
                span = _attribute(cell, "/RowSpan")
                if span > 1:
                    pending[len(row)] = span - 1
                row.append(text)
                row += [""] * (_attribute(cell, "/ColSpan") - 1)
            while pending.get(len(row), 0) > 0:
                pending[len(row)] -= 1
                row.append("")
            rows.append(row)
        return rows


def _kids(element: Any, kinds: str | tuple[str, ...], walker: _Walker) -> list[Any]:
    from pypdf.generic import ArrayObject, DictionaryObject

    wanted = (kinds,) if isinstance(kinds, str) else kinds
    kids = element.get_object().get("/K")
    kids = kids.get_object() if hasattr(kids, "get_object") else kids
    items = list(kids) if isinstance(kids, ArrayObject) else [kids] if kids is not None else []
    out: list[Any] = []
    for k in items:
        k = k.get_object() if hasattr(k, "get_object") else k
        if not isinstance(k, DictionaryObject) or "/S" not in k:
            continue
        if str(k["/S"]) in wanted:
            out.append(k)
        elif str(k["/S"]) in ("/THead", "/TBody", "/TFoot"):
            out += _kids(k, kinds, walker)
    return out


def _paragraphs(cell: Any) -> list[Any]:
    """The paragraphs of a table cell (the cell itself when it holds marked content directly)."""
    from pypdf.generic import ArrayObject, DictionaryObject

    kids = cell.get("/K")
    kids = kids.get_object() if hasattr(kids, "get_object") else kids
    items = list(kids) if isinstance(kids, ArrayObject) else [kids] if kids is not None else []
    found = [k.get_object() for k in items
             if isinstance(k.get_object(), DictionaryObject) and "/S" in k.get_object()]
    return found or [cell]


def _attribute(cell: Any, name: str) -> int:
    from pypdf.generic import ArrayObject, DictionaryObject

    attrs = cell.get("/A")
    attrs = attrs.get_object() if attrs is not None else None
    for a in (list(attrs) if isinstance(attrs, ArrayObject) else [attrs]):
        a = a.get_object() if a is not None and hasattr(a, "get_object") else a
        if isinstance(a, DictionaryObject) and name in a:
            return _int(a[name])
    return 1


def _int(value: Any) -> int:
    return int(value)


def _untagged(placed: list[list[tuple[float, float, str]]]) -> list[Block]:
    """Lines from positions; a paragraph ends where the line spacing grows or a line is indented."""
    blocks: list[Block] = []
    for number, pieces in enumerate(placed):
        lines: dict[int, list[tuple[float, str]]] = defaultdict(list)
        for x, y, text in pieces:
            lines[round(y)].append((x, text))
        previous: float | None = None
        for y in sorted(lines, reverse=True):
            words = " ".join(t for _x, t in sorted(lines[y])).strip()
            x = min(x for x, _t in lines[y])
            gap = previous - y if previous is not None else None
            if blocks and isinstance(blocks[-1], Para) and gap is not None and gap < 20 and x < 80:
                blocks[-1].text = " ".join(_join_lines([blocks[-1].text, " " + words]).split())
            else:
                blocks.append(Para(" ".join(words.split()), f"стр. {number + 1}"))
            previous = y
    return blocks


def read_pdf(path: Path) -> list[Block]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise SourceError("PDF зашифрован", [diag(path, "снимите защиту паролем и повторите")])
        texts, placed = _marked_texts(reader)
    except PdfReadError as e:
        raise SourceError("PDF не прочитан", [diag(path, f"файл повреждён ({e})")]) from None
    if not any(re.search(r"\w", t) for page in placed for _x, _y, t in page):
        raise SourceError("в PDF нет текстового слоя", [diag(path, (
            f"страниц: {len(reader.pages)}, текста нет — это скан (изображения страниц); распознавание "
            "текста (OCR) не выполняется: возьмите DOCX или PDF, сохранённый из текстового редактора"))])
    catalog: Any = reader.trailer["/Root"]
    root = catalog.get("/StructTreeRoot")
    if root is None:
        return _untagged(placed)
    walker = _Walker(reader, texts)
    walker.walk(root.get_object().get("/K"), 0)
    return walker.blocks or _untagged(placed)
