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
from .errors import ConfigError, Diagnostic
from .files import write_atomic
from .pipeline import compose_located

SCHEMA_LINE = "#:schema ../docs/schema/agency.schema.json\n"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# (option, question, required)
FIELDS: list[tuple[str, str, bool]] = [
    ("name", "Наименование органа (именительный падеж)", True),
    ("short", "Краткое наименование («Комитет», «Служба», «Министерство»)", True),
    ("region", "Профиль региона (файл в agencies/regions/ без .toml)", True),
    ("date", "Дата приказа (ГГГГ-ММ-ДД)", True),
    ("number", "Номер приказа", True),
    ("signatory_position", "Должность подписанта («Председатель {name:gent}»)", True),
    ("signatory", "Подписант («И.О. Фамилия»)", True),
    ("preamble", "Правовое основание (преамбула без «приказываю:»)", True),
]

DEFAULT_PREAMBLE = ("В целях реализации стандартов клиентоцентричности, утвержденных в рамках инициативы "
                    "социально-экономического развития Российской Федерации «Государство для людей»,")


def config_data(values: dict[str, str]) -> dict[str, Any]:
    """The new config: the standard lists of the model Порядок, the form as an appendix."""
    try:
        date = dt.date.fromisoformat(values["date"])
    except ValueError:
        raise ConfigError("конфигурация не создана", [Diagnostic(
            None, None, "date", f"дата «{values['date']}» не существует или записана не как ГГГГ-ММ-ДД")]) from None
    return {
        "region": values["region"],
        "agency": {"name": values["name"], "short": values["short"]},
        "order": {
            "date": date,
            "number": values["number"],
            "preamble": values["preamble"],
            "signatory": {"position": values["signatory_position"], "person": values["signatory"]},
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


def ask(values: dict[str, str | None], prompt: Callable[[str], str] | None = None) -> dict[str, str]:
    """Ask for every value not given as an option."""
    prompt = prompt or input
    out: dict[str, str] = {}
    for key, question, _required in FIELDS:
        value = values.get(key)
        while not value:
            default = DEFAULT_PREAMBLE if key == "preamble" else ""
            suffix = " [по умолчанию — типовая формулировка]" if default else ""
            value = prompt(f"{question}{suffix}: ").strip() or default
        out[key] = value
    return out


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
        filled = ask(values)
    else:
        values = {**values, "preamble": values.get("preamble") or DEFAULT_PREAMBLE}
        missing = [f"--{k.replace('_', '-')}" for k, _q, req in FIELDS if req and not values.get(k)]
        if missing:
            raise ConfigError("конфигурация не создана", [Diagnostic(
                None, None, None, f"не хватает параметров: {', '.join(missing)} (или запустите в терминале)")])
        filled = {k: str(v) for k, v in values.items() if v}
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
