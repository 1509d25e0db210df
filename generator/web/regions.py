"""A region profile edited in a form: its fields generated from the models, as a body's are,
and a candidate profile checked before it is written.

A profile holds the defaults of the bodies of one region: the subject's name, the blank,
the marks, the layout, the mandatory clauses of an order and the settings of amending
orders. Only the keys that are a region's business are offered (not a body's date, number
or signatory); any key of those models stays valid in the text. A candidate is checked
twice: on its own (each section against the body's model, so a misspelt key or a wrong
value is found even when no body uses the profile yet), then with every body that names
it, loaded and composed as «prikaz check» would — a profile that breaks a body is refused.
"""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import config as c
from ..errors import ConfigError, Diagnostic
from ..reader.templates import catalog
from . import forms
from .workspace import Workspace

# the keys of a body's section that a region sets for all its bodies
REGION_KEYS: dict[str, set[str] | None] = {
    "blank": None, "marks": None, "layout": None,
    "order": {"order_word", "publish", "place_on_site", "state_registration", "registration_text",
              "entry_into_force"},
    "amendment": {"inserted_numbering", "preamble", "whole_register_share"},
}
SECTIONS: list[tuple[str, str, type[c.Strict]]] = [
    ("Бланк", "blank", c.BlankSettings),
    ("Гриф и отметки", "marks", c.MarkSettings),
    ("Приказ: обязательные пункты", "order", c.OrderSettings),
    ("Оформление", "layout", c.Layout),
    ("Приказы о внесении изменений", "amendment", c.AmendmentSettings),
]


class RegionSections(c.Strict):
    """The sections a profile passes to its bodies, each checked against the body's model."""

    blank: c.BlankSettings = c.BlankSettings()
    marks: c.MarkSettings = c.MarkSettings()
    order: c.OrderSettings = c.OrderSettings()
    amendment: c.AmendmentSettings = c.AmendmentSettings()


def sections(text: str) -> list[tuple[str, list[forms.Field]]]:
    """The form of a profile: the subject's name, then one section per table."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        data = {}
    cat = catalog()
    name = [f for f in forms.fields(c.RegionProfile, (), data, data, cat) if f.key == ("name",)]
    out: list[tuple[str, list[forms.Field]]] = [("Субъект Российской Федерации", name)]
    for title, key, model in SECTIONS:
        found = data.get(key)
        own: dict[str, Any] = found if isinstance(found, dict) else {}
        allowed = REGION_KEYS[key]
        fields = [f for f in forms.fields(model, (key,), own, own, cat) if allowed is None or f.key[1] in allowed]
        out.append((title, fields))
    return out


def users_of(ws: Workspace, name: str) -> list[str]:
    """The bodies whose config names this profile."""
    out = []
    for slug in ws.slugs():
        try:
            region = tomllib.loads(ws.path(slug).read_text(encoding="utf-8")).get("region")
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if region == name:
            out.append(slug)
    return out


def check(ws: Workspace, name: str, text: str) -> list[tuple[str | None, Diagnostic]]:
    """The problems of a candidate profile, each with the body it breaks (None: the profile's own);
    paths name the real profile file."""
    real = ws.region_path(name)
    ws.scratch.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=ws.scratch))
    tmp = work / f"{name}.toml"
    tmp.write_text(text, encoding="utf-8")
    try:
        found: list[tuple[str | None, Diagnostic]] = [(None, d) for d in _own(tmp, text)]
        if not found:
            for slug in users_of(ws, name):
                checked = ws.check(slug, ws.path(slug).read_text(encoding="utf-8"), regions=work)
                found += [(slug, d) for d in checked.problems]
                if checked.message and not checked.problems:
                    found.append((slug, Diagnostic(ws.path(slug), None, None, checked.message)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [(slug, Diagnostic(real if d.path == tmp else d.path, d.line, d.key,
                              d.message.replace(str(tmp), str(real)))) for slug, d in found]


def _own(tmp: Path, text: str) -> list[Diagnostic]:
    try:
        data, _ = c.read_toml(tmp)
    except ConfigError as e:
        return e.diagnostics or [Diagnostic(tmp, None, None, e.message)]
    problems: list[Diagnostic] = []
    for model, part in ((c.RegionProfile, data), (RegionSections, {k: data[k] for k in REGION_KEYS
                                                                   if k in data and k != "layout"})):
        try:
            model.model_validate(part)
        except ValidationError as e:
            problems += c._diagnostics(e, [(tmp, text)], model)
    return _unique(problems)


def _unique(problems: list[Diagnostic]) -> list[Diagnostic]:
    """A section that is not a table is reported by both models: once is enough."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for d in problems:
        if (d.key, d.message) not in seen:
            seen.add((d.key, d.message))
            out.append(d)
    return out
