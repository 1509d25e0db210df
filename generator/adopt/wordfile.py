"""DOCX (python-docx): paragraphs and tables of the body in document order.

Line breaks inside a paragraph become spaces; a table keeps its cells (a cell's paragraphs
joined by «\\n»), a cell covered by a vertical merge is read as empty and a cell merged
across columns fills them all, so that every row has the table's width. Tracked changes
are read as accepted (inserted words kept, deleted ones dropped): the signed text is the
accepted one.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from .source import Block, Grid, Para, SourceError, diag


def _paragraph_text(p: Any) -> str:
    out: list[str] = []
    for el in p.iter():
        if el.tag == qn("w:t"):
            out.append(el.text or "")
        elif el.tag in (qn("w:tab"), qn("w:br"), qn("w:cr")):
            out.append(" ")
        elif el.tag == qn("w:noBreakHyphen"):
            out.append("-")
        elif el.tag == qn("w:softHyphen"):
            out.append("\u00ad")
    return "".join(out)


def _cell_text(tc: Any) -> str:
    return "\n".join(_paragraph_text(p) for p in tc.iterchildren(qn("w:p"))).strip()


def _grid(tbl: Any) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(qn("w:tr")):
        row: list[str] = []
        for tc in tr.iterchildren(qn("w:tc")):
            props = tc.find(qn("w:tcPr"))
            span = props.find(qn("w:gridSpan")) if props is not None else None
            merge = props.find(qn("w:vMerge")) if props is not None else None
            covered = merge is not None and merge.get(qn("w:val")) in (None, "continue")
            text = "" if covered else _cell_text(tc)
            width = int(span.get(qn("w:val"))) if span is not None else 1
            row += [text] + [""] * (width - 1)
        rows.append(row)
    return rows


def read_docx(path: Path) -> list[Block]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        body = docx.Document(str(path)).element.body
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as e:
        raise SourceError("DOCX не прочитан", [diag(path, f"файл повреждён или это не документ Word ({e})")]) \
            from None
    for deleted in list(body.iter(qn("w:del"))):
        deleted.getparent().remove(deleted)
    blocks: list[Block] = []
    for k, el in enumerate(body.iterchildren(), start=1):
        if el.tag == qn("w:p"):
            text = _paragraph_text(el)
            if text.strip():
                blocks.append(Para(" ".join(text.split()), f"абзац {k}"))
        elif el.tag == qn("w:tbl"):
            blocks.append(Grid(_grid(el), f"таблица, абзац {k}"))
    return blocks
