"""The switches that change the text, combined pairwise: every config composes, checks with
no error and no warning caused by the template, and its text passes the lints.

A pairwise covering array (a small greedy generator below): every pair of values of any
two switches occurs in at least one config, and each catalogue term is on in some config
and off in another. A term the config itself chose and the text does not use stays a
warning of the config («определён, но в тексте не используется»), as ``check`` says.
"""

from __future__ import annotations

import itertools
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from generator.build import compose_located, lint_findings
from generator.config import load_agency
from generator.reader.templates import catalog

from .conftest import AGENCIES

TERMS = list(catalog()["terms"])
SWITCHES: dict[str, list[Any]] = {
    "client": ["internal", "all", "both"],
    "plural": [False, True],
    "subordinates": [False, True],
    "authorised_orgs": [False, True],
    "numbering": ["decimal", "roman-straight", "roman-decimal"],
    "register": ["none", "procedure-clause", "procedure-appendix", "order-appendix"],
    "form": ["none", "procedure-appendix"],
    "marks": ["grif", "appendix"],
    "control": ["head", "deputy"],
    "acting": [False, True],
    **{f"term:{t}": [False, True] for t in TERMS},
}
CONFIG_WARNING = "определён, но в тексте не используется"


def _pairs(row: dict[str, Any]) -> set[tuple[str, Any, str, Any]]:
    keys = sorted(row)
    return {(a, row[a], b, row[b]) for a, b in itertools.combinations(keys, 2)}


def covering_array(switches: dict[str, list[Any]], seed: int = 18, candidates: int = 40) -> list[dict[str, Any]]:
    """Greedy pairwise covering array: each new row is the best of ``candidates`` rows
    built value by value to cover the most pairs still uncovered (deterministic)."""
    rng = random.Random(seed)
    names = sorted(switches)
    uncovered = {(a, va, b, vb) for a, b in itertools.combinations(names, 2)
                 for va in switches[a] for vb in switches[b]}
    rows: list[dict[str, Any]] = []
    while uncovered:
        best: dict[str, Any] = {}
        best_gain = -1
        for _ in range(candidates):
            row: dict[str, Any] = {}
            for name in rng.sample(names, len(names)):
                row[name] = max(switches[name], key=lambda v, n=name: (
                    sum((n, v, k, row[k]) in uncovered or (k, row[k], n, v) in uncovered for k in row),
                    rng.random()))
            gain = len(_pairs(row) & uncovered)
            if gain > best_gain:
                best, best_gain = row, gain
        rows.append(best)
        uncovered -= _pairs(best)
    return rows


ROWS = covering_array(SWITCHES)


def config(row: dict[str, Any]) -> dict[str, Any]:
    name, short = (("органы исполнительной власти Мурманской области", "ОИВ") if row["plural"]
                   else ("Комитет по культуре Мурманской области", "Комитет"))
    control: dict[str, Any] = ({"by_head": True} if row["control"] == "head" else {
        "by_head": False, "deputy": {"position": "заместитель председателя Комитета по культуре Мурманской области",
                                     "person": "П.П. Петров", "gender": "m"}})
    return {
        "region": "murmansk",
        "agency": {"name": name, "short": short},
        "marks": {"style": row["marks"]},
        "order": {
            "date": __import__("datetime").date(2024, 5, 15), "number": "37",
            "preamble": "В целях реализации стандартов клиентоцентричности,",
            "control": control,
            "signatory": {"position": "председатель Комитета по культуре Мурманской области",
                          "person": "И.И. Иванов", "acting": row["acting"]},
        },
        "procedure": {
            "title": "Порядок ведения перечня точек взаимодействия с клиентом в {name:loct}",
            "numbering": row["numbering"], "client": row["client"], "subordinates": row["subordinates"],
            "authorised_orgs": row["authorised_orgs"],
            "terms": [t for t in TERMS if row[f"term:{t}"]],
            "needs": ["information", "consultation", "forms", "submission", "result", "feedback",
                      "feedback_result", "other"],
            "key_touchpoints": ["portal", "mobile_app", "social", "chatbots", "phone", "written"],
            "digital_touchpoints": ["internet", "portal", "email", "edms", "vcs", "workstation"],
            "offline_touchpoints": ["phone", "workplace", "personal"],
        },
        "form": {"placement": row["form"]},
        "register": {"placement": row["register"], "columns": ["number", "process", "touchpoint", "needs", "features"],
                     "unfilled": True, "rows": [{"process": "Рассмотрение обращений граждан"}]},
    }


def test_the_array_covers_every_pair_and_every_term_on_and_off() -> None:
    covered = set().union(*(_pairs(r) for r in ROWS))
    for a, b in itertools.combinations(sorted(SWITCHES), 2):
        for va, vb in itertools.product(SWITCHES[a], SWITCHES[b]):
            assert (a, va, b, vb) in covered, (a, va, b, vb)
    assert len(ROWS) <= 30  # the greedy array stays small (it runs in make test)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("combinations")
    shutil.copytree(AGENCIES / "regions", path / "regions")
    return path


@pytest.mark.parametrize("number", range(len(ROWS)))
def test_every_combination_composes_and_checks_clean(folder: Path, number: int) -> None:
    row = ROWS[number]
    path = folder / f"combo-{number}.toml"
    path.write_text(tomli_w.dumps(config(row)), encoding="utf-8")
    cfg = load_agency(path)
    doc = compose_located(cfg, path.stem, path)
    findings = [str(f) for f in lint_findings(cfg, doc)]
    template_caused = [f for f in findings if CONFIG_WARNING not in f]
    assert template_caused == [], row
    assert doc.warnings == [], row
