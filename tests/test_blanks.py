"""Blanks and drafts: the emblem, the second language of a bilingual blank, the blanks of a
draft for the registry office, amending orders (drafts, register rows on a landscape page)
and register rows tracked as rows in the redline. Each is read back from the DOCX XML."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from lxml import etree

from generator.build import build
from generator.cli import main
from generator.compose import compose
from generator.config import load_agency
from generator.errors import ConfigError
from generator.signing import amend
from generator.writers import write_all
from tests.test_amendments import SCENARIOS, _apply, sign_original

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1], "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 120">'
       '<circle cx="50" cy="60" r="40" fill="#c00"/></svg>')


def png(width: int, height: int) -> bytes:
    """A small valid PNG of one colour."""
    raw = b"".join(b"\x00" + b"\xc8\x1e\x1e" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _set_blank(path: Path, keys: str) -> None:
    """Add keys to the [blank] table of a config or a region profile."""
    text = path.read_text(encoding="utf-8")
    for key in re.findall(r"^(\w+) =", keys, re.M):  # a key given anew replaces the profile's own
        text = re.sub(rf"^{key} = .*\n", "", text, flags=re.M)
    if "\n[blank]\n" in text:
        text = text.replace("\n[blank]\n", f"\n[blank]\n{keys}\n", 1)
    else:
        text += f"\n[blank]\n{keys}\n"
    path.write_text(text, encoding="utf-8")


def _docx_xml(data: bytes, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(part))


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _outputs(agencies: Path, slug: str, draft: bool = False) -> dict[str, bytes]:
    return write_all(compose(load_agency(agencies / f"{slug}.toml"), slug, draft=draft))


def test_png_emblem_from_the_region_profile_is_centred_above_the_name(agencies: Path) -> None:
    (agencies / "emblems").mkdir()
    (agencies / "emblems" / "murmansk.png").write_bytes(png(40, 50))
    _set_blank(agencies / "regions" / "murmansk.toml", 'emblem = "emblems/murmansk.png"\nemblem_width_mm = 16')
    out = _outputs(agencies, "murmansk-tourism")
    parts = _parts(out[".docx"])
    media = [n for n in parts if n.startswith("word/media/")]
    assert len(media) == 1 and parts[media[0]] == png(40, 50)
    body = _docx_xml(out[".docx"]).find(f"{W}body")
    first = body[0]  # the emblem's paragraph comes first, then the name
    extent = first.find(".//wp:extent", NS)
    assert extent is not None
    assert int(extent.get("cx")) == 16 * 36000 and int(extent.get("cy")) == 20 * 36000  # 40 × 50 px → 16 × 20 mm
    style = first.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
    assert style == "BlankName"  # centred, like the name
    texts = ["".join(p.itertext()) for p in body.iter(f"{W}p")]
    name_at = texts.index("КОМИТЕТ ПО ТУРИЗМУ МУРМАНСКОЙ ОБЛАСТИ")
    assert all(not t for t in texts[:name_at])  # nothing but the picture above the name
    md = out[".md"].decode().replace("\\_", "_")  # the Markdown escapes the underscores of the blanks
    assert md.startswith("[герб: emblems/murmansk.png, 16 × 20 мм, по центру]\n")


def test_documents_from_one_prepared_blank_change_only_their_own_package(agencies: Path) -> None:
    """Every document starts from a copy of its profile's prepared blank and shares the parts
    no document changes: an emblem, a draft and another body's names built in between leave
    the next document's bytes as they were, and every zip entry reads back with its CRC."""
    first = _outputs(agencies, "murmansk-tourism")[".docx"]
    (agencies / "emblems").mkdir()
    (agencies / "emblems" / "m.png").write_bytes(png(40, 50))
    other = agencies / "murmansk-other.toml"
    other.write_text((agencies / "murmansk-tourism.toml").read_text(encoding="utf-8")
                     .replace("Комитет по туризму", "Комитет по делам молодёжи"), encoding="utf-8")
    _set_blank(other, 'emblem = "emblems/m.png"')
    between = _outputs(agencies, "murmansk-other", draft=True)[".docx"]
    assert any(n.startswith("word/media/") for n in _parts(between))
    assert "ДЕЛАМ МОЛОДЁЖИ" in "".join(_docx_xml(between).itertext())
    again = _outputs(agencies, "murmansk-tourism")[".docx"]
    assert again == first
    assert not any(n.startswith("word/media/") for n in _parts(again))
    for data in (first, between):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert z.testzip() is None


