"""The typed document tree: inline content parsed once by the reader, no markup or escape
character left in any string of the tree, editions stored as plain words (format 2) and
editions of format 1 still read."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator import edition as ed
from generator.compose import compose
from generator.config import load_agency
from generator.inline import AppRef, LineBreak, Ref, Strong, Text, atoms, concat, plain, retext
from generator.markup import parse, parse_inline
from generator.passes import PASSES
from generator.reader import read
from generator.russian import typography
from generator.signing import amend, sign

from .conftest import AGENCIES, SEED_FILES

DATA = Path(__file__).parent / "data" / "edition-format1"
PRIVATE = re.compile("[\ue000-\uf8ff]")
MARKUP = re.compile(r"\{(ref|app):|\*\*")


def _strings(value: Any, path: str = "doc") -> list[tuple[str, str]]:
    """Every string held anywhere in a tree (dataclasses, lists, tuples), with where it is."""
    if isinstance(value, str):
        return [(path, value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name), f"{path}.{f.name}")]
    if isinstance(value, list | tuple):
        return [s for k, v in enumerate(value) for s in _strings(v, f"{path}[{k}]")]
    return []


def test_inline_markup_is_parsed_once_into_types() -> None:
    content = parse_inline("см. **п. {ref:a}** и {app:form|datv}\ue000x\ue001 \ue002")
    assert content == (Text("см. "), Strong((Text("п. "), Ref("a"))), Text(" и "), AppRef("form", "datv"),
                       Text("{x} *"))
    assert plain(content) == "см. п. {ref:a} и {app:form|datv}{x} *"
    assert plain(content, unresolved="#") == "см. п. # и #{x} *"


def test_typography_sees_words_across_spans() -> None:
    # The non-breaking space after «п.» depends on the number in the reference that follows.
    content = concat("согласно п. ", (Ref("a", "2.6"),), ' и "', (Strong((Text("слово"),)),), '"')
    set_ = retext(content, typography)
    assert plain(set_) == typography(plain(content)) == "согласно п.\u00a02.6 и «слово»"
    assert isinstance(set_[1], Ref) and set_[1].text == "2.6"
    assert set_[2] == Text(" и «") and set_[3] == Strong((Text("слово"),))


def test_reader_keeps_the_source_line_of_every_unit() -> None:
    nodes = parse("- [a] Пункт\n  - [b] Подпункт", "templates/x.j2")
    assert [n.source for n in nodes[0].walk()] == ["templates/x.j2:1", "templates/x.j2:2"]


def test_passes_are_a_declared_list() -> None:
    assert [name for name, _ in PASSES] == ["punctuation", "numbering", "frozen numbering", "references", "marks", "typography",
                                            "approval sheet"]
    doc = read(load_agency(AGENCIES / "murmansk-tourism.toml"), "murmansk-tourism")
    units = [n for app in doc.appendices for root in app.body for n in root.walk()]
    assert all(n.number is None for n in units)  # the reader numbers nothing
    assert any(isinstance(a, Ref | AppRef) and a.text is None for n in units for a in atoms(n.content))


@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_no_markup_or_escape_left_in_the_tree(slug: str) -> None:
    doc = compose(load_agency(AGENCIES / f"{slug}.toml"), slug)
    strings = _strings(doc)
    assert strings
    assert [(w, s) for w, s in strings if PRIVATE.search(s)] == []
    assert [(w, s) for w, s in strings if MARKUP.search(s)] == []


def _data_config(agencies: Path) -> None:
    path = agencies / "murmansk-tourism.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'process = "Наименование государственной услуги"', 'process = "Наименование {x} *важный* <b> услуги"', 1)
        + '\n[[procedure.overrides]]\naction = "insert_after"\nid = "purpose"\n'
        'text = "- [data_clause] Сведения о {x} *важных* <b> и **значимых** точках представляются в срок."\n',
        encoding="utf-8")


def test_signed_edition_holds_plain_words(agencies: Path, tmp_path: Path) -> None:
    _data_config(agencies)
    target = sign(agencies, "murmansk-tourism", dt.date(2024, 2, 28), "21")
    stored = target.read_text(encoding="utf-8")
    assert not PRIVATE.search(stored)
    assert "format = 2" in stored
    assert "Наименование {x} *важный* <b> услуги" in stored
    edition = ed.load(target)
    clause = next(u for u in edition.procedure if u.id == "data_clause")
    assert clause.text == "Сведения о {x} *важных* <b> и значимых точках представляются в срок."
    assert [clause.text[a:b] for a, b in clause.strong] == ["значимых"]
    path = agencies / "murmansk-tourism.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("*важных* <b> и", "*важных* <i> и"), encoding="utf-8")
    folder = amend(agencies, tmp_path, "murmansk-tourism", dt.date(2025, 3, 1), "7", pdf=False)[0].parent
    order = (folder / "izmeneniya.md").read_text(encoding="utf-8")
    assert "слово «\\<b\\>» заменить словом «\\<i\\>»" in order  # Markdown: config text escaped
    assert not PRIVATE.search(order + (folder / "sravnenie.md").read_text(encoding="utf-8"))


def test_edition_of_format_1_still_reads_and_amends_as_before(agencies: Path, tmp_path: Path) -> None:
    """A format 1 file (markup and private-use escapes in its texts, written by prikaz
    before the typed tree) is upgraded on reading; the amending order against it words the
    changes of its data as that version of prikaz did (tests/data/edition-format1/*.md:
    the lines that concern the fixture's clause and register row; the template's own
    wording has been corrected since, so the rest of the order differs)."""
    shutil.copy(DATA / "murmansk-tourism.toml", agencies / "murmansk-tourism.toml")
    folder = agencies / "murmansk-tourism.editions"
    folder.mkdir()
    shutil.copy(DATA / "01-2024-02-28-21.toml", folder)
    assert PRIVATE.search((folder / "01-2024-02-28-21.toml").read_text(encoding="utf-8"))
    edition = ed.load(folder / "01-2024-02-28-21.toml")
    assert edition.format == ed.FORMAT == 2
    assert not [s for _w, s in _strings(edition.model_dump()) if PRIVATE.search(s)]
    clause = next(u for u in edition.procedure if u.id == "fixture_clause")
    assert [clause.text[a:b] for a, b in clause.strong] == ["значимых"]
    written = amend(agencies, tmp_path, "murmansk-tourism", dt.date(2025, 3, 1), "7", pdf=False)
    out = written[0].parent
    for name, marks in (("izmeneniya.md", ("дополнить словами «и каналах взаимодействия»", "Наименование {x}")),
                        ("sravnenie.md", ("**значимых**", "Наименование {x}"))):
        before = [line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if any(m in line for m in marks)]
        now = re.sub(r"\\(.)", r"\1", (out / name).read_text(encoding="utf-8")).splitlines()  # as typed
        assert before and all(line.split(" ", 1)[1] in "\n".join(now) for line in before), name


def test_cells_keep_their_lines() -> None:
    doc = compose(load_agency(AGENCIES / "altai-zags.toml"), "altai-zags")
    found = ed.find_register(doc)
    assert found is not None and found[0].table is not None
    cells = [c for row in found[0].table.rows for c in row if any(isinstance(x, LineBreak) for x in c.content)]
    assert cells and all("\n" in c.text for c in cells)


def test_redline_title_is_tracked_in_the_text_and_plain_in_the_properties() -> None:
    """The one byte change of the typed tree: a redline's DOCX title property held the
    words of both versions run together («обращений обращений, запросов и запросов
    жалоб»); it now holds the title in force, while the document shows the tracked change."""
    import io

    import docx

    from generator.amendments.diff import diff_content
    from generator.writers.docx import build

    doc = compose(load_agency(AGENCIES / "murmansk-tourism.toml"), "murmansk-tourism")
    doc.title_redline = diff_content("Об утверждении старого Порядка", doc.title)
    data = build(doc)
    assert docx.Document(io.BytesIO(data)).core_properties.title == doc.title
    assert b"<w:ins " in data or "w:ins" in str(docx.Document(io.BytesIO(data)).element.xml)


def test_blank_lines_are_decided_in_the_tree() -> None:
    """The federation line, the order word and the draft's wording come from the tree; the
    writers print what it says (the blank template prints the line it is given: docxtpl
    marks that run xml:space="preserve", the only byte that changed in the two Kaliningrad
    DOCX when the line moved into the tree)."""
    import io

    import docx

    from generator.writers.docx import build
    from generator.writers.text import render

    doc = compose(load_agency(AGENCIES / "kaliningrad-munrazvitie.toml"), "kaliningrad-munrazvitie", draft=True)
    assert doc.blank is not None and doc.blank.federation_line == "РОССИЙСКАЯ ФЕДЕРАЦИЯ"
    assert doc.draft is not None and doc.draft.sheet_title[1].startswith("проекта приказа «")
    doc.blank.federation_line = "ЛИНИЯ ИЗ ДЕРЕВА"
    doc.order_word.text = "СЛОВО ИЗ ДЕРЕВА:"
    doc.draft.mark = "ЧЕРНОВИК"
    paragraphs = [p.text for p in docx.Document(io.BytesIO(build(doc))).paragraphs]
    md = render(doc)
    for words in ("ЛИНИЯ ИЗ ДЕРЕВА", "СЛОВО ИЗ ДЕРЕВА:", "ЧЕРНОВИК"):
        assert any(words in p for p in paragraphs), words
        assert words in md


def test_markdown_shows_config_text_as_typed(agencies: Path) -> None:
    """A reviewer opens prikaz.md in a viewer that renders HTML and emphasis: what a config
    typed is escaped, the writer's own structure is not."""
    from generator.writers.text import render

    hostile = "**жирный** <b>x</b> <script>alert(1)</script> [ссылка](http://example.org) _курсив_"
    path = agencies / "murmansk-tourism.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'process = "Наименование государственной услуги"', f'process = "{hostile}"', 1).replace(
        "[order]\n", f'[order]\ntitle = "Об утверждении Порядка {hostile}"\n', 1), encoding="utf-8")
    md = render(compose(load_agency(path), "murmansk-tourism"))
    assert not re.search(r"(?<!\\)(<script>|<b>|\]\(http)", md), [x for x in md.splitlines() if "script" in x]
    escaped = r"\*\*жирный\*\* \<b\>x\</b\> \<script\>alert(1)\</script\> [ссылка\](http://example.org) \_курсив\_"
    assert f"**Об утверждении Порядка {escaped}**" in md  # the title: bold by the writer, words escaped
    assert f"| {escaped} |" in md  # the register cell
    assert re.sub(r"\\(.)", r"\1", escaped) == hostile


def test_plain_fields_never_become_bold(agencies: Path) -> None:
    """Requisites, titles, marks and approvals are plain text in the tree: «**» typed in
    them is printed as typed, never turned bold by a writer (it was, before the typed tree)."""
    import io

    import docx

    from generator.writers.docx import build

    path = agencies / "murmansk-tourism.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[order.signatory]")
    position = text.index("position = ", start)
    end = text.index("\n", position)
    path.write_text(text[:position] + 'position = "Председатель **Комитета**"' + text[end:], encoding="utf-8")
    doc = compose(load_agency(path), "murmansk-tourism", draft=True)
    assert doc.signature is not None and "**Комитета**" in doc.signature.position
    d = docx.Document(io.BytesIO(build(doc)))
    runs = [r for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
            if "Комитета**" in r.text]
    assert runs and not any(r.bold for r in runs)


def test_a_pass_locates_its_error_at_the_unit() -> None:
    """Units keep where they came from: a reference the references pass cannot resolve in a
    template names the template's file and line, without searching any text."""
    from generator.errors import TemplateError
    from generator.passes.references import resolve_in

    nodes = parse("- [a] Пункт\n  - [b] Подпункт со ссылкой на {ref:nowhere}", "templates/x.j2")
    with pytest.raises(TemplateError) as caught:
        resolve_in(nodes, {}, "x")
    [d] = caught.value.diagnostics
    assert (str(d.path), d.line, d.key) == ("templates/x.j2", 2, "nowhere")


def test_register_read_once_where_it_is_no_appendix(monkeypatch: pytest.MonkeyPatch) -> None:
    """model.toml puts the register in a clause of the Порядок: its table is read for the
    clause only, not for an appendix that is never printed."""
    from generator.reader.register import register_table as real

    calls: list[str] = []

    def counted(cfg: Any, names: Any) -> Any:
        calls.append(cfg.registry.placement)
        return real(cfg, names)

    monkeypatch.setattr("generator.reader.register_table", counted)
    doc = read(load_agency(AGENCIES / "model.toml"), "model")
    assert calls == ["procedure-clause"]
    assert "register" not in [a.id for a in doc.all_appendices()]
