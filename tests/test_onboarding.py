"""Onboarding: prikaz new for every region and option, prikaz new-region, prikaz catalog,
catalogue ids in register rows, and every message in Russian (argparse, pydantic, the OS)."""

from __future__ import annotations

import contextlib
import itertools
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.compose import compose
from generator.config import load_agency
from generator.errors import ConfigError

ENGLISH = re.compile(r"usage:|positional arguments|show this help|error:|invalid choice|options:|"
                     r"No such file|Permission denied|Broken pipe|Input should|\bor\b|Traceback")
BASE = ["--date", "2024-05-15", "--number", "37", "--signatory", "И.И. Иванов"]


def _russian(text: str) -> None:
    assert not ENGLISH.search(text), text


# --- prikaz new ------------------------------------------------------------------------------

SHORTS = [("Комитет по культуре {r}", "Комитет", "Председатель {name:gent}"),
          ("Министерство культуры {r}", "Министерство", "Министр культуры {r}"),
          ("Служба по тарифам {r}", "Служба", "Начальник {name:gent}")]
REGIONS = {"altai": "Республики Алтай", "kaliningrad": "Калининградской области", "murmansk": "Мурманской области"}
DEPUTIES = [None, ("заместитель председателя {name:gent}", "Петрова Анна Сергеевна", None),
            ("первый заместитель руководителя", "В.В. Кузнецов", "m"), ("заместитель министра", "Н.С. Лис", "f")]


