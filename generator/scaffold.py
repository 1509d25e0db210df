"""``prikaz new``: a new body's config that passes ``prikaz check`` and builds at once."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

from .config import load_agency
from .errors import ConfigError, Diagnostic, PrikazError
from .files import write_atomic
from .pipeline import compose_located

SCHEMA_LINE = "#:schema ../docs/schema/agency.schema.json\n"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# (option, question, required); the optional ones are asked only where they apply
FIELDS: list[tuple[str, str, bool]] = [
    ("name", "Наименование органа (именительный падеж)", True),
    ("short", "Краткое наименование («Комитет», «Служба», «Министерство»)", True),
    ("region", "Профиль региона (файл в agencies/regions/ без .toml)", True),
    ("date", "Дата приказа (ГГГГ-ММ-ДД)", True),
    ("number", "Номер приказа", True),
    ("signatory_position", "Должность подписанта («Председатель {name:gent}»)", True),
    ("signatory", "Подписант («И.О. Фамилия»)", True),
    ("preamble", "Правовое основание (преамбула без «приказываю:»)", True),
    ("alt_name", "Наименование органа на втором государственном языке (для двуязычного бланка)", False),
    ("alt_short_name", "Сокращённое наименование на втором языке (Enter — нет)", False),
    ("deputy_position", "Контроль: Enter — «оставляю за собой», иначе должность заместителя («заместитель "
     "председателя {name:gent}»)", False),
    ("deputy", "Заместитель («И.О. Фамилия»)", False),
    ("deputy_gender", "Пол заместителя (m или f; Enter — по отчеству или фамилии)", False),
]
# flags: no question, only an option
FLAGS = ("acting",)
GENDERS = ("m", "f")


class Cancelled(PrikazError):
    """Ctrl-D at a question: nothing is written."""

    exit_code = 130

DEFAULT_PREAMBLE = ("В целях реализации стандартов клиентоцентричности, утвержденных в рамках инициативы "
                    "социально-экономического развития Российской Федерации «Государство для людей»,")


def _agency(values: dict[str, str]) -> dict[str, str]:
    out = {"name": values["name"], "short": values["short"]}
    out.update({k: values[k] for k in ("alt_name", "alt_short_name") if values.get(k)})
    return out


def _control(values: dict[str, str]) -> dict[str, Any]:
    """Control kept by the head, or handed to a deputy (declined into the accusative)."""
    if not values.get("deputy_position"):
        return {}
    if not values.get("deputy"):
        raise ConfigError("конфигурация не создана", [Diagnostic(
            None, None, "--deputy", "укажите заместителя («И.О. Фамилия») вместе с его должностью")])
    gender = values.get("deputy_gender")
    if gender and gender not in GENDERS:
        raise ConfigError("конфигурация не создана", [Diagnostic(
            None, None, "--deputy-gender", f"«{gender}»: ожидается m или f")])
    deputy = {"position": values["deputy_position"], "person": values["deputy"], **({"gender": gender} if gender
                                                                                     else {})}
    return {"control": {"by_head": False, "deputy": deputy}}


def config_data(values: dict[str, str]) -> dict[str, Any]:
    """The new config: the standard lists of the model Порядок, the form as an appendix."""
    try:
        date = dt.date.fromisoformat(values["date"])
    except ValueError:
        raise ConfigError("конфигурация не создана", [Diagnostic(
            None, None, "date", f"дата «{values['date']}» не существует или записана не как ГГГГ-ММ-ДД")]) from None
    return {
        "region": values["region"],
        "agency": _agency(values),
        "order": {
            "date": date,
            "number": values["number"],
            "preamble": values["preamble"],
            "signatory": {"position": values["signatory_position"], "person": values["signatory"],
                          **({"acting": True} if values.get("acting") else {})},
            **_control(values),
        },
        "procedure": {
            "title": "Порядок ведения перечня точек взаимодействия с клиентом в {name:loct}",
            "client": "all",
            # every term its text uses: «клиентского пути» in «Клиентский опыт», «клиентского опыта»
            # in «Профиль клиента», «профиль клиента» in the key touchpoint «written»
            "terms": ["client", "internal_client", "client_path", "client_profile", "client_experience",
                      "segment_profile"],
            "needs": ["information", "consultation", "forms", "submission", "result", "feedback",
                      "feedback_result", "other"],
            "key_touchpoints": ["portal", "social", "phone", "written"],
            "digital_touchpoints": ["portal", "communities", "email", "edms"],
            "offline_touchpoints": ["phone", "personal"],
        },
        "form": {"placement": "procedure-appendix"},
    }


def _question(prompt: Callable[[str], str], text: str) -> str:
    try:
        return prompt(text).strip()
    except EOFError:  # Ctrl-D: the user is done, nothing is written
        raise Cancelled("ввод закончен (Ctrl-D); конфигурация не создана") from None


def _applies(key: str, out: dict[str, str], bilingual: bool) -> bool:
    """Whether an optional question is asked: the second language only for a bilingual
    blank, the deputy only when control is handed to one."""
    if key in ("alt_name", "alt_short_name"):
        return bilingual
    if key in ("deputy", "deputy_gender"):
        return bool(out.get("deputy_position"))
    return key == "deputy_position"


def ask(values: dict[str, str | None], prompt: Callable[[str], str] | None = None,
        bilingual: Callable[[str], bool] | None = None) -> dict[str, str]:
    """Ask for every value not given as an option (the optional ones where they apply)."""
    prompt = prompt or input
    out: dict[str, str] = {k: v for k, v in values.items() if v}
    for key, question, required in FIELDS:
        value = values.get(key)
        if not required:
            if not value and _applies(key, out, bool(bilingual and bilingual(out["region"]))):
                value = _question(prompt, f"{question}: ") or (None if key != "alt_name" else "")
                while key == "alt_name" and not value:
                    value = _question(prompt, f"{question}: ")
            if value:
                out[key] = value
            continue
        while not value:
            default = DEFAULT_PREAMBLE if key == "preamble" else ""
            suffix = " [по умолчанию — типовая формулировка]" if default else ""
            value = _question(prompt, f"{question}{suffix}: ") or default
        out[key] = value
    return out


def _bilingual(agencies: Path, region: str) -> bool:
    """Whether the region's blank is bilingual (an unreadable profile: the check reports it)."""
    import tomllib

    from .paths import check_name

    try:
        check_name(region, "профиля региона", "--region")
        data = tomllib.loads((agencies / "regions" / f"{region}.toml").read_text(encoding="utf-8"))
    except (OSError, ValueError, ConfigError):
        return False
    return bool(data.get("blank", {}).get("template") == "bilingual")


