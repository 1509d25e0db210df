"""The register (Перечень) as a table of the tree, and the empty form of it."""

from __future__ import annotations

from functools import lru_cache

from ..config import AgencyConfig, Touchpoint
from ..inline import Content, lines, text
from ..markup import data
from ..tree import Cell, Table
from .phrases import Names

COLUMN_HEADERS = {
    "number": "№ п/п",
    "area": "Направление деятельности",
    "process": "Наименование процесса",
    "touchpoint": "Точка взаимодействия",
    "needs": "Удовлетворяемые потребности клиента",
    "features": "Особенности взаимодействия с клиентом",
}
COLUMN_WIDTHS = {"number": 0.8, "area": 2.2, "process": 2.6, "touchpoint": 2.0, "needs": 3.0, "features": 1.8}
KIND_FEATURES = {"digital": "Цифровая точка", "offline": "Офлайн-точка"}
# A register wider than this many columns goes on a landscape page.
PORTRAIT_MAX_COLUMNS = 5
SAMPLE = {"number": "1", "area": "[направление 1]", "process": "[процесс 1]",
          "touchpoint": "[точка 1]", "needs": "[потребность 1]", "features": "[особенность]"}


def _empty_table(cfg: AgencyConfig, names: Names, form: bool) -> Table:
    reg = cfg.registry
    cols = list(reg.columns)
    return Table(columns=[data(names.fill(reg.headers.get(c, COLUMN_HEADERS[c]))) for c in cols],
                 widths=[COLUMN_WIDTHS[c] for c in cols],
                 caption=data(names.fill(reg.caption)) if reg.caption and not form else None,
                 number_row=reg.number_row, landscape=len(cols) > PORTRAIT_MAX_COLUMNS)


def form_table(cfg: AgencyConfig, names: Names) -> Table:
    """The empty form of the register, with sample rows if the config asks for them."""
    table = _empty_table(cfg, names, form=True)
    cols = list(cfg.registry.columns)
    if cfg.form.sample_rows:
        table.rows.append([Cell(text(SAMPLE[c])) for c in cols])
        for k in range(2, 5):
            table.rows.append([Cell(text(f"[потребность {k}]" if c == "needs" else "")) for c in cols])
        table.rows.append([Cell(text("2" if c == "number" else "")) for c in cols])
        table.rows.append([Cell(text("…" if c == "number" else "")) for c in cols])
    return table


def register_table(cfg: AgencyConfig, names: Names) -> Table:
    """One entry per process, one table row per touchpoint; the number, area and process
    cells merged over the entry's rows."""
    table = _empty_table(cfg, names, form=False)
    cols = list(cfg.registry.columns)
    table.number_column = cols.index("number") if "number" in cols else None
    for no, row in enumerate(cfg.registry.rows, start=1):
        tps: list[Touchpoint | None] = list(row.touchpoints) or [None]
        span = len(tps)
        table.groups.append(span)
        entry = {"number": text(str(no)), "area": _words(row.area), "process": _words(row.process)}
        for k, tp in enumerate(tps):
            own = _touchpoint_cells(tp)
            table.rows.append([(Cell(entry[c], rowspan=span) if k == 0 else Cell(merged=True)) if c in entry
                               else Cell(own[c]) for c in cols])
    return table


_NO_TOUCHPOINT: dict[str, Content] = {"touchpoint": (), "needs": (), "features": ()}


def _touchpoint_cells(tp: Touchpoint | None) -> dict[str, Content]:
    """The touchpoint's cells by column, made once per touchpoint (not once per column)."""
    if tp is None:
        return _NO_TOUCHPOINT
    return {"touchpoint": _words(tp.name),
            "needs": lines("\n".join([data(x if isinstance(x, str) else x.other) for x in tp.needs])),
            "features": _words(tp.features or KIND_FEATURES[tp.kind])}


@lru_cache(maxsize=65536)  # registers repeat their areas, touchpoints and features in every row
def _words(value: str) -> Content:
    """A config text as a cell of words."""
    return text(data(value))
