"""Edits of a config that keep its comments and the order of its keys (tomlkit).

The workspace and the CLI work on the same files: a value changed in a form is changed in
place, a key emptied is removed (the region profile's value or the default applies again),
everything else — comments, blank lines, the order of tables — stays as the person who
wrote the file left it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table
from tomlkit.toml_document import TOMLDocument

Key = tuple[str | int, ...]


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse(text: str) -> TOMLDocument:
    return tomlkit.parse(text)


def dumps(doc: TOMLDocument) -> str:
    return tomlkit.dumps(doc)


def plain(value: Any) -> Any:
    """A tomlkit value as plain Python (dicts, lists, str, dates)."""
    unwrap = getattr(value, "unwrap", None)
    return unwrap() if callable(unwrap) else value


def get(doc: Any, key: Key) -> Any:
    node = doc
    for part in key:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
            node = node[part]
        else:
            if not hasattr(node, "get"):
                return None
            node = node.get(part)
            if node is None:
                return None
    return plain(node)


def _item(value: Any) -> Any:
    """A new value as tomlkit writes it: an array of texts over several lines when long."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        array = tomlkit.array()
        array.extend(value)
        if sum(len(v) for v in value) > 80:
            array.multiline(True)
        return array
    if isinstance(value, dt.date):
        return tomlkit.date(value.isoformat())
    return value


def set_value(doc: TOMLDocument, key: tuple[str, ...], value: Any) -> None:
    """Set a key, creating its tables (as ``[order.signatory]`` sections) where missing."""
    node: Any = doc
    for part in key[:-1]:
        if part not in node:
            node[part] = tomlkit.table()
        node = node[part]
    if plain(node.get(key[-1])) == value:
        return  # unchanged: the original spelling (quotes, layout) stays
    node[key[-1]] = _item(value)


def delete(doc: TOMLDocument, key: tuple[str, ...]) -> None:
    """Remove a key, and the tables it leaves empty."""
    chain: list[Any] = [doc]
    for part in key[:-1]:
        nxt = chain[-1].get(part)
        if not isinstance(nxt, Table | dict):
            return
        chain.append(nxt)
    if key[-1] in chain[-1]:
        del chain[-1][key[-1]]
    for depth in range(len(chain) - 1, 0, -1):
        if len(chain[depth]) == 0:
            del chain[depth - 1][key[depth - 1]]


def set_rows(doc: TOMLDocument, rows: list[dict[str, Any]]) -> None:
    """The register's rows, changed in place: an unchanged row keeps its table, its comment
    and its spelling; a changed row is rewritten key by key (a changed touchpoint alone in
    its array); rows past the new end are removed, new rows appended."""
    register: Any = doc.get("register")
    old = register.get("rows") if register is not None else None
    if old is None:
        if rows:
            if register is None:
                doc["register"] = tomlkit.table()
            doc["register"]["rows"] = _new_aot(rows)
        return
    if not isinstance(old, AoT) or plain(old) == rows:
        if not isinstance(old, AoT):
            register["rows"] = _new_aot(rows)  # «rows = [...]» written inline: rewritten as blocks
        return
    for i, row in enumerate(rows[:len(old)]):
        _update_row(old[i], row)
    while len(old) > len(rows):
        del old[len(old) - 1]
    for row in rows[len(old):]:
        old.append(_table(row))
    if not rows:
        del register["rows"]


def _new_aot(rows: list[dict[str, Any]]) -> AoT:
    aot = tomlkit.aot()
    for row in rows:
        aot.append(_table(row))
    return aot


def _table(row: dict[str, Any]) -> Table:
    table = tomlkit.table()
    for k, v in row.items():
        table[k] = _touchpoints(v) if k == "touchpoints" else v
    return table


def _update_row(table: Table, row: dict[str, Any]) -> None:
    if plain(table) == row:
        return
    for k in [k for k in table if k not in row]:
        del table[k]
    for k, v in row.items():
        if plain(table.get(k)) == v:
            continue
        current = table.get(k)
        if k == "touchpoints" and isinstance(current, list) and len(current) == len(v):
            for j, tp in enumerate(v):
                if plain(current[j]) != tp:
                    current[j] = _inline(tp)
        else:
            table[k] = _touchpoints(v) if k == "touchpoints" else v


def _inline(tp: dict[str, Any]) -> Any:
    """A touchpoint as the seed configs write it: ``{ name = "…", kind = "…", needs = [...] }``."""
    body = ", ".join(f"{k} = {_value_text(v)}" for k, v in tp.items())
    return tomlkit.parse(f"v = {{ {body} }}\n")["v"]


def _value_text(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_value_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value_text(v)}" for k, v in value.items()) + " }"
    return str(tomlkit.item(value).as_string())


def _touchpoints(value: list[dict[str, Any]]) -> Any:
    """Touchpoints in an array, one per line when there are several."""
    if len(value) <= 1:
        return tomlkit.parse(f"v = [{', '.join(_value_text(tp) for tp in value)}]\n")["v"]
    lines = "".join(f"  {_value_text(tp)},\n" for tp in value)
    return tomlkit.parse(f"v = [\n{lines}]\n")["v"]
