"""Arbitrary Unicode in free-text fields: either a DOCX that python-docx opens and that
contains the text as typed (after the typography pass: quotes, dashes, spaces), or a
refusal with a located message. Never a crash, never a broken file, never markup."""

from __future__ import annotations

import io
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from docx import Document as OpenDocx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import load_agency
from generator.errors import PrikazError
from generator.pipeline import compose_located
from generator.russian import typography
from generator.writers import docx as docx_writer

from .conftest import AGENCIES

SLUG = "murmansk-tourism"
# lone surrogates cannot be written to a UTF-8 file at all, so no config can hold them
TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=60)

# (where in the config, how it shows in the document)
FIELDS = {
    "preamble": ("order", "preamble"),
    "register area": ("register", "rows", 0, "area"),
    "register process": ("register", "rows", 0, "process"),
    "form title": ("form", "title"),
    "register caption": ("register", "caption"),
    "term text": ("procedure", "terms", 0),
}


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def _docx_text(data: bytes) -> str:
    d = OpenDocx(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def _expected(value: str) -> str:
    return typography(" ".join(value.replace("\r", " ").replace("\t", " ").split("\n"))).replace("\u00a0", " ")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(sorted(FIELDS)), value=TEXT)
def test_free_text_builds_or_is_refused_with_a_location(tmp_path_factory: Any, field: str, value: str) -> None:
    base = tomllib.loads((AGENCIES / f"{SLUG}.toml").read_text(encoding="utf-8"))
    path_in_config = FIELDS[field]
    if field == "term text":
        value_to_set: Any = {"term": "Термин", "text": value}
    else:
        value_to_set = value
    _set(base, path_in_config, value_to_set)
    folder = tmp_path_factory.mktemp("prop")
    (folder / "regions").mkdir()
    (folder / "regions" / "murmansk.toml").write_bytes((AGENCIES / "regions" / "murmansk.toml").read_bytes())
    config = folder / f"{SLUG}.toml"
    config.write_text(tomli_w.dumps(base), encoding="utf-8")
    try:
        doc = compose_located(load_agency(config), SLUG, config)
        data = docx_writer.build(doc)
    except PrikazError as e:
        assert e.diagnostics, str(e)
        d = e.diagnostics[0]
        assert d.path is not None and d.line is not None and d.key, str(e)
        return
    text = _docx_text(data).replace("\u00a0", " ")
    expected = _expected(value)
    if expected.strip():
        assert expected in text, (value, expected)


def test_a_control_character_is_refused_with_its_line(tmp_path: Path) -> None:
    base = tomllib.loads((AGENCIES / f"{SLUG}.toml").read_text(encoding="utf-8"))
    base["register"]["rows"][2]["process"] = "Контроль\x0b(надзор)"
    (tmp_path / "regions").mkdir()
    (tmp_path / "regions" / "murmansk.toml").write_bytes((AGENCIES / "regions" / "murmansk.toml").read_bytes())
    config = tmp_path / f"{SLUG}.toml"
    config.write_text(tomli_w.dumps(base), encoding="utf-8")
    try:
        load_agency(config)
    except PrikazError as e:
        d = e.diagnostics[0]
        assert d.key == "register.rows[2].process" and "U+000B" in d.message
        assert "Контроль" in config.read_text(encoding="utf-8").splitlines()[d.line - 1]  # type: ignore[operator]
    else:
        raise AssertionError("a control character was accepted")
