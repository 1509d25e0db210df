"""The JSON Schema and the config reference are generated from the models and kept current."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.schema import reference_markdown, schema_json

from .conftest import AGENCIES, ROOT


@pytest.mark.parametrize(("path", "text"), [
    ("docs/schema/agency.schema.json", lambda: schema_json("agency")),
    ("docs/schema/region.schema.json", lambda: schema_json("region")),
    ("docs/config.md", reference_markdown),
])
def test_generated_docs_are_current(path: str, text: Any) -> None:
    assert (ROOT / path).read_text(encoding="utf-8") == text(), f"устарел {path}: выполните «make docs»"


def _as_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("path", sorted(AGENCIES.glob("*.toml")), ids=lambda p: p.stem)
def test_configs_validate_against_the_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#:schema ../docs/schema/agency.schema.json")
    schema = json.loads((ROOT / "docs/schema/agency.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(_as_json(tomllib.loads(text)), schema)


def test_schema_rejects_unknown_keys_and_wrong_values() -> None:
    schema = json.loads((ROOT / "docs/schema/agency.schema.json").read_text(encoding="utf-8"))
    good = _as_json(tomllib.loads((AGENCIES / "model.toml").read_text(encoding="utf-8")))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "agencyy": {}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "procedure": {**good["procedure"], "numbering": "arabic"}}, schema)


@pytest.mark.parametrize("path", sorted((AGENCIES / "regions").glob("*.toml")), ids=lambda p: p.stem)
def test_region_profiles_validate(path: Path) -> None:
    schema = json.loads((ROOT / "docs/schema/region.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(_as_json(tomllib.loads(path.read_text(encoding="utf-8"))), schema)
