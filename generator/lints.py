"""Lints of legal technique over one act's texts (see checks.py for what an act is).

* the body's short name used where the act has not introduced it (error);
* an abbreviation «(далее – X)» introduced and never used afterwards (warning);
* a defined term written afterwards in another case of letters («уполномоченному лицу»
  after «(далее – Уполномоченное лицо)») (warning);
* list punctuation: items end «;», the last «.», a lead-in ends «:» (warning);
* doubled words («в в», «Перечня Перечня») (warning);
* a reference to an appendix that does not say whose appendix it is (warning).

Each function takes the act's texts as ``(where, text, node)`` triples in reading order
(plain text, non-breaking spaces as spaces) and returns ``(error, where, message)``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from .abbreviations import INTRO
from .punctuation import punctuate
from .russian import CASES, decline_phrase
from .tree import Node

Texts = list[tuple[str, str, Node | None]]
Lint = tuple[bool, str, str]

# «приложению № 2», «приложении» not followed by «к настоящему Порядку», «к приказу» …
_APPENDIX_REF = re.compile(r"(?:(?<![\w-])(?:согласно|в|во|к|по|из)\s+приложени(?:е|я|ю|ем|и)(?![\w-])"
                           r"|(?<![\w-])приложени(?:е|я|ю|ем|и)\s+№\s*\d+)(?!(?:\s+№\s*\d+)?\s+к\s)")
_DOUBLED = re.compile(r"(?<![\w-])([^\W\d_]+)\s+\1(?![\w-])")


@lru_cache(maxsize=4096)
def forms(phrase: str) -> frozenset[str]:
    """The phrase in every case, and each word of a one-word phrase in the plural too."""
    out = {decline_phrase(phrase, c) for c in CASES} | {phrase}
    return frozenset(out)


def _pattern(phrase: str, flags: int = 0) -> re.Pattern[str]:
    alts = "|".join(re.escape(f) for f in sorted(forms(phrase), key=len, reverse=True))
    return re.compile(r"(?<![\w-])(" + alts + r")(?![\w-])", flags)


def _strip(text: str, names: Iterable[str]) -> str:
    for name in names:
        text = text.replace(name, " " * len(name))
    return text


def _intros(texts: Texts) -> list[tuple[int, int, str]]:
    """(text index, end position of the intro, abbreviation) in reading order."""
    out: list[tuple[int, int, str]] = []
    for k, (_w, text, _n) in enumerate(texts):
        for m in INTRO.finditer(text):
            out.extend((k, m.end(), a.strip()) for a in m.group(1).split(",") if a.strip())
    return out


def short_name_unintroduced(act: str, texts: Texts, short: str, full_names: list[str]) -> list[Lint]:
    """The body's short name («Комитет») used in an act that never introduces it."""
    if not short or any(a == short for _k, _e, a in _intros(texts)):
        return []  # introduced: «used before it is introduced» is checked in checks.py
    pattern = _pattern(short)
    for where, text, _node in texts:
        if pattern.search(_strip(text, full_names)):
            return [(True, f"{act}, {where}", f"краткое наименование «{short}» употреблено, но в этом документе "
                                              "не введено: при первом упоминании — полное наименование и "
                                              f"«(далее – {short})»")]
    return []


def _used_after(texts: Texts, k: int, end: int, abbr: str) -> bool:
    pattern = _pattern(abbr, 0 if abbr[:1].isupper() else re.IGNORECASE)
    stems = [w[: max(3, len(w) - 2)] for w in re.findall(r"\w+", abbr)]
    loose = re.compile(r"(?<![\w-])" + r"\w*\s+".join(re.escape(s) for s in stems) + r"\w*",
                       0 if abbr[:1].isupper() else re.IGNORECASE)
    rest = [texts[k][1][end:]] + [t for _w, t, _n in texts[k + 1:]]
    return any(pattern.search(t) or loose.search(t) for t in rest)


def unused_abbreviations(act: str, texts: Texts) -> list[Lint]:
    out = []
    for k, end, abbr in _intros(texts):
        if not _used_after(texts, k, end, abbr):
            out.append((False, f"{act}, {texts[k][0]}", f"сокращение «{abbr}» введено, но дальше не используется"))
    return out


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".:;!?–—(«\"" or before.endswith("**")


