"""Register rows may name a touchpoint or a need by its catalogue id (``portal``,
``information``) instead of its wording; the reader puts the wording in their place, the
way the register prints it (``prikaz catalog`` lists both)."""

from __future__ import annotations

from ..config import AgencyConfig, RegisterRow
from ..rules import need_wording, touchpoint_wording
from .phrases import Names
from .templates import catalog


def register_wordings(names: Names) -> dict[str, dict[str, str]]:
    """Per kind (``digital``, ``offline``, ``needs``): catalogue id → the wording a register row uses.
    The register is a document of its own that does not introduce the body's short name, so
    «{short:gent}» is the full name there: «Официальный сайт Министерства культуры …»."""
    names = full_names(names)
    cat = catalog()
    return {"digital": {k: touchpoint_wording(names.fill(v)) for k, v in cat["digital_touchpoints"].items()},
            "offline": {k: touchpoint_wording(names.fill(v)) for k, v in cat["offline_touchpoints"].items()},
            "needs": {k: need_wording(v) for k, v in cat["needs"].items()}}


def full_names(names: Names) -> Names:
    """The body's names with its full name in place of the short one."""
    return Names(names.name, names.name, names.areas) if isinstance(names, Names) else names


def _names_an_id(row: RegisterRow, words: dict[str, dict[str, str]]) -> bool:
    needs = words["needs"]
    for tp in row.touchpoints:
        if tp.name in words[tp.kind]:
            return True
        for n in tp.needs:
            if isinstance(n, str) and n in needs:
                return True
    return False


def _row(row: RegisterRow, words: dict[str, dict[str, str]]) -> RegisterRow:
    """The row with its ids replaced; the same row when it names none (most rows: copying
    every row of a 300-row register cost a tenth of composing it)."""
    if not _names_an_id(row, words):
        return row
    touchpoints = []
    for tp in row.touchpoints:
        name = words[tp.kind].get(tp.name, tp.name)
        needs = [words["needs"].get(n, n) if isinstance(n, str) else n for n in tp.needs]
        same = name == tp.name and all(a is b for a, b in zip(needs, tp.needs, strict=True))
        touchpoints.append(tp if same else tp.model_copy(update={"name": name, "needs": needs}))
    if all(a is b for a, b in zip(touchpoints, row.touchpoints, strict=True)):
        return row
    return row.model_copy(update={"touchpoints": touchpoints})


def resolve_register_ids(cfg: AgencyConfig, names: Names) -> AgencyConfig:
    """The config with every catalogue id in its register rows replaced by its wording."""
    if not cfg.registry.rows:
        return cfg
    words = register_wordings(names)
    rows = [_row(r, words) for r in cfg.registry.rows]
    if all(a is b for a, b in zip(rows, cfg.registry.rows, strict=True)):
        return cfg
    return cfg.model_copy(update={"registry": cfg.registry.model_copy(update={"rows": rows})})
