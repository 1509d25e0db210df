"""The command line: «prikaz build», «prikaz list»."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from .argparse_ru import Parser
from .designations import number_problem
from .errors import ConfigError, PrikazError
from .writers import PDF_ENGINES

PDF_ENGINE_HELP = ("чем делать PDF: typst — набор из дерева документа (по умолчанию), "
                   "libreoffice — отрисовка DOCX (нужен LibreOffice)")
CASE_NAMES = {"nomn": "именительный", "gent": "родительный", "datv": "дательный",
              "accs": "винительный", "ablt": "творительный", "loct": "предложный"}


def _parser() -> argparse.ArgumentParser:
    p = Parser(prog="prikaz", description="Сборка приказов об утверждении Порядка ведения "
                                "перечня точек взаимодействия с клиентом из конфигураций органов.")
    p.add_argument("--agencies", type=Path, default=Path("agencies"),
                   help="папка с конфигурациями органов (по умолчанию agencies/)")
    p.add_argument("--debug", action="store_true", help="показывать трассировку при ошибках")
    sub = p.add_subparsers(dest="command", required=True, metavar="КОМАНДА")
    for add in (_add_build, _add_new, _add_checks, _add_signing, _add_amend, _add_preview, _add_new_region,
                _add_catalog):
        add(sub)
    return p


def _add_build(sub: Any) -> None:
    b = sub.add_parser("build", help="собрать приказы (все органы, если не указаны)")
    b.add_argument("slugs", nargs="*", metavar="ОРГАН", help="имя файла конфигурации без .toml")
    b.add_argument("--out", type=Path, default=Path("out"), help="папка результатов (по умолчанию out/)")
    b.add_argument("--no-pdf", action="store_true", help="не делать PDF (только DOCX и текст)")
    b.add_argument("--force", action="store_true", help="пересобрать всё, даже то, что не изменилось")
    b.add_argument("--workers", type=int, help="число параллельных процессов (по умолчанию — по числу ядер)")
    _pdf_options(b)
    b.add_argument("--draft", action="store_true",
                   help="проект: отметка «ПРОЕКТ» и лист согласования; результат в out/<орган>/draft/")
    sub.add_parser("list", help="перечислить органы и их результаты")


def _add_checks(sub: Any) -> None:
    im = sub.add_parser("import-register", help="загрузить строки Перечня из таблицы (CSV, XLSX) в конфигурацию")
    im.add_argument("slug", metavar="ОРГАН")
    im.add_argument("file", type=Path, metavar="ФАЙЛ", help="таблица .csv или .xlsx")
    im.add_argument("--sheet", help="лист книги Excel (по умолчанию первый)")
    sc = sub.add_parser("schema", help="JSON Schema конфигурации (для редакторов TOML) или справочник ключей")
    sc.add_argument("--region", action="store_true", help="схема профиля региона")
    sc.add_argument("--markdown", action="store_true", help="справочник ключей в Markdown")
    ck = sub.add_parser("check", help="проверить конфигурации и документы, ничего не записывая")
    ck.add_argument("slugs", nargs="*", metavar="ОРГАН")
    dc = sub.add_parser("decline", help="падежные формы наименования, должности или лица (для проверки)")
    dc.add_argument("text", metavar="ТЕКСТ", help="в именительном падеже, например «Комитет по туризму»")
    what = dc.add_mutually_exclusive_group()
    what.add_argument("--position", action="store_true", help="должность (приложение через тире склоняется)")
    what.add_argument("--person", action="store_true", help="лицо: «А.С. Сергеев» или «Сергеев Андрей Сергеевич»")
    dc.add_argument("--gender", choices=("m", "f"), help="пол лица (иначе по отчеству или фамилии)")
    dc.add_argument("--json", action="store_true", help="вывести один объект JSON с ключами nomn … loct")
    dc.add_argument("--explain", action="store_true",
                    help="для каждого слова: правило или словарный разбор, давшие форму, и уверен ли анализатор")


def _add_signing(sub: Any) -> None:
    sg = sub.add_parser("sign", help="записать подписанный приказ: первый раз — исходный, затем — о внесении "
                        "изменений (редакция в agencies/<орган>.editions/)")
    sg.add_argument("slug", metavar="ОРГАН")
    sg.add_argument("--date", required=True, type=_date, help="дата подписанного приказа ГГГГ-ММ-ДД")
    sg.add_argument("--number", required=True, type=_number, help="номер подписанного приказа")
    ad = sub.add_parser("adopt", help="записать уже подписанный приказ по его документу (DOCX, PDF, TXT): "
                        "редакция с подписанным текстом и список расхождений с конфигурацией")
    ad.add_argument("slug", metavar="ОРГАН")
    ad.add_argument("--from", dest="source", required=True, type=Path, metavar="ФАЙЛ",
                    help="подписанный документ: .docx, .pdf (с текстовым слоем) или .txt (UTF-8, cp1251)")
    ad.add_argument("--date", type=_date, help="дата подписанного приказа ГГГГ-ММ-ДД")
    ad.add_argument("--number", type=_number, help="номер подписанного приказа")
    ad.add_argument("--partial", action="store_true",
                    help="документ обрывается: записать прочитанное, недостающее взять из конфигурации")
    ad.add_argument("--min-share", type=float, default=0.6, help="доля сопоставленных единиц, ниже которой "
                    "документ не принимается (по умолчанию 0.6)")
    ad.add_argument("--check", action="store_true", help="только сравнить, редакцию не записывать")


def _add_new(sub: Any) -> None:
    nw = sub.add_parser("new", help="создать конфигурацию нового органа (в терминале спросит недостающее)")
    nw.add_argument("slug", metavar="ОРГАН", help="имя файла: латинские строчные буквы, цифры, дефис")
    nw.add_argument("--name", help="наименование органа в именительном падеже")
    nw.add_argument("--short", help="краткое наименование: Комитет, Служба, Министерство")
    nw.add_argument("--region", help="профиль региона из agencies/regions/")
    nw.add_argument("--date", help="дата приказа ГГГГ-ММ-ДД")
    nw.add_argument("--number", help="номер приказа")
    nw.add_argument("--signatory-position", dest="signatory_position", help="должность подписанта")
    nw.add_argument("--signatory", help="подписант: И.О. Фамилия")
    nw.add_argument("--preamble", help="правовое основание (без «приказываю:»)")
    nw.add_argument("--acting", action="store_true", help="подписывает исполняющий обязанности («И.о. …»)")
    nw.add_argument("--alt-name", dest="alt_name", help="наименование на втором государственном языке "
                    "(двуязычный бланк; ключ agency.alt_name)")
    nw.add_argument("--alt-short-name", dest="alt_short_name", help="сокращённое наименование на втором языке")
    nw.add_argument("--deputy-position", dest="deputy_position",
                    help="контроль возложить на заместителя: его должность («заместитель председателя {name:gent}»)")
    nw.add_argument("--deputy", help="заместитель: И.О. Фамилия (склоняется в винительный падеж)")
    nw.add_argument("--deputy-gender", dest="deputy_gender", choices=("m", "f"),
                    help="пол заместителя (иначе по отчеству или фамилии)")


def _add_amend(sub: Any) -> None:
    am = sub.add_parser("amend", help="приказ о внесении изменений и сравнение с подписанной редакцией "
                        "в out/<орган>/amendments/<дата>-<номер>/")
    am.add_argument("slug", metavar="ОРГАН")
    am.add_argument("--date", type=_date, help="дата приказа о внесении изменений ГГГГ-ММ-ДД (в проекте — не нужна)")
    am.add_argument("--number", type=_number, help="номер приказа о внесении изменений (в проекте — не нужен)")
    am.add_argument("--draft", action="store_true", help="проект: дата и номер не заполнены, в конце лист "
                    "согласования; результат в out/<орган>/amendments/draft/")
    am.add_argument("--out", type=Path, default=Path("out"), help="папка результатов (по умолчанию out/)")
    am.add_argument("--no-pdf", action="store_true", help="не делать PDF")
    _pdf_options(am)


def _pdf_options(command: argparse.ArgumentParser) -> None:
    """--pdf-engine of a command that makes PDF (build, amend)."""
    _timeout_option(command)
    command.add_argument("--pdf-engine", choices=PDF_ENGINES, default="typst", dest="pdf_engine",
                         help=PDF_ENGINE_HELP)


def _timeout_option(command: argparse.ArgumentParser) -> None:
    """--pdf-timeout: one time limit for whichever engine makes the pages (build, amend,
    preview, pdf, serve)."""
    command.add_argument("--pdf-timeout", dest="pdf_timeout", type=_seconds, default=600.0, metavar="СЕКУНДЫ",
                         help="предел времени на PDF: набор одного документа в Typst или запуск LibreOffice; "
                         "по истечении он останавливается, а PDF не создаётся (по умолчанию 600)")


def _add_catalog(sub: Any) -> None:
    ct = sub.add_parser("catalog", help="справочник: термины, потребности, точки взаимодействия — идентификаторы "
                        "и формулировки (и как писать их в строках Перечня)")
    ct.add_argument("slug", nargs="?", metavar="ОРГАН", help="подставить наименования органа и отметить «✓» "
                    "выбранное в его конфигурации")


def _add_preview(sub: Any) -> None:
    """«prikaz preview» (PNG typeset by Typst), «prikaz pdf» (DOCX → PDF/A by LibreOffice),
    and the workspace's commands."""
    pv = sub.add_parser("preview", help="PNG первой страницы и первых страниц приложений в out/<орган>/preview/ "
                        "(набор Typst, как в PDF)")
    pv.add_argument("slugs", nargs="*", metavar="ОРГАН")
    pv.add_argument("--out", type=Path, default=Path("out"), help="папка результатов (по умолчанию out/)")
    _timeout_option(pv)
    pd = sub.add_parser("pdf", help="сделать PDF/A из файлов DOCX (например, поправленных вручную) "
                        "через LibreOffice")
    pd.add_argument("files", nargs="+", type=Path, metavar="ФАЙЛ", help="файл .docx")
    pd.add_argument("--out", type=Path, help="папка для PDF (по умолчанию рядом с каждым DOCX)")
    _timeout_option(pd)
    from .web.cli import add_commands  # «serve» and «user»

    _timeout_option(add_commands(sub))  # the workspace's previews and PDFs