@lru_cache(maxsize=4096)
def _modifier(word: str) -> bool:
    """«в том же порядке», «в установленном порядке»: an adjective makes it a common noun."""
    from .grammar import morph as _morph

    return any(p.tag.POS in ("ADJF", "PRTF") for p in _morph().parse(word.lower()))


def _common_noun(text: str, start: int, end: int) -> bool:
    """A lowercase word that is the common noun, not the term: with an adjective before it
    («в установленном порядке») or a genitive after it («порядок работы»)."""
    before = [w for w in re.findall(r"[^\W\d_]+", text[:start])[-2:] if w.lower() != "же"]
    if before and _modifier(before[-1]):
        return True
    following = re.match(r"\s+([^\W\d_]+)", text[end:])
    return bool(following and _genitive_continuation(following.group(1)))


@lru_cache(maxsize=4096)
def _genitive_continuation(word: str) -> bool:
    """«порядок работы», «перечня точек»: a common noun with its genitive, not the term."""
    from .grammar import morph as _morph

    return any("gent" in p.tag and p.tag.POS in ("NOUN", "ADJF", "PRTF") for p in _morph().parse(word.lower()))


def term_case(act: str, texts: Texts) -> list[Lint]:
    """A defined term written later with its first letter in another case."""
    out = []
    for k, end, abbr in _intros(texts):
        if not abbr[:1].isalpha() or (len(abbr) > 1 and abbr[1:2].isupper()):
            continue  # «СЭД», «АРМ ГС»: abbreviations in capitals have no other case
        pattern = _pattern(abbr, re.IGNORECASE)
        for k2 in range(k, len(texts)):
            where, text, _node = texts[k2]
            for m in pattern.finditer(text, end if k2 == k else 0):
                found = m.group(1)
                if found[0].isupper() == abbr[0].isupper():
                    continue
                if found[0].isupper() and _sentence_start(text, m.start()):
                    continue
                if found[0].islower() and _common_noun(text, m.start(), m.end()):
                    continue
                out.append((False, f"{act}, {where}", f"«{found}»: термин введен как «{abbr}» ({texts[k][0]}), "
                                                      "пишется так же, с той же буквы"))
                break
    return out


def _skeleton(node: Node) -> Node:
    """A copy of the units that punctuation may change (it replaces a unit's immutable
    content, nothing else); tables shared: a deep copy of a 300-row register cost more
    than every other lint together (0.19 of 0.27 s per body, profiled)."""
    twin = copy.copy(node)
    twin.children = [_skeleton(child) for child in node.children]
    return twin


def list_punctuation(act: str, roots: list[Node], label: dict[int, str]) -> list[Lint]:
    """Items end «;», the last «.», a lead-in «:»: compared with the punctuated copy."""
    fixed = [_skeleton(root) for root in roots]
    punctuate(fixed)
    out = []
    for root, fixed_root in zip(roots, fixed, strict=True):
        for node, good in zip(root.walk(), fixed_root.walk(), strict=True):
            if node.text.rstrip() != good.text.rstrip():
                mark = good.text.rstrip()[-1:]
                out.append((False, f"{act}, {label.get(id(node), 'пункт')}",
                            f"знак в конце элемента перечисления: нужен «{mark}» («…{node.text.rstrip()[-30:]}»)"))
    return out


def _found(act: str, texts: Texts, pattern: re.Pattern[str], message: Callable[[str], str]) -> list[Lint]:
    """A warning for every text where ``pattern`` is found, worded by ``message``."""
    return [(False, f"{act}, {where}", message(m.group(0))) for where, text, _node in texts
            if (m := pattern.search(text))]


def doubled_words(act: str, texts: Texts) -> list[Lint]:
    return _found(act, texts, _DOUBLED, lambda w: f"слово повторено: «{w}»")


def appendix_without_document(act: str, texts: Texts) -> list[Lint]:
    return _found(act, texts, _APPENDIX_REF, lambda w: f"ссылка «{w}» не говорит, чье это приложение "
                                                       "(«к настоящему Порядку», «к приказу …»)")
