"""Declension of names of bodies, document titles and positions.

Adjectives (and an adverb before a participle: «временно исполняющий») go with the head
noun; the head takes the case; dependent words after it stay. An apposition right after the
head — after a dash or in parentheses — agrees in case with the head
(«Государственного Собрания – Курултая», «руководителя (директора)») unless it cannot
decline (a foreign word in -э, -и, -у …). Every word's rule is noted for ``--explain``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .grammar import VOWELS, Case, Notes, Step, ending, morph
from .surnames import decline_a

_OPENERS = "«(\"„"
_DASHES = ("–", "—", "-")
_FUNCTION_WORDS = ("PREP", "CONJ", "PRCL", "INTJ")
_ADJ = ("ADJF", "PRTF")


def decline_phrase(text: str, case: Case, warnings: list[str] | None = None, kind: str = "name",
                   steps: list[Step] | None = None) -> str:
    """Decline a name, a title or (``kind="position"``) a position; cached."""
    form, found, trace = _decline_cached(text, case, kind)
    if warnings is not None:
        warnings.extend(found)
    if steps is not None:
        steps.extend(trace)
    return form


@lru_cache(maxsize=65536)
def _decline_cached(text: str, case: Case, kind: str) -> tuple[str, tuple[str, ...], tuple[Step, ...]]:
    notes = Notes()
    form = _decline(text, case, notes, kind)
    return form, tuple(notes.warnings), tuple(notes.steps)


def _decline(text: str, case: Case, notes: Notes, kind: str) -> str:
    if case == "nomn" or not text.strip():
        return text
    if kind == "position":  # «заместитель министра – начальник департамента»: each part on its own
        parts = re.split(r"(\s[–—-]\s)", text)
        if len(parts) > 1:
            return "".join(p if i % 2 else _decline(p, case, notes, kind) for i, p in enumerate(parts))
    tokens = re.split(r"(\s+)", text)
    words = [(i, t) for i, t in enumerate(tokens) if t and not t.isspace()]
    group = head_group([w for _, w in words])
    if group is None:
        return _no_head(text, [w for _, w in words], notes)
    _decline_group(tokens, words, group, case, notes)
    for _, w in words[_apposition(tokens, words, group.head, case, notes):]:
        notes.rule(w, "зависимое слово после главного: не изменяется")
    return "".join(tokens)


def _no_head(text: str, words: list[str], notes: Notes) -> str:
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
        notes.rule(words[0], "аббревиатура: не склоняется")  # «ОИВ», «МФЦ» in official texts
    else:
        notes.unsure(text, "не найдено главное слово; оставлено как есть", "не найдено главное слово")
    return text


# --- the head and the words that agree with it ----------------------------------------------

@dataclass(frozen=True)
class HeadGroup:
    adverbs: tuple[int, ...]
    adjectives: tuple[int, ...]
    head: int
    substantivised: bool  # «заведующий сектором», «временно исполняющий обязанности»


def head_group(words: list[str]) -> HeadGroup | None:
    """The head word and the adverbs and adjectives before it, or None."""
    adverbs: list[int] = []
    adjectives: list[int] = []
    for n, w in enumerate(words):
        if w[:1] in _OPENERS:
            return None
        nxt = words[n + 1] if n + 1 < len(words) else None
        open_next = nxt is not None and nxt[:1] not in _OPENERS
        if nxt is not None and open_next and _is_adverb(w) and _parses(nxt, _ADJ):
            adverbs.append(n)  # «временно исполняющий», «постоянно действующая»
            continue
        if _parses(w, _ADJ):
            if nxt is not None and open_next and _modifies(w, nxt):
                adjectives.append(n)
                continue
            if not _is_head_noun(w) or (nxt is not None and not _parses(nxt, ("NOUN", *_ADJ))):
                return HeadGroup(tuple(adverbs), tuple(adjectives), n, True)  # «Уполномоченный по …»
        if _is_head_noun(w):
            return HeadGroup(tuple(adverbs), tuple(adjectives), n, False)
        return None
    return None


def _decline_group(tokens: list[str], words: list[tuple[int, str]], group: HeadGroup, case: Case,
                   notes: Notes) -> None:
    head_word = words[group.head][1]
    grammemes = _grammemes(head_word, case, group.substantivised)
    for n in group.adverbs:
        notes.rule(words[n][1], "наречие перед причастием или прилагательным: не изменяется")
    for n in group.adjectives:
        idx, w = words[n]
        tokens[idx] = _inflect(w, case, _ADJ, grammemes, notes, f"согласуется с главным словом «{head_word}»")
    idx, w = words[group.head]
    if group.substantivised:
        tokens[idx] = _inflect(w, case, _ADJ, grammemes, notes,
                               "главное слово — прилагательное или причастие в роли существительного")
    else:
        tokens[idx] = _inflect(w, case, ("NOUN",), grammemes, notes, "главное слово")


def _grammemes(head_word: str, case: Case, substantivised: bool) -> set[str]:
    """Case, number, gender and (in the accusative) animacy that the head imposes."""
    if substantivised:
        hp = _parses(head_word, _ADJ)[0]
        number, gender, animate = "sing", hp.tag.gender or "masc", True  # a position is a person
    else:
        hp = _parses(head_word, ("NOUN",))[0]
        number, gender, animate = hp.tag.number or "sing", hp.tag.gender or "masc", hp.tag.animacy == "anim"
    grammemes: set[str] = {case, number} | ({gender} if number == "sing" else set())
    if case == "accs" and (number == "plur" or gender == "masc"):
        grammemes.add("anim" if animate else "inan")
    return grammemes


# --- appositions -------------------------------------------------------------------------------

def _apposition(tokens: list[str], words: list[tuple[int, str]], head: int, case: Case, notes: Notes) -> int:
    """Decline an apposition right after the head (in parentheses or, in a name, after a dash);
    returns the index of the first word left as it is."""
    n = head + 1
    if n >= len(words):
        return n
    first = words[n][1]
    if first.startswith("("):
        end = next((k for k in range(n, len(words)) if words[k][1].endswith(")")), None)
        if end is None:
            return n
        inner = "".join(tokens[words[n][0]:words[end][0] + 1])[1:-1]
        declined = decline_apposition(inner, case, notes, "в скобках")
        _replace(tokens, words[n][0], words[end][0], f"({declined})")
        return end + 1
    if first in _DASHES and n + 1 < len(words):
        rest = "".join(tokens[words[n + 1][0]:])
        _replace(tokens, words[n + 1][0], len(tokens) - 1, decline_apposition(rest, case, notes, "через тире"))
        return len(words)
    return n


def _replace(tokens: list[str], first: int, last: int, text: str) -> None:
    tokens[first] = text
    for i in range(first + 1, last + 1):
        tokens[i] = ""


def decline_apposition(text: str, case: Case, notes: Notes, where: str) -> str:
    """An apposition takes the head's case. A foreign name ends with its head («Эл Курултай»,
    «Жогорку Кенеш»): the words before it stay; a foreign word the dictionary lacks declines
    by its ending, or not at all if it ends in -э, -и, -у, -о, -е, -ю."""
    tokens = re.split(r"(\s+)", text)
    words = [(i, t) for i, t in enumerate(tokens) if t and not t.isspace()]
    h, certain = _foreign_head(words)
    if head_group([w for _, w in words[h:]]) is None:
        for _, w in words:
            notes.rule(w, f"{where}: не приложение, не изменяется")
        return text
    for _, w in words[:h]:
        rule = f"иноязычное определение в приложении {where}: не изменяется"
        if certain:
            notes.rule(w, rule)
        else:
            notes.unsure(w, rule + " (слово есть и в русском словаре)",
                         f"приложение «{text}»: слово «{w}» оставлено без изменения как часть иноязычного наименования")
    idx, head = words[h]
    notes.rule(head, f"приложение {where}: согласуется в падеже с главным словом")
    if not any(p.is_known for p in morph().parse(head)):
        tokens[idx] = _foreign_noun(head, case, notes)
        for _, w in words[h + 1:]:
            notes.rule(w, "зависимое слово после главного: не изменяется")
        return "".join(tokens)
    return "".join(tokens[:idx]) + _decline("".join(tokens[idx:]), case, notes, "name")


def _foreign_head(words: list[tuple[int, str]]) -> tuple[int, bool]:
    """Index of the head of a foreign compound name — capitalised words none of which after
    the first can be a Russian genitive and which do not agree as adjective and noun — and
    whether that is certain (the words before the head are unknown to the dictionary)."""
    h = 0
    while (h + 1 < len(words) and words[h + 1][1][:1].isupper() and not _known_genitive(words[h + 1][1])
           and not _modifies(words[h][1], words[h + 1][1])):
        h += 1
    certain = not any(p.is_known for _, w in words[:h] for p in morph().parse(w))
    return h, certain


def _known_genitive(word: str) -> bool:
    return any(p.is_known and "gent" in p.tag for p in morph().parse(word))


_M_HARD = {"gent": "а", "datv": "у", "accs": "", "ablt": "ом", "loct": "е"}
_M_SOFT = {"gent": "я", "datv": "ю", "accs": "", "ablt": "ем", "loct": "е"}


def _foreign_noun(word: str, case: Case, notes: Notes) -> str:
    """A foreign name of a body that the dictionary lacks: Хасэ stays, Кенеш → Кенеша."""
    low = word.lower()
    if low[-1] in VOWELS and low[-1] not in "ая":
        notes.rule(word, "иноязычное слово на -э, -и, -у, -о, -е, -ю: не склоняется")
        return word
    notes.unsure(word, "нет в словаре; склонено по окончанию как неодушевлённое существительное",
                 f"слова «{word}» нет в словаре, форма построена по окончанию")
    if low[-1] in "ая":
        return decline_a(word, case)
    if low[-1] in "йь":
        return word if case == "accs" else ending(word[:-1], _M_SOFT, case)
    table = dict(_M_HARD, ablt="ем" if low[-1] in "жшчщц" else "ом")
    return word if case == "accs" else ending(word, table, case)


# --- words -------------------------------------------------------------------------------------

def _parses(word: str, pos: tuple[str, ...]) -> list[Any]:
    return list(_parses_cached(word, pos))


@lru_cache(maxsize=65536)
def _parses_cached(word: str, pos: tuple[str, ...]) -> tuple[Any, ...]:
    """Nominative parses of ``word`` (its last hyphen part) with one of the parts of speech.

    A word whose most probable reading is a preposition, conjunction or particle is never
    taken for a noun («по» is not «ПО»)."""
    last = word.split("-")[-1]
    all_parses = morph().parse(last)
    if not all_parses or all_parses[0].tag.POS in _FUNCTION_WORDS:
        return ()
    return tuple(p for p in all_parses if "nomn" in p.tag and p.tag.POS in pos)


@lru_cache(maxsize=65536)  # the analyser's answer for a word never changes; names share their words
def _is_adverb(word: str) -> bool:
    parses = morph().parse(word)
    return bool(parses) and parses[0].is_known and parses[0].tag.POS == "ADVB"


def _agree(a: Any, b: Any) -> bool:
    """Two nominative parses agree in number and (in the singular) in gender."""
    if a.tag.number != b.tag.number:
        return False
    return a.tag.number == "plur" or a.tag.gender == b.tag.gender or None in (a.tag.gender, b.tag.gender)


def _modifies(adj: str, nxt: str) -> bool:
    """Does the adjective ``adj`` agree with the next word (a noun or another adjective)?"""
    return any(_agree(a, n) for a in _parses(adj, _ADJ) for n in _parses(nxt, ("NOUN", *_ADJ)))


def _is_head_noun(word: str) -> bool:
    return bool(_parses(word, ("NOUN",)))


def head_number_gender(text: str) -> str | None:
    """«plur», «masc», «femn» or «neut» of the head noun of a name (for «ему/ей/им»)."""
    for word in text.split():
        nouns = _parses(word, ("NOUN",))
        if nouns:
            tag = nouns[0].tag
            return "plur" if tag.number == "plur" else str(tag.gender)
    return None


def _match_case(form: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return form.upper()
    if model[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _unyo(form: str, original: str) -> str:
    """ё only where the config wrote it: «секретарь» → «секретарем», but «Пётр» keeps its ё."""
    return form if "ё" in original.lower() else form.replace("ё", "е")


def _inflect(word: str, case: Case, pos: tuple[str, ...], grammemes: set[str], notes: Notes, rule: str) -> str:
    """Inflect one word (each part of a hyphenated one that can decline) to ``case``."""
    if "-" in word:
        return "-".join(_inflect(part, case, ("NOUN", *_ADJ), grammemes, notes, rule)
                        if any(p.is_known for p in _parses(part, ("NOUN", *_ADJ)))
                        else _unchanged_part(part, notes)  # «статс-», «контрольно-»
                        for part in word.split("-"))
    parses = _parses(word, pos)
    if not parses:
        notes.unsure(word, f"{rule}; не разобрано, оставлено как есть", f"слово «{word}» не разобрано")
        return word
    known = [p for p in parses if p.is_known] or parses
    forms = list(_known_forms(word, pos, frozenset(grammemes)))
    if not forms:
        notes.unsure(word, f"{rule}; форма не построена", f"не удалось просклонять «{word}»")
        return word
    analysis = f"{rule}; словарь: {known[0].tag.cyr_repr}"
    if not parses[0].is_known:
        notes.unsure(word, f"{rule}; нет в словаре, форма по образцу",
                     f"слова «{word}» нет в словаре, форма построена по образцу")
    elif len(forms) > 1 and pos == ("NOUN",):
        notes.unsure(word, f"{analysis}; несколько разборов: {', '.join(forms)}",
                     f"у слова «{word}» несколько разборов: {', '.join(forms)}")
    else:
        notes.rule(word, analysis)
    return _match_case(_unyo(forms[0], word), word)


def _unchanged_part(part: str, notes: Notes) -> str:
    notes.rule(part, "первая часть сложного слова: не изменяется")
    return part


@lru_cache(maxsize=65536)  # the analyser's forms of a word never change; names share their words
def _known_forms(word: str, pos: tuple[str, ...], grammemes: frozenset[str]) -> tuple[str, ...]:
    parses = _parses(word, pos)
    return tuple(_forms([p for p in parses if p.is_known] or parses, set(grammemes)))


def _forms(parses: list[Any], grammemes: set[str]) -> list[str]:
    forms: list[str] = []
    for p in parses:
        want = set(grammemes)
        if p.tag.POS == "NOUN":
            want -= {"masc", "femn", "neut", "anim", "inan"}
        f = p.inflect(want)
        if f is not None and f.word not in forms:
            forms.append(f.word)
    return forms
