"""Catalogue items picked by a config: terms, needs, digital and offline touchpoints alike.

A config names an item by its id in templates/catalog.toml; a term may also be given
whole (``{ term = "…", text = "…" }``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..config import TermDef
from ..errors import ConfigError, Diagnostic
from ..hints import suggestion
from .phrases import Names
from .templates import catalog

# How an unknown id is named in the message, where the section's name does not say it.
WHAT = {"terms": "термина "}


def pick(chosen: Sequence[str | TermDef], section: str, key: str, names: Names) -> list[dict[str, Any]]:
    """The chosen items in order, each as ``{"id", "text", "items", ["term"]}``, their
    texts with the body's names filled in. A term's ``term_when_both`` is its name when
    both the internal and the external client are defined."""
    both_clients = {"internal_client", "external_client"} <= {str(c) for c in chosen}
    cat = catalog()[section]
    out: list[dict[str, Any]] = []
    for n, item in enumerate(chosen):
        if isinstance(item, TermDef):
            out.append({"id": item.id or f"custom{n + 1}", "term": names.fill(item.term),
                        "text": names.fill(item.text), "items": []})
            continue
        if item not in cat:
            raise ConfigError("неизвестный элемент каталога", [Diagnostic(
                None, None, f"{key}[{n}]", f"нет {WHAT.get(section, '')}«{item}» в разделе "
                f"[{section}] templates/catalog.toml; известны: {', '.join(cat)}" + suggestion(item, cat)
                + " (список с формулировками — prikaz catalog)")])
        value = cat[item]
        value = {"text": value} if isinstance(value, str) else dict(value)
        when_both = value.pop("term_when_both", None)
        if when_both and both_clients:
            value["term"] = when_both
        out.append({"id": item, "items": [], **value, "text": names.fill(value["text"])})
    return out
