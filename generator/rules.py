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
from typing import Any

from .config import AgencyConfig, OtherNeed, RegisterRow, Touchpoint
from .errors import Diagnostic
from .hints import suggestion
from .russian import capitalize_first

KIND_NAMES = {"digital": "цифровая", "offline": "офлайн"}

_PARENTHESES = re.compile(r"\s*\([^)]*\)")


def touchpoint_wording(text: str) -> str:
    """«система электронного документооборота (далее – СЭД)» → «Система электронного документооборота»."""
    return capitalize_first(_PARENTHESES.sub("", text).strip())


def need_wording(value: str | dict[str, Any]) -> str:
    """«получение информации, …:» with its items → «Получение информации, … заявления, обращения, …»."""
    item = {"text": value} if isinstance(value, str) else value
    head = str(item["text"]).rstrip(":").strip()
    items = item.get("items") or []
    return capitalize_first(f"{head} {', '.join(items)}" if items else head)


@lru_cache(maxsize=65536)  # registers repeat their touchpoints and areas in every row
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


def _wordings(catalogue: dict[str, list[str]]) -> list[str]:
    return [touchpoint_wording(t) for items in catalogue.values() for t in items]


def _accepted(items: list[str]) -> str:
    """The values a register row may use, as the register prints them («prikaz catalog» gives their ids too)."""
    return ", ".join(f"«{touchpoint_wording(t)}»" for t in items) or "—"


@dataclass
class _Rules:
    """What the rows are checked against: the Порядок's needs, touchpoints and areas."""

    needs: list[tuple[str, list[str]]]
    catalogue: dict[str, list[str]]  # the wording a row uses (listed in messages)
    aliases: dict[str, list[str]]  # more wordings it may use
    known: dict[str, str]  # normalised touchpoint → kind
    areas: set[str]
    patterns: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    matched: dict[str, bool] = field(default_factory=dict)  # need → matches (registers repeat needs)

    def add(self, key: str, message: str) -> None:
        self.problems.append(Diagnostic(None, None, key, message))

    def need_ok(self, need: str) -> bool:
        if need not in self.matched:
            self.matched[need] = not self.patterns or need_matches(need, self.patterns)
        return self.matched[need]

    def need_wordings(self) -> list[str]:
        return [need_wording({"text": t, "items": i}) for t, i in self.needs]


def _row(rules: _Rules, cfg: AgencyConfig, r: int, row: RegisterRow) -> None:
    key = f"register.rows[{r}]"
    if not row.process.strip():
        rules.add(f"{key}.process", f"строка {r + 1}: не указано наименование процесса")
    if rules.areas and normalise(row.area) not in rules.areas:
        rules.add(f"{key}.area", f"строка {r + 1}: направление деятельности «{row.area}» не названо в Порядке "
                  f"(procedure.activity_areas: {'; '.join(cfg.procedure.activity_areas)})"
                  + suggestion(row.area, cfg.procedure.activity_areas))
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
        _touchpoint(rules, f"{key}.touchpoints[{t}]", r, tp, name)


def _touchpoint(rules: _Rules, key: str, r: int, tp: Touchpoint, name: str) -> None:
    """``name``: the touchpoint's name normalised once, by _row (with one lru_cache on normalise,
    not two: body 150's compose 42.1M → 41.5M instructions)."""
    found = rules.known.get(name) if rules.known else None
    if rules.known and found is None:
        rules.add(f"{key}.name", f"строка {r + 1}: точки взаимодействия «{tp.name}» нет в перечне точек "
                  "Порядка (procedure.digital_touchpoints, procedure.offline_touchpoints); допустимы: "
                  + _accepted(rules.catalogue.get(tp.kind, []))
                  + suggestion(tp.name, _wordings(rules.catalogue) + _wordings(rules.aliases)))
    elif found is not None and found != tp.kind:
        rules.add(f"{key}.kind", f"строка {r + 1}: «{tp.name}» в Порядке — {KIND_NAMES[found]} точка, "
                  f"а в Перечне указана как {KIND_NAMES[tp.kind]}")
    for n, need in enumerate(tp.needs):
        if not isinstance(need, OtherNeed) and not rules.need_ok(need):
            rules.add(f"{key}.needs[{n}]", f"строка {r + 1}: потребности «{need}» нет в перечне потребностей "
                      "Порядка; если это другая потребность, запишите её как { other = \"…\" }; допустимы: "
                      + _accepted(rules.need_wordings()) + suggestion(need, rules.need_wordings()))


def check_register(cfg: AgencyConfig, needs: list[tuple[str, list[str]]],
                   catalogue: dict[str, list[str]], aliases: dict[str, list[str]] | None = None) -> list[Diagnostic]:
    """All breaches of the register's rules, each with the key of the row and field;
    ``catalogue`` is the wording a row uses (listed in messages), ``aliases`` more wordings it may use."""
    known = {alias: kind for kind, items in [*catalogue.items(), *(aliases or {}).items()]
             for item in items for alias in _aliases(item)}
    rules = _Rules(needs, catalogue, aliases or {}, known, {normalise(a) for a in cfg.procedure.activity_areas},
                   need_patterns(needs))
    for r, row in enumerate(cfg.registry.rows):
        _row(rules, cfg, r, row)
    return rules.problems
