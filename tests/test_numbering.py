"""The numbering engine: numbers and references come from the tree, never typed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from generator import markup
from generator.compose import compose
from generator.config import load_agency
from generator.inline import text as words
from generator.numbering import letter, number_nodes, roman
from generator.passes.references import resolve_in
from generator.tree import Node


def _numbers(nodes: list[Node]) -> list[str]:
    return [n.number for root in nodes for n in root.walk() if n.number]


SAMPLE = """
= [a] Первый
  - [a1] Пункт
    - [a1x] подпункт
    - [a1y] подпункт
      - [a1y1] подподпункт
    * маркер без номера
  - [a2] Пункт со ссылкой на {ref:b1} и {ref:a1y}
= [b] Второй
  - [b1] Пункт
  > абзац без номера
  - [b2] Пункт
"""


def test_decimal() -> None:
    nodes = markup.parse(SAMPLE, "test")
    number_nodes(nodes, "decimal")
    assert _numbers(nodes) == ["1.", "1.1.", "1.1.1.", "1.1.2.", "1.1.2.1.", "1.2.", "2.", "2.1.", "2.2."]


def test_roman_straight() -> None:
    nodes = markup.parse(SAMPLE, "test")
    number_nodes(nodes, "roman-straight")
    assert _numbers(nodes) == ["I.", "1.", "1)", "2)", "а)", "2.", "II.", "3.", "4."]


def test_roman_decimal() -> None:
    nodes = markup.parse(SAMPLE, "test")
    number_nodes(nodes, "roman-decimal")
    assert _numbers(nodes) == ["I.", "1.1.", "1)", "2)", "а)", "1.2.", "II.", "2.1.", "2.2."]


def test_definitions_numbered_or_not() -> None:
    text = "- [t] Термины:\n  : [x] Клиент – лицо\n  : [y] Путь – действия\n- [n] Следующий"
    a = markup.parse(text, "t")
    number_nodes(a, "decimal", numbered_definitions=True)
    assert _numbers(a) == ["1.", "1.1.", "1.2.", "2."]
    b = markup.parse(text, "t")
    number_nodes(b, "decimal", numbered_definitions=False)
    assert _numbers(b) == ["1.", "2."]


def test_references_move_when_a_clause_is_inserted() -> None:
    nodes = markup.parse(SAMPLE, "test")
    number_nodes(nodes, "decimal")
    resolve_in(nodes, {}, "test")
    a2 = next(n for r in nodes for n in r.walk() if n.id == "a2")
    assert a2.text == "Пункт со ссылкой на 2.1 и 1.1.2"

    moved = SAMPLE.replace("  - [b1] Пункт", "  - [b0] Новый\n  - [b1] Пункт").replace(
        "    - [a1x] подпункт", "    - [new] новый\n    - [a1x] подпункт")
    nodes = markup.parse(moved, "test")
    number_nodes(nodes, "decimal")
    resolve_in(nodes, {}, "test")
    a2 = next(n for r in nodes for n in r.walk() if n.id == "a2")
    assert a2.text == "Пункт со ссылкой на 2.2 и 1.1.3"


def test_roman_and_letters() -> None:
    assert [roman(n) for n in (1, 4, 9, 14, 40, 1990)] == ["I", "IV", "IX", "XIV", "XL", "MCMXC"]
    assert [letter(n) for n in (1, 2, 7, 8)] == ["а", "б", "ж", "и"]  # з is skipped


# A tree of clauses: each element is the number of children of a node, recursively.
trees: st.SearchStrategy[list[Any]] = st.recursive(st.just([]), lambda kids: st.lists(kids, max_size=4), max_leaves=25)


def _build(spec: list, depth: int = 0, prefix: str = "n") -> list[Node]:  # type: ignore[type-arg]
    return [Node(kind="clause", id=f"{prefix}{i}", content=words("x"), children=_build(c, depth + 1, f"{prefix}{i}_"))
            for i, c in enumerate(spec)]


@given(trees)
def test_decimal_numbers_follow_the_tree(spec: list) -> None:  # type: ignore[type-arg]
    nodes = _build(spec)
    number_nodes(nodes, "decimal")
    seen = set()

    def check(children: list[Node], parent: str) -> None:
        for i, n in enumerate(children, start=1):
            expected = f"{parent}{i}."
            assert n.number == expected
            assert n.ref_number == expected[:-1]
            seen.add(n.number)
            check(n.children, expected)

    check(nodes, "")
    assert len(seen) == sum(1 for r in nodes for _ in r.walk())


def _md(doc_nodes: list[Node]) -> str:
    text = "\n".join(f"{n.number} {n.text}" for r in doc_nodes for n in r.walk() if n.number)
    return text.replace("\u00a0", " ")


def test_inserting_a_clause_in_a_seed_renumbers_everything_after(agencies: Path) -> None:
    cfg = load_agency(agencies / "model.toml")
    before = compose(cfg, "model")
    text = agencies / "model.toml"
    text.write_text(text.read_text(encoding="utf-8") + '''
[[procedure.overrides]]
action = "insert_before"
id = "forming"
text = """
= [extra] Новый раздел
  - [extra1] Новый пункт со ссылкой на {ref:needs}.
