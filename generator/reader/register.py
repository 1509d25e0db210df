"""The register (Перечень) as a table of the tree, and the empty form of it."""

from __future__ import annotations

from functools import lru_cache

from ..config import AgencyConfig, Touchpoint
from ..inline import EMPTY, Content, lines, text
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


def register_headings(cfg: AgencyConfig, names: Names) -> Table:
    """The register's table without rows: its headings and caption as worded."""
    return _empty_table(cfg, names, form=False)


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
    # Per column: from the entry (number, area, process) or from the touchpoint, and where
    # in it. Contents made once per distinct touchpoint and cells built from a column plan
    # (not a dict of contents per row and per touchpoint): body 150's register table
    # 18M → 12M instructions.
    plan = [(c in _ENTRY, _ENTRY.index(c) if c in _ENTRY else _OWN.index(c)) for c in cols]
    rows = table.rows
    for no, row in enumerate(cfg.registry.rows, start=1):
        span = len(row.touchpoints) or 1
        table.groups.append(span)
        entry = (text(str(no)), _words(row.area), _words(row.process))
        first = True
        for tp in row.touchpoints or _NONE:
            own = _touchpoint_contents(tp)
            if first:
                rows.append([Cell(entry[i], span) if e else Cell(own[i]) for e, i in plan])
                first = False
            else:
                rows.append([Cell(EMPTY, 1, True) if e else Cell(own[i]) for e, i in plan])
    return table


_ENTRY = ("number", "area", "process")
_OWN = ("touchpoint", "needs", "features")
_NONE: tuple[None] = (None,)


def _touchpoint_contents(tp: Touchpoint | None) -> tuple[Content, Content, Content]:
    """The touchpoint's cells in the order of ``_OWN``; registers repeat their touchpoints,
    so they are made once per distinct name, kind, needs and features."""
    if tp is None:
        return (EMPTY, EMPTY, EMPTY)
    return _contents(tp.name, tp.kind, tuple([x if isinstance(x, str) else x.other for x in tp.needs]),
                     tp.features)


@lru_cache(maxsize=4096)
def _contents(name: str, kind: str, needs: tuple[str, ...], features: str | None) -> tuple[Content, Content, Content]:
    return (_words(name), lines("\n".join([data(x) for x in needs])), _words(features or KIND_FEATURES[kind]))


@lru_cache(maxsize=65536)  # registers repeat their areas, touchpoints and features in every row
def _words(value: str) -> Content:
    """A config text as a cell of words."""
    return text(data(value))