def _add_new_region(sub: Any) -> None:
    nr = sub.add_parser("new-region", help="создать профиль региона в agencies/regions/ "
                        "(в терминале спросит недостающее)")
    nr.add_argument("region", metavar="РЕГИОН", help="имя файла профиля: латинские буквы, цифры, дефис («tatarstan»)")
    nr.add_argument("--name", help="наименование субъекта: «Республика Татарстан»")
    nr.add_argument("--template", choices=("single", "bilingual"), help="бланк на одном языке или двуязычный")
    nr.add_argument("--place", help="место издания на бланке: «г. Казань»")
    nr.add_argument("--date-style", dest="date_style", choices=("numeric", "long"), help="дата на бланке")
    nr.add_argument("--marks-style", dest="marks_style", choices=("grif", "appendix"),
                    help="гриф «УТВЕРЖДЕН» или отметка «Приложение № 1 к приказу»")
    nr.add_argument("--marks-date-style", dest="marks_date_style", choices=("numeric", "long", "quoted"),
                    help="дата в грифах и отметках")
    nr.add_argument("--publish", help="пункт об опубликовании приказа")
    nr.add_argument("--place-on-site", dest="place_on_site", action="store_true",
                    help="пункт о размещении на официальном сайте органа")
    nr.add_argument("--state-registration", dest="state_registration", action="store_true",
                    help="приказы подлежат государственной регистрации")
    nr.add_argument("--entry-into-force", dest="entry_into_force", help="пункт о вступлении в силу")
    nr.add_argument("--federation-line", dest="federation_line", action="store_true",
                    help="строка «РОССИЙСКАЯ ФЕДЕРАЦИЯ» над наименованием")
    nr.add_argument("--alt-language", dest="alt_language", help="код второго государственного языка: «tt-RU»")
    nr.add_argument("--alt-doc-type", dest="alt_doc_type", help="вид документа на втором языке: «БОЕРЫК»")
    nr.add_argument("--alt-place", dest="alt_place", help="место издания на втором языке: «Казан шәһәре»")
    nr.add_argument("--emblem", help="герб на бланке: файл PNG или SVG, путь от папки agencies/ "
                    "(«emblems/tatarstan.svg»)")


