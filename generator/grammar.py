"""Grammatical types shared by the declension modules, and the record of how a form was made.

Every rule that produces a form notes a ``Step``: the word, the rule or dictionary analysis
in Russian, and whether the result is certain. ``prikaz decline --explain`` prints them; an
uncertain step also becomes a warning that names the key for an explicit form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

Case = Literal["nomn", "gent", "datv", "accs", "ablt", "loct"]
CASES: tuple[Case, ...] = ("nomn", "gent", "datv", "accs", "ablt", "loct")
Gender = Literal["m", "f"]

VOWELS = "аеёиоуыэюя"


@lru_cache(maxsize=1)
def morph() -> Any:
    """The one pymorphy3 analyser (loading the dictionaries takes a while)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@dataclass(frozen=True)
class Step:
    """How one word got its form."""

    word: str
    rule: str
    certain: bool = True


@dataclass
class Notes:
    """Warnings and steps collected while declining one phrase in one case."""

    warnings: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)

    def rule(self, word: str, rule: str) -> None:
        self.steps.append(Step(word, rule))

    def unsure(self, word: str, rule: str, warning: str | None = None) -> None:
        """A form the analyser cannot vouch for: a step marked uncertain and a warning."""
        self.steps.append(Step(word, rule, certain=False))
        self.warnings.append(warning or f"«{word}»: {rule}")


def ending(stem: str, table: dict[str, str], case: Case) -> str:
    """``stem`` with the ending of ``case`` from a table of endings of the oblique cases."""
    return stem + table[case]
