"""The lints of legal technique (generator/lints.py) and the punctuation of lists
(generator/punctuation.py): each fed a defective text finds it, and a clean one passes."""

from __future__ import annotations

from generator import lints
from generator.abbreviations import drop_unused_catalogue_abbreviations
from generator.markup import parse
from generator.punctuation import punctuate
from generator.russian import typography
from generator.tree import Node

FULL = ["Комитет по туризму Мурманской области", "Комитета по туризму Мурманской области"]


def texts(*lines: str) -> lints.Texts:
    return [(f"пункт {k}", line, None) for k, line in enumerate(lines, start=1)]


def tree(markup: str) -> list[Node]:
    return parse(markup.strip("\n"), "test")


def test_short_name_used_in_a_document_that_never_introduces_it() -> None:
    bad = texts("Утвердить Перечень точек взаимодействия Комитета согласно приложению № 2 к настоящему приказу.")
    found = lints.short_name_unintroduced("приказ", bad, "Комитет", FULL)
    assert found and found[0][0] and "«Комитет»" in found[0][2]
    good = texts("Утвердить Порядок Комитета по туризму Мурманской области (далее – Комитет).",
                 "Разместить настоящий приказ на официальном сайте Комитета.")
    assert lints.short_name_unintroduced("приказ", good, "Комитет", FULL) == []
    assert lints.short_name_unintroduced("приказ", texts("Разместить на сайте Комитета по туризму Мурманской "
                                                         "области."), "Комитет", FULL) == []


def test_abbreviation_introduced_and_never_used() -> None:
    bad = texts("система электронного документооборота (далее – СЭД);", "электронная почта.")
    assert [m for _e, _w, m in lints.unused_abbreviations("Порядок", bad)] == [
        "сокращение «СЭД» введено, но дальше не используется"]
    good = texts("система электронного документооборота (далее – СЭД);", "Предоставление документов через СЭД.",
                 "Официальные сайты (далее каждый – Портал), которые могут:", "работой Портала.")
    assert lints.unused_abbreviations("Порядок", good) == []


def test_defined_term_written_in_another_case() -> None:
    bad = texts("лицом, назначенным руководителем (далее – Уполномоченное лицо).",
                "обязаны представлять уполномоченному лицу информацию.", "включается в перечень.")
    assert len(lints.term_case("Порядок", bad)) == 1
    bad2 = texts("ведения перечня точек взаимодействия (далее – Перечень).", "точка также включается в перечень.")
    assert len(lints.term_case("Порядок", bad2)) == 1
    good = texts("лицом, назначенным руководителем (далее – Уполномоченное лицо).",
                 "Уполномоченному лицу представляется информация.",
                 "Настоящий Порядок (далее – Порядок) …", "подлежат учету в том же порядке.",
                 "регулирующих порядок работы точек.",
                 "правовым отделом (далее – уполномоченное подразделение).", "Уполномоченное подразделение: …")
    assert lints.term_case("Порядок", good) == []


def test_list_punctuation() -> None:
    bad = tree("""
- [formal] Необходимо избегать формального подхода при
  - выявлении точек взаимодействия с клиентом,
  - рассмотрении только тех точек, которые используются клиентом;
""")
    found = lints.list_punctuation("Порядок", bad, {})
    assert len(found) == 3  # the lead-in «:», the first item «;», the last «.»
    good = tree("""
- Необходимо избегать формального подхода при:
  - выявлении точек взаимодействия с клиентом;
  - рассмотрении только тех точек, которые используются клиентом.
- Получение информации о ходе рассмотрения:
  * заявления,
  * обращения.
""")
    assert lints.list_punctuation("Порядок", good, {}) == []


def test_punctuation_follows_the_composed_list() -> None:
    nodes = tree("""
- [principles] Принципы формирования точек взаимодействия:
  - [principle_simple] стремление к простоте,
  - [principle_health] учет особенностей клиентов;
- [needs] Потребности клиента
  - [submission] представление
    * заявления,
    * документов;
  - [other] другие потребности;
  > Абзац после перечня.
- [key] Ключевыми точками являются:
  - Официальные сайты, которые могут:
    * проектироваться с учетом потребностей клиентов;
    * обеспечивать заполнение форм
""")
    # [principle_history] removed by an override: the item before it is the last now
    punctuate(nodes)
    flat = {n.id: n.text for root in nodes for n in root.walk() if n.id}
    assert flat["principle_simple"].endswith("простоте;")
    assert flat["principle_health"].endswith("клиентов.")
    assert flat["needs"].endswith("клиента:")
    assert flat["submission"] == "представление:"
    assert flat["other"].endswith("потребности.")
    bullets = [n.text for n in nodes[1].children[0].children]
    assert bullets == ["заявления,", "документов;"]  # a comma list keeps its commas
    assert nodes[1].children[-1].text == "Абзац после перечня."
    assert nodes[2].children[0].children[-1].text.endswith("форм.")
    assert lints.list_punctuation("Порядок", nodes, {}) == []


def test_doubled_words() -> None:
    assert lints.doubled_words("Порядок", texts("размещается в в электронной форме.")) != []
    assert lints.doubled_words("Порядок", texts("Закупка техники и ПО по заявкам.", "размещается в форме.")) == []


def test_reference_to_an_appendix_without_its_document() -> None:
    bad = texts("Перечень изложен в приложении № 2.", "согласно приложению.")
    assert len(lints.appendix_without_document("Порядок", bad)) == 2
    good = texts("изложен в приложении № 2 к настоящему Порядку.", "согласно приложению к настоящему приказу.",
                 "могут обеспечивать совместимость приложения с операционными системами.",
                 "открывать мобильное приложение.")
    assert lints.appendix_without_document("Порядок", good) == []


def test_unused_catalogue_abbreviations_are_dropped() -> None:
    nodes = tree("""
- [digital] Цифровые точки:
  - [digital.edms] система электронного документооборота (далее – СЭД);
  - [digital.vcs] видеоконференцсвязь (далее – ВКС).
- [other] Мероприятия проводятся с использованием ВКС.
""")
    drop_unused_catalogue_abbreviations(nodes, [])
    items = [n.text for n in nodes[0].children]
    assert items == ["система электронного документооборота;", "видеоконференцсвязь (далее – ВКС)."]


def test_non_breaking_spaces_in_dates_and_places() -> None:
    assert typography("от 6 октября 2021 г. № 2816-р") == "от 6\u00a0октября\u00a02021\u00a0г. №\u00a02816-р"
    assert typography("до 2030 года") == "до 2030\u00a0года"
    assert typography("г. Мурманск") == "г.\u00a0Мурманск"
    assert typography("в 5 рабочих днях, 12 пунктов") == "в 5\u00a0рабочих днях, 12 пунктов"
