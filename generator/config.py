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
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from .errors import ConfigError, Diagnostic

Numbering = Literal["decimal", "roman-straight", "roman-decimal"]
Gender = Literal["m", "f"]
CaseName = Literal["nomn", "gent", "datv", "accs", "ablt", "loct"]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _no_control_chars(value: Any) -> Any:
    """Refuse control characters (they cannot go into a DOCX) in any text, however nested."""
    if isinstance(value, str):
        m = _CONTROL.search(value)
        if m:
            raise ValueError(f"текст содержит управляющий символ U+{ord(m.group()):04X} "
                             f"(позиция {m.start() + 1}); удалите его")
    elif isinstance(value, list):
        for item in value:
            _no_control_chars(item)
    elif isinstance(value, dict):
        for item in value.values():
            _no_control_chars(item)
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)

    @field_validator("*", mode="before")
    @classmethod
    def _text_is_clean(cls, value: Any) -> Any:
        return _no_control_chars(value)


Text = Annotated[str, Field(min_length=1)]


class Forms(Strict):
    """Explicit case forms; any form given here wins over the automatic declension."""

    gent: str | None = None
    datv: str | None = None
    accs: str | None = None
    ablt: str | None = None
    loct: str | None = None


class AgencyNames(Strict):
    name: Text  # the name used in the text, nominative
    short: Text  # «Комитет», «Служба», «Министерство», «ОИВ»
    official_name: str | None = None  # the full name on the blank when it differs
    blank_short_name: str | None = None  # shown in parentheses on the blank
    alt_name: str | None = None  # the name in the second state language (Altai)
    alt_short_name: str | None = None
    forms: Forms = Forms()
    short_forms: Forms = Forms()
    site: str | None = None



class BlankSettings(Strict):
    template: Literal["single", "bilingual"] = "single"
    federation_line: bool = False
    short_name_in_parentheses: bool = True
    place: str = ""
    date_style: Literal["numeric", "long"] = "long"
    date_number_layout: Literal["same-line", "separate-lines"] = "same-line"


class MarkSettings(Strict):
    style: Literal["grif", "appendix"] = "appendix"
    date_style: Literal["numeric", "long", "quoted"] = "long"
    number_sole_appendix: bool = False
    number_sign: bool = True  # «Приложение № 1» or «Приложение 1»


class Person(Strict):
    position: Text
    person: Text  # «В.В. Войцехович» or «Войцехович Виктор Викторович»
    gender: Gender | None = None  # else from the patronymic, else by the surname
    position_forms: Forms = Forms()
    person_forms: Forms = Forms()


class Signatory(Strict):
    position: Text  # nominative: «Руководитель (директор)», «председатель»
    person: Text
    acting: bool = False  # «И.о. председателя»


class Approval(Strict):
    """A line of the лист согласования (draft mode)."""

    position: Text
    person: str = ""


class Control(Strict):
    by_head: bool = True
    deputy: Person | None = None


class Override(Strict):
    """A clause override by id: replace (with its sub-items), change the text only (keeping
    the sub-items), insert after or before, append sub-items into, or remove."""

    action: Literal["replace", "text", "insert_after", "insert_before", "append", "remove"]
    id: Text
    text: str = ""  # clause markup (see generator.markup)


class OrderSettings(Strict):
    date: dt.date | None = None
    number: str | None = None
    title: str | None = None
    preamble: str | None = None
    order_word: str = "приказываю:"
    publish: str | None = None  # the region's publication clause
    place_on_site: bool = False
    state_registration: bool = False
    registration_text: str = "Настоящий приказ подлежит государственной регистрации."
    entry_into_force: str | None = None
    control: Control = Control()
    signatory: Signatory | None = None
    approvals: list[Approval] = []  # the лист согласования of a draft
    prepared_by: Approval | None = None  # the drafter («Исполнитель»)
    overrides: list[Override] = []


class TermDef(Strict):
    id: str | None = None
    term: Text
    text: Text


class ProcedureSettings(Strict):
    title: Text  # nominative: «Порядок ведения перечня …»
    heading: str | None = None  # the heading over the text, when it differs from the title
    heading_abbreviation: bool = True  # «(далее – Порядок)» under the heading
    numbering: Numbering = "decimal"
    numbered_definitions: bool = True
    client: Literal["internal", "all", "both"] = "internal"
    subordinates: bool = True  # «и подведомственных ему организаций»
    authorised_orgs: bool = True  # «… и организации, уполномоченные на взаимодействие»
    keeper: str = "руководителем {short:gent}"  # instrumental: who appoints the keeper
    terms: list[str | TermDef] = []
    needs: list[str] = []
    key_touchpoints: list[str] = []
    digital_touchpoints: list[str] = []
    offline_touchpoints: list[str] = []
    update_days: int = Field(default=10, ge=1, le=90)
    activity_areas: list[str] = []  # the activity areas the Порядок names; the register must use them
    areas_intro: str | None = None  # a clause listing the areas: «Перечень формируется … по направлениям:»
    overrides: list[Override] = []


class OtherNeed(Strict):
    """A need that is not in the Порядок's list: «другие удовлетворяемые потребности»."""

    other: Text


