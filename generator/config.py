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

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError, Diagnostic

Numbering = Literal["decimal", "roman-straight", "roman-decimal"]
Gender = Literal["m", "f"]
CaseName = Literal["nomn", "gent", "datv", "accs", "ablt", "loct"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)


def _no_control_chars(v: str) -> str:
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", v):
        raise ValueError("текст содержит управляющие символы")
    return v


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

    _check = field_validator("name", "short", "official_name", "alt_name")(
        lambda v: v if v is None else _no_control_chars(v))


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
    overrides: list[Override] = []


class Touchpoint(Strict):
    name: Text
    kind: Literal["digital", "offline"]
    needs: list[str] = []
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


def locate(text: str, path: tuple[str | int, ...]) -> int | None:
    """The line of a key path in a TOML text (best effort: tables, arrays of tables, keys)."""
    keys = [str(p) for p in path if not isinstance(p, int)]
    if not keys:
        return None
    table: list[str] = []
    best: int | None = None
    best_len = -1
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        m = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?", line)
        if m:
            table = [k.strip().strip('"') for k in m.group(1).split(".")]
            full = table
        else:
            m = re.match(r'^([A-Za-z0-9_\-."]+)\s*=', line)
            if not m:
                continue
            full = table + [k.strip().strip('"') for k in m.group(1).split(".")]
        common = 0
        for a, b in zip(full, keys, strict=False):
            if a != b:
                break
            common += 1
        if common == len(full) and common > best_len:
            best, best_len = n, common
    return best


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
        loc = tuple(p for p in loc if not (isinstance(p, str) and p in ("str", "TermDef")))
        key = ".".join(str(p) for p in loc)
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
        return AgencyConfig.model_validate(data)
    except ValidationError as e:
        raise ConfigError("конфигурация не прочитана", _diagnostics(e, sources)) from None
