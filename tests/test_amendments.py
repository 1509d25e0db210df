"""Amendments: scripted scenarios on the seed bodies, each with golden texts.

Every scenario signs the original order, changes the body's config, writes the amending
order (``prikaz amend``), signs it (``prikaz sign``) and builds the consolidated text.
Golden files in tests/golden/amendments/<scenario>/: the amending order in full, and the
changed lines (with the line before each) of the redline and of the consolidated text.
``UPDATE_GOLDEN=1 pytest tests/test_amendments.py`` rewrites them after a deliberate change.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator import edition as ed
from generator.build import build
from generator.cli import main
from generator.config import load_agency
from generator.signing import amend, sign

GOLDEN = Path(__file__).parent / "golden" / "amendments"
ALTAI_ROW_2 = 'needs = ["Представление запроса", "Получение ответа"] }'
ALTAI_ROW_3 = ('  { name = "Официальный сайт", kind = "digital", needs = ["Получение информации", '
               '"Получение форм документов"] },\n]')


@dataclass
class Step:
    date: str
    number: str
    replace: list[tuple[str, str]] = field(default_factory=list)  # (old, new) in the config text
    append: str = ""  # TOML appended to the config


def _row_removed(text: str) -> str:
    i = text.index('area = "Взаимодействие с внутренним клиентом по вопросам ведения бухгалтерского учета"')
    j = text.rindex("[[register.rows]]", 0, i)
    k = text.index("[[register.rows]]", i)
    return text[:j] + text[k:]


SCENARIOS: dict[str, tuple[str, list[Step]]] = {
    "need_added": ("altai-zags", [Step("2025-04-02", "П-12-01/0031", replace=[(
        ALTAI_ROW_2, 'needs = ["Представление запроса", "Получение ответа", '
        '"Получение информации о ходе рассмотрения запроса"] }')])]),
    "touchpoint_added": ("altai-zags", [Step("2025-04-02", "П-12-01/0032", replace=[(
        ALTAI_ROW_3, ALTAI_ROW_3[:-2] + '\n  { name = "Группа Комитета в социальной сети «ВКонтакте»", '
        'kind = "digital", needs = ["Получение информации"] },\n]')])]),
    "reworded_one_word": ("murmansk-tourism", [Step("2025-03-01", "5", append='''
[[procedure.overrides]]
action = "text"
id = "purpose"
text = "Настоящий Порядок разработан в целях упорядочения деятельности {name:gent} (далее – {short}) и подведомственных ему организаций в части ведения перечня точек взаимодействия с клиентом (далее – Перечень) и устанавливает последовательность административных процедур, осуществляемых клиентами в процессе коммуникации с {short:ablt}."
''')]),
    "reworded_half": ("murmansk-tourism", [Step("2025-03-01", "6", append='''
[[procedure.overrides]]
action = "text"
id = "directive"
text = "Если точка взаимодействия используется на основании поручения или резолюции руководителя, она также включается в Перечень."
''')]),
    "abzac_added": ("murmansk-tourism", [Step("2025-03-01", "9", append=(
        '\n[[procedure.overrides]]\naction = "append"\nid = "channels"\n'
        'text = "* телефонные точки – телефон «горячей линии» и справочный телефон."\n'))]),
    "clause_inserted": ("kaliningrad-munrazvitie", [Step("2025-02-14", "22", append='''
[[procedure.overrides]]
action = "insert_after"
id = "preparation"
text = "- [preparation_deadline] Сведения для включения в Перечень представляются структурными подразделениями не позднее 1 декабря текущего года."

[[procedure.overrides]]
action = "insert_after"
id = "need.result"
text = "- [need.appeal] обжалование решений и действий (бездействия);"
''')]),
    "clause_removed": ("kaliningrad-munrazvitie", [Step("2025-02-14", "23", append='''
[[procedure.overrides]]
action = "remove"
id = "principle_health"

[[procedure.overrides]]
action = "remove"
id = "heads_duty"
''')]),
    "row_removed": ("murmansk-tourism", [Step("2025-03-01", "7")]),
    "rows_added": ("murmansk-tourism", [Step("2025-03-01", "8", replace=[(
        '[[register.rows]]\narea = "Рассмотрение обращений и запросов"',
        '[[register.rows]]\narea = "Организация и проведение туристских мероприятий"\n'
        'process = "Наименование мероприятия"\n\n[[register.rows]]\narea = "Рассмотрение обращений и запросов"')],
        append='\n[[register.rows]]\narea = "Взаимодействие с туроператорами и турагентами"\n'
        'process = "Наименование процесса взаимодействия"\n')]),
    "deputy_replaced": ("kaliningrad-gostekhnadzor", [Step("2025-05-12", "61-о", replace=[(
        'person = "В.В. Войцехович" }', 'person = "Н.С. Кузнецова" }')])]),
    "titles_changed": ("kaliningrad-gostekhnadzor", [Step("2025-05-12", "62-о", replace=[
        ('в рамках рассмотрения обращений и запросов в {name:datv}"\n',
         'в рамках рассмотрения обращений, запросов и жалоб в {name:datv}"\n')])]),
    "register_new_edition": ("altai-zags", [Step("2025-04-02", "П-12-01/0033", replace=[
        (ALTAI_ROW_2, 'needs = ["Представление запроса"] }'),
        ('"Получение информации", "Получение форм документов"', '"Получение информации"'),
        ('"Представление заявки", "Получение результата"', '"Представление заявки"')])]),
    "two_in_a_row": ("murmansk-tourism", [
        Step("2025-03-01", "5", append='''
[[procedure.overrides]]
action = "insert_after"
id = "analysis"
text = "- [analysis_extra] При анализе учитываются обращения клиентов, поступившие за последние двенадцать месяцев."

[[procedure.overrides]]
action = "remove"
id = "no_duplicates"
'''),
        Step("2025-06-10", "17", append='''
[[procedure.overrides]]
action = "text"
id = "analysis_extra"
text = "При анализе учитываются обращения и жалобы клиентов, поступившие за последние двенадцать месяцев."
''')]),
}


def _apply(path: Path, step: Step, scenario: str) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in step.replace:
        assert old in text, f"{scenario}: «{old}» not in {path.name}"
        text = text.replace(old, new, 1)
    if scenario == "row_removed":
        text = _row_removed(text)
    path.write_text(text + step.append, encoding="utf-8")


def changed_lines(text: str) -> str:
    """The lines that carry a change or a note, each with the line before it."""
    lines = text.splitlines()
    keep: list[str] = []
    pattern = re.compile(r"\{\+|\[-|\(в ред\.|введена? приказом|утратил|Утратил")
    for k, line in enumerate(lines):
        if pattern.search(line):
            if k and lines[k - 1] not in keep[-1:] and lines[k - 1].strip():
                keep.append(lines[k - 1])
            keep.append(line)
    return "\n".join(keep) + "\n"


def _golden(name: Path, text: str) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        name.parent.mkdir(parents=True, exist_ok=True)
        name.write_text(text, encoding="utf-8")
    assert name.exists(), f"no golden file {name}; run with UPDATE_GOLDEN=1"
    assert text == name.read_text(encoding="utf-8"), f"{name.name} differs from the golden file"


def _numbers(md: str) -> list[str]:
    return re.findall(r"^(?:### )?((?:\d+|[IVX]+)(?:\.\d+)*[¹²³⁴⁵⁶⁷⁸⁹]*[.)]|[а-я][¹²³⁴⁵⁶⁷⁸⁹]*\))", md, re.M)


def sign_original(agencies: Path, slug: str) -> Path:
    cfg = load_agency(agencies / f"{slug}.toml")
    assert cfg.order.date is not None and cfg.order.number is not None
    return sign(agencies, slug, cfg.order.date, cfg.order.number)


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_scenario(scenario: str, agencies: Path, tmp_path: Path) -> None:
    slug, steps = SCENARIOS[scenario]
    out = tmp_path / "out"
    sign_original(agencies, slug)
    build(agencies, out, [slug], pdf=False)
    original = (out / slug / "prikaz.md").read_text(encoding="utf-8")
    for n, step in enumerate(steps, start=1):
        _apply(agencies / f"{slug}.toml", step, scenario)
        date = dt.date.fromisoformat(step.date)
        written = amend(agencies, out, slug, date, step.number, pdf=False)
        folder = written[0].parent
        order = (folder / "izmeneniya.md").read_text(encoding="utf-8")
        redline = (folder / "sravnenie.md").read_text(encoding="utf-8")
        _golden(GOLDEN / scenario / f"{n}-izmeneniya.md", order)
        _golden(GOLDEN / scenario / f"{n}-sravnenie.md", changed_lines(redline))
        assert "{+" in redline or "[-" in redline
        sign(agencies, slug, date, step.number)
    results = build(agencies, out, [slug], pdf=False)
    assert [r.error for r in results] == [None]
    assert not [w for r in results for w in r.warnings if "отличается от подписанной" in w]
    consolidated = (out / slug / "prikaz.md").read_text(encoding="utf-8")
    _golden(GOLDEN / scenario / "consolidated.md", changed_lines(consolidated))
    # The amended act is never renumbered: every number of the original stays, in order.
    before, after = _numbers(original), _numbers(consolidated)
    assert [x for x in after if x in set(before)] == before
    files = ed.edition_files(agencies, slug)
    assert len(files) == len(steps) + 1
    last = ed.load(files[-1])
    assert [a.number for a in last.acts[1:]] == [s.number for s in steps]


def test_two_amendments_carry_both_notes(agencies: Path, tmp_path: Path) -> None:
    test_scenario("two_in_a_row", agencies, tmp_path)
    text = (tmp_path / "out" / "murmansk-tourism" / "prikaz.md").read_text(encoding="utf-8")
    assert ("(введен приказом Комитета по туризму Мурманской области от 01.03.2025 № 5; в ред. приказа "
            "Комитета по туризму Мурманской области от 10.06.2025 № 17)") in text
    assert "2.8. Утратил силу. – Приказ Комитета по туризму Мурманской области от 01.03.2025 № 5." in text
    assert "(в ред. приказов Комитета по туризму Мурманской области от 01.03.2025 № 5, от 10.06.2025 № 17)" in text


def test_no_edition_no_changes_and_bad_acts(agencies: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--agencies", str(agencies)]
    out = ["--out", str(tmp_path / "out"), "--no-pdf"]
    assert main([*base, "amend", "murmansk-tourism", "--date", "2025-03-01", "--number", "5", *out]) == 2
    assert "нет подписанной редакции" in capsys.readouterr().err
    assert main([*base, "sign", "murmansk-tourism", "--date", "2024-02-29", "--number", "21"]) == 2
    err = capsys.readouterr().err
    assert "murmansk-tourism.toml:10: [order.date]" in err and "Traceback" not in err
    assert main([*base, "sign", "murmansk-tourism", "--date", "2024-02-28", "--number", "21"]) == 0
    capsys.readouterr()
    assert main([*base, "amend", "murmansk-tourism", "--date", "2025-03-01", "--number", "5", *out]) == 2
    assert "изменений нет" in capsys.readouterr().err
    _apply(agencies / "murmansk-tourism.toml", Step("", ""), "row_removed")
    assert main([*base, "amend", "murmansk-tourism", "--date", "2023-03-01", "--number", "5", *out]) == 2
    assert "раньше последнего подписанного приказа" in capsys.readouterr().err
    assert main([*base, "sign", "murmansk-tourism", "--date", "2024-02-28", "--number", "21"]) == 2
    assert "уже есть в редакциях" in capsys.readouterr().err
    assert not (tmp_path / "out" / "murmansk-tourism" / "amendments").exists()
    with pytest.raises(SystemExit) as stop:
        main([*base, "amend", "murmansk-tourism", "--date", "2025-13-01", "--number", "5", *out])
    assert stop.value.code == 2
    assert "ожидается дата" in capsys.readouterr().err


def test_damaged_edition_is_located(agencies: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = sign_original(agencies, "murmansk-tourism")
    text = path.read_text(encoding="utf-8").replace('depth = 1\nkind = "clause"', 'depth = "один"\nkind = "clause"', 1)
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index('depth = "один"') + 1
    assert main(["--agencies", str(agencies), "amend", "murmansk-tourism", "--date", "2025-03-01",
                 "--number", "5", "--no-pdf"]) == 2
    err = capsys.readouterr().err
    assert f"{path.name}:{line}" in err and "depth" in err and "Traceback" not in err


def test_inserted_numbering_is_a_profile_setting(agencies: Path, tmp_path: Path) -> None:
    region = agencies / "regions" / "kaliningrad.toml"
    region.write_text(region.read_text(encoding="utf-8") + '\n[amendment]\ninserted_numbering = "hyphen"\n',
                      encoding="utf-8")
    slug, steps = SCENARIOS["clause_inserted"]
    sign_original(agencies, slug)
    _apply(agencies / f"{slug}.toml", steps[0], "clause_inserted")
    folder = amend(agencies, tmp_path, slug, dt.date(2025, 2, 14), "22", pdf=False)[0].parent
    order = (folder / "izmeneniya.md").read_text(encoding="utf-8")
    assert "дополнить пунктом 2.3-1 следующего содержания:" in order
    assert "«6-1) обжалование" in order


@pytest.mark.parametrize(("style", "second"), [("superscript", "3²"), ("dotted", "3.2"), ("hyphen", "3-2")])
def test_inserted_row_keeps_its_index_in_the_next_edition(style: str, second: str, agencies: Path,
                                                          tmp_path: Path) -> None:
    """A row inserted by one amendment (3¹) is signed with its index: the next row inserted
    after it is 3², not «3¹¹» — in every numbering style of inserted units."""
    region = agencies / "regions" / "murmansk.toml"
    region.write_text(region.read_text(encoding="utf-8") + f'\n[amendment]\ninserted_numbering = "{style}"\n',
                      encoding="utf-8")
    slug, steps = SCENARIOS["rows_added"]
    sign_original(agencies, slug)
    _apply(agencies / f"{slug}.toml", steps[0], "rows_added")
    sign(agencies, slug, dt.date(2025, 3, 1), "8")
    path = agencies / f"{slug}.toml"
    anchor = '[[register.rows]]\narea = "Рассмотрение обращений и запросов"'
    path.write_text(path.read_text(encoding="utf-8").replace(
        anchor, '[[register.rows]]\narea = "Проведение конкурсов"\nprocess = "Наименование конкурса"\n\n' + anchor, 1),
        encoding="utf-8")
    folder = amend(agencies, tmp_path, slug, dt.date(2025, 4, 1), "9", pdf=False)[0].parent
    order = (folder / "izmeneniya.md").read_text(encoding="utf-8")
    assert f"дополнить строкой {second} следующего содержания:" in order


def test_sign_is_deterministic(agencies: Path, tmp_path: Path) -> None:
    first = sign_original(agencies, "altai-zags").read_bytes()
    (agencies / "altai-zags.editions" / "01-2024-03-28-П-12-01_0019.toml").unlink()
    assert sign_original(agencies, "altai-zags").read_bytes() == first
    _apply(agencies / "altai-zags.toml", SCENARIOS["need_added"][1][0], "need_added")
    one = amend(agencies, tmp_path / "a", "altai-zags", dt.date(2025, 4, 2), "1", pdf=False)
    two = amend(agencies, tmp_path / "b", "altai-zags", dt.date(2025, 4, 2), "1", pdf=False)
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]


def test_editions_are_inputs_of_the_build(agencies: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert not build(agencies, out, ["murmansk-tourism"], pdf=False)[0].up_to_date
    fresh = (out / "murmansk-tourism" / "prikaz.md").read_bytes()
    sign_original(agencies, "murmansk-tourism")
    result = build(agencies, out, ["murmansk-tourism"], pdf=False)[0]
    assert not result.up_to_date  # a new edition file rebuilds the body
    assert (out / "murmansk-tourism" / "prikaz.md").read_bytes() == fresh  # same text, frozen = fresh
    assert build(agencies, out, ["murmansk-tourism"], pdf=False)[0].up_to_date


def test_pending_changes_are_reported_by_build(agencies: Path, tmp_path: Path) -> None:
    sign_original(agencies, "murmansk-tourism")
    _apply(agencies / "murmansk-tourism.toml", Step("", ""), "row_removed")
    result = build(agencies, tmp_path / "out", ["murmansk-tourism"], pdf=False)[0]
    assert result.error is None
    assert any("отличается от подписанной редакции" in w and "prikaz amend" in w for w in result.warnings)


def test_redline_opens_in_libreoffice_and_python_docx_finds_revisions(agencies: Path, tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn
    from pypdf import PdfReader

    from generator.writers.pdf import convert

    slug, steps = SCENARIOS["clause_inserted"]
    sign_original(agencies, slug)
    _apply(agencies / f"{slug}.toml", steps[0], "clause_inserted")
    _apply(agencies / f"{slug}.toml", SCENARIOS["clause_removed"][1][0], "clause_removed")
    written = amend(agencies, tmp_path / "out", slug, dt.date(2025, 2, 14), "22", pdf=True)
    folder = written[0].parent
    assert (folder / "izmeneniya.pdf").exists()
    order_pdf = " ".join("".join(p.extract_text() for p in PdfReader(folder / "izmeneniya.pdf").pages).split())
    assert "О внесении изменений в приказ" in order_pdf and "2.3¹" in order_pdf

    body = docx.Document(str(folder / "sravnenie.docx")).element.body
    inserted = ["".join(e.itertext()) for e in body.iter(qn("w:ins")) if "".join(e.itertext())]
    deleted = ["".join(t.text or "" for t in e.iter(qn("w:delText"))) for e in body.iter(qn("w:del"))]
    assert any(t.startswith("2.3¹. Сведения для включения") for t in inserted)
    assert any(t.startswith("6¹) обжалование") for t in inserted)
    assert any(t.startswith("4.3. ") for t in deleted)
    ids = [e.get(qn("w:id")) for tag in ("w:ins", "w:del") for e in body.iter(qn(tag))]
    assert len(ids) == len(set(ids))  # every tracked change its own id

    redline = PdfReader(folder / "sravnenie.pdf")  # typeset by Typst: insertions and deletions in colour
    text = " ".join("".join(p.extract_text() for p in redline.pages).split())
    assert "2.3¹. Сведения для включения" in text and "6¹) обжалование" in text and "4.3. " in text
    content = b"".join(p.get_contents().get_data() for p in redline.pages)  # type: ignore[union-attr]
    assert b" 0 0.3529412 0.7058824 scn" in content and b" 0.74509805 0 0 scn" in content

    pdf = convert([folder / "sravnenie.docx"], tmp_path / "pdf")[folder / "sravnenie.docx"]
    text = " ".join("".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "2.3¹. Сведения для включения" in text and "обжалование решений" in text


def test_config_text_stays_data_in_the_amending_order(agencies: Path, tmp_path: Path) -> None:
    sign_original(agencies, "murmansk-tourism")
    _apply(agencies / "murmansk-tourism.toml", Step("", "", append='''
[[procedure.overrides]]
action = "text"
id = "directive"
text = "В случае если использование точки взаимодействия осуществляется не на основании документа, а на основании распорядительного действия (поручения, резолюции, иного действия), точка взаимодействия также включается в Перечень {{ config }} <b>&amp;."
'''), "data")
    folder = amend(agencies, tmp_path, "murmansk-tourism", dt.date(2025, 3, 1), "5", pdf=False)[0].parent
    order = (folder / "izmeneniya.md").read_text(encoding="utf-8")
    assert "после слова «Перечень» дополнить словами «{{ config }} \\<b\\>&amp;»" in order  # escaped Markdown
    import docx

    text = "\n".join(p.text for p in docx.Document(str(folder / "izmeneniya.docx")).paragraphs)
    assert "«{{ config }} <b>&amp;»" in text
