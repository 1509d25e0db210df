"""``prikaz new-region NAME``: a region profile (agencies/regions/NAME.toml), asked for or
given as options, written with a TOML library and validated before it is written."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from .config import BlankSettings, MarkSettings, OrderSettings, RegionProfile, _diagnostics
from .errors import ConfigError, Diagnostic
from .files import write_atomic
from .paths import check_name
from .scaffold import Cancelled

SCHEMA_LINE = "#:schema ../../docs/schema/region.schema.json\n"

# (option, question, table, key, choices); an empty answer keeps the default
QUESTIONS: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    ("name", "Наименование субъекта («Республика Татарстан»)", "", "name", ()),
    ("template", "Бланк: single — на одном языке, bilingual — на двух", "blank", "template", ("single", "bilingual")),
    ("place", "Место издания на бланке («г. Казань»)", "blank", "place", ()),
    ("date_style", "Дата на бланке: numeric — 28.03.2024, long — 28 марта 2024 г.", "blank", "date_style",
     ("numeric", "long")),
    ("marks_style", "Приложения: grif — «УТВЕРЖДЕН приказом …», appendix — «Приложение № 1 к приказу …»",
     "marks", "style", ("grif", "appendix")),
    ("marks_date_style", "Дата в грифах и отметках: numeric | long | quoted («28» марта 2024 г.)", "marks",
     "date_style", ("numeric", "long", "quoted")),
    ("publish", "Пункт об опубликовании (Enter — нет)", "order", "publish", ()),
    ("entry_into_force", "Пункт о вступлении в силу (Enter — нет)", "order", "entry_into_force", ()),
    ("emblem", "Герб на бланке: файл PNG или SVG от папки agencies/ (Enter — без герба)", "blank", "emblem", ()),
]
BILINGUAL = [
    ("alt_language", "Код второго языка для проверки правописания («tt-RU», «ba-RU»)", "blank", "alt_language", ()),
    ("alt_doc_type", "Вид документа на втором языке рядом с «ПРИКАЗ» (Enter — нет)", "blank", "alt_doc_type", ()),
    ("alt_place", "Место издания на втором языке (Enter — нет)", "blank", "alt_place", ()),
]
FLAGS = [("federation_line", "blank", "federation_line"), ("state_registration", "order", "state_registration"),
         ("place_on_site", "order", "place_on_site")]


def _ask(prompt: Callable[[str], str], question: str, choices: tuple[str, ...], required: bool) -> str:
    while True:
        try:
            value = prompt(f"{question}: ").strip()
        except EOFError:
            raise Cancelled("ввод закончен (Ctrl-D); профиль региона не создан") from None
        if value and choices and value not in choices:
            print(f"  «{value}»: допустимы {', '.join(choices)}", file=sys.stderr)
            continue
        if value or not required:
            return value


def ask(values: dict[str, Any], prompt: Callable[[str], str] | None = None) -> dict[str, Any]:
    """Ask for every value not given as an option; the second language's only for a bilingual blank."""
    prompt = prompt or input
    out = dict(values)
    for option, question, *_rest, choices in QUESTIONS:
        if not out.get(option):
            out[option] = _ask(prompt, question, choices, required=option == "name")
    if out.get("template") == "bilingual":
        for option, question, *_rest, choices in BILINGUAL:
            if not out.get(option):
                out[option] = _ask(prompt, question, choices, required=False)
    return out


def profile_data(values: dict[str, Any]) -> dict[str, Any]:
    """The profile's tables from the answers; what was not answered is left to the defaults."""
    data: dict[str, Any] = {}
    for option, _q, table, key, _c in QUESTIONS + BILINGUAL:
        if values.get(option):
            (data.setdefault(table, {}) if table else data)[key] = values[option]
    for option, table, key in FLAGS:
        if values.get(option):
            data.setdefault(table, {})[key] = True
    return data


def validate(data: dict[str, Any], path: Path) -> None:
    """The profile as the loader will read it, and each default table as a body's config takes it."""
    text = tomli_w.dumps(data)
    problems: list[Diagnostic] = []
    try:
        RegionProfile.model_validate(data)
    except ValidationError as e:
        problems += _diagnostics(e, [(path, text)], RegionProfile)
    for table, model in (("blank", BlankSettings), ("marks", MarkSettings), ("order", OrderSettings)):
        try:
            model.model_validate(data.get(table, {}))
        except ValidationError as e:
            problems += [Diagnostic(None, None, f"{table}.{d.key}", d.message)
                         for d in _diagnostics(e, [(path, text)], model)]
    if problems:
        raise ConfigError("профиль региона не создан", problems)


def _check_emblem(agencies: Path, data: dict[str, Any]) -> None:
    """The emblem named: a PNG or SVG file inside agencies/ (as the loader will check it)."""
    from .config import AgencyConfig
    from .emblem import check_emblem

    name = data.get("blank", {}).get("emblem")
    if not name:
        return
    probe = AgencyConfig.model_validate({"agency": {"name": "x", "short": "x"}, "procedure": {"title": "x"},
                                         "blank": {"emblem": name}})
    probe._folder = agencies
    problems = check_emblem(probe, lambda: (Path("--emblem"), None))
    if problems:
        raise ConfigError("профиль региона не создан", problems)


def create_region(agencies: Path, name: str, values: dict[str, Any], interactive: bool | None = None) -> Path:
    check_name(name, "профиля региона", "РЕГИОН")
    path = agencies / "regions" / f"{name}.toml"
    if path.exists():
        raise ConfigError("профиль региона не создан",
                          [Diagnostic(path, None, None, "файл уже есть; выберите другое имя")])
    interactive = sys.stdin.isatty() if interactive is None else interactive
    filled = ask(values) if interactive else values
    if not filled.get("name"):
        raise ConfigError("профиль региона не создан", [Diagnostic(
            None, None, "--name", "укажите наименование субъекта (или запустите в терминале)")])
    if filled.get("template") == "bilingual" and not filled.get("alt_language"):
        raise ConfigError("профиль региона не создан", [Diagnostic(
            None, None, "--alt-language", "двуязычный бланк: укажите код второго языка («tt-RU»), чтобы Word "
            "не отмечал его слова как ошибки")])
    data = profile_data(filled)
    validate(data, path)
    _check_emblem(agencies, data)
    head = f"# {' '.join(str(filled['name']).split())}: создано командой «prikaz new-region {name}».\n"
    write_atomic(path, (SCHEMA_LINE + head + tomli_w.dumps(data)).encode("utf-8"))
    return path