"""
''', encoding="utf-8")
    after = compose(load_agency(text), "model")
    b, a = _md(before.body), _md(after.body)
    assert "2.1. Перечень формируется по форме согласно приложению № 1 к настоящему Порядку и представлен в п. 4" in b
    # the section «Порядок формирования» moved from 2 to 3, its clauses and the reference too
    assert "3.1. Перечень формируется по форме согласно приложению № 1 к настоящему Порядку и представлен в п. 5" in a
    assert "2.1. Новый пункт со ссылкой на 3.6." in a
    assert "3.6. Для каждой точки взаимодействия" in a
    assert "6.5. При внесении изменений" in a and "5.5. При внесении изменений" in b


def test_removing_a_clause_renumbers_and_a_dangling_reference_is_an_error(agencies: Path) -> None:
    path = agencies / "model.toml"
    path.write_text(path.read_text(encoding="utf-8") + '''
[[procedure.overrides]]
action = "remove"
id = "key_defined"
''', encoding="utf-8")
    doc = compose(load_agency(path), "model")
    text = _md(doc.body)
    assert "2.3. Выявление точек взаимодействия" in text
    assert "2.5. Для каждой точки взаимодействия" in text

    path.write_text(path.read_text(encoding="utf-8") + '''
[[procedure.overrides]]
action = "insert_after"
id = "purpose"
text = "- [bad] См. пункт {ref:no_such_clause}."
''', encoding="utf-8")
    import pytest

    from generator.errors import TemplateError

    with pytest.raises(TemplateError) as e:
        compose(load_agency(path), "model")
    assert "no_such_clause" in str(e.value)


def test_adding_an_appendix_renumbers_the_order_and_the_marks(agencies: Path) -> None:
    path = agencies / "murmansk-tourism.toml"
    before = compose(load_agency(path), "murmansk-tourism")
    assert [a.number for a in before.appendices] == ["1"]
    assert [a.number for a in before.appendices[0].appendices] == ["1", "2"]
    # the register becomes an appendix of the order itself
    path.write_text(path.read_text(encoding="utf-8").replace(
        'placement = "procedure-appendix"\ntitle = "Перечень', 'placement = "order-appendix"\ntitle = "Перечень'),
        encoding="utf-8")
    after = compose(load_agency(path), "murmansk-tourism")
    assert [a.number for a in after.appendices] == ["1", "2"]
    assert [a.number for a in after.appendices[0].appendices] == ["1"]
    body = _md(after.body)
    assert "2. Утвердить Перечень точек взаимодействия Комитета по туризму Мурманской области " \
           "согласно приложению № 2 к настоящему приказу." in body
    assert "3. Контроль" in body
    assert after.appendices[1].mark is not None
    assert after.appendices[1].mark.lines[0] == "Приложение №\u00a02"
    proc = _md(after.appendices[0].body)
    assert re.search(r"4\.3\. Перечень .* изложен в приложении № 2 к приказу, которым утвержден", proc)
