"""The register's rules, taken from the Порядок itself and checked on every build.

* one process does not list the same touchpoint twice (the Порядок forbids duplicating
  the touchpoints of one process);
* every need is one of the Порядок's list of needs, or is marked as another need
  (``{ other = "…" }``);
* every touchpoint is digital or offline and, where the Порядок has a catalogue of
  touchpoints, is one of it, of the same kind;
* every activity area is one the Порядок names (``procedure.activity_areas``);
* no process without a name or without touchpoints (unless the register is published
  unfilled, ``register.unfilled = true``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .config import AgencyConfig, OtherNeed, RegisterRow, Touchpoint
from .errors import Diagnostic

KIND_NAMES = {"digital": "цифровая", "offline": "офлайн"}


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    t = text.lower().replace("ё", "е").replace("\u00a0", " ")
    t = re.sub(r"[«»\"„“”.,;:!?]", " ", t)
    t = re.sub(r"[‐‑‒–—-]", "-", t)
    return re.sub(r"\s+", " ", t).strip()


def _aliases(item: str) -> set[str]:
    """A catalogue item and its short forms: «система … (далее – СЭД)» → {«система …», «сэд»}."""
    out = {normalise(re.sub(r"\s*\([^)]*\)", "", item))}
    for inner in re.findall(r"\(([^)]*)\)", item):
        m = re.match(r"далее\s*[-–—]\s*(.+)", inner.strip())
        out.add(normalise(m.group(1) if m else inner))
    return out


def need_patterns(needs: Iterable[tuple[str, list[str]]]) -> list[str]:
    """The needs of the Порядок as normalised texts, with each sub-item spelt out:
    «представление: заявления, …» → «представление заявления», «представление документов» …"""
    out = []
    for text, items in needs:
        head = normalise(text)
        out.append(head)
        out.extend(f"{head} {normalise(item)}" for item in items)
    return out


def need_matches(need: str, patterns: list[str]) -> bool:
    n = normalise(need)
    return any(n == p or n.startswith(p + " ") for p in patterns)


@dataclass
class _Rules:
    """What the rows are checked against: the Порядок's needs, touchpoints and areas."""

    patterns: list[str]
    known: dict[str, str]  # normalised touchpoint → kind
    areas: set[str]
    problems: list[Diagnostic] = field(default_factory=list)
    matched: dict[str, bool] = field(default_factory=dict)  # need → matches (registers repeat needs)

    def add(self, key: str, message: str) -> None:
        self.problems.append(Diagnostic(None, None, key, message))

    def need_ok(self, need: str) -> bool:
        if need not in self.matched:
            self.matched[need] = not self.patterns or need_matches(need, self.patterns)
        return self.matched[need]


def _row(rules: _Rules, cfg: AgencyConfig, r: int, row: RegisterRow) -> None:
    key = f"register.rows[{r}]"
    if not row.process.strip():
        rules.add(f"{key}.process", f"строка {r + 1}: не указано наименование процесса")
    if rules.areas and normalise(row.area) not in rules.areas:
        rules.add(f"{key}.area", f"строка {r + 1}: направление деятельности «{row.area}» не названо в Порядке "
                  f"(procedure.activity_areas: {'; '.join(cfg.procedure.activity_areas)})")
    if not row.touchpoints and not cfg.registry.unfilled:
        rules.add(f"{key}.touchpoints", f"строка {r + 1}: у процесса «{row.process}» нет точек взаимодействия "
                  "(если Перечень публикуется незаполненным, укажите register.unfilled = true)")
    seen: set[str] = set()
    for t, tp in enumerate(row.touchpoints):
        name = normalise(tp.name)
        if name in seen:
            rules.add(f"{key}.touchpoints[{t}].name", f"строка {r + 1}: точка взаимодействия «{tp.name}» повторяется "
                      f"в процессе «{row.process}»; в рамках одного процесса точки не дублируются — перечислите все "
                      "потребности в одной точке")
        seen.add(name)
        _touchpoint(rules, f"{key}.touchpoints[{t}]", r, tp)


def _touchpoint(rules: _Rules, key: str, r: int, tp: Touchpoint) -> None:
    found = rules.known.get(normalise(tp.name)) if rules.known else None
    if rules.known and found is None:
        rules.add(f"{key}.name", f"строка {r + 1}: точки взаимодействия «{tp.name}» нет в перечне точек "
                  "Порядка (procedure.digital_touchpoints, procedure.offline_touchpoints)")
    elif found is not None and found != tp.kind:
        rules.add(f"{key}.kind", f"строка {r + 1}: «{tp.name}» в Порядке — {KIND_NAMES[found]} точка, "
                  f"а в Перечне указана как {KIND_NAMES[tp.kind]}")
    for n, need in enumerate(tp.needs):
        if not isinstance(need, OtherNeed) and not rules.need_ok(need):
            rules.add(f"{key}.needs[{n}]", f"строка {r + 1}: потребности «{need}» нет в перечне потребностей "
                      "Порядка; если это другая потребность, запишите её как { other = \"…\" }")


def check_register(cfg: AgencyConfig, needs: list[tuple[str, list[str]]],
                   catalogue: dict[str, list[str]]) -> list[Diagnostic]:
    """All breaches of the register's rules, each with the key of the row and field."""
    known = {alias: kind for kind, items in catalogue.items() for item in items for alias in _aliases(item)}
    rules = _Rules(need_patterns(needs), known, {normalise(a) for a in cfg.procedure.activity_areas})
    for r, row in enumerate(cfg.registry.rows):
        _row(rules, cfg, r, row)
    return rules.problems
