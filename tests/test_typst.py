"""The PDF typeset by Typst, read back: its words against the Markdown rendering (tables
cell by cell), page numbers, orientation, hyphenation, escaping, fonts, determinism."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from generator.compose import compose
from generator.config import load_agency
from generator.errors import ConversionError
from generator.inline import plain, text
from generator.writers import typst as typst_writer
from generator.writers.text import render

from .conftest import AGENCIES, OUTPUT, SEED_FILES

ORDERS = sorted(s for s in SEED_FILES if s != "model")
_RULE = re.compile(r"^\|?(\s*-+\s*\|)+$|^\|( \|)+$|^---$")
_MARKS = re.compile(r"\*\*|\{\+|\+\}|\[-|-\]|^#+ |^> |^\s*- ")


def _words(line: str) -> list[str]:
    """Words as compared: hyphens dropped (a line may break after one), dashes alone skipped."""
    return [w for w in line.replace("-", "").split() if w not in {"–", "—"}]


Unit = tuple[str, list[str]]  # a paragraph or a table cell: its text and its words


def markdown_units(md: str) -> list[list[Unit]]:
    """The Markdown rendering in reading order: a paragraph is a group of one unit, a table
    a group of its cells (row by row, left to right), each with its words."""
    groups: list[list[Unit]] = []
    in_table = False
    for raw in md.splitlines():
        line = raw.strip()
        if not line or _RULE.match(line):
            in_table = in_table and bool(line)
            continue
        line = _MARKS.sub("", line).strip()
        if line.startswith("|"):
            if not in_table:
                groups.append([])
            in_table = True
            for cell in re.split(r"(?<!\\)\|", line.strip("|")):
                cell = cell.replace("<br>", " ").replace("\\|", "|").strip()
                if cell:
                    groups[-1].append((cell, _words(cell)))
        else:
            in_table = False
            groups.append([(line, _words(line))])
    return groups


def pdf_text(pdf: Path | bytes) -> list[str]:
    """The text of each page in content-stream order (poppler reads the ActualText Typst
    gives a hyphen glyph that also stands for a soft hyphen; pypdf does not)."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                         check=True).stdout.decode("utf-8")
    return out.split("\f")[:-1]


def pdf_words(pages: list[str]) -> list[str]:
    """The words of the pages without their page numbers (a word may be hyphenated across pages)."""
    bodies = [pages[0]] + [re.sub(r"^\d+\n", "", p) for p in pages[1:]] if pages else []
    joined = "".join(bodies).replace("\u00ad\n", "").replace("-\n", "").replace("/\n", "/")
    return _words(joined)


def _find(words: list[str], unit: list[str], start: int, used: set[int]) -> list[int] | None:
    """Positions of the unit's words in order from ``start``, close together (a table cell's
    lines are written one after another), none taken by another cell."""
    for first in (i for i in range(start, len(words)) if words[i] == unit[0] and i not in used):
        found, pos = [first], first + 1
        for w in unit[1:]:
            window = [i for i in range(pos, min(len(words), pos + 40)) if words[i] == w and i not in used]
            if not window:
                break
            found.append(window[0])
            pos = window[0] + 1
        else:
            return found
    return None


def missing_units(md: str, pages: list[str]) -> list[str]:
    """The units whose words are not in the PDF where they belong: a paragraph after the
    one before it; a table's cells each as a whole within the table (merged cells are drawn
    after the rows they span, so the cells of a table may come in any order)."""
    words = pdf_words(pages)
    pos, missing = 0, []
    for group in markdown_units(md):
        used: set[int] = set()
        end = pos
        for label, unit in group:
            found = _find(words, unit, pos, used) if unit else []
            if found is None:
                missing.append(f"{label!r}")
                continue
            used.update(found)
            end = max([end, *(i + 1 for i in found)])
        pos = end if len(group) > 1 else max(pos, end)
    return missing


@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_pdf_holds_the_markdown_words_in_order_and_cell_by_cell(built: Path, slug: str) -> None:
    base = built / slug / OUTPUT[slug]
    md = base.with_suffix(".md").read_text(encoding="utf-8")
    assert missing_units(md, pdf_text(base.with_suffix(".pdf"))) == []


def test_the_comparison_fails_on_a_lost_or_moved_cell() -> None:
    md = "Текст перед таблицей\n\n| А | Б |\n|---|---|\n| один | два |\n| три | четыре |\n"
    assert missing_units(md, ["Текст перед таблицей\nА Б\nодин два\nтри четыре"]) == []
    assert missing_units(md, ["Текст перед таблицей\nА Б\nодин два\nтри"]) == ["'четыре'"]
    assert missing_units(md, ["А Б\nодин два\nтри четыре\nТекст перед таблицей"]) != []
    assert missing_units(md, ["Текст перед таблицей\nА Б\nодин два\nтри"]) != []


