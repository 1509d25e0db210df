"""Broken configs: each is refused with a message naming the file, the line and the key,
exit code 2, no traceback, and the outputs built before stay byte-identical."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build import build
from generator.cli import main

from .conftest import AGENCIES


@dataclass
class Case:
    id: str
    slug: str
    mutate: Callable[[str], str]
    key: str | None  # expected key path in the message
    message: str  # expected words of the message
    line_has: str  # the reported line must contain this (in the mutated file)
    file: str = ""  # the file the message names: "" = the agency's, else relative to agencies/
    anchor: str = ""  # search for line_has from this line on (or back from it, if back)
    back: bool = False
    code: int = 2  # 2: the config; 3: a clause override, the markup or a reference (README)


def sub(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def apply(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)
    return apply


def append(extra: str) -> Callable[[str], str]:
    return lambda text: text + "\n" + extra + "\n"


M, A, MO, G = "murmansk-tourism", "altai-zags", "model", "kaliningrad-gostekhnadzor"
CASES = [
    # TOML syntax
    Case("unterminated-string", M, sub('short = "Комитет"', 'short = "Комитет'), None,
         "синтаксическая ошибка TOML", 'short = "Комитет'),
    Case("duplicate-key", M, sub('short = "Комитет"', 'short = "Комитет"\nshort = "Служба"'), None,
         "синтаксическая ошибка TOML", 'short = "Служба"'),
    Case("broken-table-header", M, sub("[order.signatory]", "[order.signatory"), None,
         "синтаксическая ошибка TOML", "[order.signatory"),
    Case("date-that-does-not-exist", M, sub("date = 2024-02-28", "date = 2024-02-30"), None,
         "синтаксическая ошибка TOML", "date = 2024-02-30"),
    # schema: missing, unknown, wrong types and values
    Case("missing-name", M, sub('name = "Комитет по туризму Мурманской области"\n', ""), "agency.name",
         "обязательный ключ отсутствует", "[agency]"),
    Case("missing-procedure-title", M, sub('title = "Порядок ведения перечня точек взаимодействия с клиентом в '
                                           '{name:loct}"\n', ""), "procedure.title", "обязательный ключ", "[procedure]"),
    Case("unknown-top-level-key", M, sub('region = "murmansk"', 'region = "murmansk"\nregoin = "x"'), "regoin",
         "неизвестный ключ", 'regoin = "x"'),
    Case("unknown-nested-key", M, sub('short = "Комитет"', 'short = "Комитет"\nshortname = "x"'),
         "agency.shortname", "неизвестный ключ", "shortname"),
    Case("number-not-a-string", M, sub('number = "21"', "number = 21"), "order.number", "ожидается строка",
         "number = 21"),
    Case("bool-as-text", M, append('[order.control]\nby_head = "да"'), "order.control.by_head",
         "ожидается true или false", 'by_head = "да"'),
    Case("unknown-numbering", M, sub('numbering = "decimal"', 'numbering = "arabic"'), "procedure.numbering",
         "недопустимое значение", 'numbering = "arabic"'),
    Case("date-as-text", M, sub("date = 2024-02-28", 'date = "28.02.2024"'), "order.date", "ожидается дата",
         'date = "28.02.2024"'),
    Case("days-out-of-range", M, sub('client = "all"', 'client = "all"\nupdate_days = 0'), "procedure.update_days",
         "значение слишком мало", "update_days = 0"),
    Case("empty-name", M, sub('short = "Комитет"', 'short = ""'), "agency.short", "не может быть пустым",
         'short = ""'),
    Case("control-character", M, sub("«Государство для людей»", "«Государство\\u0007 для людей»"),
         "order.preamble", "управляющий символ U+0007", "preamble = "),
    Case("list-instead-of-text", M, sub('number = "21"', 'number = ["21"]'), "order.number", "ожидается строка",
         'number = ["21"]'),
    # region profile
    Case("unknown-region", M, sub('region = "murmansk"', 'region = "nowhere"'), "region", "нет профиля региона",
         'region = "nowhere"'),
    Case("region-profile-unknown-key", M, lambda t: t, "blank.plase", "неизвестный ключ", "plase",
         file="regions/murmansk.toml"),
    # the catalogue and the template
    Case("unknown-term", M, sub('"client", "external_client"', '"client", "clientt"'), "procedure.terms[1]",
         "нет термина «clientt»", "terms = ["),
    Case("unknown-need", M, sub('needs = ["information"', 'needs = ["advice"'), "procedure.needs[0]",
         "нет «advice»", "needs = ["),
    Case("unknown-touchpoint-id", M, sub('digital_touchpoints = ["internet"', 'digital_touchpoints = ["pigeon"'),
         "procedure.digital_touchpoints[0]", "нет «pigeon»", "digital_touchpoints = ["),
    Case("override-of-missing-clause", M, sub('id = "multi_channel"', 'id = "multi_channels"'),
         "procedure.overrides[1]", "нет пункта с идентификатором «multi_channels»", "[[procedure.overrides]]",
         anchor='id = "multi_channels"', back=True, code=3),
    Case("override-unknown-action", M, sub('action = "remove"', 'action = "delete"'), "procedure.overrides[1].action",
         "недопустимое значение", 'action = "delete"'),
    Case("override-bad-indent", M, sub('описания видов осуществляемых в ней действий."',
                                       'описания видов осуществляемых в ней действий."\n\n[[procedure.overrides]]\naction = "append"\n'
                                       'id = "tasks"\ntext = "   - нечётный отступ"'),
         "procedure.overrides[3]", "отступ", "[[procedure.overrides]]", anchor='id = "tasks"', back=True, code=3),
    Case("reference-to-missing-clause", M, sub('описания видов осуществляемых в ней действий."',
                                                'описания видов действий (см. пункт {ref:nowhere})."'),
         "nowhere", "несуществующий или ненумерованный пункт «nowhere»", "{ref:nowhere}", code=3),
    Case("reference-to-missing-appendix", M, sub('описания видов осуществляемых в ней действий."',
                                                 'описания видов действий (см. {app:nowhere|datv})."'),
         "nowhere", "несуществующее приложение «nowhere»", "{app:nowhere|datv}", code=3),
    Case("placeholder-unknown-case", M, sub("в деятельности {name:gent}", "в деятельности {name:genitive}"),
         "order.preamble", "неизвестный падеж «genitive»", "preamble = "),
    Case("deputy-missing", G, sub('deputy = { position = "заместитель руководителя (директора) {name:gent}", '
                                  'person = "В.В. Войцехович" }\n', ""), "order.control.deputy",
         "укажите заместителя", "[order.control]"),
    Case("bilingual-blank-without-second-name", A,
         sub('alt_name = "Алтай Республиканыҥ граждан айалганы бичиир ле архивтер керектери аайынча комитеди"\n', ""),
         "agency.alt_name", "наименование органа на втором государственном языке", "[agency]"),
    # the register's rules
    Case("duplicate-touchpoint", A, sub('{ name = "Телефонная связь", kind = "offline", needs = ["Получение '
                                        'консультации"] },', '{ name = "Электронная почта", kind = '
                                        '"digital", needs = ["Получение консультации"] },'),
         "register.rows[1].touchpoints[1].name", "повторяется в процессе", "touchpoints = [",
         anchor="Исполнение социально-правовых запросов граждан"),
    Case("unknown-register-need", MO, sub('{ name = "Телефонная связь", kind = "offline", needs = ["Получение '
                                          'консультации"] }', '{ name = "Телефонная связь", kind = "offline", '
                                          'needs = ["Получение пропуска"] }'),
         "register.rows[9].touchpoints[1].needs[0]", "потребности «Получение пропуска» нет", "touchpoints = [",
         anchor="Устранение неисправностей"),
    Case("touchpoint-not-in-catalogue", MO, sub('process = "Техническое сопровождение мероприятий ОИВ в рамках ВКС и др."'
                                                '\ntouchpoints = [{ name = "СЭД"', 'process = "Техническое '
                                                'сопровождение мероприятий ОИВ в рамках ВКС и др."\ntouchpoints = '
                                                '[{ name = "Голубиная почта"'),
         "register.rows[8].touchpoints[0].name", "«Голубиная почта» нет в перечне точек", "touchpoints = [",
         anchor="Техническое сопровождение"),
    Case("touchpoint-of-the-wrong-kind", MO, sub('{ name = "Телефонная связь", kind = "offline"',
                                                 '{ name = "Телефонная связь", kind = "digital"'),
         "register.rows[9].touchpoints[1].kind", "в Порядке — офлайн точка", "touchpoints = [",
         anchor="Устранение неисправностей"),
    Case("area-the-procedure-does-not-name", A, sub('area = "Рассмотрение обращений и запросов"', 'area = "Туризм"'),
         "register.rows[1].area", "«Туризм» не названо в Порядке", 'area = "Туризм"'),
    Case("process-without-name", A, sub('process = "Исполнение социально-правовых запросов граждан"', 'process = ""'),
         "register.rows[1].process", "не указано наименование процесса", 'process = ""'),
    Case("process-without-touchpoints", A, lambda t: t.replace(
        '  { name = "Официальный сайт", kind = "digital", needs = ["Получение информации", '
        '"Получение форм документов"] },\n', ""),
         "register.rows[2].touchpoints", "нет точек взаимодействия", "touchpoints = [",
         anchor="Размещение информации о деятельности"),
]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("baseline")
    build(AGENCIES, out, [M, A, MO, G], pdf=False)
    return out


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_there_are_at_least_thirty() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_config(case: Case, baseline: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    agencies = tmp_path / "agencies"
    shutil.copytree(AGENCIES, agencies)
    out = tmp_path / "out"
    shutil.copytree(baseline, out)
    before = _snapshot(out)
    path = agencies / f"{case.slug}.toml"
    path.write_text(case.mutate(path.read_text(encoding="utf-8")), encoding="utf-8")
    if case.id == "region-profile-unknown-key":
        region = agencies / "regions" / "murmansk.toml"
        region.write_text(region.read_text(encoding="utf-8").replace('place = "г. Мурманск"', 'plase = "г. Мурманск"'),
                          encoding="utf-8")
    named = agencies / case.file if case.file else path
    code = main(["--agencies", str(agencies), "build", case.slug, "--no-pdf", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == case.code, err
    assert "Traceback" not in err
    lines = named.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if case.anchor in line), 0) if case.anchor else 0
    order = range(start, -1, -1) if case.back else range(start, len(lines))
    expected_line = next(i + 1 for i in order if case.line_has in lines[i])
    assert f"{named}:{expected_line}:" in err, err
    if case.key:
        assert f"[{case.key}]" in err, err
    assert case.message in err, err
    assert _snapshot(out) == before  # the outputs built before are untouched


def test_template_code_in_text_is_data_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    agencies = tmp_path / "agencies"
    shutil.copytree(AGENCIES, agencies)
    path = agencies / f"{M}.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "в деятельности {name:gent}", "в деятельности {{ agency.name | gent }} {% if x %}"), encoding="utf-8")
    assert main(["--agencies", str(agencies), "build", M, "--no-pdf", "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "{{ agency" in t)
    assert f"{path}:{line}: [order.preamble] текст похож на код шаблона" in err
    md = (tmp_path / "out" / M / "prikaz.md").read_text(encoding="utf-8")
    assert "{{ agency.name | gent }} {% if x %}" in md
