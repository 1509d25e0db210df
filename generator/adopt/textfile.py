"""Plain text (UTF-8 or cp1251), as a converter or a copy from a PDF leaves it.

A paragraph is a run of lines between blank lines; within it a new paragraph starts at a
line that begins with a number («1.1.», «2)», «IV.»), a list mark or a table row (cells
separated by tabs). Lines broken inside a paragraph are joined. The converter's markup —
``**bold**``, ``#`` headings, ``[text](link)``, list marks before a printed number — is
removed here and named in the paragraph's artefacts, so that it is listed apart and never
taken for wording.
"""

from __future__ import annotations

import re
from pathlib import Path

from .source import Block, Grid, Para, SourceError, diag

_STARTS = re.compile(r"^\s*(?:[-–—•·*►▪●○]\s+|(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.|[а-я]\))\s|\d+\)\s)")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_BOLD = re.compile(r"\*\*(.*?)\*\*")
_LINK = re.compile(r"\[([^\]]*)\]\((?:https?|mailto):[^)]*\)")
_BULLET_NUMBER = re.compile(r"^\s*[-–—•·*►▪●○]\s+(?=(?:\d+(?:\.\d+)*\.|[IVXLC]+\.|\d+\)|[а-я]\))\s)")


def decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1251" and not re.search("[а-яА-Я]", text):
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise SourceError("текст не прочитан", [diag(path, "ожидается кодировка UTF-8 или cp1251 (Windows)")])


def clean_line(line: str) -> tuple[str, list[str]]:
    """A line without the converter's markup, and what was removed."""
    found: list[str] = []
    for pattern, name, repl in ((_HEADING, "заголовок «#»", ""), (_BOLD, "полужирный «**»", r"\1"),
                                (_LINK, "ссылка Markdown", r"\1"), (_BULLET_NUMBER, "маркер списка перед номером", "")):
        line, n = pattern.subn(repl, line)
        if n:
            found.append(name)
    if "**" in line:
        line = line.replace("**", "")
        found.append("полужирный «**»")
    return line.rstrip(), found


def read_text(path: Path) -> list[Block]:
    lines = decode(path.read_bytes(), path).split("\n")
    blocks: list[Block] = []
    rows: list[list[str]] = []
    current: Para | None = None
    for number, raw in enumerate(lines, start=1):
        if "\t" in raw:
            current = None
            if not rows:
                blocks.append(Grid(rows, f"строка {number}"))
            rows.append([c.strip() for c in raw.split("\t")])
            continue
        rows = [] if raw.strip() or not rows else rows
        line, found = clean_line(raw)
        if not line.strip():
            current = None
            continue
        previous = blocks[-1] if blocks else None
        if current is None and isinstance(previous, Para) and (line.strip()[:1].islower() or line.strip()[:1] == "(") \
                and not previous.text.rstrip().endswith((".", ";", ":", "!", "?")) and not _STARTS.match(raw):
            previous.text = f"{previous.text} {line.strip()}"  # a paragraph cut by an empty line
            previous.artefacts += [*found, "абзац разорван пустой строкой"]
            current = previous
            continue
        if current is None or _STARTS.match(raw):
            current = Para(line.strip(), f"строка {number}", found)
            blocks.append(current)
            continue
        current.text = f"{current.text} {line.strip()}"
        current.artefacts += [*found, "абзац разбит на строки"]
    return blocks
