"""The frozen numbering of an amended act and the wording of word changes (unit and property tests)."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import edition as ed
from generator.amendments import Consolidation
from generator.amendments.diff import diff_content
from generator.amendments.frozen import index_suffix
from generator.amendments.wording import ordinal, word_changes
from generator.inline import Deleted, Inserted, LineBreak, Text, text
from generator.numbering import number_nodes
from generator.russian import typography
from generator.tree import Node
from generator.writers.text import plain

ORIGINAL = ed.Act(date=dt.date(2024, 2, 28), number="21", title="Об утверждении Порядка")
AMENDING = ed.Act(date=dt.date(2025, 3, 1), number="5", title="О внесении изменений")


def _procedure(sections: list[list[str]]) -> list[Node]:
    nodes = [Node(kind="section", id=f"s{k}", content=text(f"Раздел {k}"),
                  children=[Node(kind="clause", id=c, content=text(f"Текст пункта {c}.")) for c in clauses])
             for k, clauses in enumerate(sections, start=1)]
    number_nodes(nodes, "decimal")
    return nodes


def _consolidate(before: list[list[str]], after: list[list[str]], style: str = "superscript") -> list[Node]:
    edition = ed.Edition(slug="x", acts=[ORIGINAL], procedure=ed.units(_procedure(before)))
    cons = Consolidation(edition, style, "Комитета", AMENDING)
    nodes = _procedure(after)
    cons.renumber("procedure", nodes)
    return [c for s in nodes for c in s.children]


def _key(ref: str) -> tuple[int, ...]:
    m = re.fullmatch(r"(\d+)\.(\d+)([⁰¹²³⁴⁵⁶⁷⁸⁹]*)", ref)
    assert m, ref
    index = int("".join(str("⁰¹²³⁴⁵⁶⁷⁸⁹".index(ch)) for ch in m.group(3))) if m.group(3) else 0
    return int(m.group(1)), int(m.group(2)), index


def test_inserted_in_the_middle_takes_an_index_at_the_end_continues() -> None:
    clauses = _consolidate([["a", "b", "c"]], [["a", "n1", "n2", "b", "c", "n3"]])
    assert [c.ref_number for c in clauses] == ["1.1", "1.1¹", "1.1²", "1.2", "1.3", "1.4"]
    clauses = _consolidate([["a", "b", "c"]], [["a", "c"]])
    assert [(c.ref_number, c.repealed) for c in clauses] == [("1.1", False), ("1.2", True), ("1.3", False)]
    assert clauses[1].text == typography("Утратил силу. – Приказ Комитета от 01.03.2025 № 5.")


def test_index_styles() -> None:
    assert [index_suffix(2, s) for s in ("superscript", "dotted", "hyphen")] == ["²", ".2", "-2"]
    assert index_suffix(12, "superscript") == "¹²"
    clauses = _consolidate([["a", "b"]], [["a", "n", "b"]], style="dotted")
    assert [c.ref_number for c in clauses] == ["1.1", "1.1.1", "1.2"]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_no_original_number_moves(data: st.DataObject) -> None:
    sizes = data.draw(st.lists(st.integers(1, 5), min_size=1, max_size=3))
    before = [[f"s{k}c{j}" for j in range(n)] for k, n in enumerate(sizes)]
    after: list[list[str]] = []
    counter = 0
    for ids in before:
        kept = [c for i, c in enumerate(ids) if i == 0 or data.draw(st.booleans())]
        out: list[str] = []
        for unit_id in kept:
            out.append(unit_id)
            for _ in range(data.draw(st.integers(0, 2))):
                counter += 1
                out.append(f"new{counter}")
        after.append(out)
    original = {c.id: c.ref_number for s in _procedure(before) for c in s.children}
    consolidated = _consolidate(before, after)
    refs = [c.ref_number or "" for c in consolidated]
    for node in consolidated:
        if node.id in original:
            assert node.ref_number == original[node.id]  # kept units keep their numbers
    repealed = {c.ref_number for c in consolidated if c.repealed}
    assert repealed == {r for i, r in original.items() if not any(i in s for s in after)}
    assert len(refs) == len(set(refs))  # no number twice
    for section in range(len(before)):
        keys = [_key(r) for r in refs if r.startswith(f"{section + 1}.")]
        assert keys == sorted(keys)  # in legal order: 2.6 < 2.6¹ < 2.6² < 2.7


def test_word_changes() -> None:
    assert word_changes("в целях регламентации деятельности", "в целях упорядочения деятельности") == [
        "слово «регламентации» заменить словом «упорядочения»"]
    assert word_changes("не позднее 10 рабочих дней", "не позднее 15 рабочих дней") == [
        "цифры «10» заменить цифрами «15»"]
    assert word_changes("учитываются обращения клиентов за год", "учитываются обращения и жалобы клиентов за год") == [
        "после слова «обращения» дополнить словами «и жалобы»"]
    assert word_changes("сведения о точке и сведения о клиенте", "сведения о клиенте") is None  # half changed
    # a fragment that occurs twice is widened until it is unambiguous
    assert word_changes("точка и точка взаимодействия клиента", "точка и место взаимодействия клиента") == [
        "слова «и точка» заменить словами «и место»"]
    assert word_changes("возложить на А.С.\u00a0Петрова.", "возложить на Б.В.\u00a0Иванова.") == [
        "слова «А.С.\u00a0Петрова» заменить словами «Б.В.\u00a0Иванова»"]
    assert word_changes("первый второй третий", "первый третий") == ["слово «второй» исключить"]


def test_ordinals() -> None:
    assert [ordinal(n, "nomn") for n in (1, 3, 7, 21)] == ["первый", "третий", "седьмой", "двадцать первый"]
    assert [ordinal(3, c) for c in ("gent", "loct")] == ["третьего", "третьем"]
    assert [ordinal(2, c) for c in ("gent", "loct")] == ["второго", "втором"]
    assert ordinal(30, "loct") == "тридцатом"


def test_word_diff_as_typed_spans() -> None:
    assert diff_content("а б в", "а г в") == (Text("а "), Deleted((Text("б"),)), Text(" "), Inserted((Text("г"),)),
                                             Text(" в"))
    assert plain(diff_content("а б в", "а г в")) == "а [-б-] {+г+} в"
    assert diff_content("x\ny", "x\ny\nz") == (Text("x"), LineBreak(), Text("y"), LineBreak(), Inserted((Text("z"),)))