@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_page_numbers_from_page_two_at_the_top(built: Path, slug: str) -> None:
    pages = pdf_text(built / slug / f"{OUTPUT[slug]}.pdf")
    assert len(pages) >= 2
    assert not re.match(r"\s*\d+\s*\n", pages[0]), "a page number on page 1"
    for n, page in enumerate(pages[1:], start=2):
        assert page.split("\n", 1)[0].strip() == str(n)


def test_wide_register_on_landscape_pages(built: Path) -> None:
    reader = PdfReader(str(built / "murmansk-tourism" / "prikaz.pdf"))
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    assert sizes[0] == (595, 842)
    register = [k for k, p in enumerate(reader.pages) if "Осуществляемое" in (p.extract_text() or "")]
    assert register and all(sizes[k] == (842, 595) for k in register)
    assert all(s in {(595, 842), (842, 595)} for s in sizes)
    model = PdfReader(str(built / "model" / "poryadok.pdf"))
    assert all(round(float(p.mediabox.width)) == 595 for p in model.pages)  # a narrow register stays portrait


def _appendices(apps: list[Any]) -> list[Any]:
    return [x for app in apps for x in (app, *_appendices(app.appendices))]


@pytest.mark.parametrize("slug", SEED_FILES)
def test_a_heading_is_never_alone_on_its_page(built: Path, slug: str) -> None:
    """An appendix that opens with a table has its first row on the page of its heading (a
    landscape table on a landscape page once took a page of its own and left the heading
    of the register alone on the page before)."""
    doc = compose(load_agency(AGENCIES / f"{slug}.toml"), slug)
    squash = re.compile(r"[\s\xad-]")  # hyphenation may break a word of a cell
    pages = [squash.sub("", p) for p in pdf_text(built / slug / f"{OUTPUT[slug]}.pdf")]
    checked = 0
    for app in _appendices(doc.appendices):
        first = app.body[0] if app.body else None
        if first is None or first.kind != "table" or not first.table or not first.table.rows:
            continue
        head = [*(app.mark.lines if app.mark else []), *(line for line in app.title_lines if line)]
        title = squash.sub("", "".join(head))  # the mark, then the title: the appendix's first page
        cell = squash.sub("", plain(first.table.rows[0][1].content))
        holding = [p for p in pages if title in p]
        assert holding, f"{slug}: no page holds «{title}»"
        assert cell in holding[0], f"{slug}: «{title}» without its table's first row «{cell}»"
        checked += 1
    assert checked or slug in {"kaliningrad-gostekhnadzor", "kaliningrad-munrazvitie"}


def _hyphenated(pages: list[str], md: str) -> list[str]:
    """Words broken by hyphenation at a line end (their halves joined are a word of the text)."""
    words = {w.strip(".,;:()«»„“") for w in md.replace("\u00a0", " ").split()}
    found = []
    for page in pages:
        for m in re.finditer(r"([А-Яа-яЁё]+)[-\u00ad]\n([а-яё]+)", page):
            if m.group(1) + m.group(2) in words:  # not a hyphen of the word itself
                found.append(m.group(1) + "-" + m.group(2))
    return found


def _requisite_text(pages: list[str], md: str) -> list[str]:
    """The blank of page 1 (before the title) and the marks of the appendices (before their titles)."""
    title = next(line for line in md.splitlines() if line.startswith("**") and "ПРИКАЗ" not in line)
    first = title.strip("*").split()[0]
    out = [pages[0].split(first, 1)[0]]
    for page in pages[1:]:
        m = re.match(r"\d+\n((УТВЕРЖДЕН|Приложение).*?)\n(ПОРЯДОК|ФОРМА|Перечень|[А-Я]{4,})", page, re.S)
        if m:
            out.append(m.group(1))
    return out


@pytest.mark.parametrize("slug", ORDERS)
def test_hyphenation_in_body_text_never_in_requisites(built: Path, slug: str) -> None:
    pages = pdf_text(built / slug / "prikaz.pdf")
    md = (built / slug / "prikaz.md").read_text(encoding="utf-8")
    assert _hyphenated(pages, md), "no word hyphenated in the body text"
    requisites = _requisite_text(pages, md)
    assert len(requisites) >= 2
    for block in [*requisites, _signature_text(pages)]:
        assert _hyphenated([block], md) == [], block


