"""Form fields generated from the config models (generator/config.py).

Each field of a section's model becomes an input chosen by its type: a checkbox for a
bool, a list for a ``Literal``, a date, a number, a line or a text; the lists of catalogue
items (terms, needs, touchpoints) become checklists with their wording. The label is the
field's Russian docstring, so the form and ``prikaz schema --markdown`` say the same.
Tables of tables (overrides, approvals, the register's rows) have editors of their own.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from .. import config as c

Key = tuple[str, ...]

# (title, top-level key, model): the sections of a body's form
SECTIONS: list[tuple[str, str, type[BaseModel]]] = [
    ("Орган", "agency", c.AgencyNames),
    ("Приказ: реквизиты, подписант, контроль", "order", c.OrderSettings),
    ("Порядок", "procedure", c.ProcedureSettings),
    ("Перечень: вид и столбцы", "register", c.RegisterSettings),
    ("Форма Перечня", "form", c.FormSettings),
    ("Бланк", "blank", c.BlankSettings),
    ("Гриф и отметки", "marks", c.MarkSettings),
    ("Оформление", "layout", c.Layout),
    ("Приказы о внесении изменений", "amendment", c.AmendmentSettings),
]
OWN_EDITORS = {"overrides", "approvals", "rows", "headers", "terms"}  # edited elsewhere or in raw TOML
CATALOGUE_LISTS = {"needs": "needs", "digital_touchpoints": "digital_touchpoints",
                   "offline_touchpoints": "offline_touchpoints"}
KEY_TOUCHPOINTS = {"portal": "Официальные сайты (Портал)", "mobile_app": "Мобильные приложения",
                   "social": "Социальные сети, публичные чаты в мессенджерах",
                   "chatbots": "Чат-боты и персональные чаты", "phone": "Телефонная связь",
                   "written": "Письменная форма"}
LONG_TEXT = {"preamble", "publish", "entry_into_force", "registration_text", "title", "keeper", "areas_intro",
             "heading", "caption", "text", "position"}


@dataclass
class Field:
    key: Key
    label: str
    kind: str  # text, textarea, bool, choice, int, float, date, checklist, lines
    value: Any  # the effective value: the body's own, else the region's, else the default
    own: bool  # the body's file sets it
    choices: list[tuple[str, str]] = field(default_factory=list)
    optional: bool = True

    @property
    def name(self) -> str:
        return ".".join(self.key)

    @property
    def shown(self) -> Any:
        return display(self)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type inside ``Annotated`` and ``X | None``; whether None is allowed."""
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        inner, _ = _unwrap(args[0]) if len(args) == 1 else (annotation, False)
        return inner, len(args) < len(get_args(annotation))
    return annotation, False


def _kind(name: str, annotation: Any) -> tuple[str, list[tuple[str, str]]]:
    if annotation is bool:
        return "bool", []
    if get_origin(annotation) is Literal:
        return "choice", [(str(v), str(v)) for v in get_args(annotation)]
    if annotation is int:
        return "int", []
    if annotation is float:
        return "float", []
    if annotation is dt.date:
        return "date", []
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        item, _ = _unwrap(item)
        if get_origin(item) is Literal:
            return "checklist", [(str(v), str(v)) for v in get_args(item)]
        return ("checklist" if name in CATALOGUE_LISTS or name == "key_touchpoints" else "lines"), []
    return ("textarea" if name in LONG_TEXT else "text"), []


def fields(model: type[BaseModel], prefix: Key, own: dict[str, Any], merged: dict[str, Any],
           catalogue: dict[str, Any]) -> list[Field]:
    """The fields of a model; nested models (signatory, control, deputy, case forms) inline."""
    out: list[Field] = []
    for name, info in model.model_fields.items():
        key = (*prefix, name)
        if name in OWN_EDITORS:
            continue
        annotation, optional = _unwrap(info.annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            out.extend(fields(annotation, key, own.get(name) or {}, merged.get(name) or {}, catalogue))
            continue
        if get_origin(annotation) is dict:
            continue
        kind, choices = _kind(name, annotation)
        if name in CATALOGUE_LISTS:
            choices = [(k, _wording(v)) for k, v in catalogue.get(CATALOGUE_LISTS[name], {}).items()]
        elif name == "key_touchpoints":
            choices = list(KEY_TOUCHPOINTS.items())
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        value = merged.get(name, default)
        if isinstance(value, BaseModel):
            continue
        out.append(Field(key, info.description or name, kind, value, name in own, choices,
                         optional or not info.is_required()))
    return out


def _wording(item: Any) -> str:
    return str(item.get("text") if isinstance(item, dict) else item)


def parse(f: Field, values: list[str]) -> tuple[Any, str | None]:
    """The submitted value of a field (its raw strings) as a config value, or an error."""
    raw = values[-1].strip() if values else ""
    if f.kind == "bool":
        return "true" in values, None
    if f.kind == "checklist":
        picked = [v for v in values if v]
        known = [k for k, _ in f.choices]
        current = [v for v in (f.value or []) if v in picked]  # the order the body chose stays
        return current + [k for k in known if k in picked and k not in current], None
    if f.kind == "lines":
        return [line.strip() for line in raw.splitlines() if line.strip()], None
    if not raw:
        return None, None
    if f.kind == "int":
        return (int(raw), None) if raw.lstrip("-").isdigit() else (None, "ожидается целое число")
    if f.kind == "float":
        try:
            return float(raw.replace(",", ".")), None
        except ValueError:
            return None, "ожидается число"
    if f.kind == "date":
        try:
            return dt.date.fromisoformat(raw), None
        except ValueError:
            return None, "ожидается дата вида 2025-03-01"
    if f.kind == "choice" and raw not in [k for k, _ in f.choices]:
        return None, "недопустимое значение"
    text = values[-1].replace("\r\n", "\n").strip()
    return text, None


def display(f: Field) -> Any:
    """The value as the input shows it."""
    if f.kind == "lines":
        return "\n".join(f.value or [])
    if f.value is None:
        return ""
    return f.value.isoformat() if isinstance(f.value, dt.date) else f.value