class Touchpoint(Strict):
    name: Text
    kind: Literal["digital", "offline"]
    needs: list[str | OtherNeed] = []
    features: str | None = None  # default: «Цифровая точка» / «Офлайн-точка»


class RegisterRow(Strict):
    area: str = ""
    process: str = ""
    touchpoints: list[Touchpoint] = []


Column = Literal["number", "area", "process", "touchpoint", "needs", "features"]


class RegisterSettings(Strict):
    placement: Literal["none", "procedure-clause", "procedure-appendix", "order-appendix"] = "none"
    title: str = "Перечень точек взаимодействия {short:gent}"
    caption: str | None = None
    columns: list[Column] = ["number", "process", "touchpoint", "needs", "features"]
    headers: dict[str, str] = {}
    number_row: bool = False
    unfilled: bool = False  # published as a list of areas to be filled: processes without touchpoints
    rows: list[RegisterRow] = []


class FormSettings(Strict):
    placement: Literal["none", "procedure-appendix"] = "none"
    title: str = "Шаблон перечня точек взаимодействия {short:gent}"
    sample_rows: bool = True


class Layout(Strict):
    """Page and type by ГОСТ Р 7.0.97 (the 2025 edition by default); a region may override."""

    gost: Literal["Р 7.0.97-2016", "Р 7.0.97-2025"] = "Р 7.0.97-2025"
    margin_left_mm: float = Field(default=20, ge=20, le=40)
    margin_right_mm: float = Field(default=10, ge=10, le=30)
    margin_top_mm: float = Field(default=20, ge=20, le=40)
    margin_bottom_mm: float = Field(default=20, ge=20, le=40)
    font: str = "Times New Roman"
    font_size: float = Field(default=14, ge=12, le=14)
    table_font_size: float = Field(default=12, ge=10, le=14)
    line_spacing: float = Field(default=1.0, ge=1.0, le=1.5)
    first_line_indent_cm: float = Field(default=1.25, ge=0, le=2)
    order_word_style: Literal["bold", "spaced", "caps-line"] = "bold"

    @property
    def requisite_width_cm(self) -> float:
        """The widest a requisite block (grif, appendix mark) may be: 7.5 cm (2016), 8 cm (2025)."""
        return 8.0 if self.gost.endswith("2025") else 7.5


class RegionProfile(Strict):
    name: Text
    blank: dict[str, Any] = {}
    marks: dict[str, Any] = {}
    order: dict[str, Any] = {}
    layout: Layout = Layout()


class AgencyConfig(Strict):
    """The merged config of one body (region profile defaults + the agency's own keys)."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)

    region: str | None = None
    kind: Literal["order", "procedure"] = "order"
    agency: AgencyNames
    blank: BlankSettings = BlankSettings()
    marks: MarkSettings = MarkSettings()
    order: OrderSettings = OrderSettings()
    procedure: ProcedureSettings
    registry: RegisterSettings = Field(default=RegisterSettings(), alias="register")
    form: FormSettings = FormSettings()
    layout: Layout = Layout()
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
    "value_error": "недопустимое значение",
    "model_type": "ожидается таблица",
    "dict_type": "ожидается таблица",
    "greater_than_equal": "значение слишком мало",
    "less_than_equal": "значение слишком велико",
}


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r'^\s*([A-Za-z0-9_\-."]+)\s*=')


def key_lines(text: str) -> list[tuple[int, tuple[str | int, ...]]]:
    """(line, key path) of every table header and key in a TOML text; arrays of tables
    carry their index: ``[[procedure.overrides]]`` number 3 is ``procedure.overrides.2``."""
    out: list[tuple[int, tuple[str | int, ...]]] = []
    counters: dict[tuple[str, ...], int] = {}
    table: tuple[str | int, ...] = ()
    for n, raw in enumerate(text.splitlines(), start=1):
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
        shown = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
        msg = f"синтаксическая ошибка TOML ({e})" + (f": «{shown.strip()}»" if shown else "")
        raise ConfigError("конфигурация не прочитана", [Diagnostic(path, line, None, msg)]) from None


def _diagnostics(err: ValidationError, sources: list[tuple[Path, str]]) -> list[Diagnostic]:
    out = []
    for e in err.errors():
        loc = tuple(e["loc"])
        # a union (str | TermDef) adds the member's name to the path: drop it
        loc = tuple(p for p in loc if not (isinstance(p, str) and p in ("str", "TermDef", "OtherNeed")))
        key = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(loc))
        msg = _TYPE_MESSAGES.get(e["type"], e["msg"])
        if e["type"] == "literal_error":
            msg += ": " + str(e.get("ctx", {}).get("expected", ""))
        if e["type"] == "value_error":
            msg = str(e.get("ctx", {}).get("error", msg))
        path, line = sources[0][0], None
        for src, text in sources:
            found = locate(text, loc)
            if found:
                path, line = src, found
                break
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
                "layout": profile.layout.model_dump()}
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
_CASE_NAMES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


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
        key = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))
        src, line = sources[0][0], None
        for s_path, s_text in sources:
            found = locate(s_text, path)
            if found:
                src, line = s_path, found
                break
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
