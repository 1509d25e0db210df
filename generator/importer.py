"""``prikaz import-register``: the register from a spreadsheet (CSV or XLSX) into a config.

Departments keep the register in Excel: one line per touchpoint; the area and the process
may be left blank on the lines that continue a process (merged cells). Needs are separated
by line breaks or «;»; a need that is not in the Порядок's list is written «Другое: …».

The rows are validated by the register's rules before anything is written; the config
file keeps every comment and every line outside its ``[[register.rows]]`` blocks.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from .config import _CONTROL, _INVISIBLE, AgencyConfig, OtherNeed, RegisterRow, Touchpoint, load_agency
from .errors import ConfigError, Diagnostic, PrikazError
from .files import write_atomic
from .paths import agency_file
from .pipeline import compose_located

# column → header words (normalised, lower case) that name it
COLUMNS = {
    "area": ("направление",),
    "process": ("процесс", "наименование процесса", "наименование конкретного процесса"),
    "touchpoint": ("точка взаимодействия",),
    "kind": ("вид точки", "тип точки", "канал"),
    "needs": ("потребност", "осуществляемое взаимодействие"),
    "features": ("особенност",),
}
REQUIRED = ("process", "touchpoint", "needs")
COLUMN_TITLES = {"area": "Направление деятельности", "process": "Наименование процесса",
                 "touchpoint": "Точка взаимодействия", "kind": "Вид точки (цифровая/офлайн)",
                 "needs": "Удовлетворяемые потребности", "features": "Особенности взаимодействия"}
OTHER_PREFIX = re.compile(r"^\s*(другое|иное|другая потребность)\s*:\s*", re.IGNORECASE)


def read_table(path: Path, sheet: str | None = None) -> list[list[str]]:
    """All rows of the first (or the named) sheet, as text."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises many kinds for a broken file
            raise ConfigError(f"не удалось прочитать {path}: {e}") from None
        if sheet and sheet not in book.sheetnames:
            raise ConfigError(f"{path}: нет листа «{sheet}»; листы книги: {', '.join(book.sheetnames)}")
        ws = book[sheet] if sheet else book.worksheets[0]
        table = [["" if v is None else str(v).strip() for v in row] for row in ws.iter_rows(values_only=True)]
        for n, row in enumerate(table, start=1):
            for k, cell in enumerate(row, start=1):
                m = _CONTROL.search(cell) or _INVISIBLE.search(cell)
                if m:
                    raise ConfigError("Перечень не прочитан", [Diagnostic(
                        path, n, f"столбец {k}", f"управляющий или невидимый символ U+{ord(m.group()):04X}; "
                        "удалите его")])
        return table
    if path.suffix.lower() != ".csv":
        raise ConfigError(f"{path}: ожидается файл .csv или .xlsx")
    text = _decode(path, path.read_bytes())
    for n, line in enumerate(text.splitlines(), start=1):
        m = _CONTROL.search(line) or _INVISIBLE.search(line)
        if m:
            column = f"столбец {line.count(';', 0, m.start()) + 1}" if ";" in line else None
            raise ConfigError("Перечень не прочитан", [Diagnostic(
                path, n, column, f"управляющий или невидимый символ U+{ord(m.group()):04X}; удалите его")])
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1251 (Excel's «CSV» on a Russian Windows)."""
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise ConfigError("Перечень не прочитан", [Diagnostic(path, line, None, (
            f"байт 0x{raw[e.start]:02X} не из кодировки UTF-8 и не Windows-1251; сохраните таблицу в UTF-8"))]
        ) from None
    raise AssertionError("unreachable: utf-8 failed above")


def _column_map(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        h = re.sub(r"\s+", " ", cell.lower().replace("ё", "е")).strip()
        for key, words in COLUMNS.items():
            if key not in found and any(h.startswith(w) or w in h for w in words):
                found[key] = i
                break
    return found


def _kind(value: str, features: str) -> str | None:
    v = f"{value} {features}".lower()
    if "цифр" in v or "digital" in v or "онлайн" in v:
        return "digital"
    if "офлайн" in v or "оффлайн" in v or "offline" in v:
        return "offline"
    return None


def _header(table: list[list[str]], path: Path) -> tuple[int, dict[str, int]]:
    """The line of column titles and where each column is; all missing columns reported."""
    header_at = next((i for i, row in enumerate(table) if len(_column_map(row)) >= 3), None)
    if header_at is None:
        raise ConfigError("Перечень не прочитан", [Diagnostic(path, 1, None, "не найдена строка заголовков: нужны "
                                                               "столбцы " + ", ".join(
                                                                   f"«{COLUMN_TITLES[c]}»" for c in REQUIRED))])
    cols = _column_map(table[header_at])
    missing = [c for c in REQUIRED if c not in cols]
    if "kind" not in cols and "features" not in cols:
        missing.append("kind")
    if missing:
        raise ConfigError("Перечень не прочитан", [Diagnostic(
            path, header_at + 1, f"столбец «{COLUMN_TITLES[c]}»", "столбца нет в таблице") for c in missing])
    return header_at, cols


def _needs(text: str) -> list[str | OtherNeed]:
    """The needs of a touchpoint, one a line or separated by «;»; «другое: …» is a need of its own."""
    needs: list[str | OtherNeed] = []
    for need in re.split(r"[;\n]+", text):
        need = need.strip().rstrip(".")
        if need:
            needs.append(OtherNeed(other=OTHER_PREFIX.sub("", need)) if OTHER_PREFIX.match(need) else need)
    return needs


def _touchpoint(cell: Callable[[str], str], name: str, n: int, path: Path) -> Touchpoint | Diagnostic:
    """The touchpoint of one spreadsheet line, or what is wrong with it."""
    features = cell("features")
    kind = _kind(cell("kind"), features)
    if kind is None:
        return Diagnostic(path, n, f"столбец «{COLUMN_TITLES['kind']}»",
                          f"вид точки «{name}» не указан: «цифровая» или «офлайн»")
    if features.lower().replace("оффлайн", "офлайн") in ("цифровая точка", "офлайн точка", "офлайн-точка"):
        features = ""  # the default wording: not stored
    try:
        return Touchpoint(name=name, kind=kind, needs=_needs(cell("needs")),  # type: ignore[arg-type]
                          features=features or None)
    except ValidationError as e:
        return Diagnostic(path, n, f"строка {n}", "; ".join(err["msg"] for err in e.errors()))


def parse_rows(table: list[list[str]], path: Path) -> tuple[list[RegisterRow], dict[tuple[int, int], int]]:
    """Rows of the register and, for each (row, touchpoint), the spreadsheet line it came from."""
    header_at, cols = _header(table, path)
    rows: list[RegisterRow] = []
    origin: dict[tuple[int, int], int] = {}
    problems: list[Diagnostic] = []
    area = ""
    for n, line in enumerate(table[header_at + 1:], start=header_at + 2):
        if not any(c.strip() for c in line) or re.fullmatch(r"[\d\s]+", " ".join(line)):
            continue  # empty lines and the row of column numbers 1 2 3 …

        def cell(key: str, line: list[str] = line) -> str:
            i = cols.get(key)
            return line[i].strip() if i is not None and i < len(line) else ""

        area = cell("area") or area
        if cell("process"):
            rows.append(RegisterRow(area=area, process=cell("process")))
        elif not rows:
            problems.append(Diagnostic(path, n, f"столбец «{COLUMN_TITLES['process']}»",
                                       "первая строка Перечня без наименования процесса"))
            continue
        if not cell("touchpoint"):
            continue
        tp = _touchpoint(cell, cell("touchpoint"), n, path)
        if isinstance(tp, Diagnostic):
            problems.append(tp)
            continue
        rows[-1].touchpoints.append(tp)
        origin[(len(rows) - 1, len(rows[-1].touchpoints) - 1)] = n
    if problems:
        raise ConfigError("Перечень не прочитан", problems)
    return rows, origin


def _row_lines(text: str) -> tuple[int, int] | None:
    """The span of lines [start, end) that the ``[[register.rows]]`` blocks take."""
    lines = re.split(r"(?<=\n)", text)
    start = end = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("["):
            if re.match(r"^\[\[?\s*register\.rows(\.|\s*\])", stripped):
                start = i if start is None else start
                end = None
            elif start is not None and end is None:
                end = i
    if start is None:
        return None
    # keep a comment block that ends right above the first row (hand-written) out of the span
    return start, end if end is not None else len(lines)


def write_rows(config_text: str, rows: list[RegisterRow], source: Path) -> str:
    """The config text with its register rows replaced; all other lines unchanged."""
    if re.search(r"(?m)^\s*rows\s*=", config_text):
        raise ConfigError("строки Перечня записаны как «rows = [...]»: перенесите их в блоки [[register.rows]] "
                          "или удалите, затем повторите импорт")
    data = {"register": {"rows": [r.model_dump(exclude_defaults=True, mode="python") for r in rows]}}
    block = (f"# Строки Перечня: импортированы командой «prikaz import-register» из {source.name}.\n"
             "# Правьте таблицу и импортируйте её снова: эти строки перезаписываются.\n" + tomli_w.dumps(data))
    block = re.sub(r"(?m)^\[register\]\n", "", block)  # the table header is already in the config
    lines = re.split(r"(?<=\n)", config_text)
    span = _row_lines(config_text)
    if span is None:
        tail = "" if config_text.endswith("\n") else "\n"
        return config_text + tail + "\n" + block
    start, end = span
    # drop a previous import's comment header right above the rows
    while start > 0 and lines[start - 1].startswith(("# Строки Перечня: импортированы", "# Правьте таблицу")):
        start -= 1
    rest = "".join(lines[end:])
    return "".join(lines[:start]) + block + ("\n" + rest if rest.strip() else "")


def import_register(agencies: Path, slug: str, source: Path, sheet: str | None = None) -> tuple[Path, int]:
    config_path = agency_file(agencies, slug)
    if not config_path.exists():
        raise ConfigError(f"нет конфигурации {config_path}")
    if not source.exists():
        raise ConfigError(f"нет файла {source}")
    if not source.is_file():
        raise ConfigError(f"{source}: это не файл таблицы, а папка или устройство; укажите файл .csv или .xlsx")
    rows, origin = parse_rows(read_table(source, sheet), source)
    cfg = load_agency(config_path)
    new_text = write_rows(config_path.read_text(encoding="utf-8"), rows, source)
    tmp = config_path.with_name(f".{config_path.stem}.import.toml")
    tmp.write_text(new_text, encoding="utf-8")
    try:
        checked: AgencyConfig = load_agency(tmp)
        compose_located(checked, slug, tmp)
    except PrikazError as e:
        raise ConfigError("Перечень не соответствует правилам Порядка; конфигурация не изменена",
                          [_to_sheet(d, source, origin) for d in e.diagnostics]) from None
    finally:
        tmp.unlink(missing_ok=True)
    del cfg
    write_atomic(config_path, new_text.encode("utf-8"))
    return config_path, len(rows)


def _to_sheet(d: Diagnostic, source: Path, origin: dict[tuple[int, int], int]) -> Diagnostic:
    """A breach of a rule, located in the spreadsheet (its line and column)."""
    m = re.match(r"register\.rows\[(\d+)\](?:\.touchpoints\[(\d+)\])?\.?(\w+)?", d.key or "")
    if not m:
        return d
    r, t, field = int(m.group(1)), int(m.group(2) or 0), m.group(3) or ""
    line = origin.get((r, t)) or min((v for (rr, _), v in origin.items() if rr == r), default=None)
    column = {"name": "touchpoint", "area": "area", "process": "process", "needs": "needs",
              "kind": "kind", "touchpoints": "touchpoint"}.get(field, field)
    return Diagnostic(source, line, f"столбец «{COLUMN_TITLES.get(column, column)}»", d.message)
