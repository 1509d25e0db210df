"""Agency configs and region profiles: TOML read with tomllib, validated with pydantic.

An agency file ``agencies/<slug>.toml`` names its region profile
(``agencies/regions/<region>.toml``); the profile's tables are the defaults, the agency's
own tables override them key by key. Every error is reported at once, each with the
file, the line and the key path.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from .errors import ConfigError, Diagnostic
from .faults import os_reason
from .paths import region_file
from .tomlscan import MAX_DEPTH, bad_byte, too_deep_line, unclosed_line

Numbering = Literal["decimal", "roman-straight", "roman-decimal"]
Gender = Literal["m", "f"]
CaseName = Literal["nomn", "gent", "datv", "accs", "ablt", "loct"]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Invisible characters that change what a reader sees without showing: a zero-width space, the
# direction marks and overrides (U+202E turns «12» into «21» on screen), a stray BOM.
_INVISIBLE = re.compile(r"[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")


def no_control_chars(value: Any) -> Any:
    """Refuse control characters (they cannot go into a DOCX) and invisible ones in a text or
    a list of texts."""
    if isinstance(value, str):
        m = _CONTROL.search(value)
        if m:
            raise ValueError(f"текст содержит управляющий символ U+{ord(m.group()):04X} "
                             f"(позиция {m.start() + 1}); удалите его")
        m = _INVISIBLE.search(value)
        if m:
            raise ValueError(f"текст содержит невидимый символ U+{ord(m.group()):04X} "
                             f"(позиция {m.start() + 1}); удалите его")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str):  # tables inside are models: they check their own keys
                no_control_chars(item)
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=False, use_attribute_docstrings=True)

    @field_validator("*", mode="before")
    @classmethod
    def _text_is_clean(cls, value: Any) -> Any:
        return no_control_chars(value)


Text = Annotated[str, Field(min_length=1, pattern=r"\S")]  # not empty, not only spaces


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("перенос строки недопустим: значение пишется в одну строку")
    return value


# a name, a number, a position: not empty, not only spaces, one line
Line = Annotated[str, Field(min_length=1, pattern=r"\S"), AfterValidator(_one_line)]


def _plausible_date(value: dt.date | None) -> dt.date | None:
    if value is not None and not 1991 <= value.year <= 2100:
        raise ValueError(f"дата {value.isoformat()} вне разумных пределов (1991–2100 годы)")
    return value


def _image_name(value: str) -> str:
    if not re.search(r"(?i)\.(png|svg)$", value):
        raise ValueError(f"«{value}»: герб — файл PNG или SVG (имя оканчивается на .png или .svg)")
    return value


def _language_code(value: str) -> str:
    if not re.fullmatch(r"[a-z]{2,3}-[A-Z]{2}", value):
        raise ValueError(f"«{value}»: ожидается код языка вида «tt-RU», «alt-RU», «ba-RU»")
    return value


def _unique_columns(value: list[Any]) -> list[Any]:
    repeated = sorted({c for c in value if value.count(c) > 1})
    if repeated:
        raise ValueError(f"столбец {', '.join(repeated)} указан больше одного раза")
    return value


def _one_override_per_clause(value: list[Any]) -> list[Any]:
    """Two overrides that each set a clause's text (replace, text) of one id: the last would
    silently win. (A «remove» after them is how a scenario repeals a reworded clause.)"""
    seen: dict[str, str] = {}
    for o in value:
        if o.action in ("replace", "text"):
            if o.id in seen:
                raise ValueError(f"пункт «{o.id}» изменяется дважды («{seen[o.id]}» и «{o.action}»): "
                                 "оставьте одну замену")
            seen[o.id] = o.action
    return value


class Forms(Strict):
    """Explicit case forms; any form given here wins over the automatic declension."""

    gent: str | None = None
    """Родительный падеж (кого? чего?)."""
    datv: str | None = None
    """Дательный падеж (кому? чему?)."""
    accs: str | None = None
    """Винительный падеж (кого? что?)."""
    ablt: str | None = None
    """Творительный падеж (кем? чем?)."""
    loct: str | None = None
    """Предложный падеж (о ком? о чём?)."""


class AgencyNames(Strict):
    name: Line
    """Наименование органа в тексте, в именительном падеже: «Комитет по туризму Мурманской области»."""
    short: Line
    """Краткое наименование: «Комитет», «Служба», «Министерство», «ОИВ» — «(далее – Комитет)»."""
    official_name: str | None = None
    """Полное наименование на бланке, если оно отличается от наименования в тексте."""
    blank_short_name: str | None = None
    """Сокращённое наименование в скобках на бланке."""
    alt_name: str | None = None
    """Наименование на втором государственном языке (двуязычный бланк), например алтайском."""
    alt_short_name: str | None = None
    """Сокращённое наименование на втором государственном языке (в скобках на бланке)."""
    forms: Forms = Forms()
    """Явные падежные формы наименования (главнее автоматических)."""
    short_forms: Forms = Forms()
    """Явные падежные формы краткого наименования."""


class BlankSettings(Strict):
    template: Literal["single", "bilingual"] = "single"
    """Бланк: на одном языке или двуязычный (наименования рядом)."""
    federation_line: bool = False
    """Строка «РОССИЙСКАЯ ФЕДЕРАЦИЯ» над наименованием."""
    short_name_in_parentheses: bool = True
    """Сокращённое наименование в скобках под полным."""
    place: str = ""
    """Место издания: «г. Мурманск»."""
    date_style: Literal["numeric", "long"] = "long"
    """Дата на бланке: numeric — 28.03.2024, long — 28 марта 2024 г."""
    date_number_layout: Literal["same-line", "separate-lines"] = "same-line"
    """Дата и номер в одной строке или в двух."""
    emblem: Annotated[str, AfterValidator(_image_name)] | None = None
    """Герб над наименованием: файл PNG или SVG, путь от папки agencies/ («emblems/tatarstan.png»)."""
    emblem_width_mm: float = Field(default=15, ge=8, le=40)
    """Ширина герба на бланке, мм (высота — по пропорциям картинки)."""
    alt_doc_type: str | None = None
    """Вид документа на втором государственном языке рядом с «ПРИКАЗ» («БОЕРЫК»)."""
    alt_place: str | None = None
    """Место издания на втором государственном языке рядом с русским («Казан шәһәре»)."""
    alt_language: Annotated[str, AfterValidator(_language_code)] | None = None
    """Код второго языка для проверки правописания в Word: «tt-RU», «alt-RU», «ba-RU»."""


class MarkSettings(Strict):
    style: Literal["grif", "appendix"] = "appendix"
    """grif — «УТВЕРЖДЕН приказом …»; appendix — «Приложение № 1 к приказу …»."""
    date_style: Literal["numeric", "long", "quoted"] = "long"
    """Дата в отметке: 28.03.2024 | 28 марта 2024 г. | «28» марта 2024 г."""
    number_sole_appendix: bool = False
    """Нумеровать единственное приложение («Приложение № 1»)."""
    number_sign: bool = True
    """«Приложение № 1» (true) или «Приложение 1» (false)."""


class Person(Strict):
    position: Text
    """Должность в именительном падеже; наименование органа — {name:gent}."""
    person: Line
    """«В.В. Войцехович» или полностью «Войцехович Виктор Викторович»."""
    gender: Gender | None = None
    """Пол: m или f; если не указан — по отчеству, иначе по фамилии."""
    position_forms: Forms = Forms()
    """Явные падежные формы должности."""
    person_forms: Forms = Forms()
    """Явные падежные формы «И.О. Фамилия»."""


class Signatory(Strict):
    position: Text
    """Должность подписанта в именительном падеже: «Министр», «Председатель {name:gent}»."""
    person: Line
    """Инициалы и фамилия: «А.С. Сергеев»."""
    acting: bool = False
    """Исполняющий обязанности: «И.о. председателя»."""


class Approval(Strict):
    """A line of the лист согласования (draft mode)."""

    position: Text
    """Должность согласующего."""
    person: str = ""
    """Инициалы и фамилия (можно оставить пустыми)."""


class Control(Strict):
    by_head: bool = True
    """«Контроль … оставляю за собой»; false — возложить на заместителя (deputy)."""
    deputy: Person | None = None
    """На кого возложен контроль (должность и лицо склоняются в винительный падеж)."""


class Override(Strict):
    """A clause override by id: replace (with its sub-items), change the text only (keeping
    the sub-items), insert after or before, append sub-items into, or remove."""

    action: Literal["replace", "text", "insert_after", "insert_before", "append", "remove"]
    """replace — заменить пункт с подпунктами; text — только текст; insert_after, insert_before —
    вставить; append — добавить подпункты; remove — исключить."""
    id: Text
    """Идентификатор пункта из шаблона (в квадратных скобках в templates/*.j2)."""
    text: str = ""
    """Разметка пунктов: «- текст», «* маркер», «> абзац», «: термин – значение»; номеров нет."""


class OrderSettings(Strict):
    date: Annotated[dt.date | None, AfterValidator(_plausible_date)] = None
    """Дата приказа: 2024-02-28."""
    number: Line | None = None
    """Номер приказа: «21», «П-12-01/0019»."""
    title: str | None = None
    """Заголовок; по умолчанию «Об утверждении <Порядка в род. п.>»."""
    preamble: str | None = None
    """Правовое основание; «приказываю:» добавляется само."""
    order_word: str = "приказываю:"
    """Распорядительное слово."""
    publish: str | None = None
    """Пункт об опубликовании (обычно в профиле региона)."""
    place_on_site: bool = False
    """Пункт «Разместить настоящий приказ на официальном сайте …»."""
    state_registration: bool = False
    """Пункт о государственной регистрации."""
    registration_text: str = "Настоящий приказ подлежит государственной регистрации."
    """Текст пункта о государственной регистрации."""
    entry_into_force: str | None = None
    """Пункт о вступлении в силу."""
    control: Control = Control()
    """Пункт о контроле."""
    signatory: Signatory | None = None
    """Подписант."""
    approvals: list[Approval] = []
    """Лист согласования проекта (prikaz build --draft)."""
    prepared_by: Approval | None = None
    """Исполнитель (в листе согласования)."""
    overrides: Annotated[list[Override], AfterValidator(_one_override_per_clause)] = []
    """Замены пунктов приказа."""


class TermDef(Strict):
    id: str | None = None
    """Идентификатор определения (для ссылок и замен)."""
    term: Text
    """Термин."""
    text: Text
    """Определение (после тире)."""


class ProcedureSettings(Strict):
    title: Text
    """Наименование Порядка в именительном падеже: «Порядок ведения перечня … в {name:loct}»."""
    heading: str | None = None
    """Заголовок над текстом Порядка, если отличается от наименования."""
    heading_abbreviation: bool = True
    """«(далее – Порядок)» под заголовком."""
    numbering: Numbering = "decimal"
    """decimal — 1., 1.1., 1.1.1.; roman-straight — I., пункты 1.–15. подряд, подпункты 1);
    roman-decimal — I., 1.1., 1), а)."""
    numbered_definitions: bool = True
    """Нумеровать определения терминов."""
    client: Literal["internal", "all", "both"] = "internal"
    """С каким клиентом: internal — с внутренним, all — с клиентом, both — с внешним и внутренним."""
    subordinates: bool = True
    """«… и подведомственных ему организаций»."""
    authorised_orgs: bool = True
    """«… и организации, уполномоченные на взаимодействие»."""
    keeper: str = "руководителем {short:gent}"
    """Кем назначается уполномоченное лицо (творительный падеж)."""
    terms: list[str | TermDef] = []
    """Термины: идентификаторы из templates/catalog.toml или { term = "…", text = "…" }."""
    needs: list[str] = []
    """Удовлетворяемые потребности (идентификаторы из templates/catalog.toml)."""
    key_touchpoints: list[str] = []
    """Ключевые точки взаимодействия с требованиями: portal, mobile_app, social, chatbots, phone, written."""
    digital_touchpoints: list[str] = []
    """Перечень цифровых точек (идентификаторы из templates/catalog.toml)."""
    offline_touchpoints: list[str] = []
    """Перечень офлайн-точек (идентификаторы из templates/catalog.toml)."""
    update_days: int = Field(default=10, ge=1, le=90)
    """Срок размещения актуальной версии Перечня, рабочих дней."""
    activity_areas: list[str] = []
    """Направления деятельности; строки Перечня проверяются по ним. В тексте Порядка они перечисляются
    отдельным пунктом, только если задан areas_intro (вводные слова этого пункта)."""
    areas_intro: str | None = None
    """Вводные слова пункта со списком направлений деятельности (activity_areas); без них список в текст
    Порядка не входит: «С учетом осуществляемых {short:ablt} функций Перечень формируется отдельно по каждому
    направлению деятельности:»."""
    overrides: Annotated[list[Override], AfterValidator(_one_override_per_clause)] = []
    """Замены пунктов Порядка."""


class OtherNeed(Strict):
    """A need that is not in the Порядок's list: «другие удовлетворяемые потребности»."""

    other: Text
    """Текст потребности, которой нет в перечне Порядка."""


class Touchpoint(Strict):
    name: Text
    """Наименование точки взаимодействия."""
    kind: Literal["digital", "offline"]
    """digital — цифровая, offline — офлайн."""
    needs: list[str | OtherNeed] = []
    """Удовлетворяемые потребности; не из перечня Порядка — { other = "…" }."""
    features: str | None = None
    """Особенности взаимодействия (по умолчанию «Цифровая точка» / «Офлайн-точка»)."""


class RegisterRow(Strict):
    area: str = ""
    """Направление деятельности."""
    process: str = ""
    """Наименование процесса."""
    touchpoints: list[Touchpoint] = []
    """Точки взаимодействия процесса (каждая — один раз)."""


Column = Literal["number", "area", "process", "touchpoint", "needs", "features"]


class RegisterSettings(Strict):
    placement: Literal["none", "procedure-clause", "procedure-appendix", "order-appendix"] = "none"
    """Где Перечень: нет; таблицей в пункте Порядка; приложением к Порядку; приложением к приказу."""
    title: str = "Перечень точек взаимодействия {name:gent}"
    """Заголовок Перечня."""
    caption: str | None = None
    """Заголовок таблицы."""
    columns: Annotated[list[Column], Field(min_length=1), AfterValidator(_unique_columns)] = [
        "number", "process", "touchpoint", "needs", "features"]
    """Столбцы по порядку: number, area, process, touchpoint, needs, features."""
    headers: dict[Column, str] = {}
    """Свои заголовки столбцов: { process = "Процесс взаимодействия" }."""
    number_row: bool = False
    """Строка номеров столбцов (1 2 3 …) под заголовком."""
    unfilled: bool = False
    """Перечень публикуется незаполненным: процессы без точек взаимодействия допустимы."""
    rows: list[RegisterRow] = []
    """Строки Перечня (prikaz import-register записывает их из таблицы)."""


class FormSettings(Strict):
    placement: Literal["none", "procedure-appendix"] = "none"
    """Форма (шаблон) Перечня: нет или приложением к Порядку."""
    title: str = "Шаблон перечня точек взаимодействия {name:gent}"
    """Заголовок формы."""
    sample_rows: bool = True
    """Строки-образцы «[процесс 1]», «[точка 1]» в форме."""


class Layout(Strict):
    """Page and type by ГОСТ Р 7.0.97 (the 2025 edition by default); a region may override."""

    gost: Literal["Р 7.0.97-2016", "Р 7.0.97-2025"] = "Р 7.0.97-2025"
    """Редакция ГОСТ Р 7.0.97, по которой оформляется документ."""
    margin_left_mm: float = Field(default=20, ge=20, le=40)
    """Левое поле, мм."""
    margin_right_mm: float = Field(default=10, ge=10, le=30)
    """Правое поле, мм."""
    margin_top_mm: float = Field(default=20, ge=20, le=40)
    """Верхнее поле, мм."""
    margin_bottom_mm: float = Field(default=20, ge=20, le=40)
    """Нижнее поле, мм."""
    font: str = "Times New Roman"
    """Шрифт."""
    font_size: float = Field(default=14, ge=12, le=14)
    """Размер шрифта текста, пт."""
    table_font_size: float = Field(default=12, ge=10, le=14)
    """Размер шрифта в таблицах, пт."""
    line_spacing: float = Field(default=1.0, ge=1.0, le=1.5)
    """Межстрочный интервал."""
    first_line_indent_cm: float = Field(default=1.25, ge=0, le=2)
    """Абзацный отступ, см."""
    order_word_style: Literal["bold", "spaced", "caps-line"] = "bold"
    """«приказываю:» полужирным, вразрядку или «ПРИКАЗЫВАЮ:» отдельной строкой."""
    hyphenation: bool = True
    """Переносы слов в тексте PDF (по правилам русского языка; не в реквизитах, числах и наименованиях)."""

    @property
    def requisite_width_cm(self) -> float:
        """The widest a requisite block (grif, appendix mark) may be: 7.5 cm (2016), 8 cm (2025)."""
        return 8.0 if self.gost.endswith("2025") else 7.5


class AmendmentSettings(Strict):
    """Amending orders («О внесении изменений в приказ …») and consolidated texts."""

    inserted_numbering: Literal["superscript", "dotted", "hyphen"] = "superscript"
    """Номер пункта, вставленного между пунктами: 2.6¹ (superscript), 2.6.1 (dotted) или 2.6-1 (hyphen)."""
    preamble: str | None = None
    """Основание приказа о внесении изменений; по умолчанию «В целях актуализации приказа … от … № …»."""
    signatory: Signatory | None = None
    """Подписант приказа о внесении изменений, если не тот, что в [order.signatory]."""
    whole_register_share: float = Field(default=0.5, ge=0.0, le=1.0)
    """Доля измененных строк Перечня, начиная с которой приложение излагается в новой редакции."""


class RegionProfile(Strict):
    name: Text
    """Наименование субъекта Российской Федерации."""
    blank: dict[str, Any] = {}
    """Бланк по умолчанию для органов региона (ключи как в [blank] органа)."""
    marks: dict[str, Any] = {}
    """Отметки приложений по умолчанию (ключи как в [marks] органа)."""
    order: dict[str, Any] = {}
    """Обязательные пункты приказа по умолчанию (ключи как в [order] органа)."""
    layout: Layout = Layout()
    """Оформление по ГОСТ Р 7.0.97."""
    amendment: dict[str, Any] = {}
    """Приказы о внесении изменений по умолчанию (ключи как в [amendment] органа)."""


class AgencyConfig(Strict):
    """The merged config of one body (region profile defaults + the agency's own keys)."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True, use_attribute_docstrings=True)

    region: str | None = None
    """Профиль региона: agencies/regions/<region>.toml."""
    kind: Literal["order", "procedure"] = "order"
    """order — приказ с приложениями; procedure — самостоятельный Порядок."""
    agency: AgencyNames
    """Орган."""
    blank: BlankSettings = BlankSettings()
    """Бланк."""
    marks: MarkSettings = MarkSettings()
    """Гриф и отметки приложений."""
    order: OrderSettings = OrderSettings()
    """Приказ."""
    procedure: ProcedureSettings
    """Порядок ведения перечня точек взаимодействия."""
    registry: RegisterSettings = Field(default=RegisterSettings(), alias="register")
    """Перечень точек взаимодействия."""
    form: FormSettings = FormSettings()
    """Форма (шаблон) Перечня."""
    layout: Layout = Layout()
    """Оформление по ГОСТ Р 7.0.97."""
    amendment: AmendmentSettings = AmendmentSettings()
    """Приказы о внесении изменений и актуальные редакции."""
    _warnings: list[Diagnostic] = PrivateAttr(default_factory=list)
    _folder: Path | None = PrivateAttr(default=None)

    @property
    def warnings(self) -> list[Diagnostic]:
        """Located remarks on the config that do not stop the build."""
        return self._warnings

    @property
    def folder(self) -> Path | None:
        """The agencies/ folder the config was read from (files it names are found there)."""
        return self._folder


# --- loading --------------------------------------------------------------------------------

_TYPE_MESSAGES = {
    "missing": "обязательный ключ отсутствует",
    "extra_forbidden": "неизвестный ключ",
    "string_type": "ожидается строка в кавычках",
    "int_type": "ожидается целое число",
    "bool_type": "ожидается true или false",
    "date_type": "ожидается дата вида 2024-02-28",
    "list_type": "ожидается список [ … ]",
    "literal_error": "недопустимое значение",
    "string_too_short": "значение не может быть пустым",
    "too_short": "список не может быть пустым",
    "enum": "недопустимое значение",
    "string_pattern_mismatch": "значение не может быть пустым или состоять из одних пробелов",
    "value_error": "недопустимое значение",
    "model_type": "ожидается таблица",
    "dict_type": "ожидается таблица",
    "greater_than_equal": "значение слишком мало",
    "less_than_equal": "значение слишком велико",
    "float_type": "ожидается число",
    "float_parsing": "ожидается число",
    "int_parsing": "ожидается целое число",
    "int_from_float": "ожидается целое число",
    "bool_parsing": "ожидается true или false",
    "date_parsing": "ожидается дата вида 2024-02-28",
    "date_from_datetime_inexact": "ожидается дата без времени: 2024-02-28",
    "date_from_datetime_parsing": "ожидается дата вида 2024-02-28",
    "union_tag_invalid": "недопустимое значение",
    "is_instance_of": "недопустимое значение",
}


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r'^\s*([A-Za-z0-9_\-."]+)\s*=')


@lru_cache(maxsize=16)
def key_lines(text: str) -> list[tuple[int, tuple[str | int, ...]]]:
    """(line, key path) of every table header and key in a TOML text; arrays of tables
    carry their index: ``[[procedure.overrides]]`` number 3 is ``procedure.overrides.2``."""
    out: list[tuple[int, tuple[str | int, ...]]] = []
    counters: dict[tuple[str, ...], int] = {}
    table: tuple[str | int, ...] = ()
    for n, raw in enumerate(text.split("\n"), start=1):
        m = _HEADER.match(raw)
        if m:
            names = tuple(k.strip().strip('"') for k in m.group(2).split("."))
            if m.group(1) == "[[":
                counters[names] = counters.get(names, -1) + 1
                # nested arrays restart when their parent array moves on
                for other in list(counters):
                    if len(other) > len(names) and other[:len(names)] == names:
                        del counters[other]
            path: list[str | int] = []
            for i in range(1, len(names) + 1):
                path.append(names[i - 1])
                if names[:i] in counters and (i < len(names) or m.group(1) == "[["):
                    path.append(counters[names[:i]])
            table = tuple(path)
            out.append((n, table))
            continue
        m = _KEY.match(raw)
        if m and not raw.lstrip().startswith("#"):
            out.append((n, table + tuple(k.strip().strip('"') for k in m.group(1).split("."))))
    return out


def locate(text: str, path: tuple[str | int, ...]) -> int | None:
    """The line of a key path in a TOML text: the longest matching prefix wins."""
    best: int | None = None
    best_len = 0
    for n, found in key_lines(text):
        common = 0
        for a, b in zip(found, path, strict=False):
            if a != b:
                break
            common += 1
        if common == len(found) and common > best_len:
            best, best_len = n, common
    return best


def parse_key(key: str) -> tuple[str | int, ...]:
    """«procedure.overrides[2].id» → ("procedure", "overrides", 2, "id")."""
    out: list[str | int] = []
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key):
        out.append(int(part[1:-1]) if part.startswith("[") else part)
    return tuple(out)


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _deep_merge(out[k], v)
        else:
            out[k] = v
    return out


_TOML_REASONS = (
    ("Unterminated string", "строка в кавычках не закрыта"),
    ("Cannot overwrite a value", "ключ задан повторно"),
    ("Cannot declare", "таблица объявлена повторно"),
    ("Expected '=' after a key", "после ключа ожидается «=»"),
    ("Expected ']' at the end of a table declaration", "заголовок таблицы не закрыт «]»"),
    ("Expected ']]' at the end of an array declaration", "заголовок массива таблиц не закрыт «]]»"),
    ("Invalid date or datetime", "такой даты не существует или она записана не как ГГГГ-ММ-ДД"),
    ("Invalid value", "недопустимое значение: строки пишутся в кавычках, даты — ГГГГ-ММ-ДД"),
    ("Invalid initial character for a key part", "недопустимый символ в начале ключа"),
    ("Illegal character", "недопустимый символ"),
    ("Unclosed array", "список не закрыт «]»"),
    ("Unclosed inline table", "таблица в фигурных скобках не закрыта «}»"),
    ("Invalid statement", "недопустимая строка: ожидается «ключ = значение» или «[таблица]»"),
    ("Expected newline or end of document", "после значения ожидается конец строки"),
    ("Unclosed", "скобка не закрыта"),
)


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    text = _read_text(path)
    try:
        return tomllib.loads(text), text
    except RecursionError:
        raise ConfigError("конфигурация не прочитана", [Diagnostic(
            path, too_deep_line(text), None, f"вложенность списков и таблиц глубже {MAX_DEPTH} уровней; "
            "конфигурация так не пишется — проверьте скобки")]) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError("конфигурация не прочитана", [_syntax_error(path, text, str(e))]) from None


def _read_text(path: Path) -> str:
    """The file as text: a folder, an unreadable file, a BOM or bytes that are not UTF-8 are
    refused with the file (and the line) named."""
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(path))
        raw = path.read_bytes()
    except OSError as e:
        raise ConfigError(f"не удалось прочитать {path}: {os_reason(e)}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ConfigError("конфигурация не прочитана", [Diagnostic(path, 1, None, (
            "файл начинается с метки порядка байтов (BOM); сохраните его в UTF-8 без BOM"))])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line, column = bad_byte(raw, e.start)
        raise ConfigError("конфигурация не прочитана", [Diagnostic(path, line, None, (
            f"столбец {column}: байт 0x{raw[e.start]:02X} не из кодировки UTF-8; сохраните файл в UTF-8"))]) from None


def _syntax_error(path: Path, text: str, error: str) -> Diagnostic:
    m = re.search(r"line (\d+), column (\d+)", error)
    line = int(m.group(1)) if m else None
    column = int(m.group(2)) if m else None
    if line is None and "end of document" in error:
        line = unclosed_line(text) or text.count("\n") + (0 if text.endswith("\n") else 1)
    shown = text.split("\n")[line - 1] if line and line <= text.count("\n") + 1 else ""
    reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", error)
    reason = next((ru for en, ru in _TOML_REASONS if reason.startswith(en)), reason)
    where = f"столбец {column}: " if column else ""
    msg = f"синтаксическая ошибка TOML, {where}{reason}" + (f"; строка: «{shown.strip()[:200]}»" if shown else "")
    return Diagnostic(path, line, None, msg)


def format_key(path: tuple[str | int, ...]) -> str:
    """("register", "rows", 3, "area") → «register.rows[3].area»."""
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))


def locate_in(sources: list[tuple[Path, str]], path: tuple[str | int, ...]) -> tuple[Path, int | None]:
    """The first source file (the agency's, then its region profile) that has the key."""
    for src, text in sources:
        found = locate(text, path)
        if found:
            return src, found
    return sources[0][0], None


def _diagnostics(err: ValidationError, sources: list[tuple[Path, str]], model: Any = None) -> list[Diagnostic]:
    out = []
    for e in err.errors():
        loc = tuple(e["loc"])
        # a union (str | TermDef) adds the member's name to the path: drop it
        loc = tuple(p for p in loc if not (isinstance(p, str) and p in ("str", "TermDef", "OtherNeed")))
        key = format_key(loc)
        msg = _message(e, loc, model or AgencyConfig)
        path, line = locate_in(sources, loc)
        out.append(Diagnostic(path, line, key, msg))
    return out


def _message(e: Any, loc: tuple[str | int, ...], model: Any) -> str:
    """A pydantic error in Russian: the value given quoted, the accepted ones listed, the
    closest offered («вы имели в виду …?»); never pydantic's English."""
    from .hints import suggestion

    kind = e["type"]
    if kind == "value_error":
        return str(e.get("ctx", {}).get("error", "недопустимое значение"))
    if kind == "literal_error":
        accepted = re.findall(r"'([^']*)'", str(e.get("ctx", {}).get("expected", "")))
        given = str(e.get("input", ""))
        return (f"недопустимое значение «{given}»; допустимы: {', '.join(f'«{a}»' for a in accepted)}"
                + suggestion(given, accepted))
    if kind == "extra_forbidden" and isinstance(loc[-1], str):
        return f"неизвестный ключ «{loc[-1]}»" + suggestion(loc[-1], _known_keys(model, loc[:-1]))
    msg = _TYPE_MESSAGES.get(kind, "недопустимое значение")
    if kind.endswith(("_type", "_parsing")) and not isinstance(e.get("input"), dict | list):
        msg += f": дано «{str(e.get('input'))[:80]}»"
    return msg


def _known_keys(model: Any, loc: tuple[str | int, ...]) -> list[str]:
    """The keys a table of the config accepts at ``loc`` (for «вы имели в виду …?»)."""
    for part in loc:
        if isinstance(part, int):
            continue
        fields = {(f.alias or name): f for name, f in model.model_fields.items()}
        field = fields.get(part)
        if field is None:
            return []
        model = next((t for t in _members(field.annotation) if isinstance(t, type) and issubclass(t, BaseModel)),
                     None)
        if model is None:
            return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _members(annotation: Any) -> list[Any]:
    """The types inside an annotation: list[Touchpoint] → [Touchpoint]; A | None → [A, None]."""
    args = get_args(annotation)
    return [annotation] if not args else [m for a in args for m in _members(a)]


def load_agency(path: Path, regions_dir: Path | None = None, folder: Path | None = None) -> AgencyConfig:
    """``folder``: where the files the config names (an emblem) are found, if not beside ``path``
    (the workspace checks a scratch copy of a config that lives in agencies/)."""
    data, text = read_toml(path)
    data.pop("$schema", None)
    sources = [(path, text)]
    region = data.get("region")
    if isinstance(region, str):
        rdir = regions_dir or path.parent / "regions"
        rpath = _region_path(rdir, region, path, text)
        if not rpath.is_file():
            line = locate(text, ("region",))
            raise ConfigError("конфигурация не прочитана", [Diagnostic(
                path, line, "region", f"нет профиля региона {rpath}")])
        rdata, rtext = read_toml(rpath)
        try:
            profile = RegionProfile.model_validate(rdata)
        except ValidationError as e:
            raise ConfigError("профиль региона не прочитан", _diagnostics(e, [(rpath, rtext)], RegionProfile)) from None
        base = {"blank": profile.blank, "marks": profile.marks, "order": profile.order,
                "layout": profile.layout.model_dump(), "amendment": profile.amendment}
        data = _deep_merge(base, data)
        sources.append((rpath, rtext))
    try:
        cfg = AgencyConfig.model_validate(data)
    except ValidationError as e:
        raise ConfigError("конфигурация не прочитана", _diagnostics(e, sources)) from None
    errors, warnings = lint_text(data, sources)
    from .emblem import check_emblem

    cfg._folder = folder or path.parent
    errors += check_emblem(cfg, lambda: locate_in(sources, ("blank", "emblem")))
    if errors:
        raise ConfigError("конфигурация не прочитана", errors)
    cfg.warnings.extend(warnings)
    return cfg


def _region_path(regions: Path, region: str, path: Path, text: str) -> Path:
    """The profile's file; the line of the key «region» is looked up only for an error
    message (finding a key's line indexes every key of the config: 40M instructions for a
    register of 220 rows)."""
    try:
        return region_file(regions, region, path, None)
    except ConfigError:
        return region_file(regions, region, path, locate(text, ("region",)))  # raises it again, located


_PLACEHOLDER_LIKE = re.compile(r"\{(name|short)(:[^{}]*)?\}")
_JINJA_LIKE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
# «{ref:keeper_units» without its «}»: would be printed literally
_UNCLOSED = re.compile(r"\{(?:ref|app|name|short)\b[^{}]*(?=\{|$)")
_CASE_NAMES: tuple[str, ...] = get_args(CaseName)


def _strings(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, list):
        return [x for i, v in enumerate(value) for x in _strings(v, (*path, i))]
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in _strings(v, (*path, k))]
    return []


def _text_errors(text: str) -> list[str]:
    """What is wrong with a text's placeholders: one left unclosed, an unknown case."""
    out = [f"подстановка «{m.group()[:40]}» не закрыта «}}»" for m in _UNCLOSED.finditer(text)]
    for m in _PLACEHOLDER_LIKE.finditer(text):
        case = (m.group(2) or ":nomn")[1:]
        if case not in _CASE_NAMES:
            out.append(f"в подстановке «{m.group()}» неизвестный падеж «{case}»; допустимы: {', '.join(_CASE_NAMES)}")
    return out


def lint_text(data: dict[str, Any], sources: list[tuple[Path, str]]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Placeholders with an unknown case are errors; text that looks like template code is
    printed as typed (it is data), with a warning that it is not executed."""
    errors, warnings = [], []
    for path, text in _strings(data):
        if "{" not in text:
            continue
        wrong = _text_errors(text)
        jinja = _JINJA_LIKE.search(text) is not None
        if not wrong and not jinja:  # most texts with «{» are placeholders: no key's line to look up
            continue
        key = format_key(path)
        src, line = locate_in(sources, path)
        errors += [Diagnostic(src, line, key, message) for message in wrong]
        if jinja:
            warnings.append(Diagnostic(src, line, key, "текст похож на код шаблона ({{ … }} или {% … %}): он не "
                                       "выполняется и войдёт в документ как есть; для наименования органа "
                                       "используйте {name:gent}, {short:ablt}"))
    return errors, warnings