@pytest.mark.parametrize(("region", "acting", "alt"), list(itertools.product(REGIONS, (False, True), (False, True))))
def test_new_over_a_product_of_options_never_ends_in_a_template_error(
        region: str, acting: bool, alt: bool, agencies: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every region × acting × second-language name × short name × control by the head or a
    deputy (with and without gender): a config is written and composes, or a config error
    (exit 2) says what is missing; never a template error (exit 3)."""
    for n, ((name, short, position), deputy) in enumerate(itertools.product(SHORTS, DEPUTIES)):
        slug = f"body-{n}"
        argv = ["--agencies", str(agencies), "new", slug, "--name", name.replace("{r}", REGIONS[region]),
                "--short", short, "--region", region, "--signatory-position", position.replace("{r}", REGIONS[region]),
                *BASE]
        argv += ["--acting"] if acting else []
        argv += ["--alt-name", "Алтай Республиканыҥ культура комитеди"] if alt else []
        if deputy:
            argv += ["--deputy-position", deputy[0], "--deputy", deputy[1]]
            argv += ["--deputy-gender", deputy[2]] if deputy[2] else []
        code = main(argv)
        out, err = capsys.readouterr()
        _russian(out + err)
        if region == "altai" and not alt:
            assert code == 2 and "--alt-name" in err and not (agencies / f"{slug}.toml").exists()
            continue
        assert code == 0, err
        cfg = load_agency(agencies / f"{slug}.toml")
        doc = compose(cfg, slug)
        assert doc.signature is not None
        assert doc.signature.position.startswith("И.о. ") == acting
        assert (cfg.agency.alt_name is not None) == alt
        control = next(n for n in doc.body if n.id == "control").text
        if deputy:
            assert "возложить на" in control and ("Петрову" in control or "Кузнецова" in control or "Лис" in control)
        else:
            assert "оставляю за собой" in control


def test_deputy_without_a_person_is_a_config_error(agencies: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--agencies", str(agencies), "new", "x-body", "--name", "Комитет по культуре Мурманской области",
                 "--short", "Комитет", "--region", "murmansk", "--signatory-position", "Председатель", *BASE,
                 "--deputy-position", "заместитель председателя"])
    assert code == 2 and "--deputy" in capsys.readouterr().err


@pytest.mark.parametrize("interrupt", [EOFError, KeyboardInterrupt])
def test_ctrl_d_or_ctrl_c_at_a_prompt_ends_cleanly(interrupt: type[BaseException], agencies: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    answers = iter(["Комитет по культуре Мурманской области", "Комитет"])

    def answer(_question: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise interrupt from None

    monkeypatch.setattr("builtins.input", answer)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    assert main(["--agencies", str(agencies), "new", "murmansk-culture"]) == 130
    err = capsys.readouterr().err
    assert ("Ctrl-D" if interrupt is EOFError else "Ctrl-C") in err and "Traceback" not in err
    assert not (agencies / "murmansk-culture.toml").exists()
    assert not list(agencies.glob(".*.new.toml"))


def test_new_asks_the_second_language_name_in_a_bilingual_region(agencies: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.scaffold import create

    answers = iter(["Комитет по культуре Республики Алтай", "Комитет", "altai", "2024-06-01", "12",
                    "Председатель {name:gent}", "П.П. Петров", "", "Алтай Республиканыҥ культура комитеди", "", ""])
    monkeypatch.setattr("builtins.input", lambda _question: next(answers))
    path = create(agencies, "altai-culture", {}, interactive=True)
    assert load_agency(path).agency.alt_name == "Алтай Республиканыҥ культура комитеди"


# --- messages in Russian -----------------------------------------------------------------------

@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"], ["new", "--help"], [], ["bild"],
                                  ["build", "--workers", "x"], ["decline", "--gender", "x", "y"], ["build", "--nope"],
                                  ["sign", "murmansk-tourism"], ["amend", "murmansk-tourism", "--date", "2025-13-01"]])
def test_argparse_speaks_russian(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(argv)
    out, err = capsys.readouterr()
    _russian(out + err)
    if argv and argv[-1] != "--help":
        assert "ошибка:" in err
    if argv == ["bild"]:
        assert "«bild»" in err and "вы имели в виду «build»?" in err
    if argv[:1] == ["--help"]:
        assert "использование:" in out and "показать эту справку и выйти" in out


def test_config_messages_quote_the_value_and_offer_the_closest(agencies: Path) -> None:
    path = agencies / "murmansk-tourism.toml"
    text = path.read_text(encoding="utf-8")
    assert '\nclient = "all"\n' in text
    text = text.replace('\nclient = "all"\n', '\nclient = "internall"\nnumberng = "decimal"\n', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_agency(path)
    text = str(e.value)
    _russian(text)
    assert "неизвестный ключ «numberng»; вы имели в виду «numbering»?" in text
    assert "недопустимое значение «internall»; допустимы: «internal», «all», «both»; вы имели в виду «internal»?" in text


def test_unknown_body_offers_the_closest(agencies: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--agencies", str(agencies), "check", "murmansk-tourizm"]) == 2
    err = capsys.readouterr().err
    _russian(err)
    assert "нет органа «murmansk-tourizm»" in err and "вы имели в виду «murmansk-tourism»?" in err


def test_missing_agencies_folder_is_said_in_russian(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--agencies", str(tmp_path / "none"), "list"]) == 2
    err = capsys.readouterr().err
    _russian(err)
    assert "нет папки конфигураций" in err


def test_os_errors_are_never_in_english() -> None:
    import errno

    from generator.faults import os_reason

    for code in (errno.ENOENT, errno.EPIPE, errno.EACCES, errno.ENOTEMPTY, errno.ECONNREFUSED):
        _russian(os_reason(OSError(code, "English words")))
    assert os_reason(OSError(errno.ECONNREFUSED, "Connection refused")) == "системная ошибка ECONNREFUSED (111)"


# --- the catalogue ----------------------------------------------------------------------------

def test_catalog_lists_ids_wording_and_the_register_wording(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^  portal +официальный сайт \{short:gent\} \(Портал\)$", out, re.M)
    assert "в Перечне: «Система электронного документооборота»" in out
    assert re.search(r"^  information +получение информации, в том числе о ходе рассмотрения: заявления", out, re.M)
    assert re.search(r"^  client_path +Клиентский путь – последовательность", out, re.M)
    assert re.search(r"^  written +Письменное взаимодействие$", out, re.M)  # key touchpoints from the template


def test_catalog_of_a_body_fills_names_and_marks_its_choices(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "murmansk-tourism"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^✓ portal +официальный сайт Комитета \(Портал\)$", out, re.M)
    assert re.search(r"^  mobile_app +мобильное приложение Комитета$", out, re.M)


def test_register_rows_take_catalogue_ids(agencies: Path) -> None:
    path = agencies / "murmansk-tourism.toml"
    text = path.read_text(encoding="utf-8") + (
        '\n[[register.rows]]\narea = "Рассмотрение обращений и запросов"\nprocess = "Прием обращений"\n'
        'touchpoints = [{ name = "portal", kind = "digital", needs = ["information", "consultation"] },\n'
        '  { name = "phone", kind = "offline", needs = ["consultation"] }]\n')
    path.write_text(text, encoding="utf-8")
    doc = compose(load_agency(path), "murmansk-tourism")
    register = next(a for a in doc.all_appendices() if a.id == "register")
    table = register.body[0].table
    assert table is not None
    last = [c.text for c in table.rows[-2]]
    assert "Официальный сайт Комитета по туризму Мурманской области" in last  # the full name: not introduced there
    assert "Телефонная связь" in [c.text for c in table.rows[-1]]
    assert any(t.startswith("Получение информации, в том числе о ходе рассмотрения заявления") for t in last)


def test_unknown_register_value_lists_the_accepted_and_the_closest(agencies: Path) -> None:
    path = agencies / "murmansk-tourism.toml"
    path.write_text(path.read_text(encoding="utf-8") + (
        '\n[[register.rows]]\narea = "Рассмотрение обращений и запросов"\nprocess = "Прием обращений"\n'
        'touchpoints = [{ name = "Официальный сайт Комитат", kind = "digital", needs = ["Получение консультаций"] }]\n'),
        encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        compose(load_agency(path), "murmansk-tourism")
    text = str(e.value)
    assert "«Официальный сайт Комитат»" in text and "допустимы: «Информационно-телекоммуникационная сеть" in text
    assert "вы имели в виду «Официальный сайт Комитета»?" in text
    assert "«Получение консультаций»" in text and "вы имели в виду «Получение консультации»?" in text


# --- prikaz new-region -----------------------------------------------------------------------

TATARSTAN = ["--name", "Республика Татарстан", "--template", "bilingual", "--place", "г. Казань", "--date-style",
             "numeric", "--marks-style", "appendix", "--marks-date-style", "numeric", "--alt-language", "tt-RU",
             "--alt-doc-type", "БОЕРЫК", "--alt-place", "Казан шәһәре", "--place-on-site", "--publish",
             "Опубликовать настоящий приказ на «Официальном портале правовой информации Республики Татарстан»."]


def test_new_region_from_options_then_a_body_of_it_builds(agencies: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    import tomllib

    assert main(["--agencies", str(agencies), "new-region", "tatarstan", *TATARSTAN]) == 0
    path = agencies / "regions" / "tatarstan.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["blank"] == {"template": "bilingual", "place": "г. Казань", "date_style": "numeric",
                             "alt_language": "tt-RU", "alt_doc_type": "БОЕРЫК", "alt_place": "Казан шәһәре"}
    assert data["order"]["place_on_site"] is True and data["marks"]["style"] == "appendix"
    assert main(["--agencies", str(agencies), "new", "tatarstan-culture", "--name",
                 "Министерство культуры Республики Татарстан", "--short", "Министерство", "--region", "tatarstan",
                 "--alt-name", "Татарстан Республикасы Мәдәният министрлыгы", "--signatory-position", "Министр",
                 *BASE]) == 0
    capsys.readouterr()
    assert main(["--agencies", str(agencies), "check", "tatarstan-culture"]) == 0
    assert "предупреждение" not in capsys.readouterr().err
    doc = compose(load_agency(agencies / "tatarstan-culture.toml"), "tatarstan-culture")
    assert doc.blank is not None and doc.blank.alt_doc_type == "БОЕРЫК" and doc.blank.alt_lang == "tt-RU"
    # an existing profile is never overwritten
    assert main(["--agencies", str(agencies), "new-region", "tatarstan", "--name", "X"]) == 2


@pytest.mark.parametrize(("argv", "message"), [
    (["--name", "Республика X", "--template", "bilingual"], "--alt-language"),
    (["--name", "Республика X", "--alt-language", "татарский"], "[blank.alt_language] «татарский»: ожидается код"),
    (["--template", "single"], "--name"),
    (["--name", "X", "--template", "double"], "«double»; допустимы: «single», «bilingual»"),
])
def test_new_region_validates_before_writing(argv: list[str], message: str, agencies: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) if "double" in argv else contextlib.nullcontext():
        assert main(["--agencies", str(agencies), "new-region", "x-region", *argv]) == 2
    err = capsys.readouterr().err
    _russian(err)
    assert message in err
    assert not (agencies / "regions" / "x-region.toml").exists()


def test_new_region_interactive_and_ctrl_d(agencies: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from generator.region_scaffold import create_region

    answers = iter(["Республика Башкортостан", "two", "bilingual", "г. Уфа", "long", "grif", "quoted", "", "", "",
                    "ba-RU", "БОЙОРОҠ", "Өфө ҡ."])
    monkeypatch.setattr("builtins.input", lambda _question: next(answers))
    path = create_region(agencies, "bashkortostan", {}, interactive=True)
    assert "«two»: допустимы single, bilingual" in capsys.readouterr().err  # asked again
    text = path.read_text(encoding="utf-8")
    assert 'alt_doc_type = "БОЙОРОҠ"' in text and 'style = "grif"' in text and "publish" not in text

    def eof(_question: str) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", eof)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    assert main(["--agencies", str(agencies), "new-region", "x-region"]) == 130
    assert "Ctrl-D" in capsys.readouterr().err
    assert not (agencies / "regions" / "x-region.toml").exists()



# --- a body of a region the project does not ship, written from the README -------------------

def test_a_bilingual_body_of_a_new_region_builds_with_no_warning(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Министерство культуры Республики Татарстан (tests/data/tatarstan/): the profile made by
    «prikaz new-region», the body by «prikaz new» and the README's keys; an emblem, ПРИКАЗ /
    БОЕРЫК, register rows by catalogue id."""
    import shutil

    from generator.build import build

    agencies = tmp_path / "agencies"
    shutil.copytree(Path(__file__).parent / "data" / "tatarstan", agencies)
    assert main(["--agencies", str(agencies), "check"]) == 0
    assert "предупреждение" not in capsys.readouterr().err
    [result] = build(agencies, tmp_path / "out", ["tatarstan-minkult"], pdf=False)
    assert result.error is None and result.warnings == []
    md = (tmp_path / "out" / "tatarstan-minkult" / "prikaz.md").read_text(encoding="utf-8")
    assert md.startswith("[герб: emblems/tatarstan.svg, 15 × 15 мм, по центру]")
    assert "## ПРИКАЗ / БОЕРЫК" in md and "г. Казань / Казан шәһәре" in md
    assert "возложить на заместителя министра Р.И. Хабибуллина." in md
    assert "| Официальный сайт Министерства культуры Республики Татарстан |" in md