def _new_region(args: argparse.Namespace) -> int:
    from .region_scaffold import create_region

    keys = ("name", "template", "place", "date_style", "marks_style", "marks_date_style", "publish", "place_on_site",
            "state_registration", "entry_into_force", "federation_line", "alt_language", "alt_doc_type", "alt_place",
            "emblem")
    path = create_region(args.agencies, args.region, {k: getattr(args, k) for k in keys})
    print(f"✓ создан {path}; органы региона указывают его: region = \"{args.region}\" (prikaz new ОРГАН --region "
          f"{args.region})")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}»: ожидается дата вида 2025-03-01") from None


def _number(text: str) -> str:
    """An order's number: printed in documents and part of file names, so short and plain."""
    problem = number_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text.strip()


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 1 <= value <= 86400:
        raise argparse.ArgumentTypeError(f"«{text}»: ожидается число секунд от 1 до 86400")
    return value


def _decline(args: argparse.Namespace) -> int:
    from .russian import CASES, Step, decline_person, decline_phrase

    warnings: list[str] = []
    steps: list[Step] = []
    if args.person:
        forms = {c: decline_person(args.text, c, args.gender, warnings, steps) for c in CASES}
    else:
        kind = "position" if args.position else "name"
        forms = {c: decline_phrase(args.text, c, warnings, kind=kind, steps=steps) for c in CASES}
    for w in dict.fromkeys(warnings):
        print(f"предупреждение: «{args.text}»: {w}; форму можно задать в конфигурации явно", file=sys.stderr)
    explained = list(dict.fromkeys(steps))  # the same rule in every case is said once
    if args.json:
        extra = {"explain": [vars(s) for s in explained]} if args.explain else {}
        print(json.dumps({**forms, **extra}, ensure_ascii=False))
        return 0
    for case, form in forms.items():
        print(f"{CASE_NAMES[case]:13} {form}")
    if args.explain:
        print("\nразбор:")
        for s in explained:
            print(f"  {s.word} — {s.rule} ({'уверенно' if s.certain else 'не уверено'})")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .build import agency_slugs
    from .checks import check_document
    from .config import load_agency
    from .paths import agency_file
    from .pipeline import compose_located

    failed = 0
    slugs = args.slugs or agency_slugs(args.agencies)
    for slug in slugs:
        path = args.agencies / f"{slug}.toml"
        try:
            path = agency_file(args.agencies, slug)
            cfg = load_agency(path)
            doc = compose_located(cfg, slug, path)
        except Exception as e:
            failed += 1
            print(f"✗ {slug}: {_reported(e, path)}", file=sys.stderr)
            continue
        findings = check_document(doc, [cfg.agency.name] + ([cfg.agency.official_name]
                                                              if cfg.agency.official_name else []), cfg.agency.short)
        remarks = [f"предупреждение: {w}" for w in cfg.warnings] + [
            f"предупреждение: {path}: {w}" for w in doc.warnings] + [f"{path}: {f}" for f in findings]
        errors = [f for f in findings if f.error]
        for line in remarks:
            print(f"  {line}", file=sys.stderr)
        if errors:
            failed += 1
            print(f"✗ {slug}: ошибок {len(errors)}", file=sys.stderr)
        else:
            print(f"✓ {slug}" + (f" (замечаний: {len(remarks)})" if remarks else ""))
    print(f"Проверено: {len(slugs)}, с ошибками: {failed}")
    return 2 if failed else 0