def create(agencies: Path, slug: str, values: dict[str, str | None], interactive: bool | None = None) -> Path:
    if not SLUG.match(slug):
        raise ConfigError("конфигурация не создана", [Diagnostic(
            None, None, "SLUG", "имя органа — латинские строчные буквы, цифры и дефис: murmansk-culture")])
    path = agencies / f"{slug}.toml"
    if path.exists():
        raise ConfigError("конфигурация не создана",
                          [Diagnostic(path, None, None, "файл уже есть; выберите другое имя")])
    interactive = sys.stdin.isatty() if interactive is None else interactive
    if interactive:
        filled = ask(values, bilingual=lambda region: _bilingual(agencies, region))
    else:
        values = {**values, "preamble": values.get("preamble") or DEFAULT_PREAMBLE}
        missing = [f"--{k.replace('_', '-')}" for k, _q, req in FIELDS if req and not values.get(k)]
        if missing:
            raise ConfigError("конфигурация не создана", [Diagnostic(
                None, None, None, f"не хватает параметров: {', '.join(missing)} (или запустите в терминале)")])
        filled = {k: str(v) for k, v in values.items() if v}
        if _bilingual(agencies, filled["region"]) and not filled.get("alt_name"):
            raise ConfigError("конфигурация не создана", [Diagnostic(None, None, "--alt-name", (
                f"бланк региона «{filled['region']}» двуязычный: укажите наименование органа на втором "
                "государственном языке"))])
    # every value goes through tomli_w; the comment gets the name on one line (a newline in it
    # would start a line of TOML of its own)
    head = f"# {' '.join(filled['name'].split())}: создано командой «prikaz new {slug}».\n"
    text = SCHEMA_LINE + head + tomli_w.dumps(config_data(filled))
    # validate in a temp file next to the target; only a config that composes is written
    tmp = agencies / f".{slug}.new.toml"
    tmp.write_text(text, encoding="utf-8")
    try:
        compose_located(load_agency(tmp), slug, tmp)
    finally:
        tmp.unlink(missing_ok=True)
    write_atomic(path, text.encode("utf-8"))
    return path
