"""The shared templates: Jinja renders the Порядок and the order's clauses with the body's
data (every printed value is data, escaped so that it cannot become markup)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from .. import markup
from ..errors import TemplateError
from ..russian import CASES
from .phrases import as_phrase, with_preposition

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


def _with(base: str, case: str) -> Any:
    return lambda v: (lambda f: f"{with_preposition(base, f)} {f}")(as_phrase(v).form(case))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        # Every value printed by the template is data: it cannot become markup.
        finalize=lambda v: markup.escape_data(str(v)) if v is not None else "",
    )
    for case in CASES:
        env.filters[case] = lambda v, c=case: as_phrase(v).form(c)
    env.filters["s_ablt"] = _with("с", "ablt")
    env.filters["v_loct"] = _with("в", "loct")
    env.filters["v_accs"] = _with("в", "accs")
    return env


@lru_cache(maxsize=1)
def catalog() -> dict[str, Any]:
    with (TEMPLATES / "catalog.toml").open("rb") as f:
        return tomllib.load(f)


def render(name: str, ctx: dict[str, Any]) -> str:
    try:
        return environment().get_template(name).render(**ctx)
    except jinja2.TemplateError as e:
        raise TemplateError(f"шаблон {name}: {e}") from None


def read_template(name: str, ctx: dict[str, Any]) -> list[Any]:
    """A template rendered with ``ctx`` and read into nodes."""
    return markup.parse(render(name, ctx), f"templates/{name}")
