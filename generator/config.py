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

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from .errors import ConfigError, Diagnostic

Numbering = Literal["decimal", "roman-straight", "roman-decimal"]
Gender = Literal["m", "f"]
CaseName = Literal["nomn", "gent", "datv", "accs", "ablt", "loct"]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _no_control_chars(value: Any) -> Any:
    """Refuse control characters (they cannot go into a DOCX) in a text or a list of texts."""
    if isinstance(value, str):
        m = _CONTROL.search(value)
        if m:
            raise ValueError(f"текст содержит управляющий символ U+{ord(m.group()):04X} "
                             f"(позиция {m.start() + 1}); удалите его")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str):  # tables inside are models: they check their own keys
                _no_control_chars(item)
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=False, use_attribute_docstrings=True)

    @field_validator("*", mode="before")
    @classmethod
    def _text_is_clean(cls, value: Any) -> Any:
        return _no_control_chars(value)


Text = Annotated[str, Field(min_length=1, pattern=r"\S")]  # not empty, not only spaces


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
    name: Text
    """Наименование органа в тексте, в именительном падеже: «Комитет по туризму Мурманской области»."""
    short: Text
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
    alt_language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")
    """Код второго государственного языка по ISO 639 (для PDF: язык строк бланка на нём), например «alt»."""


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
    person: Text
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
    person: Text
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
    date: dt.date | None = None
    """Дата приказа: 2024-02-28."""
    number: str | None = None
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
    overrides: list[Override] = []
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
    """Направления деятельности, которые называет Порядок; строки Перечня проверяются по ним."""
    areas_intro: str | None = None
    """Вводные слова пункта со списком направлений деятельности."""
    overrides: list[Override] = []
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
    title: str = "Перечень точек взаимодействия {short:gent}"
    """Заголовок Перечня."""
    caption: str | None = None
    """Заголовок таблицы."""
    columns: list[Column] = ["number", "process", "touchpoint", "needs", "features"]
    """Столбцы по порядку: number, area, process, touchpoint, needs, features."""
    headers: dict[str, str] = {}
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
    title: str = "Шаблон перечня точек взаимодействия {short:gent}"
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

    @property
    def warnings(self) -> list[Diagnostic]:
        """Located remarks on the config that do not stop the build."""
        return self._warnings


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
    "string_pattern_mismatch": "значение не может быть пустым или состоять из одних пробелов",
    "value_error": "недопустимое значение",
    "model_type": "ожидается таблица",
    "dict_type": "ожидается таблица",
    "greater_than_equal": "значение слишком мало",
    "less_than_equal": "значение слишком велико",
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
)


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"не удалось прочитать {path}: {e.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: файл должен быть в кодировке UTF-8") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+), column (\d+)", str(e))
        line = int(m.group(1)) if m else None
        column = int(m.group(2)) if m else None
        shown = text.split("\n")[line - 1] if line and line <= text.count("\n") + 1 else ""
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(e))
        reason = next((ru for en, ru in _TOML_REASONS if reason.startswith(en)), reason)
        where = f"столбец {column}: " if column else ""
        msg = f"синтаксическая ошибка TOML, {where}{reason}" + (f"; строка: «{shown.strip()}»" if shown else "")
        raise ConfigError("конфигурация не прочитана", [Diagnostic(path, line, None, msg)]) from None


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


def _diagnostics(err: ValidationError, sources: list[tuple[Path, str]]) -> list[Diagnostic]:
    out = []
    for e in err.errors():
        loc = tuple(e["loc"])
        # a union (str | TermDef) adds the member's name to the path: drop it
        loc = tuple(p for p in loc if not (isinstance(p, str) and p in ("str", "TermDef", "OtherNeed")))
        key = format_key(loc)
        msg = _TYPE_MESSAGES.get(e["type"], e["msg"])
        if e["type"] == "literal_error":
            msg += ": " + str(e.get("ctx", {}).get("expected", ""))
        if e["type"] == "value_error":
            msg = str(e.get("ctx", {}).get("error", msg))
        path, line = locate_in(sources, loc)
        out.append(Diagnostic(path, line, key, msg))
    return out


def load_agency(path: Path, regions_dir: Path | None = None) -> AgencyConfig:
    data, text = read_toml(path)
    data.pop("$schema", None)
    sources = [(path, text)]
    region = data.get("region")
    if isinstance(region, str):
        rdir = regions_dir or path.parent / "regions"
        rpath = rdir / f"{region}.toml"
        if not rpath.exists():
            line = locate(text, ("region",))
            raise ConfigError("конфигурация не прочитана", [Diagnostic(
                path, line, "region", f"нет профиля региона {rpath}")])
        rdata, rtext = read_toml(rpath)
        try:
            profile = RegionProfile.model_validate(rdata)
        except ValidationError as e:
            raise ConfigError("профиль региона не прочитан", _diagnostics(e, [(rpath, rtext)])) from None
        base = {"blank": profile.blank, "marks": profile.marks, "order": profile.order,
                "layout": profile.layout.model_dump(), "amendment": profile.amendment}
        data = _deep_merge(base, data)
        sources.append((rpath, rtext))
    try:
        cfg = AgencyConfig.model_validate(data)
    except ValidationError as e:
        raise ConfigError("конфигурация не прочитана", _diagnostics(e, sources)) from None
    errors, warnings = lint_text(data, sources)
    if errors:
        raise ConfigError("конфигурация не прочитана", errors)
    cfg.warnings.extend(warnings)
    return cfg


_PLACEHOLDER_LIKE = re.compile(r"\{(name|short)(:[^{}]*)?\}")
_JINJA_LIKE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_CASE_NAMES: tuple[str, ...] = get_args(CaseName)


def _strings(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, list):
        return [x for i, v in enumerate(value) for x in _strings(v, (*path, i))]
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in _strings(v, (*path, k))]
    return []


def lint_text(data: dict[str, Any], sources: list[tuple[Path, str]]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Placeholders with an unknown case are errors; text that looks like template code is
    printed as typed (it is data), with a warning that it is not executed."""
    errors, warnings = [], []
    for path, text in _strings(data):
        if "{" not in text:
            continue
        key = format_key(path)
        src, line = locate_in(sources, path)
        for m in _PLACEHOLDER_LIKE.finditer(text):
            case = (m.group(2) or ":nomn")[1:]
            if case not in _CASE_NAMES:
                errors.append(Diagnostic(src, line, key, f"в подстановке «{m.group()}» неизвестный падеж «{case}»; "
                                         f"допустимы: {', '.join(_CASE_NAMES)}"))
        if _JINJA_LIKE.search(text):
            warnings.append(Diagnostic(src, line, key, "текст похож на код шаблона ({{ … }} или {% … %}): он не "
                                       "выполняется и войдёт в документ как есть; для наименования органа "
                                       "используйте {name:gent}, {short:ablt}"))
    return errors, warnings
