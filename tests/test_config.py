"""Config errors: located, in Russian, all at once; config text stays data."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build
from generator.cli import main
from generator.compose import compose
from generator.config import load_agency
from generator.errors import ConfigError


def test_toml_syntax_error_names_file_and_line(agencies: Path) -> None:
    path = agencies / "murmansk-tourism.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = 'name = "Комитет по туризму'  # unterminated string on line 6
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_agency(path)
    d = e.value.diagnostics[0]
    assert d.path == path and d.line == 6
    assert "синтаксическая ошибка TOML" in d.message


def test_schema_errors_reported_together_with_lines_and_keys(agencies: Path) -> None:
    path = agencies / "murmansk-tourism.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('short = "Комитет"', 'short = "Комитет"\nshortname = "x"')
    text = text.replace('number = "21"', "number = 21")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_agency(path)
    found = {d.key: d for d in e.value.diagnostics}
    assert found["agency.shortname"].message.startswith("неизвестный ключ «shortname»; вы имели в виду")
    assert found["order.number"].message == "ожидается строка в кавычках: дано «21»"
    lines = text.splitlines()
    assert lines[found["agency.shortname"].line - 1].startswith("shortname")  # type: ignore[operator]
    assert lines[found["order.number"].line - 1].startswith("number = 21")  # type: ignore[operator]


def test_cli_exit_code_2_without_traceback(agencies: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = agencies / "altai-zags.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("numbering = \"roman-straight\"",
                                                           "numbering = \"arabic\""), encoding="utf-8")
    code = main(["--agencies", str(agencies), "build", "altai-zags", "model", "--no-pdf", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert "altai-zags.toml" in err and "procedure.numbering" in err
    # one body's failure does not stop the others
    assert (tmp_path / "model" / "poryadok.docx").exists()
    assert not (tmp_path / "altai-zags").exists()


def test_failed_build_keeps_previous_outputs(agencies: Path, tmp_path: Path) -> None:
    build(agencies, tmp_path, ["murmansk-tourism"], pdf=False)
    before = (tmp_path / "murmansk-tourism" / "prikaz.docx").read_bytes()
    path = agencies / "murmansk-tourism.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[broken\n", encoding="utf-8")
    results = build(agencies, tmp_path, ["murmansk-tourism"], pdf=False)
    assert results[0].error
    assert (tmp_path / "murmansk-tourism" / "prikaz.docx").read_bytes() == before
    assert not [p for p in (tmp_path / "murmansk-tourism").iterdir() if p.name.endswith(".tmp")]


def test_config_text_is_data_not_template_code(agencies: Path) -> None:
    path = agencies / "murmansk-tourism.toml"
    evil = "{{ 7*7 }} {% if true %}X{% endif %} {ref:purpose} **жирный** <b>&amp;"
    text = path.read_text(encoding="utf-8").replace(
        'area = "Предоставление государственных услуг"', f'area = "{evil}"')
    text = text.replace("обеспечения применения принципов", f"{evil} обеспечения применения принципов")
    path.write_text(text, encoding="utf-8")
    from generator.writers import docx as docx_writer
    from generator.writers.text import render

    doc = compose(load_agency(path), "murmansk-tourism")
    md = render(doc)
    # Markdown shows it as typed: the characters of emphasis and HTML escaped
    assert r"{{ 7\*7 }} {% if true %}X{% endif %} {ref:purpose} \*\*жирный\*\* \<b\>&amp;" in md
    import io

    from docx import Document as OpenDocx

    d = OpenDocx(io.BytesIO(docx_writer.build(doc)))
    texts = [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    assert any(evil in t for t in texts)
