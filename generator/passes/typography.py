"""The typography pass, the only place where typography is set: quotes, dashes and
non-breaking spaces in every string of the tree (russian.typography). Inline content is
set as one text per line, so a quote or a non-breaking space sees the words around it
wherever a bold span or a reference begins."""

from __future__ import annotations

from functools import lru_cache

from ..inline import Content, Text, retext
from ..russian import typography

__all__ = ["set_content", "set_nodes", "typeset", "typography"]
from ..tree import Appendix, Document, Node, Table


def set_content(content: Content) -> Content:
    if len(content) == 1 and type(content[0]) is Text:  # one run of words: typography() caches its string
        return retext(content, typography)
    return _set_mixed(content)


@lru_cache(maxsize=65536)  # content is immutable and typography pure; registers repeat their cells
def _set_mixed(content: Content) -> Content:
    return retext(content, typography)


def _table(table: Table) -> None:
    table.columns = [typography(c) for c in table.columns]
    if table.caption:
        table.caption = typography(table.caption)
    # A register's cells share their contents (a touchpoint's, its needs'): each content is
    # set once, found again by its id (the held content keeps the id its own); hashing a
    # mixed content for _set_mixed's cache was a Python call per inline (the pass on body 150:
    # 5.1M → 4.6M instructions).
    done: dict[int, tuple[Content, Content]] = {}
    for row in table.rows:
        for cell in row:
            content = cell.content
            if not content:  # merged cells
                continue
            known = done.get(id(content))
            if known is not None:
                cell.content = known[1]
                continue
            if len(content) == 1 and type(content[0]) is Text:  # most cells: retext()'s fast path, inline
                value = content[0].text
                result = typography(value)
                if result != value:
                    cell.content = (Text(result),) if result else ()
            else:
                cell.content = _set_mixed(content)
            done[id(content)] = (content, cell.content)


def set_nodes(nodes: list[Node]) -> None:
    for root in nodes:
        for n in root.walk():
            n.content = set_content(n.content)
            if n.term:
                n.term = typography(n.term)
            if n.table:
                _table(n.table)


def _appendix(app: Appendix) -> None:
    app.title_lines = [typography(t) for t in app.title_lines]
    if app.mark:
        app.mark.lines = [typography(t) for t in app.mark.lines]
    set_nodes(app.body)


def typeset(doc: Document) -> None:
    doc.title = typography(doc.title)
    if doc.preamble:
        doc.preamble = typography(doc.preamble)
    doc.title_lines = [typography(t) for t in doc.title_lines]
    set_nodes(doc.body)
    if doc.signature:
        doc.signature.position = typography(doc.signature.position)
        doc.signature.person = typography(doc.signature.person)
    if doc.blank:
        doc.blank.date_text = typography(doc.blank.date_text)
        doc.blank.number_text = typography(doc.blank.number_text)
        doc.blank.place = typography(doc.blank.place)
    for app in doc.all_appendices():
        _appendix(app)
