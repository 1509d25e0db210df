"""The clause overrides of a config: replace, insert or remove units of the template by id.

Override text is the template's markup (never Jinja): «{name:gent}» and the like become
the body's names, «{ref:id}» a reference; everything else is data."""

from __future__ import annotations

from .. import markup
from ..config import Override
from ..errors import Diagnostic, TemplateError
from ..tree import Node
from .phrases import Names


def find(nodes: list[Node], node_id: str) -> tuple[list[Node], int] | None:
    for i, n in enumerate(nodes):
        if n.id == node_id:
            return nodes, i
        found = find(n.children, node_id)
        if found:
            return found
    return None


def apply_overrides(nodes: list[Node], overrides: list[Override], source: str, names: Names,
                    prefix: str = "procedure") -> None:
    """Apply every override; all problems are reported at once."""
    problems: list[Diagnostic] = []
    for n, ov in enumerate(overrides):
        key = f"{prefix}.overrides[{n}]"
        where = find(nodes, ov.id)
        if where is None:
            problems.append(Diagnostic(None, None, key, f"нет пункта с идентификатором «{ov.id}»"))
            continue
        _apply(where, ov, key, f"{source} {key}", names, problems)
    if problems:
        raise TemplateError(f"не применены замены пунктов в {source}", problems)


def _apply(where: tuple[list[Node], int], ov: Override, key: str, source: str, names: Names,
           problems: list[Diagnostic]) -> None:
    siblings, i = where
    if ov.action == "text":
        if not ov.text.strip():
            problems.append(Diagnostic(None, None, key, "пустой текст пункта"))
        siblings[i].content = markup.parse_inline(ov.text.strip(), names.inline)
        siblings[i].source = key
        return
    if ov.action == "remove":
        del siblings[i]
        return
    try:
        new = markup.parse(ov.text, source, names.inline)
    except TemplateError as e:
        problems.extend(Diagnostic(None, None, key, d.message) for d in e.diagnostics)
        return
    if not new:
        problems.append(Diagnostic(None, None, key, "пустой текст замены"))
        return
    for root in new:
        for node in root.walk():
            node.source = key
    _place(siblings, i, ov, new)


def _place(siblings: list[Node], i: int, ov: Override, new: list[Node]) -> None:
    if ov.action == "replace":
        if new[0].id is None and not any(x.id == ov.id for root in new for x in root.walk()):
            new[0].id = ov.id
        siblings[i:i + 1] = new
    elif ov.action == "insert_after":
        siblings[i + 1:i + 1] = new
    elif ov.action == "insert_before":
        siblings[i:i] = new
    else:  # append
        siblings[i].children.extend(new)