def _signature_text(pages: list[str]) -> str:
    """The signature block: the last lines of the order's text before the first appendix."""
    order = "\n".join(pages[: next((k for k, p in enumerate(pages[1:], 1) if re.match(r"\d+\n(УТВЕРЖДЕН|Приложение)", p)),
                                   len(pages))])
    return "\n".join(order.rstrip().splitlines()[-3:])

def test_hyphenation_off_by_the_profile(agencies: Path) -> None:
    region = agencies / "regions" / "murmansk.toml"
    region.write_text(region.read_text(encoding="utf-8") + "\n[layout]\nhyphenation = false\n", encoding="utf-8")
    doc = compose(load_agency(agencies / "murmansk-tourism.toml"), "murmansk-tourism")
    assert _hyphenated(pdf_text(typst_writer.build(doc)), render(doc)) == []


def _register(doc: Any) -> Any:
    return next(n.table for app in _appendices(doc.appendices) for n in app.body
                if n.kind == "table" and n.table and len(n.table.rows) > 1 and n.table.number_row)


def test_table_words_hyphenated_only_where_a_word_may_not_fit_its_column() -> None:
    """Tables are not hyphenated (as in the DOCX), except a cell with a word wider than its
    column: there the word is broken, never run over the border."""
    doc = compose(load_agency(AGENCIES / "murmansk-tourism.toml"), "murmansk-tourism")
    table = _register(doc)
    long_word = "Правоприменительный"
    table.widths = [1.0, 5.0] + [3.0] * (len(table.widths) - 2)  # the first column narrow, the second wide
    table.rows[0][0].content = text(long_word)
    table.rows[0][1].content = text(long_word + " Правоприменительный")  # a wide column: fits
    source = typst_writer.source(doc, "Liberation Serif")
    assert source.count("#text(hyphenate: true)[") == 1
    assert f"#text(hyphenate: true)[{long_word}]" in source
    pages = pdf_text(typst_writer.build(doc))
    broken = [m.group(0) for p in pages for m in re.finditer(r"Пра(\w*[-\xad]\n)+\w+", p)]
    assert [re.sub(r"[-\xad]\n", "", b) for b in broken] == [long_word]  # broken, in the narrow column only
    md = render(doc)
    assert [w for w in _hyphenated(pages, md) if w.replace("-", "") != long_word] == _hyphenated(
        pdf_text(typst_writer.build(compose(load_agency(AGENCIES / "murmansk-tourism.toml"), "murmansk-tourism"))),
        md)  # nothing else moved into or out of hyphenation


def test_no_line_starts_with_a_dash_of_a_parenthesis(built: Path) -> None:
    """«(далее – Перечень)» keeps its dash on the line before: a non-breaking space."""
    for slug in SEED_FILES:
        for page in pdf_text(built / slug / f"{OUTPUT[slug]}.pdf"):
            assert not re.search(r"\n– \S+\)", page), slug


SPECIAL = r"Данные: #x *жирный* _подч_ $x^2$ @ref <label> [скобки] \слеш `код` // не комментарий -- ... \"кавычки\" 'апостроф' = + http://example.ru ~ 1. 2) - пункт"


def test_config_text_prints_literally() -> None:
    """Text from configs is data: nothing in it acts as Typst markup."""
    doc = compose(load_agency(AGENCIES / "murmansk-tourism.toml"), "murmansk-tourism")
    doc.preamble = SPECIAL
    doc.body[0].content = text(SPECIAL)
    assert doc.signature is not None
    doc.signature.position = "#set page(width: 1cm) ]"
    data = typst_writer.build(doc)
    words = " ".join(pdf_text(data)[0].replace("\u00ad\n", "").split())
    assert " ".join(SPECIAL.split()) in words
    assert "#set page(width: 1cm) ]" in words
    assert round(float(PdfReader(io.BytesIO(data)).pages[0].mediabox.width)) == 595


def test_missing_font_is_an_error_never_a_fallback() -> None:
    doc = compose(load_agency(AGENCIES / "model.toml"), "model")
    doc.layout.font = "Шрифт Которого Нет"
    with pytest.raises(ConversionError, match=r"шрифт для PDF не найден.*Шрифт Которого Нет"):
        typst_writer.build(doc)


def test_same_tree_same_bytes_and_bilingual_lines_tagged() -> None:
    doc = compose(load_agency(AGENCIES / "altai-zags.toml"), "altai-zags")
    first = typst_writer.build(doc)
    assert typst_writer.build(doc) == first
    trailer: Any = PdfReader(io.BytesIO(first)).trailer
    assert "alt-RU" in _struct_languages(trailer["/Root"]["/StructTreeRoot"])