def test_svg_emblem_in_the_body_config_overrides_the_profile(agencies: Path) -> None:
    (agencies / "emblems").mkdir()
    (agencies / "emblems" / "a.svg").write_text(SVG, encoding="utf-8")
    _set_blank(agencies / "kaliningrad-gostekhnadzor.toml", 'emblem = "emblems/a.svg"')
    out = _outputs(agencies, "kaliningrad-gostekhnadzor")
    parts = _parts(out[".docx"])
    assert parts["word/media/emblem.svg"] == SVG.encode()
    assert b'PartName="/word/media/emblem.svg" ContentType="image/svg+xml"' in parts["[Content_Types].xml"]
    doc = _docx_xml(out[".docx"])
    blip = doc.find(".//a:blip", NS)
    assert blip is not None and b"svgBlip" in etree.tostring(blip)
    extent = doc.find(".//wp:extent", NS)
    assert extent is not None and int(extent.get("cy")) == 18 * 36000  # 15 mm wide, 100 × 120


@pytest.mark.parametrize(("name", "reason"), [
    ("../outside.png", "за пределы папки"),
    ("emblems/none.png", "нет"),
    ("emblems/bad.png", "не в формате PNG"),
    ("emblems/bad.svg", "не в формате SVG"),
    ("emblems/x.gif", "PNG или SVG"),
])
def test_unusable_emblem_is_a_located_error(agencies: Path, name: str, reason: str) -> None:
    (agencies / "emblems").mkdir()
    (agencies / "emblems" / "bad.png").write_bytes(b"GIF89a")
    (agencies / "emblems" / "bad.svg").write_text("<html/>", encoding="utf-8")
    (agencies.parent / "outside.png").write_bytes(png(2, 2))
    _set_blank(agencies / "murmansk-tourism.toml", f'emblem = "{name}"')
    with pytest.raises(ConfigError) as e:
        load_agency(agencies / "murmansk-tourism.toml")
    text = str(e.value)
    assert reason in text and "blank.emblem" in text and "murmansk-tourism.toml:" in text and name in text


def test_bilingual_blank_gives_type_and_place_in_the_second_language_tagged(agencies: Path) -> None:
    _set_blank(agencies / "regions" / "altai.toml",
               'alt_doc_type = "Јакару"\nalt_place = "Горно-Алтайск кала"\nalt_language = "alt-RU"')
    out = _outputs(agencies, "altai-zags")
    body = _docx_xml(out[".docx"]).find(f"{W}body")
    tables = body.findall(f"{W}tbl")
    rows = [["".join(c.itertext()) for c in t.iter(f"{W}tc")] for t in tables[:3]]
    assert rows[1] == ["ПРИКАЗ", "ЈАКАРУ"]  # side by side
    assert rows[2] == ["г.\u00a0Горно-Алтайск", "Горно-Алтайск кала"]
    tagged = ["".join(r.itertext()) for r in body.iter(f"{W}r")
              if r.find(f"{W}rPr/{W}lang[@{W}val='alt-RU']") is not None]
    assert tagged == ["АЛТАЙ РЕСПУБЛИКАНЫҤ ГРАЖДАН АЙАЛГАНЫ БИЧИИР ЛЕ АРХИВТЕР КЕРЕКТЕРИ ААЙЫНЧА КОМИТЕДИ",
                      "(АЛТАЙ РЕСПУБЛИКАНЫҤ ЗАГС-ТЫҤ ЛЕ АРХИВТЕР КОМИТЕДИ)", "ЈАКАРУ", "Горно-Алтайск кала"]
    md = out[".md"].decode().replace("\\_", "_")  # the Markdown escapes the underscores of the blanks
    assert "## ПРИКАЗ / ЈАКАРУ" in md and "г. Горно-Алтайск / Горно-Алтайск кала" in md


def test_alt_language_code_is_checked(agencies: Path) -> None:
    _set_blank(agencies / "regions" / "altai.toml", 'alt_language = "алтайский"')
    with pytest.raises(ConfigError) as e:
        load_agency(agencies / "altai-zags.toml")
    assert "«алтайский»: ожидается код языка" in str(e.value) and "altai.toml:" in str(e.value)


def test_draft_leaves_date_and_number_blank_everywhere(agencies: Path) -> None:
    text = (agencies / "altai-zags.toml").read_text(encoding="utf-8")
    text = text.replace('date = 2024-03-28\nnumber = "П-12-01/0019"\n', "")  # not given yet
    (agencies / "altai-zags.toml").write_text(text, encoding="utf-8")
    out = _outputs(agencies, "altai-zags", draft=True)
    md = out[".md"].decode().replace("\\_", "_")  # the Markdown escapes the underscores of the blanks
    assert "____________ № ______" in md.split("**Об утверждении")[0]  # the blank
    assert md.count("от ____________ № ______") == 2  # the grifs of both approved appendices
    assert not re.search(r"\d\d\.\d\d\.20\d\d|П-12", md.split("приказываю")[1])
    assert "ЛИСТ СОГЛАСОВАНИЯ" in md
    docx_text = "".join(_docx_xml(out[".docx"]).itertext())
    assert docx_text.count("____________") >= 3 and "ПРОЕКТ" in docx_text


