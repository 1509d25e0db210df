"""The JSON Schema of the configs (for editors: Taplo / Even Better TOML) and the config
reference in docs/, both generated from the pydantic models."""

from __future__ import annotations

import json
from typing import Any

from .config import AgencyConfig, RegionProfile

TITLES = {
    "agency": ("Конфигурация органа", "agencies/<орган>.toml: орган, приказ, Порядок, Перечень."),
    "region": ("Профиль региона", "agencies/regions/<регион>.toml: общее для органов региона."),
}


def _clean(node: Any) -> Any:
    """Drop the models' own (English, code) docstrings; keep the keys' Russian descriptions."""
    if isinstance(node, dict):
        out = {k: _clean(v) for k, v in node.items()}
        if out.get("type") == "object" and "properties" in out:
            out.pop("description", None)
        return out
    if isinstance(node, list):
        return [_clean(v) for v in node]
    return node


def schema(kind: str = "agency") -> dict[str, Any]:
    model = AgencyConfig if kind == "agency" else RegionProfile
    data = _clean(model.model_json_schema(by_alias=True))
    title, description = TITLES[kind]
    data["title"], data["description"] = title, description
    if kind == "agency":
        data["properties"]["$schema"] = {"type": "string", "description": "Путь к этой схеме для редактора."}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **data}


def schema_json(kind: str = "agency") -> str:
    return json.dumps(schema(kind), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _type(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in prop:
        return f"таблица [{prop['$ref'].split('/')[-1]}](#{prop['$ref'].split('/')[-1].lower()})"
    if "enum" in prop:
        return " \\| ".join(f"`\"{v}\"`" for v in prop["enum"])
    if "const" in prop:
        return f"`\"{prop['const']}\"`"
    if "anyOf" in prop:
        parts = [_type(p, defs) for p in prop["anyOf"] if p.get("type") != "null"]
        return " или ".join(parts)
    t = prop.get("type")
    if t == "array":
        return f"список ({_type(prop.get('items', {}), defs)})"
    if t == "object":
        return "таблица"
    if prop.get("format") == "date":
        return "дата"
    return {"string": "строка", "integer": "целое", "number": "число", "boolean": "true/false"}.get(str(t), str(t))


def _default(prop: dict[str, Any]) -> str:
    if "default" not in prop:
        return "обязательный"
    value = prop["default"]
    if value in (None, [], {}, ""):
        return "—"
    text = json.dumps(value, ensure_ascii=False)
    return f"`{text}`" if len(text) < 60 else "см. описание"


def reference_markdown() -> str:
    """docs/config.md: every key of every table, with its type, default and description."""
    lines = ["# Справочник ключей конфигурации", "",
             "Сгенерировано из моделей (`generator/config.py`) командой `prikaz schema --markdown`; "
             "JSON Schema для редакторов — `docs/schema/agency.schema.json` и `docs/schema/region.schema.json` "
             "(первая строка файлов конфигурации: `#:schema …`).", ""]
    for kind in ("agency", "region"):
        data = schema(kind)
        defs = data.get("$defs", {})
        title, description = TITLES[kind]
        lines += [f"## {title}", "", description, ""]
        tables = [("", data)] + [(name, d) for name, d in defs.items() if kind == "agency"]
        for name, table in tables:
            if "properties" not in table:
                continue
            if name:
                lines += [f"### {name}", ""]
            lines += ["| ключ | тип | по умолчанию | описание |", "|---|---|---|---|"]
            required = set(table.get("required", []))
            for key, prop in table["properties"].items():
                if key == "$schema":
                    continue
                desc = " ".join(prop.get("description", "").split()).replace("|", "\\|")
                default = "обязательный" if key in required else _default(prop)
                lines.append(f"| `{key}` | {_type(prop, defs)} | {default} | {desc} |")
            lines.append("")
    return "\n".join(lines)