def test_two_threads_typeset_at_once() -> None:
    """The workspace's server may typeset two previews together: one compiler, one at a time
    (without the lock the second thread fails with «Already borrowed»)."""
    doc = compose(load_agency(AGENCIES / "altai-zags.toml"), "altai-zags")
    alone = typst_writer.build(doc)
    with ThreadPoolExecutor(max_workers=4) as pool:
        made = list(pool.map(lambda _n: typst_writer.build(doc), range(4)))
    assert made == [alone] * 4


def _struct_languages(node: object, depth: int = 0) -> set[str]:
    """/Lang of the tagged PDF's structure elements (the second state language's lines)."""
    node = node.get_object() if hasattr(node, "get_object") else node
    found: set[str] = set()
    if depth > 50:
        return found
    if isinstance(node, dict):
        if "/Lang" in node:
            found.add(str(node["/Lang"]))
        if "/K" in node:
            found |= _struct_languages(node["/K"], depth + 1)
    elif isinstance(node, list):
        for child in node:
            found |= _struct_languages(child, depth + 1)
    return found


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils не установлен")
def test_draft_pdf_has_the_mark_and_the_approval_sheet(tmp_path: Path) -> None:
    from generator.build import build

    build(AGENCIES, tmp_path, ["kaliningrad-munrazvitie"], draft=True)
    pdf = tmp_path / "kaliningrad-munrazvitie" / "draft" / "prikaz.pdf"
    pages = pdf_text(pdf)
    assert pages[0].startswith("ПРОЕКТ")
    assert "ЛИСТ СОГЛАСОВАНИЯ" in pages[-1] and "Е.А. Степаненко" in pages[-1].replace("\u00a0", " ")
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert {r.split()[0].split("+")[-1].split("-")[0] for r in rows} == {"LiberationSerif"}


def test_a_register_row_of_an_amending_order_goes_on_a_landscape_page(agencies: Path, tmp_path: Path) -> None:
    """The row an amending order sets out (six columns) is typeset on a landscape page of its
    own, as in the DOCX, never squeezed into the portrait text."""
    import datetime as dt

    from generator.signing import amend, sign

    sign(agencies, "altai-zags", dt.date(2024, 3, 28), "П-12-01/0019")
    path = agencies / "altai-zags.toml"
    row = 'needs = ["Представление запроса", "Получение ответа"] }'
    path.write_text(path.read_text(encoding="utf-8").replace(
        row, 'needs = ["Представление запроса", "Получение ответа", "Получение информации о ходе '
        'рассмотрения запроса"] }', 1), encoding="utf-8")
    written = amend(agencies, tmp_path, "altai-zags", dt.date(2025, 4, 2), "П-12-01/0031")
    pdf = next(p for p in written if p.name == "izmeneniya.pdf")
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(str(pdf)).pages]
    assert (842, 595) in sizes and sizes[0] == (595, 842)


def test_a_grown_typesetter_is_replaced_and_the_next_document_typesets(monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiler never forgets what it laid out: a typesetter grown past RECYCLE_MB after
    a document is replaced by a fresh one, and the next document comes out the same."""
    from generator.writers.typst import typesetter

    doc = compose(load_agency(AGENCIES / "kaliningrad-munrazvitie.toml"), "kaliningrad-munrazvitie")
    first = typst_writer.build(doc)
    before = typesetter.running()
    assert before is not None
    monkeypatch.setattr(typesetter, "RECYCLE_MB", 0)
    assert typst_writer.build(doc) == first
    after = typesetter.running()
    assert after is not None and after != before
    monkeypatch.setattr(typesetter, "RECYCLE_MB", 10**6)
    assert typst_writer.build(doc) == first and typesetter.running() == after
    assert not Path(f"/proc/{before}").exists() or "Z" in Path(f"/proc/{before}/stat").read_text().split()[2]


def test_documents_typeset_from_passing_threads_share_one_typesetter() -> None:
    """A server's request threads come and go; the typesetter started for the first one
    serves the next (it is started by a thread that lives as long as the process)."""
    from generator.writers.typst import typesetter

    doc = compose(load_agency(AGENCIES / "kaliningrad-gostekhnadzor.toml"), "kaliningrad-gostekhnadzor")
    pids: list[int | None] = []

    def request() -> None:
        typst_writer.build(doc)
        pids.append(typesetter.running())

    for _ in range(3):
        thread = threading.Thread(target=request)
        thread.start()
        thread.join()
    assert len(pids) == 3 and pids[0] is not None and len(set(pids)) == 1
    assert Path(f"/proc/{pids[0]}").exists()
