"""The body's names as the reader uses them: a phrase with its case forms, and the
placeholders of config text («{name:gent}», «{short:ablt}», «{areas}»)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..config import Forms
from ..inline import Inline, Name
from ..russian import Case, decline_phrase, lower_first


@dataclass
class Phrase:
    """A name in the nominative with its case forms: explicit ones win, others declined.

    Where the analyser is unsure, a warning names the phrase and the config key that
    takes the form explicitly.
    """

    nomn: str
    explicit: Forms = field(default_factory=Forms)
    warnings: list[str] = field(default_factory=list)
    kind: str = "name"  # or "position"
    key: str = ""  # the config table of explicit forms, e.g. «agency.forms»

    def form(self, case: Case) -> str:
        given = getattr(self.explicit, case, None) if case != "nomn" else None
        if given:
            return str(given)
        found: list[str] = []
        result = decline_phrase(self.nomn, case, found, kind=self.kind)
        for problem in dict.fromkeys(found):
            hint = f"; задайте форму явно: [{self.key}] {case} = \"…\"" if self.key else ""
            message = f"«{self.nomn}» ({case}): {problem}{hint}"
            if message not in self.warnings:
                self.warnings.append(message)
        return result

    def __str__(self) -> str:
        return self.nomn


def as_phrase(value: Any) -> Phrase:
    return value if isinstance(value, Phrase) else Phrase(str(value))


def with_preposition(base: str, word: str) -> str:
    """«с»/«со», «в»/«во» before a word: «со Службой», «во Всероссийском»."""
    w = word.lower()
    if base == "с" and re.match(r"^(с[^аеёиоуыэюя]|з[^аеёиоуыэюя]|ш[^аеёиоуыэюя]|ж[^аеёиоуыэюя]|мн)", w):
        return "со"
    if base == "в" and re.match(r"^(в[^аеёиоуыэюя]|ф[^аеёиоуыэюя])", w):
        return "во"
    return base


_PLACEHOLDER = re.compile(r"\{(name|short)(?::(nomn|gent|datv|accs|ablt|loct))?\}|\{(areas)\}")


@dataclass
class Names:
    """The body's names for placeholders in config text: «{name:gent}», «{short:ablt}», «{name}».

    A fixed substitution, not template code: the forms come from ``Phrase`` (explicit
    forms in the config win) and enter the text as data."""

    name: Phrase
    short: Phrase
    areas: list[str] = field(default_factory=list)

    def form(self, which: str, case: str) -> str:
        if which == "areas":  # the activity areas, as a list in a sentence
            return "; ".join(lower_first(a) for a in self.areas)
        phrase = self.name if which == "name" else self.short
        return phrase.form(case)  # type: ignore[arg-type]

    def fill(self, text: str) -> str:
        """Config text with its placeholders replaced by the forms (plain text)."""
        return _PLACEHOLDER.sub(lambda m: self.form(m.group(1) or m.group(3), m.group(2) or "nomn"), text)

    def inline(self, which: str, case: str) -> Inline:
        """A placeholder of override markup as an inline node (markup.parse_inline)."""
        return Name(which, case, self.form(which, case))
