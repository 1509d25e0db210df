"""The clause overrides of a body as the workspace edits them: the template's clauses (by
part and id, as the template words them), a new override read from its form and added to
the TOML, one removed, and the problems of a candidate placed next to the form's fields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

import tomlkit

from ..config import AgencyConfig, Override
from ..errors import Diagnostic
from ..tree import Node
from .workspace import Workspace

PARTS = {"order": "приказ", "procedure": "Порядок"}
ACTIONS: tuple[str, ...] = get_args(Override.model_fields["action"].annotation)
ACTION_NAMES = {"replace": "заменить пункт с подпунктами", "text": "заменить только текст пункта",
                "insert_after": "вставить после пункта", "insert_before": "вставить перед пунктом",
                "append": "добавить подпункты в пункт", "remove": "исключить пункт"}
FIELDS = ("clause", "action", "text")  # the fields of the form of a new override


@dataclass
class NewOverride:
    part: str
    id: str
    action: str
    text: str


def template_clauses(ws: Workspace, cfg: AgencyConfig | None, slug: str) -> dict[str, dict[str, str]]:
    """{part: {id: text}}: every clause with an id of the order and of the Порядок as the template
    words it (composed without the body's overrides)."""
    if cfg is None:
        return {}
    bare = cfg.model_copy(deep=True)
    bare.procedure.overrides, bare.order.overrides = [], []
    try:
        doc = ws.compose_plain(bare, slug)
    except Exception:  # the body does not compose: its page lists the problems
        return {}
    if cfg.kind == "procedure":
        return {"procedure": _ids(doc.body)}
    procedure = next((a.body for a in doc.all_appendices() if a.id == "procedure"), [])
    return {"order": _ids(doc.body), "procedure": _ids(procedure)}


def _ids(nodes: list[Node]) -> dict[str, str]:
    out: dict[str, str] = {}
    for top in nodes:
        for node in top.walk():
            if node.id and node.id not in out and node.kind != "table":
                out[node.id] = node.text
    return out


def read_new(data: Any, clauses: dict[str, dict[str, str]]) -> tuple[NewOverride, dict[str, list[str]]]:
    """The override the form describes, and the errors of its fields."""
    part, _, clause = str(data.get("clause", "")).partition(":")
    action = str(data.get("action", ""))
    text = str(data.get("text", "")).replace("\r\n", "\n").strip()
    errors: dict[str, list[str]] = {}
    if clause not in clauses.get(part, {}):
        errors["clause"] = ["выберите пункт шаблона из списка"]
    if action not in ACTIONS:
        errors["action"] = [f"выберите действие: {', '.join(ACTION_NAMES[a] for a in ACTIONS)}"]
    if action != "remove" and not text:
        errors["text"] = ["напишите текст: пункты «- …», маркеры «* …», абзацы «> …»; номеров не пишут"]
    return NewOverride(part, clause, action, "" if action == "remove" else text), errors


def add(doc: Any, new: NewOverride) -> int:
    """Append the override to ``[[<part>.overrides]]`` (created if missing); its index."""
    table = tomlkit.table()
    table["action"] = new.action
    table["id"] = new.id
    if new.text:
        table["text"] = tomlkit.string(new.text, multiline=True) if "\n" in new.text else new.text
    table.add(tomlkit.nl())  # a blank line before whatever follows, as the seed configs are written
    if new.part not in doc:
        doc[new.part] = tomlkit.table()
    section = doc[new.part]
    if "overrides" not in section:
        section["overrides"] = tomlkit.aot()
    section["overrides"].append(table)
    return len(section["overrides"]) - 1


def remove(doc: Any, part: str, index: int) -> str | None:
    """Delete one override; its clause id, or None when there is no such override."""
    section: Any = doc.get(part) if part in PARTS else None
    items = section.get("overrides") if section is not None else None
    if section is None or items is None or not 0 <= index < len(items):
        return None
    clause = str(items[index].get("id", ""))
    del items[index]
    if len(items) == 0:
        del section["overrides"]
    return clause


def place(problems: list[Diagnostic], part: str, index: int) -> tuple[dict[str, list[str]], list[Diagnostic]]:
    """The problems of the new override next to its fields (its id and the one-change-per-clause
    rule by the clause, its markup by the text); the rest stay general."""
    own = f"{part}.overrides[{index}]"
    errors: dict[str, list[str]] = {}
    general: list[Diagnostic] = []
    for d in problems:
        key = d.key or ""
        if key == f"{part}.overrides" or key == f"{own}.id":
            errors.setdefault("clause", []).append(d.message)
        elif key == f"{own}.action":
            errors.setdefault("action", []).append(d.message)
        elif key in (own, f"{own}.text"):
            errors.setdefault("clause" if "идентификатором" in d.message else "text", []).append(d.message)
        else:
            general.append(d)
    return errors, general


def excerpt(text: str, limit: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"
