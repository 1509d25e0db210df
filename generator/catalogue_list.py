"""``prikaz catalog [ОРГАН]``: the catalogue of templates/catalog.toml as a user needs it —
terms, needs, key, digital and offline touchpoints with their ids and wording, and the
wording a register row uses (ids are accepted there too). With a body, its names are
filled in and the items its Порядок includes are marked «✓»."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .reader.phrases import Names
from .reader.register_ids import register_wordings
from .reader.templates import TEMPLATES, catalog

WIDTH = 20
_KEY = re.compile(r"^\s*- \[key\.(\w+)\] (.+)$", re.M)
_JINJA = re.compile(r"\{\{[^}]*\}\}|\{%[^%]*%\}")

SECTIONS = (
    ("terms", "Термины — procedure.terms (или целиком: { term = \"…\", text = \"…\" })", "terms"),
    ("needs", "Удовлетворяемые потребности — procedure.needs; в строках Перечня — touchpoints.needs", "needs"),
    ("key", "Ключевые точки взаимодействия с требованиями к ним — procedure.key_touchpoints", "key_touchpoints"),
    ("digital_touchpoints", "Цифровые точки — procedure.digital_touchpoints; в строках Перечня — "
     "touchpoints.name с kind = \"digital\"", "digital_touchpoints"),
    ("offline_touchpoints", "Офлайн-точки — procedure.offline_touchpoints; в строках Перечня — "
     "touchpoints.name с kind = \"offline\"", "offline_touchpoints"),
)


def key_touchpoints() -> dict[str, str]:
    """The key touchpoints the template of the Порядок knows: id → the start of its clause."""
    text = (TEMPLATES / "poryadok.j2").read_text(encoding="utf-8")
    out = {}
    for m in _KEY.finditer(text):
        words = _JINJA.sub("…", m.group(2))
        out[m.group(1)] = re.split(r"[,:(]", words, maxsplit=1)[0].strip()
    return out


class _Fill:
    """Placeholders as they are when no body is given: «{short:gent}»."""

    def fill(self, text: str) -> str:
        return text


def _item_text(section: str, value: Any) -> str:
    if section == "terms":
        return f"{value['term']} – {value['text']}"
    if section == "needs":
        items = value.get("items") or []
        return str(value["text"]) + (" " + ", ".join(items) if items else "")
    return str(value)


def lines(names: Names | None = None, chosen: dict[str, list[str]] | None = None) -> list[str]:
    """The listing, one item a line (its register wording on the next)."""
    cat = {**catalog(), "key": key_touchpoints()}
    filler: Any = names or _Fill()
    register = register_wordings(filler)
    kinds = {"needs": "needs", "digital_touchpoints": "digital", "offline_touchpoints": "offline"}
    out = [f"Справочник {Path('templates') / 'catalog.toml'}: слева — идентификатор для конфигурации органа.",
           "В строках Перечня ([[register.rows]]) точки и потребности пишутся так, как указано "
           "после «в Перечне:», или их идентификатором.", ""]
    for section, title, key in SECTIONS:
        out.append(title + ":")
        picked = set((chosen or {}).get(key, []))
        for ident, value in cat[section].items():
            mark = "✓ " if ident in picked else "  "
            out.append(f"{mark}{ident:{WIDTH}} {filler.fill(_item_text(section, value))}")
            if section in kinds:
                out.append(f"  {'':{WIDTH}} в Перечне: «{register[kinds[section]][ident]}»")
        out.append("")
    return out
