"""Documents fit for signature: the outputs read back, checked against ГОСТ Р 7.0.97."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document as OpenDocx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from pypdf import PdfReader

from generator.build import build
from generator.compose import compose
from generator.config import load_agency
from generator.preview import render
from generator.reader import gender_of as _gender
from generator.writers import docx as docx_writer
from generator.writers import typst as typst_writer

from .conftest import AGENCIES, OUTPUT, SEED_FILES

ORDERS = sorted(s for s in SEED_FILES if s != "model")


def _docx(built: Path, slug: str) -> object:
    return OpenDocx(str(built / slug / f"{OUTPUT[slug]}.docx"))


def _mm(length: object) -> float:
    return round(float(length) / Mm(1), 1)  # type: ignore[arg-type]


@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_page_margins_and_styles(built: Path, slug: str) -> None:
    d = _docx(built, slug)
    sec = d.sections[0]  # type: ignore[attr-defined]
    assert (_mm(sec.page_width), _mm(sec.page_height)) == (210.0, 297.0)
    assert [_mm(x) for x in (sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin)] == [
        20.0, 10.0, 20.0, 20.0]
    normal = d.styles["Normal"]  # type: ignore[attr-defined]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    assert normal.paragraph_format.line_spacing == 1.0
    clause = d.styles["Clause"]  # type: ignore[attr-defined]
    assert _mm(clause.paragraph_format.first_line_indent) == 12.5
    assert clause.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert d.styles["Table Text"].font.size == Pt(12)  # type: ignore[attr-defined]


@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_page_numbers_from_page_two(built: Path, slug: str) -> None:
    d = _docx(built, slug)
    sec = d.sections[0]  # type: ignore[attr-defined]
    assert sec.different_first_page_header_footer
    header = sec.header._element.xml
    assert "PAGE" in "".join(sec.header._element.itertext()) or " PAGE " in header
    assert sec.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "".join(p.text for p in sec.first_page_header.paragraphs).strip() == ""
    for later in d.sections[1:]:  # type: ignore[attr-defined]
        assert not later.different_first_page_header_footer  # numbering continues on every page


def _body_paragraphs(d: Any) -> list[Any]:
    return list(d.element.body.iterchildren())


@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_every_appendix_starts_on_a_new_page_with_its_mark(built: Path, slug: str) -> None:
    d = _docx(built, slug)
    items = _body_paragraphs(d)
    marks = 0
    for i, el in enumerate(items):
        style = el.find(qn("w:pPr") + "/" + qn("w:pStyle"))
        if style is None or style.get(qn("w:val")) != "AppendixMark":
            continue
        prev = items[i - 1]
        if prev.find(qn("w:pPr") + "/" + qn("w:pStyle")) is not None and \
                prev.find(qn("w:pPr") + "/" + qn("w:pStyle")).get(qn("w:val")) == "AppendixMark":
            continue  # the second line of the same mark
        marks += 1
        xml = prev.xml
        assert 'w:type="page"' in xml or "<w:sectPr" in xml, "no page or section break before a mark"
    expected = {"altai-zags": 3, "kaliningrad-gostekhnadzor": 1, "kaliningrad-munrazvitie": 2, "model": 1,
                "murmansk-tourism": 3}[slug]
    assert marks == expected


def test_grif_agrees_with_the_approved_document() -> None:
    assert _gender("Порядок ведения перечня") == "m"
    assert _gender("Положение о комиссии") == "n"
    assert _gender("Правила внутреннего распорядка") == "p"
    assert _gender("Форма перечня точек взаимодействия") == "f"
    doc = compose(load_agency(AGENCIES / "altai-zags.toml"), "altai-zags")
    assert [a.mark.lines[0] for a in doc.appendices if a.mark] == ["УТВЕРЖДЕН", "УТВЕРЖДЕН"]
    assert doc.appendices[0].appendices[0].mark.lines[0] == "Приложение"  # type: ignore[union-attr]


def test_marks_without_number_sign(agencies: Path) -> None:
    path = agencies / "murmansk-tourism.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'region = "murmansk"', 'region = "murmansk"\n\n[marks]\nnumber_sign = false', 1), encoding="utf-8")
    doc = compose(load_agency(path), "murmansk-tourism")
    assert doc.appendices[0].mark.lines[0] == "Приложение 1"  # type: ignore[union-attr]
    assert [a.mark.lines[0] for a in doc.appendices[0].appendices] == ["Приложение 1", "Приложение 2"]  # type: ignore[union-attr]


@pytest.mark.parametrize("slug", ORDERS)
def test_signature_block(built: Path, slug: str) -> None:
    d = _docx(built, slug)
    sig = next(t for t in d.tables if len(t.columns) == 2 and "." in t.rows[0].cells[1].text)  # type: ignore[attr-defined]
    left, right = sig.rows[0].cells
    assert right.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert right._tc.tcPr.find(qn("w:vAlign")).get(qn("w:val")) == "bottom"
    assert re.fullmatch(r"[А-ЯЁ]\.[А-ЯЁ]\.\u00a0[А-ЯЁ][а-яё]+", right.text)
    # 2–3 blank lines between the last clause and the signature
    body = _body_paragraphs(d)
    idx = body.index(sig._tbl)
    blanks = [el for el in body[idx - 3:idx] if el.tag == qn("w:p") and not "".join(el.itertext()).strip()]
    assert 2 <= len(blanks) <= 3
    assert left.text


def _table_with_header(d: object, header_start: str) -> object:
    return next(t for t in d.tables if t.rows[0].cells[0].text.startswith(header_start)  # type: ignore[attr-defined]
                and len(t.columns) >= 5)


def test_register_tables(built: Path) -> None:
    d = _docx(built, "murmansk-tourism")
    tables = [t for t in d.tables if len(t.columns) == 6]  # type: ignore[attr-defined]
    register = tables[-1]
    assert [c.text for c in register.rows[1].cells] == ["1", "2", "3", "4", "5", "6"]  # the number row
    for row in register.rows[:2]:
        assert row._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    for row in register.rows[2:]:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None  # rows do not split
    # a wide register is on a landscape page, the order itself on portrait
    assert d.sections[0].orientation == WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
    assert any(s.orientation == WD_ORIENT.LANDSCAPE and _mm(s.page_width) == 297.0
               for s in d.sections)  # type: ignore[attr-defined]

    model = _docx(built, "model")
    table = next(t for t in model.tables if "Процесс взаимодействия" in t.rows[0].cells[1].text)  # type: ignore[attr-defined]
    merged = [tc for tc in table._tbl.iter(qn("w:tc"))
              if tc.tcPr is not None and tc.tcPr.find(qn("w:vMerge")) is not None]
    assert merged, "one process with several touchpoints has merged number and process cells"
    assert all(s.orientation == WD_ORIENT.PORTRAIT for s in model.sections)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("style", "check"), [
    ("caps-line", lambda d: any(p.text == "ПРИКАЗЫВАЮ:" for p in d.paragraphs)),
    ("spaced", lambda d: any(r.text == "приказываю:" and r.element.rPr.find(qn("w:spacing")) is not None
                             for p in d.paragraphs for r in p.runs)),
    ("bold", lambda d: any(r.text == "приказываю:" and r.bold for p in d.paragraphs for r in p.runs)),
])
def test_order_word_style(agencies: Path, style: str, check: object) -> None:
    region = agencies / "regions" / "murmansk.toml"
    region.write_text(region.read_text(encoding="utf-8") + f'\n[layout]\norder_word_style = "{style}"\n',
                      encoding="utf-8")
    doc = compose(load_agency(agencies / "murmansk-tourism.toml"), "murmansk-tourism")
    d = OpenDocx(io.BytesIO(docx_writer.build(doc)))
    assert check(d)  # type: ignore[operator]


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils не установлен")
@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_pdf_fonts_embedded_and_one_family(built: Path, slug: str) -> None:
    pdf = built / slug / f"{OUTPUT[slug]}.pdf"
    rows = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert rows
    families = set()
    for row in rows:
        cols = row.split()
        assert cols[-5] == "yes", f"font not embedded: {row}"
        families.add(cols[0].split("+")[-1].split("-")[0])
    # one family: no character of the document fell back to another font
    assert families == {"LiberationSerif"}, families


def test_altai_letters_survive_in_pdf(built: Path) -> None:
    text = _run("pdftotext", str(built / "altai-zags" / "prikaz.pdf"), "-")
    assert "РЕСПУБЛИКАНЫҤ" in text and "ТЫҤ ЛЕ АРХИВТЕР" in text


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf не установлен")
@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_pdf_is_pdfa_with_metadata(built: Path, slug: str) -> None:
    pdf = built / slug / f"{OUTPUT[slug]}.pdf"
    subprocess.run(["qpdf", "--check", str(pdf)], check=True, capture_output=True)
    reader = PdfReader(str(pdf))
    trailer: Any = reader.trailer
    assert pdf.read_bytes().startswith(b"%PDF-1.")
    xmp = trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    docx = _docx(built, slug)
    title = docx.core_properties.title  # type: ignore[attr-defined]
    info = reader.metadata
    assert info is not None and info.title == title and info.author == docx.core_properties.author  # type: ignore[attr-defined]
    assert info.subject and info.get("/Keywords")
    assert title in xmp.replace("&quot;", '"')  # dc:title agrees with the Info dictionary
    assert trailer["/Root"]["/Lang"] == "ru-RU"
    assert "/ID" in reader.trailer
    for page in reader.pages:
        w, h = sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height))))
        assert (w, h) == (595, 842)


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    build(AGENCIES, tmp_path)
    for slug in SEED_FILES:
        for ext in (".docx", ".pdf", ".md"):
            name = OUTPUT[slug] + ext
            assert (built / slug / name).read_bytes() == (tmp_path / slug / name).read_bytes(), name


def test_draft_mode(tmp_path: Path) -> None:
    build(AGENCIES, tmp_path, ["kaliningrad-munrazvitie"], pdf=False, draft=True)
    build(AGENCIES, tmp_path, ["kaliningrad-munrazvitie"], pdf=False)
    draft = OpenDocx(str(tmp_path / "kaliningrad-munrazvitie" / "draft" / "prikaz.docx"))
    final = OpenDocx(str(tmp_path / "kaliningrad-munrazvitie" / "prikaz.docx"))
    first = draft.paragraphs[0]
    assert first.text == "ПРОЕКТ" and first.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert any(p.text == "ЛИСТ СОГЛАСОВАНИЯ" for p in draft.paragraphs)
    sheet = draft.tables[-1]
    assert [c.text for c in sheet.rows[0].cells] == ["Должность", "Инициалы, фамилия", "Дата", "Подпись"]
    assert sheet.rows[1].cells[1].text == "Е.А.\u00a0Степаненко"
    texts = [p.text for p in final.paragraphs]
    assert "ПРОЕКТ" not in texts and "ЛИСТ СОГЛАСОВАНИЯ" not in texts


def test_preview_pages(tmp_path: Path) -> None:
    doc = compose(load_agency(AGENCIES / "murmansk-tourism.toml"), "murmansk-tourism")
    made = render(doc, tmp_path / "preview", "prikaz", resolution=30)
    # page 1 and the three appendices, each on its own page (PDF and preview are one layout)
    pdf = PdfReader(io.BytesIO(typst_writer.build(doc)))
    starts = [n for n, page in enumerate(pdf.pages, start=1)
              if re.match(r"\d+\s*(УТВЕРЖДЕН|Приложение)", page.extract_text() or "")]
    assert [p.name for p in made] == [f"prikaz-{n:02d}.png" for n in [1, *starts]] and len(starts) == 3
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in made)
