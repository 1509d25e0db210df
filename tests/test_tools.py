"""prikaz new, prikaz import-register, prikaz check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.scaffold import create

from .conftest import AGENCIES

CSV = (
    '№;Направление деятельности;Наименование процесса;Точка взаимодействия;Вид точки;Удовлетворяемые потребности;Особенности\n'
    '1;Предоставление государственных услуг;Государственная регистрация рождения;Единый портал государственных и муниципальных услуг (функций);цифровая;"Представление заявления, документов\n'
    'Получение информации о ходе рассмотрения заявления";\n'
    ';;;Личный прием в органах ЗАГС;офлайн;Получение консультации;Запись на прием по телефону\n'
    '2;Рассмотрение обращений и запросов;Исполнение социально-правовых запросов;Электронная почта Комитета;цифровая;"Представление запроса; Другое: Получение архивной справки";\n'
)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    dst = tmp_path / "agencies"
    shutil.copytree(AGENCIES, dst)
    return dst


def _build(agencies: Path, slug: str, out: Path) -> int:
    return main(["--agencies", str(agencies), "build", slug, "--no-pdf", "--out", str(out)])


def test_import_csv_keeps_comments_and_builds(copy: Path, tmp_path: Path) -> None:
    src = tmp_path / "perechen.csv"
    src.write_text(CSV, encoding="utf-8")
    config = copy / "altai-zags.toml"
    before = config.read_text(encoding="utf-8")
    assert main(["--agencies", str(copy), "import-register", "altai-zags", str(src)]) == 0
    after = config.read_text(encoding="utf-8")
    # every hand-written line before the rows is kept, comments included
    head = before.split("[[register.rows]]")[0]
    assert after.startswith(head.rstrip("\n"))
    assert "# Перечень утверждается приказом (приложение № 2)." in after
    assert 'process = "Государственная регистрация рождения"' in after
    assert '{ other = "Получение архивной справки" }' in after or 'other = "Получение архивной справки"' in after
    assert _build(copy, "altai-zags", tmp_path / "out") == 0
    md = (tmp_path / "out" / "altai-zags" / "prikaz.md").read_text(encoding="utf-8")
    assert "Государственная регистрация рождения" in md and "Получение архивной справки" in md
    # importing again replaces the rows, it does not add them twice
    assert main(["--agencies", str(copy), "import-register", "altai-zags", str(src)]) == 0
    assert config.read_text(encoding="utf-8") == after


def test_import_xlsx(copy: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in [line.split(";") for line in CSV.replace('"', "").replace("документов\n", "документов; ").splitlines()]:
        ws.append(row)
    src = tmp_path / "perechen.xlsx"
    wb.save(src)
    assert main(["--agencies", str(copy), "import-register", "altai-zags", str(src)]) == 0
    assert 'name = "Личный прием в органах ЗАГС"' in (copy / "altai-zags.toml").read_text(encoding="utf-8")


def test_import_missing_column_names_file_line_and_column(copy: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "perechen.csv"
    src.write_text(CSV.replace(";Точка взаимодействия;", ";Канал связи;"), encoding="utf-8")
    config = copy / "altai-zags.toml"
    before = config.read_bytes()
    assert main(["--agencies", str(copy), "import-register", "altai-zags", str(src)]) == 2
    err = capsys.readouterr().err
    assert f"{src}:1: [столбец «Точка взаимодействия»] столбца нет в таблице" in err
    assert config.read_bytes() == before


def test_import_breach_of_rules_names_the_sheet_line(copy: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "perechen.csv"
    # the same touchpoint twice in one process: row 3 of the sheet repeats the touchpoint of row 2
    src.write_text(CSV.replace("Личный прием в органах ЗАГС",
                               "Единый портал государственных и муниципальных услуг (функций)"), encoding="utf-8")
    before = (copy / "altai-zags.toml").read_bytes()
    assert main(["--agencies", str(copy), "import-register", "altai-zags", str(src)]) == 2
    err = capsys.readouterr().err
    assert f"{src}:3: [столбец «Точка взаимодействия»]" in err and "повторяется" in err
    assert (copy / "altai-zags.toml").read_bytes() == before


def test_new_from_options_checks_and_builds(copy: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--agencies", str(copy), "new", "murmansk-culture", "--name", "Комитет по культуре Мурманской области",
                 "--short", "Комитет", "--region", "murmansk", "--date", "2024-05-15", "--number", "37",
                 "--signatory-position", "Председатель {name:gent}", "--signatory", "И.И. Иванов"])
    assert code == 0
    text = (copy / "murmansk-culture.toml").read_text(encoding="utf-8")
    assert text.startswith("#:schema ../docs/schema/agency.schema.json")
    capsys.readouterr()
    assert main(["--agencies", str(copy), "check", "murmansk-culture"]) == 0
    assert "предупреждение" not in capsys.readouterr().err  # the defaults check clean: no unused term
    assert _build(copy, "murmansk-culture", tmp_path / "out") == 0
    md = (tmp_path / "out" / "murmansk-culture" / "prikaz.md").read_text(encoding="utf-8")
    assert "Председатель Комитета по культуре Мурманской области" in md
    # an existing body is never overwritten
    assert main(["--agencies", str(copy), "new", "murmansk-culture", "--name", "x"]) == 2


def test_new_interactive(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["Служба по тарифам Мурманской области", "Служба", "murmansk", "2024-06-01", "12",
                    "Начальник {name:gent}", "П.П. Петров", "", ""])  # empty: the standard preamble, control kept
    monkeypatch.setattr("builtins.input", lambda _question: next(answers))
    path = create(copy, "murmansk-tariffs", {}, interactive=True)
    assert "Служба по тарифам Мурманской области" in path.read_text(encoding="utf-8")
    assert main(["--agencies", str(copy), "check", "murmansk-tariffs"]) == 0


def test_new_refuses_bad_input(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--agencies", str(copy), "new", "Bad Name"]) == 2
    assert main(["--agencies", str(copy), "new", "x-body", "--name", "Комитет", "--short", "Комитет", "--region",
                 "murmansk", "--date", "2024-02-30", "--number", "1", "--signatory-position", "Председатель",
                 "--signatory", "И.И. Иванов"]) == 2
    err = capsys.readouterr().err
    assert "2024-02-30" in err and "не существует" in err
    assert not (copy / "x-body.toml").exists()


def test_check_passes_on_the_seeds_and_finds_abbreviation_errors(copy: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--agencies", str(copy), "check"]) == 0
    path = copy / "murmansk-tourism.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "описания видов осуществляемых в ней действий.",
        "описания видов осуществляемых в ней действий (далее – Перечень)."), encoding="utf-8")
    assert main(["--agencies", str(copy), "check", "murmansk-tourism"]) == 2
    err = capsys.readouterr().err
    assert "сокращение «Перечень» уже введено (пункт 1.1)" in err
    path.write_text(path.read_text(encoding="utf-8").replace(" (далее – Перечень).", "."), encoding="utf-8")
    # a term used before it is defined: «Портал» in 2.9 before «(далее – Портал)» in 3.2.1
    path.write_text(path.read_text(encoding="utf-8").replace(
        "описания видов осуществляемых в ней действий.", "описания видов действий на Портале."), encoding="utf-8")
    assert main(["--agencies", str(copy), "check", "murmansk-tourism"]) == 2
    assert "сокращение «Портал» употреблено до того, как введено" in capsys.readouterr().err