class _Progress:
    """A progress bar on a terminal; plain lines when the output is not a terminal."""

    def __init__(self, total: int, stream: Any = None) -> None:
        self.total, self.done, self.stream = total, 0, stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, slug: str, event: str) -> None:
        if event == "docx":
            return
        self.done += 1
        if self.tty:
            width = 30
            filled = width * self.done // max(self.total, 1)
            self.stream.write(f"\r[{'█' * filled}{'·' * (width - filled)}] {self.done}/{self.total} {slug[:40]:40}")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()
        else:
            state = {"up-to-date": "актуален", "failed": "ошибка"}.get(event, "готов")
            print(f"[{self.done}/{self.total}] {slug}: {state}", file=self.stream, flush=True)


def _build(args: argparse.Namespace) -> int:
    from .build import agency_slugs, build

    slugs = args.slugs or agency_slugs(args.agencies)
    notes: list[str] = []
    progress = _Progress(len(slugs))
    results = build(args.agencies, args.out, slugs, pdf=not args.no_pdf, draft=args.draft, force=args.force,
                    workers=args.workers, progress=progress, notes=notes, pdf_timeout=args.pdf_timeout,
                    pdf_engine=args.pdf_engine)
    for note in notes:
        print(f"предупреждение: {note}", file=sys.stderr)
    failed = [r for r in results if r.error]
    fresh = [r for r in results if r.up_to_date]
    for r in results:
        for w in r.warnings:
            print(f"предупреждение: {w}", file=sys.stderr)
        if r.error:
            print(f"✗ {r.slug}: {r.error}", file=sys.stderr)
        elif not r.up_to_date:
            print(f"✓ {r.slug}: " + ", ".join(str(o) for o in r.outputs))
    print("Итог сборки:")
    print(f"  собрано       {len(results) - len(failed) - len(fresh)}")
    print(f"  актуально     {len(fresh)}")
    print(f"  с ошибками    {len(failed)}" + (": " + ", ".join(r.slug for r in failed) if failed else ""))
    return max((r.code for r in failed), default=0)