def test_amend_draft_has_blanks_and_an_approval_sheet(agencies: Path, tmp_path: Path) -> None:
    slug, steps = SCENARIOS["rows_added"]
    sign_original(agencies, slug)
    _apply(agencies / f"{slug}.toml", steps[0], "rows_added")
    assert main(["--agencies", str(agencies), "amend", slug, "--draft", "--out", str(tmp_path / "out"),
                 "--no-pdf"]) == 0
    folder = tmp_path / "out" / slug / "amendments" / "draft"
    md = (folder / "izmeneniya.md").read_text(encoding="utf-8").replace("\\_", "_")  # escaped blanks
    assert md.startswith("**ПРОЕКТ**") and "____________\n№ ______" in md
    assert "**ЛИСТ СОГЛАСОВАНИЯ**\n**проекта приказа «О внесении изменений в приказ" in md
    assert len(list((agencies / f"{slug}.editions").glob("*.toml"))) == 1  # a draft signs nothing


def test_amend_without_date_outside_a_draft_is_refused(agencies: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sign_original(agencies, "murmansk-tourism")
    assert main(["--agencies", str(agencies), "amend", "murmansk-tourism", "--no-pdf"]) == 2
    assert "укажите --date и --number" in capsys.readouterr().err


def _amended_rows(agencies: Path, tmp_path: Path) -> Path:
    slug, steps = SCENARIOS["rows_added"]
    sign_original(agencies, slug)
    _apply(agencies / f"{slug}.toml", steps[0], "rows_added")
    _apply(agencies / f"{slug}.toml", SCENARIOS["row_removed"][1][0], "row_removed")
    written = amend(agencies, tmp_path / "out", slug, dt.date(2025, 3, 1), "8", pdf=False)
    return written[0].parent


def test_register_rows_of_an_amending_order_go_on_a_landscape_page(agencies: Path, tmp_path: Path) -> None:
    folder = _amended_rows(agencies, tmp_path)
    body = _docx_xml((folder / "izmeneniya.docx").read_bytes()).find(f"{W}body")
    children = list(body)
    for k, child in enumerate(children):
        if child.tag == f"{W}tbl" and len(child.findall(f"{W}tblGrid/{W}gridCol")) == 6:
            before = children[k - 1].find(f"{W}pPr/{W}sectPr")  # the portrait section ends before it
            after = children[k + 1].find(f"{W}pPr/{W}sectPr")  # the landscape one right after it
            assert before is not None and before.find(f"{W}pgSz").get(f"{W}orient") is None
            assert after is not None and after.find(f"{W}pgSz").get(f"{W}orient") == "landscape"
            width = sum(int(c.get(f"{W}w")) for c in child.findall(f"{W}tblGrid/{W}gridCol"))
            assert width > 13000  # the landscape text width (267 mm), not the portrait one (180 mm)
            break
    else:
        pytest.fail("no table of six columns in the amending order")


def test_redline_tracks_inserted_and_deleted_register_rows_as_rows(agencies: Path, tmp_path: Path) -> None:
    folder = _amended_rows(agencies, tmp_path)
    body = _docx_xml((folder / "sravnenie.docx").read_bytes()).find(f"{W}body")
    seen = {"ins": 0, "del": 0}
    for row in body.iter(f"{W}tr"):
        kinds = [k for k in ("ins", "del") if row.find(f"{W}trPr/{W}{k}") is not None]
        if not kinds:
            continue
        kind = kinds[0]
        seen[kind] += 1
        for p in row.iter(f"{W}p"):  # «Reject all» / «Accept all» leaves no empty row
            assert p.find(f"{W}pPr/{W}rPr/{W}{kind}") is not None
            for r in p.findall(f"{W}r"):
                pytest.fail(f"a run outside w:{kind} in a tracked row: {''.join(r.itertext())}")
            for r in p.iter(f"{W}r"):
                assert r.getparent().tag == f"{W}{kind}"
        texts = [t.text for t in row.iter(f"{W}{'delText' if kind == 'del' else 't'}")]
        assert any(texts)
    assert seen["ins"] >= 2 and seen["del"] >= 1


def test_emblem_is_an_input_of_the_build(agencies: Path, tmp_path: Path) -> None:
    (agencies / "emblems").mkdir()
    image = agencies / "emblems" / "m.png"
    image.write_bytes(png(4, 4))
    _set_blank(agencies / "murmansk-tourism.toml", 'emblem = "emblems/m.png"')
    out = tmp_path / "out"
    assert not build(agencies, out, ["murmansk-tourism"], pdf=False)[0].up_to_date
    assert build(agencies, out, ["murmansk-tourism"], pdf=False)[0].up_to_date
    image.write_bytes(png(4, 6))  # a new picture rebuilds the body
    assert not build(agencies, out, ["murmansk-tourism"], pdf=False)[0].up_to_date
