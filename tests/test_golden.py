"""Golden text renderings of every seed agency (tests/golden/<slug>.md).

After a deliberate change of the template or a config, regenerate them with
``UPDATE_GOLDEN=1 make test`` and review the diff before committing.
"""

from __future__ import annotations

import os

import pytest

from generator.compose import compose
from generator.config import load_agency
from generator.writers.text import render

from .conftest import AGENCIES, ROOT, SEED_FILES

GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_golden_text(slug: str) -> None:
    text = render(compose(load_agency(AGENCIES / f"{slug}.toml"), slug))
    path = GOLDEN / f"{slug}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"нет эталона {path}: UPDATE_GOLDEN=1 pytest tests/test_golden.py"
    assert text == path.read_text(encoding="utf-8")


def test_every_agency_has_a_golden_rendering() -> None:
    slugs = {p.stem for p in AGENCIES.glob("*.toml")}
    assert slugs == set(SEED_FILES)