def _reported(e: BaseException, path: Path | None = None) -> PrikazError:
    """An exception as the error to print; with --debug an unexpected one goes through."""
    from .faults import describe

    if os.environ.get("PRIKAZ_DEBUG") == "1" and not isinstance(e, PrikazError):
        raise e
    return describe(e, path)


def _new(args: argparse.Namespace) -> int:
    from .scaffold import FIELDS, FLAGS, create

    values = {k: getattr(args, k) for k, _q, _r in FIELDS} | {k: "да" if getattr(args, k) else None for k in FLAGS}
    path = create(args.agencies, args.slug, values)
    print(f"✓ создан {path}; проверьте и дополните его, затем «prikaz build {args.slug}»")
    return 0


def _import(args: argparse.Namespace) -> int:
    from .importer import import_register

    path, count = import_register(args.agencies, args.slug, args.file, args.sheet)
    print(f"✓ {path}: записано строк Перечня: {count}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .schema import reference_markdown, schema_json

    print(reference_markdown() if args.markdown else schema_json("region" if args.region else "agency"), end="")
    return 0


def _sign(args: argparse.Namespace) -> int:
    from .signing import sign

    target = sign(args.agencies, args.slug, args.date, args.number.strip())
    print(f"✓ записана редакция {target}; добавьте её в репозиторий (git add)")
    return 0


def _amend(args: argparse.Namespace) -> int:
    from .signing import amend

    if not args.draft and (args.date is None or args.number is None):
        raise ConfigError("укажите --date и --number приказа о внесении изменений (или --draft для проекта)")
    number = args.number.strip() if args.number else None
    for path in amend(args.agencies, args.out, args.slug, args.date, number, pdf=not args.no_pdf,
                      pdf_timeout=args.pdf_timeout, draft=args.draft, pdf_engine=args.pdf_engine):
        print(f"✓ {path}")
    return 0


def _catalog(args: argparse.Namespace) -> int:
    from .catalogue_list import lines

    names, chosen = None, None
    if args.slug:
        from .config import load_agency
        from .paths import agency_file
        from .reader import body_names

        cfg = load_agency(agency_file(args.agencies, args.slug))
        names = body_names(cfg, [])
        p = cfg.procedure
        chosen = {"terms": [t for t in p.terms if isinstance(t, str)], "needs": p.needs,
                  "key_touchpoints": p.key_touchpoints, "digital_touchpoints": p.digital_touchpoints,
                  "offline_touchpoints": p.offline_touchpoints}
    print("\n".join(lines(names, chosen)).rstrip())
    return 0


def _list(args: argparse.Namespace) -> int:
    from .build import agency_slugs
    from .config import load_agency
    from .paths import agency_file

    for slug in agency_slugs(args.agencies):
        try:
            cfg = load_agency(agency_file(args.agencies, slug))
            what = "приказ" if cfg.kind == "order" else "порядок"
            print(f"{slug:28} {what:8} {cfg.agency.name}")
        except Exception as e:
            print(f"{slug:28} ОШИБКА   {_reported(e).message}")
    return 0


def _preview(args: argparse.Namespace) -> int:
    """PNG of page 1 and of each appendix's first page, typeset by Typst from the tree."""
    from .build import agency_slugs, output_name
    from .config import load_agency
    from .paths import agency_file, output_folder
    from .pipeline import current_edition
    from .preview import render

    output_folder(args.out, args.agencies)
    codes = [0]
    for slug in args.slugs or agency_slugs(args.agencies):
        path = args.agencies / f"{slug}.toml"
        try:
            path = agency_file(args.agencies, slug)
            doc, _remarks = current_edition(load_agency(path), slug, path, args.agencies)
            made = render(doc, args.out / slug / "preview", output_name(doc), timeout=args.pdf_timeout)
        except Exception as e:  # one body's failure, of any kind, is reported with its code
            error = _reported(e, path)
            codes.append(error.exit_code)
            print(f"✗ {slug}: {error}", file=sys.stderr)
            continue
        print(f"✓ {slug}: " + ", ".join(str(m) for m in made))
    return max(codes)


def _pdf(args: argparse.Namespace) -> int:
    from .docx_pdf import docx_to_pdf

    for path in docx_to_pdf(args.files, args.out, args.pdf_timeout):
        print(f"✓ {path}")
    return 0


def _adopt(args: argparse.Namespace) -> int:
    from .adopt.report import run

    return run(args)


def _web(args: argparse.Namespace) -> int:
    from .web.cli import run

    return run(args)


COMMANDS = {"adopt": _adopt, "serve": _web, "user": _web, "decline": _decline, "new": _new, "import-register": _import,
            "schema": _schema, "check": _check, "sign": _sign, "amend": _amend, "list": _list, "preview": _preview,
            "build": _build, "catalog": _catalog, "new-region": _new_region, "pdf": _pdf}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.debug:
        os.environ["PRIKAZ_DEBUG"] = "1"  # the workers see it too
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("\nпрервано (Ctrl-C); прежние результаты не тронуты", file=sys.stderr)
        return 130
    except BrokenPipeError:  # «prikaz catalog | head»: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as e:
        if args.debug:
            raise
        print(f"Ошибка: {_reported(e)}", file=sys.stderr)
        return _reported(e).exit_code


if __name__ == "__main__":
    sys.exit(main())
