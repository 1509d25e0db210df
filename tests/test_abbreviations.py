"""Catalogue abbreviations «(далее – X)» dropped where the composed text never writes X."""

from __future__ import annotations

from generator.abbreviations import drop_unused_catalogue_abbreviations
from generator.inline import lines, text
from generator.markup import parse
from generator.tree import Appendix, Cell, Node, Table


def _body(*extra: str) -> list[Node]:
    return parse("\n".join([
        "- [digital] Цифровые точки:",
        "  * [digital.edms] система электронного документооборота (далее – СЭД);",
        "  * [digital.vcs] система видео-конференц-связи (далее – ВКС);",
        *extra,
    ]), "test")


def _register(*cells: str) -> Appendix:
    rows = [[Cell(text("1")), Cell(lines(c))] for c in cells]
    table = Table(columns=["№", "Точка"], widths=[1, 1], rows=rows)
    return Appendix(id="register", title_lines=["Перечень"], body=[Node(kind="table", table=table)],
                    numbering="decimal", gender="m", approved=False)


def _items(body: list[Node]) -> list[str]:
    return [n.text for n in body[0].children]


def test_kept_where_the_register_writes_it_dropped_where_nothing_does() -> None:
    body = _body()
    drop_unused_catalogue_abbreviations(body, [_register("Портал", "Телефон\nСЭД", "СЭД")])
    assert _items(body) == ["система электронного документооборота (далее – СЭД);",
                            "система видео-конференц-связи;"]


def test_a_word_inside_another_word_is_no_use() -> None:
    body = _body("- Работа в СЭД-2 и ВКСы.")
    drop_unused_catalogue_abbreviations(body, [])
    assert _items(body) == ["система электронного документооборота;", "система видео-конференц-связи;"]


def test_every_item_judged_by_the_text_as_composed() -> None:
    """The second item's «ВКС» is written in the first item's own abbreviation, dropped
    since nothing else uses «СЭД ВКС»: the first is judged before either is removed."""
    body = parse("\n".join([
        "- [digital] Цифровые точки:",
        "  * [digital.a] система (далее – СЭД ВКС);",
        "  * [digital.b] связь (далее – ВКС);",
    ]), "test")
    drop_unused_catalogue_abbreviations(body, [])
    assert _items(body) == ["система;", "связь (далее – ВКС);"]


def test_used_in_the_body_outside_the_item() -> None:
    body = _body("- Документы направляются через СЭД.")
    drop_unused_catalogue_abbreviations(body, [])
    assert _items(body) == ["система электронного документооборота (далее – СЭД);",
                            "система видео-конференц-связи;"]
