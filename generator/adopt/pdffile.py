"""PDF (pypdf): the text layer, read by its tags when the PDF is tagged.

A tagged PDF (LibreOffice writes one for PDF/A, Typst — which typesets the PDF of
``prikaz build`` — always) says which marked content belongs to which paragraph and which
table cell: the structure tree is walked, each paragraph's marked content is joined (with
the inline elements it holds, a term in bold), and a table keeps its rows and cells (a cell
spanning rows is followed by empty cells under it). Typst tags some blocks that hold several
paragraphs (the blank, the mark of an appendix, a table cell) without a paragraph each: they
are split where a line ends without wrapping. Without tags the text is read line by line
from its positions, a new paragraph where the vertical gap or the indent says so. A PDF
with no text layer is refused: OCR is not done.

A word broken at a line end is joined: a soft hyphen is dropped, a hyphen of a compound
word («административно-» / «хозяйственной») stays without the space of the line end.
Typst draws both hyphens with one glyph and says which is which in /ActualText.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from .source import Block, Grid, Para, SourceError, diag

_Texts = dict[tuple[int, int], list[str]]  # (page, MCID) → its text pieces


class _Page:
    """One page's content stream as pypdf walks it: the marked-content id each piece of text
    belongs to, and the /ActualText spans (Typst marks each hyphen so: U+00AD for the hyphen
    of a word broken at a line end, «-» for a hyphen of the text — the glyph alone cannot tell,
    pypdf may read both as U+00AD)."""

    def __init__(self, number: int, texts: _Texts) -> None:
        self.number, self.texts = number, texts
        self.stack: list[tuple[int | None, str | None]] = []  # (MCID, /ActualText) per open span
        self.actual: str | None = None  # the /ActualText of the span just closed
        self.pieces: list[tuple[float, float, str]] = []

    def before(self, op: bytes, args: Any, _cm: Any, _tm: Any) -> None:
        if op == b"BDC":
            props: Any = args[1] if len(args) > 1 else None
            props = props if hasattr(props, "get") else {}
            text = props.get("/ActualText")
            self.stack.append((props.get("/MCID"), _decoded(text) if text is not None else None))
        elif op == b"BMC":
            self.stack.append((None, None))
        elif op == b"EMC" and self.stack:
            # pypdf reports a span's glyphs when it meets the operator after them: the EMC
            self.actual = self.stack.pop()[1]

    def visit(self, text: str, cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if self.actual is not None and text:
            text, self.actual = self.actual, None
        current = next((m for m, _a in reversed(self.stack) if m is not None), None)
        if text and current is not None:
            self.texts[(self.number, int(current))].append(text)
        if text.strip():  # the position on the page: the text matrix through the graphics one
            x, y = float(tm[4]), float(tm[5])
            self.pieces.append((x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5], text))


def _marked_texts(reader: Any) -> tuple[_Texts, list[list[tuple[float, float, str]]]]:
    """The text of every marked-content id per page, and every text piece with its position."""
    texts: _Texts = defaultdict(list)
    placed: list[list[tuple[float, float, str]]] = []
    for number, page in enumerate(reader.pages):
        walk = _Page(number, texts)
        page.extract_text(visitor_operand_before=walk.before, visitor_text=walk.visit)
        placed.append(walk.pieces)
    return texts, placed


def _decoded(value: Any) -> str:
    """An /ActualText string: pypdf leaves a UTF-16 string with its byte-order mark as bytes."""
    if isinstance(value, bytes):
        return value[2:].decode("utf-16-be") if value.startswith(b"\xfe\xff") else value.decode("latin-1")
    return str(value)


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
        if kind not in _PARAGRAPHS and any(_is_block(k) for k in _elements(kids)):
            self.walk(kids, page)
            return
        pieces = self.content(element, page)
        for text in [_join_lines(pieces)] if kind in _PARAGRAPHS else _hard_lines(pieces):
            if text.strip():
                self.blocks.append(Para(" ".join(text.split()), f"стр. {page + 1}"))

    def cell_lines(self, cell: Any, page: int) -> list[str]:
        """A cell's paragraphs: its tagged paragraphs, or (Typst tags none) its hard lines."""
        paragraphs = _paragraphs(cell)
        if paragraphs == [cell]:
            return _hard_lines(self.content(cell, page))
        return [_join_lines(self.content(p, page)) for p in paragraphs]

    def table(self, element: Any, page: int) -> list[list[str]]:
        rows: list[list[str]] = []
        pending: dict[int, int] = {}  # column → rows still covered by a cell spanning rows
        for tr in _kids(element, "/TR", self):
            row: list[str] = []
            for cell in _kids(tr, ("/TD", "/TH"), self):
                while pending.get(len(row), 0) > 0:
                    pending[len(row)] -= 1
                    row.append("")
                text = "\n".join(" ".join(line.split()) for line in self.cell_lines(cell, page)).strip()
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


# A paragraph's text is joined whatever inline elements (a term in bold) it holds.
_PARAGRAPHS = ("/P", "/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/Caption", "/Title")
_INLINE = ("/Strong", "/Em", "/Span", "/Link", "/Quote", "/Code", "/Sub", "/Lbl", "/Reference", "/BibEntry")


_WRAPS = "\u00ad-\u2010/\u200b"  # a line that ends with one of these wrapped there


def _elements(kids: Any) -> list[Any]:
    """The structure elements among an element's kids (not its marked content)."""
    from pypdf.generic import ArrayObject, DictionaryObject

    items = list(kids) if isinstance(kids, ArrayObject) else [kids] if kids is not None else []
    objects = [k.get_object() if hasattr(k, "get_object") else k for k in items]
    return [k for k in objects if isinstance(k, DictionaryObject) and "/S" in k]


def _is_block(element: Any) -> bool:
    """A structure element laid out as a block of its own: not inline, or a Span that Typst
    places as a block (the lines of the blank, an appendix's mark)."""
    kind = str(element["/S"])
    if kind == "/Span":
        return _layout(element, "/Placement") == "/Block"
    return kind not in _INLINE


def _layout(element: Any, name: str) -> str | None:
    from pypdf.generic import ArrayObject, DictionaryObject

    attrs = element.get("/A")
    attrs = attrs.get_object() if attrs is not None else None
    for a in (list(attrs) if isinstance(attrs, ArrayObject) else [attrs]):
        a = a.get_object() if a is not None and hasattr(a, "get_object") else a
        if isinstance(a, DictionaryObject) and name in a:
            return str(a[name])
    return None


def _hard_lines(pieces: list[str]) -> list[str]:
    """The paragraphs of a block that is not tagged as a paragraph (Typst's blank: the body's
    name, the date, the number, the title in one block; a table cell): a line ends its paragraph
    unless it ends where a line may wrap — a space, a hyphen, a slash («программных/аппаратных»)."""
    groups: list[list[str]] = [[]]
    for piece in pieces:
        text = "".join(groups[-1]).replace("\n", "")
        if piece.startswith("\n") and text and not text[-1].isspace() and text[-1] not in _WRAPS:
            groups.append([])
        groups[-1].append(piece)
    return [_join_lines(g) for g in groups]


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
