"""Bad inputs of every kind a user or a damaged disk can give, beyond the broken configs of
test_broken_configs.py: each is refused with its exit code, a located Russian message, no
traceback, and everything written before (outputs, configs, editions) stays byte-identical.
Together with test_broken_configs.py: more than a hundred cases."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.cli import main
from generator.signing import sign

from .conftest import AGENCIES
from .test_broken_configs import CASES as BROKEN_CONFIGS

M, A, MO, G = "murmansk-tourism", "altai-zags", "model", "kaliningrad-gostekhnadzor"
Setup = Callable[[Path], object]  # its return value is ignored


@dataclass
class Bad:
    id: str
    setup: Setup  # changes the copy of agencies/ (and may create files next to it)
    argv: list[str]  # after «--agencies AG»; «OUT» is replaced by the output folder
    code: int
    message: str  # words the message must contain
    where: str = ""  # «FILE:LINE» or «FILE»: the place the message must name («AG/» = the agencies copy)
    signed: bool = False  # sign murmansk-tourism's original order before setup


def sub(slug: str, old: str, new: str, file: str = "") -> Setup:
    def apply(ag: Path) -> None:
        path = ag / (file or f"{slug}.toml")
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def append(slug: str, extra: str) -> Setup:
    def apply(ag: Path) -> None:
        path = ag / f"{slug}.toml"
        path.write_text(path.read_text(encoding="utf-8") + "\n" + extra + "\n", encoding="utf-8")
    return apply


def raw(slug: str, make: Callable[[bytes], bytes]) -> Setup:
    def apply(ag: Path) -> None:
        path = ag / f"{slug}.toml"
        path.write_bytes(make(path.read_bytes()))
    return apply


def replace_with_dir(rel: str) -> Setup:
    def apply(ag: Path) -> None:
        path = ag / rel
        path.unlink()
        path.mkdir()
        (path / "x").write_text("x", encoding="utf-8")
    return apply


def edition(old: str, new: str, count: int = 1) -> Setup:
    """Change the signed edition of murmansk-tourism."""
    def apply(ag: Path) -> None:
        path = next((ag / f"{M}.editions").glob("01-*.toml"))
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return apply


def write(rel: str, data: bytes | str) -> Setup:
    def apply(ag: Path) -> None:
        path = ag.parent / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return apply


def nothing(ag: Path) -> None:
    return None


BUILD = ["build", "--no-pdf", "--out", "OUT"]
AMEND = ["amend", M, "--date", "2025-03-01", "--number", "5", "--no-pdf", "--out", "OUT"]
CSV_HEAD = "Направление деятельности;Наименование процесса;Точка взаимодействия;Вид точки;Удовлетворяемые потребности\n"
MT = f"AG/{M}.toml"
ED = f"AG/{M}.editions/01-2024-02-28-21.toml"
LONG = "Комитет " + "очень " * 60 + "длинный"

def _symlink_outside(ag: Path) -> None:
    (ag / "evil.toml").symlink_to(ag.parent / "outside.toml")
    (ag.parent / "outside.toml").write_text((ag / f"{M}.toml").read_text(encoding="utf-8"), encoding="utf-8")


def _replace_by(path: Path, link: str | None) -> None:
    """The file replaced by a link to ``link``, or by a folder."""
    path.unlink()
    if link is None:
        path.mkdir()
    else:
        path.symlink_to(link)


CASES: list[Bad] = [
    # --- syntax and encoding of the config file
    Bad("bom", raw(M, lambda b: b"\xef\xbb\xbf" + b), [*BUILD, M], 2, "метки порядка байтов (BOM)", f"{MT}:1"),
    Bad("unclosed-array-at-end", append(M, "foo = ["), [*BUILD, M], 2, "синтаксическая ошибка TOML", f"{MT}:"),
    Bad("unclosed-inline-table-at-end", append(M, "foo = { a = 1"), [*BUILD, M], 2, "синтаксическая ошибка", f"{MT}:"),
    Bad("invalid-utf8", raw(M, lambda b: b.replace("Комитет по туризму".encode(), b"\xff\xfe", 1)), [*BUILD, M], 2,
        "не из кодировки UTF-8", f"{MT}:2"),
    Bad("cp1251-file", raw(M, lambda b: b.decode("utf-8").encode("cp1251", errors="replace")), [*BUILD, M], 2,
        "UTF-8", f"{MT}:"),
    Bad("nul-byte", raw(M, lambda b: b.replace(b'short = "', b'short = "\x00', 1)), [*BUILD, M], 2, "TOML", f"{MT}:"),
    Bad("deep-inline-tables", append(M, "deep = " + "{ a = " * 400 + "1" + " }" * 400), [*BUILD, M], 2,
        "вложенность", f"{MT}:"),
    Bad("deep-arrays", append(M, "deep = " + "[" * 600 + "]" * 600), [*BUILD, M], 2, "вложенность", f"{MT}:"),
    Bad("deep-in-check", append(M, "deep = " + "[" * 600 + "]" * 600), ["check", M], 2, "вложенность", f"{MT}:"),
    Bad("invalid-statement", append(M, "это не TOML"), [*BUILD, M], 2, "синтаксическая ошибка TOML", f"{MT}:"),
    Bad("value-without-quotes", sub(M, 'short = "Комитет"', "short = Комитет"), [*BUILD, M], 2,
        "синтаксическая ошибка TOML", f"{MT}:7"),
    Bad("empty-file", raw(M, lambda b: b""), [*BUILD, M], 2, "обязательный ключ отсутствует", MT),
    Bad("binary-garbage", raw(M, lambda b: bytes(range(256)) * 4), [*BUILD, M], 2, "", MT),
    # --- files that are not files
    Bad("config-is-a-directory", replace_with_dir(f"{M}.toml"), [*BUILD, M], 2, "это не файл, а папка", MT),
    Bad("config-is-a-directory-check", replace_with_dir(f"{M}.toml"), ["check", M], 2, "папка", MT),
    Bad("region-is-a-directory", replace_with_dir("regions/murmansk.toml"), [*BUILD, M], 2, "нет профиля региона",
        f"{MT}:3"),
    Bad("editions-entry-is-a-directory", lambda ag: (ag / f"{M}.editions" / "01-2024-02-28-21.toml").mkdir(
        parents=True), [*BUILD, M], 2, "папка", f"AG/{M}.editions/01-2024-02-28-21.toml"),
    Bad("config-missing", nothing, [*BUILD, "no-such-body"], 2, "нет органа «no-such-body»", "AG/no-such-body.toml"),
    # --- hostile paths
    Bad("slug-parent-path", nothing, [*BUILD, "../../x"], 2, "не имя, а путь", ""),
    Bad("slug-absolute", nothing, [*BUILD, "/tmp/x"], 2, "не имя, а путь", ""),
    Bad("slug-dot", nothing, [*BUILD, "."], 2, "не имя, а путь", ""),
    Bad("slug-with-slash-check", nothing, ["check", "regions/murmansk"], 2, "не имя, а путь", ""),
    Bad("slug-parent-sign", nothing, ["sign", "../../x", "--date", "2024-02-28", "--number", "21"], 2,
        "не имя, а путь", ""),
    Bad("slug-parent-amend", nothing, ["amend", "../x", "--date", "2024-02-28", "--number", "21", "--no-pdf",
                                       "--out", "OUT"], 2, "не имя, а путь", ""),
    Bad("slug-parent-import", write("sheet.csv", CSV_HEAD), ["import-register", "../x", "SHEET"], 2, "не имя, а путь",
        ""),
    Bad("slug-parent-preview", nothing, ["preview", "../..", "--out", "OUT"], 2, "не имя, а путь", ""),
    Bad("slug-new-with-slash", nothing, ["new", "../evil", "--name", "Комитет", "--short", "Комитет", "--region",
                                        "murmansk", "--date", "2024-01-01", "--number", "1",
                                        "--signatory-position", "Председатель", "--signatory", "И.И. Иванов"],
        2, "латинские строчные буквы", ""),
    Bad("region-parent-path", sub(M, 'region = "murmansk"', 'region = "../../../../etc/secret"'), [*BUILD, M], 2,
        "не имя, а путь", f"{MT}:3"),
    Bad("region-absolute", sub(M, 'region = "murmansk"', 'region = "/etc/passwd"'), [*BUILD, M], 2,
        "не имя, а путь", f"{MT}:3"),
    Bad("config-symlink-outside", lambda ag: _symlink_outside(ag),
        [*BUILD, "evil"], 2, "за пределы папки", ""),
    Bad("region-symlink-outside", lambda ag: _replace_by(ag / "regions" / "murmansk.toml", "/etc/hostname"),
        [*BUILD, M], 2, "за пределы папки", ""),
    Bad("out-is-a-file", write("outfile", "x"), ["build", "--no-pdf", "--out", "OUTFILE", M], 5, "не папка, а файл",
        ""),
    Bad("out-is-root", nothing, ["build", "--no-pdf", "--out", "/", M], 5, "корень файловой системы", ""),
    Bad("out-is-agencies", nothing, ["build", "--no-pdf", "--out", "AGDIR", M], 5, "папка конфигураций", ""),
    Bad("amend-out-is-a-file", write("outfile", "x"), [*AMEND[:-1], "OUTFILE"], 5, "не папка, а файл", "",
        signed=True),
    # --- values accepted silently before
    Bad("number-blank", sub(M, 'number = "21"', 'number = "  "'), [*BUILD, M], 2, "пустым", f"{MT}:11"),
    Bad("newline-in-name", sub(M, 'name = "Комитет по туризму Мурманской области"',
                               'name = "Комитет по туризму\\nМурманской области"'), [*BUILD, M], 2,
        "перенос строки", f"{MT}:6"),
    Bad("newline-in-short", sub(M, 'short = "Комитет"', 'short = "Коми\\nтет"'), [*BUILD, M], 2, "перенос строки",
        f"{MT}:7"),
    Bad("rlo-in-preamble", sub(M, "«Государство для людей»", "«Государство\\u202e для людей»"), [*BUILD, M], 2,
        "невидимый символ U+202E", f"{MT}:12"),
    Bad("zwsp-in-name", sub(M, 'name = "Комитет по туризму', 'name = "Комитет\\u200b по туризму'), [*BUILD, M], 2,
        "невидимый символ U+200B", f"{MT}:6"),
    Bad("bom-char-in-text", sub(M, 'short = "Комитет"', 'short = "\\ufeffКомитет"'), [*BUILD, M], 2,
        "невидимый символ U+FEFF", f"{MT}:7"),
    Bad("c1-control", sub(M, 'short = "Комитет"', 'short = "Комитет\\u0085"'), [*BUILD, M], 2,
        "управляющий символ U+0085", f"{MT}:7"),
    Bad("esc-in-signatory", sub(M, 'person = "А.В. Елисеев"', 'person = "А.В.\\u001b Елисеев"'), [*BUILD, M], 2,
        "управляющий символ U+001B", f"{MT}:"),
    Bad("bogus-header-column", sub(A, 'headers = { area = ', 'headers = { bogus = "x", area = '), [*BUILD, A], 2,
        "недопустимое значение", f"AG/{A}.toml:198"),
    Bad("columns-empty", sub(A, 'columns = ["number", "area", "process", "touchpoint", "needs", "features"]',
                             "columns = []"), [*BUILD, A], 2, "список не может быть пустым", f"AG/{A}.toml:197"),
    Bad("columns-repeated", sub(A, 'columns = ["number", "area",', 'columns = ["number", "number", "area",'),
        [*BUILD, A], 2, "больше одного раза", f"AG/{A}.toml:197"),
    Bad("two-replace-overrides", append(M, '[[procedure.overrides]]\naction = "replace"\nid = "keeper_units"\n'
                                           'text = "- другой текст"'), [*BUILD, M], 2, "изменяется дважды", f"{MT}:"),
    Bad("unclosed-ref", sub(M, "{short:gent}, которые непосредственно", "{ref:keeper_units, которые непосредственно"),
        [*BUILD, M], 2, "не закрыта", f"{MT}:"),
    Bad("date-year-one", sub(M, "date = 2024-02-28", "date = 0001-01-01"), [*BUILD, M], 2, "вне разумных пределов",
        f"{MT}:10"),
    Bad("date-far-future", sub(M, "date = 2024-02-28", "date = 9999-12-31"), [*BUILD, M], 2, "вне разумных пределов",
        f"{MT}:10"),
    Bad("date-with-time", sub(M, "date = 2024-02-28", "date = 2024-02-28T10:00:00"), [*BUILD, M], 2,
        "ожидается дата", f"{MT}:10"),
    Bad("number-as-float", sub(M, 'number = "21"', "number = 21.5"), [*BUILD, M], 2, "ожидается строка", f"{MT}:11"),
    Bad("bool-as-int", append(M, "[order.control]\nby_head = 1"), [*BUILD, M], 2, "ожидается true или false",
        f"{MT}:"),
    Bad("table-instead-of-text", sub(M, 'short = "Комитет"', 'short = { a = 1 }'), [*BUILD, M], 2,
        "ожидается строка", f"{MT}:7"),
    Bad("text-instead-of-table", sub(M, 'region = "murmansk"', 'region = "murmansk"\nlayout = "big"'), [*BUILD, M], 2, "ожидается таблица", f"{MT}:4"),
    Bad("margin-too-small", append(M, "[layout]\nmargin_left_mm = 1"), [*BUILD, M], 2, "значение слишком мало",
        f"{MT}:"),
    Bad("font-size-huge", append(M, "[layout]\nfont_size = 72"), [*BUILD, M], 2, "значение слишком велико", f"{MT}:"),
    Bad("share-above-one", append(M, "[amendment]\nwhole_register_share = 2.0"), [*BUILD, M], 2,
        "значение слишком велико", f"{MT}:"),
    Bad("inserted-numbering-unknown", append(M, '[amendment]\ninserted_numbering = "letters"'), [*BUILD, M], 2,
        "недопустимое значение", f"{MT}:"),
    Bad("kind-unknown", sub(M, 'region = "murmansk"', 'region = "murmansk"\nkind = "decree"'), [*BUILD, M], 2,
        "недопустимое значение", f"{MT}:4"),
    Bad("gender-unknown", append(M, '[order.control]\nby_head = false\ndeputy = { position = "Заместитель", '
                                     'person = "А.Б. Вов", gender = "x" }'), [*BUILD, M], 2, "недопустимое значение",
        f"{MT}:"),
    Bad("placeholder-case-in-region", sub(M, 'place = "г. Мурманск"', 'place = "г. {name:xyz}"',
                                          "regions/murmansk.toml"), [*BUILD, M], 2, "неизвестный падеж",
        "AG/regions/murmansk.toml:7"),
    Bad("region-bom", lambda ag: (ag / "regions/murmansk.toml").write_bytes(
        b"\xef\xbb\xbf" + (ag / "regions/murmansk.toml").read_bytes()), [*BUILD, M], 2, "BOM",
        "AG/regions/murmansk.toml:1"),
    Bad("region-not-utf8", lambda ag: (ag / "regions/murmansk.toml").write_bytes(
        (ag / "regions/murmansk.toml").read_bytes() + b'\nx = "\xff"\n'), [*BUILD, M], 2, "UTF-8",
        "AG/regions/murmansk.toml:"),
    Bad("region-unknown-key", lambda ag: (ag / "regions/murmansk.toml").write_text(
        (ag / "regions/murmansk.toml").read_text(encoding="utf-8") + "\nbogus = 1\n", encoding="utf-8"),
        [*BUILD, M], 2, "неизвестный ключ", "AG/regions/murmansk.toml:"),
    Bad("override-text-empty-id", append(M, '[[procedure.overrides]]\naction = "remove"\nid = ""'), [*BUILD, M], 2,
        "не может быть пустым", f"{MT}:"),
    # --- damaged editions: amend refuses and writes nothing; build refuses the body
    Bad("edition-control-char", edition("Общие положения", "Общие\\u0007 положения"), AMEND, 2,
        "управляющий символ U+0007", f"{ED}:", signed=True),
    Bad("edition-duplicate-id", edition('id = "control"', 'id = "approve_procedure"'), AMEND, 2, "повторяется",
        f"{ED}:", signed=True),
    Bad("edition-depth-jump", edition('depth = 1\nkind = "clause"\nid = "purpose"',
                                      'depth = 7\nkind = "clause"\nid = "purpose"'), AMEND, 2,
        "пропущен уровень", f"{ED}:", signed=True),
    Bad("edition-depth-out-of-range", edition("depth = 0", "depth = 99"), AMEND, 2, "значение слишком велико",
        f"{ED}:", signed=True),
    Bad("edition-depth-negative", edition("depth = 0", "depth = -1"), AMEND, 2, "значение слишком мало", f"{ED}:",
        signed=True),
    Bad("edition-number-words", edition('number = "1."', 'number = "два"'), AMEND, 2, "", f"{ED}:", signed=True),
    Bad("edition-unknown-format", edition("format = 2", "format = 99"), AMEND, 2, "версия формата редакции 99",
        f"{ED}:3", signed=True),
    Bad("edition-format-as-text", edition("format = 2", 'format = "1"'), AMEND, 2, "ожидается целое число",
        f"{ED}:3", signed=True),
    Bad("edition-wrong-slug", edition(f'slug = "{M}"', 'slug = "altai-zags"'), AMEND, 2,
        "лежит в папке редакций", f"{ED}:4", signed=True),
    Bad("edition-slug-path", edition(f'slug = "{M}"', 'slug = "../../x"'), AMEND, 2, "", f"{ED}:4", signed=True),
    Bad("edition-unknown-kind", edition('kind = "clause"', 'kind = "chapter"'), AMEND, 2, "недопустимое значение",
        f"{ED}:", signed=True),
    Bad("edition-unknown-key", edition("format = 2", "format = 2\nbogus = 2"), AMEND, 2, "неизвестный ключ",
        f"{ED}:4", signed=True),
    Bad("edition-act-number-empty", edition('number = "21"', 'number = ""'), AMEND, 2, "", f"{ED}:", signed=True),
    Bad("edition-no-acts", edition("[[acts]]\ndate = 2024-02-28", "[[other]]\ndate = 2024-02-28"), AMEND, 2, "",
        f"{ED}:", signed=True),
    Bad("edition-mark-of-unknown-act", edition('text = "Общие положения"',
                                               'text = "Общие положения"\nhistory = [{ act = 5, change = "amended" }]'),
        AMEND, 2, "приказа № 5 нет", f"{ED}:", signed=True),
    Bad("edition-register-row-width", edition('lines = [\n    [', 'lines = [\n    [\n        "лишняя",'), AMEND, 2,
        "ячеек", f"{ED}:", signed=True),
    Bad("edition-syntax", edition("format = 2", "format = "), AMEND, 2, "синтаксическая ошибка TOML", f"{ED}:3",
        signed=True),
    Bad("edition-bom", lambda ag: next((ag / f"{M}.editions").glob("01-*.toml")).write_bytes(
        b"\xef\xbb\xbf" + next((ag / f"{M}.editions").glob("01-*.toml")).read_bytes()), AMEND, 2, "BOM", f"{ED}:1",
        signed=True),
    Bad("edition-build-refuses", edition("format = 2", "format = 3"), [*BUILD, M], 2, "версия формата", f"{ED}:3",
        signed=True),
    Bad("edition-symlink-outside", lambda ag: (ag / f"{M}.editions" / "02-2025-01-01-1.toml").symlink_to("/etc/hostname"),
        [*BUILD, M], 2, "за пределы папки", "", signed=True),
    # --- command parameters
    Bad("sign-number-blank", nothing, ["sign", M, "--date", "2024-02-28", "--number", "  "], 2, "номер приказа", ""),
    Bad("sign-number-control", nothing, ["sign", M, "--date", "2024-02-28", "--number", "2\x1b1"], 2,
        "номер приказа", ""),
    Bad("sign-number-rlo", nothing, ["sign", M, "--date", "2024-02-28", "--number", "2\u202e1"], 2, "номер приказа", ""),
    Bad("sign-number-too-long", nothing, ["sign", M, "--date", "2024-02-28", "--number", "1" * 200], 2,
        "номер приказа", ""),
    Bad("sign-date-invalid", nothing, ["sign", M, "--date", "2024-02-30", "--number", "21"], 2, "ожидается дата", ""),
    Bad("sign-number-mismatch", nothing, ["sign", M, "--date", "2024-02-28", "--number", "22"], 2,
        "реквизиты не совпадают", f"{MT}:11"),
    Bad("amend-without-edition", nothing, AMEND, 2, "нет подписанной редакции", MT),
    Bad("amend-nothing-changed", nothing, AMEND, 2, "изменений нет", MT, signed=True),
    Bad("amend-date-before", nothing, ["amend", M, "--date", "2020-01-01", "--number", "5", "--no-pdf", "--out", "OUT"],
        2, "раньше последнего подписанного", "", signed=True),
    Bad("pdf-timeout-zero", nothing, ["build", "--pdf-timeout", "0", M], 2, "секунд", ""),
    Bad("pdf-timeout-text", nothing, ["build", "--pdf-timeout", "долго", M], 2, "секунд", ""),
    Bad("new-name-injection", nothing, ["new", "murmansk-culture", "--name",
                                        'Комитет по культуре\nkind = "procedure" #', "--short", "Комитет",
                                        "--region", "murmansk", "--date", "2024-05-15", "--number", "37",
                                        "--signatory-position", "Председатель {name:gent}",
                                        "--signatory", "И.И. Иванов"], 2, "перенос строки", ""),
    Bad("new-region-path", nothing, ["new", "murmansk-culture", "--name", "Комитет по культуре Мурманской области",
                                     "--short", "Комитет", "--region", "../../etc/x", "--date", "2024-05-15",
                                     "--number", "37", "--signatory-position", "Председатель {name:gent}",
                                     "--signatory", "И.И. Иванов"], 2, "не имя, а путь", ""),
    Bad("new-bad-date", nothing, ["new", "murmansk-culture", "--name", "Комитет по культуре Мурманской области",
                                  "--short", "Комитет", "--region", "murmansk", "--date", "2024-13-01", "--number", "37",
                                  "--signatory-position", "Председатель", "--signatory", "И.И. Иванов"], 2,
        "не существует", ""),
    Bad("new-existing", nothing, ["new", M, "--name", "Комитет", "--short", "Комитет", "--region", "murmansk",
                                  "--date", "2024-05-15", "--number", "37", "--signatory-position", "Председатель",
                                  "--signatory", "И.И. Иванов"], 2, "файл уже есть", MT),
    # --- import-register
    Bad("import-nul", write("sheet.csv", CSV_HEAD + "Прием;Процесс\x00;Сайт;цифровая;Получение информации\n"),
        ["import-register", A, "SHEET"], 2, "управляющий или невидимый символ U+0000", "SHEET:2"),
    Bad("import-esc", write("sheet.csv", CSV_HEAD + "Прием;Процесс;Сайт\x1b;цифровая;Получение информации\n"),
        ["import-register", A, "SHEET"], 2, "U+001B", "SHEET:2"),
    Bad("import-not-utf8-nor-cp1251", write("sheet.csv", CSV_HEAD.encode("utf-8") + b"\x98\x98;x;y;z;w\n"),
        ["import-register", A, "SHEET"], 2, "не из кодировки UTF-8 и не Windows-1251", "SHEET:2"),
    Bad("import-directory", lambda ag: (ag.parent / "sheet.csv").mkdir(), ["import-register", A, "SHEET"], 2,
        "папка", ""),
    Bad("import-missing", nothing, ["import-register", A, "SHEET"], 2, "нет файла", ""),
    Bad("import-wrong-extension", write("sheet.csv.txt", "x"), ["import-register", A, "SHEETTXT"], 2,
        "ожидается файл .csv или .xlsx", ""),
    Bad("import-no-header", write("sheet.csv", "a;b;c\n1;2;3\n"), ["import-register", A, "SHEET"], 2,
        "не найдена строка заголовков", "SHEET:1"),
    Bad("import-broken-xlsx", write("sheet.xlsx", b"PK\x03\x04 not a workbook"), ["import-register", A, "SHEETX"], 2,
        "не удалось прочитать", ""),
    Bad("import-no-kind", write("sheet.csv", CSV_HEAD + "Прием;Процесс;Сайт;;Получение информации\n"),
        ["import-register", A, "SHEET"], 2, "вид точки", "SHEET:2"),
    # --- the manifest: damaged is a warning and a full rebuild, never a failure (code 0)
    Bad("manifest-deep-json", write("out/.prikaz-manifest.json", "[" * 100000 + "]" * 100000), [*BUILD, M], 0,
        "манифест сборки", ""),
    Bad("manifest-not-json", write("out/.prikaz-manifest.json", "{ nonsense"), [*BUILD, M], 0, "манифест сборки", ""),
    Bad("manifest-wrong-shape", write("out/.prikaz-manifest.json", '{"format": 1, "entries": {"x": [1, 2]}}'),
        [*BUILD, M], 0, "", ""),
    Bad("manifest-hostile-paths", write("out/.prikaz-manifest.json", '{"format": 1, "entries": {"murmansk-tourism:'
                                        'pdf=False;draft=False": {"inputs": "x", "outputs": {"../../etc/passwd": '
                                        '"00"}}}}'), [*BUILD, M], 0, "", ""),
    Bad("manifest-is-a-directory", lambda ag: _replace_by(ag.parent / "out" / ".prikaz-manifest.json", None),
        [*BUILD, M], 0, "манифест сборки", ""),
    Bad("manifest-not-utf8", write("out/.prikaz-manifest.json", b"\xff\xfe\x00"), [*BUILD, M], 0, "манифест сборки",
        ""),
]


def _snapshot(root: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    out = {}
    for p in sorted(root.rglob("*")):
        rel = str(p.relative_to(root))
        if p.is_file() and not p.is_symlink() and not rel.startswith(skip):
            out[rel] = p.read_bytes()
    return out


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("baseline")
    build(AGENCIES, out, [M, A, MO, G], pdf=False)
    return out


def test_more_than_a_hundred_bad_inputs() -> None:
    assert len(CASES) + len(BROKEN_CONFIGS) >= 100, len(CASES) + len(BROKEN_CONFIGS)
    assert len({c.id for c in CASES}) == len(CASES)


def _argv(case: Bad, ag: Path, out: Path) -> list[str]:
    swap = {"OUT": str(out), "OUTFILE": str(ag.parent / "outfile"), "AGDIR": str(ag), "SHEET": str(ag.parent / "sheet.csv"),
            "SHEETTXT": str(ag.parent / "sheet.csv.txt"), "SHEETX": str(ag.parent / "sheet.xlsx")}
    return ["--agencies", str(ag), *(swap.get(a, a) for a in case.argv)]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Bad, baseline: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ag = tmp_path / "agencies"
    shutil.copytree(AGENCIES, ag)
    out = tmp_path / "out"
    shutil.copytree(baseline, out)
    if case.signed:
        sign(ag, M, dt.date(2024, 2, 28), "21")
    case.setup(ag)
    manifest_case = case.id.startswith("manifest-")
    before_out = _snapshot(out, (".prikaz-manifest.json",) if manifest_case else ())
    before_ag = _snapshot(ag)
    code = main(_argv(case, ag, out)) if not case.id.startswith(("sign-date", "sign-number-blank", "sign-number-control", "sign-number-rlo", "sign-number-too", "pdf-timeout")) else _argparse(case, ag,
                                                                                                          out)
    err = capsys.readouterr().err
    assert code == case.code, err
    assert "Traceback" not in err and "Error:" not in err.replace("Ошибка:", ""), err
    assert case.message in err, err
    if case.where:
        where = case.where.replace("AG/", f"{ag}/").replace("SHEET", str(ag.parent / "sheet.csv"))
        assert where in err, err
    if case.code:
        assert re.search(r"[а-яё]{4}", err), err  # worded in Russian
        assert _snapshot(out) == before_out  # nothing written over what was built
        assert _snapshot(ag) == before_ag  # no config, edition or import changed
        assert not [p for p in out.rglob("*.tmp")]
    else:
        assert _snapshot(out, (".prikaz-manifest.json",)) == before_out  # rebuilt: the same bytes


def _argparse(case: Bad, ag: Path, out: Path) -> int:
    """Parameters argparse refuses: it exits with code 2 after its message."""
    with pytest.raises(SystemExit) as e:
        main(_argv(case, ag, out))
    return int(e.value.code or 0)


# --- generated structures: any TOML value in any key is a located error or a build --------

KEYS = [("agency", "short"), ("order", "number"), ("order", "date"), ("procedure", "numbering"),
        ("procedure", "terms"), ("procedure", "update_days"), ("register", "columns"), ("layout", "font_size"),
        ("order", "control"), ("marks", "number_sign"), ("blank", "place"), ("procedure", "overrides")]
values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30) | st.dates(min_value=dt.date(1, 1, 1)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text("abcxyz_", min_size=1, max_size=6), inner,
                                                                max_size=4),
    max_leaves=12).filter(lambda v: v is not None)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(KEYS), value=values)
def test_any_value_in_any_key(key: tuple[str, str], value: object, tmp_path_factory: pytest.TempPathFactory) -> None:
    import tomllib

    ag = tmp_path_factory.mktemp("gen") / "agencies"
    shutil.copytree(AGENCIES, ag, ignore=shutil.ignore_patterns("*.editions"))
    path = ag / f"{M}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data.setdefault(key[0], {})[key[1]] = value
    try:
        text = tomli_w.dumps(data)
    except (TypeError, ValueError):
        return  # tomli_w cannot write it: no file a user could have
    path.write_text(text, encoding="utf-8")
    out = ag.parent / "out"
    code = main(["--agencies", str(ag), "check", M])
    assert code in (0, 2, 3)
    results = build(ag, out, [M], pdf=False)
    assert results[0].code in (0, 2, 3), results[0].error
    if results[0].error:
        assert str(path) in results[0].error or "конфигурация" in results[0].error, results[0].error
        assert not out.joinpath(M).exists()


def test_bad_inputs_leave_no_process(tmp_path: Path) -> None:
    """The suite ran in this process: no child of it is left behind (but the Typst
    typesetter of this process, which waits for the next document and ends with it)."""
    from generator.writers.typst.typesetter import running

    children = [p for p in os.listdir("/proc") if p.isdigit() and _parent(int(p)) == os.getpid()
                and not _is_resource_tracker(int(p)) and int(p) != running()]
    assert children == []


def _is_resource_tracker(pid: int) -> bool:
    """multiprocessing's own helper of spawned workers (it ends with this process)."""
    try:
        return b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _parent(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])
