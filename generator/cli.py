"""The command line: «prikaz build», «prikaz list»."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from .errors import PrikazError
from .writers import PDF_ENGINES

PDF_ENGINE_HELP = ("чем делать PDF: typst — набор из дерева документа (по умолчанию), "
                   "libreoffice — отрисовка DOCX (нужен LibreOffice)")
CASE_NAMES = {"nomn": "именительный", "gent": "родительный", "datv": "дательный",
              "accs": "винительный", "ablt": "творительный", "loct": "предложный"}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="prikaz", description="Сборка приказов об утверждении Порядка ведения "
                                "перечня точек взаимодействия с клиентом из конфигураций органов.")
    p.add_argument("--agencies", type=Path, default=Path("agencies"),
                   help="папка с конфигурациями органов (по умолчанию agencies/)")
    p.add_argument("--debug", action="store_true", help="показывать трассировку при ошибках")
    sub = p.add_subparsers(dest="command", required=True, metavar="КОМАНДА")
    b = sub.add_parser("build", help="собрать приказы (все органы, если не указаны)")
    b.add_argument("slugs", nargs="*", metavar="ОРГАН", help="имя файла конфигурации без .toml")
    b.add_argument("--out", type=Path, default=Path("out"), help="папка результатов (по умолчанию out/)")
    b.add_argument("--no-pdf", action="store_true", help="не делать PDF (только DOCX и текст)")
    b.add_argument("--force", action="store_true", help="пересобрать всё, даже то, что не изменилось")
    b.add_argument("--workers", type=int, help="число параллельных процессов (по умолчанию — по числу ядер)")
    b.add_argument("--draft", action="store_true",
                   help="проект: отметка «ПРОЕКТ» и лист согласования; результат в out/<орган>/draft/")
    _pdf_options(sub, b)
    sub.add_parser("list", help="перечислить органы и их результаты")
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
    sg = sub.add_parser("sign", help="записать подписанный приказ: первый раз — исходный, затем — о внесении "
                        "изменений (редакция в agencies/<орган>.editions/)")
    sg.add_argument("slug", metavar="ОРГАН")
    sg.add_argument("--date", required=True, type=_date, help="дата подписанного приказа ГГГГ-ММ-ДД")
    sg.add_argument("--number", required=True, help="номер подписанного приказа")
    am = sub.add_parser("amend", help="приказ о внесении изменений и сравнение с подписанной редакцией "
                        "в out/<орган>/amendments/<дата>-<номер>/")
    am.add_argument("slug", metavar="ОРГАН")
    am.add_argument("--date", required=True, type=_date, help="дата приказа о внесении изменений ГГГГ-ММ-ДД")
    am.add_argument("--number", required=True, help="номер приказа о внесении изменений")
    am.add_argument("--out", type=Path, default=Path("out"), help="папка результатов (по умолчанию out/)")
    am.add_argument("--no-pdf", action="store_true", help="не делать PDF")
    _pdf_options(sub, am)
    _rendering_commands(sub)
    return p


def _pdf_options(sub: Any, command: argparse.ArgumentParser) -> None:
    """--pdf-engine of a command that makes PDF (build, amend)."""
    command.add_argument("--pdf-engine", choices=PDF_ENGINES, default="typst", dest="pdf_engine",
                         help=PDF_ENGINE_HELP)


def _rendering_commands(sub: Any) -> None:
    """«prikaz preview» (PNG typeset by Typst) and «prikaz pdf» (DOCX → PDF/A by LibreOffice)."""
    pv = sub.add_parser("preview", help="PNG первой страницы и первых страниц приложений в out/<орган>/preview/ "
                        "(набор Typst, как в PDF)")
    pv.add_argument("slugs", nargs="*", metavar="ОРГАН")
    pv.add_argument("--out", type=Path, default=Path("out"), help="папка результатов (по умолчанию out/)")
    pd = sub.add_parser("pdf", help="сделать PDF/A из файлов DOCX (например, поправленных вручную) "
                        "через LibreOffice")
    pd.add_argument("files", nargs="+", type=Path, metavar="ФАЙЛ", help="файл .docx")
    pd.add_argument("--out", type=Path, help="папка для PDF (по умолчанию рядом с каждым DOCX)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}»: ожидается дата вида 2025-03-01") from None


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
    from .build import agency_slugs, compose_located
    from .checks import check_document
    from .config import load_agency

    failed = 0
    slugs = args.slugs or agency_slugs(args.agencies)
    for slug in slugs:
        path = args.agencies / f"{slug}.toml"
        try:
            cfg = load_agency(path)
            doc = compose_located(cfg, slug, path)
        except PrikazError as e:
            failed += 1
            print(f"✗ {slug}: {e}", file=sys.stderr)
            continue
        findings = check_document(doc, [cfg.agency.name] + ([cfg.agency.official_name]
                                                              if cfg.agency.official_name else []))
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
            state = "актуален" if event == "up-to-date" else "готов"
            print(f"[{self.done}/{self.total}] {slug}: {state}", file=self.stream, flush=True)


def _build(args: argparse.Namespace) -> int:
    from .build import agency_slugs, build

    slugs = args.slugs or agency_slugs(args.agencies)
    notes: list[str] = []
    progress = _Progress(len(slugs))
    results = build(args.agencies, args.out, slugs, pdf=not args.no_pdf, draft=args.draft, force=args.force,
                    workers=args.workers, progress=progress, notes=notes, pdf_engine=args.pdf_engine)
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
    return 2 if failed else 0


def _preview(args: argparse.Namespace) -> int:
    """PNG of page 1 and of each appendix's first page, typeset by Typst from the tree."""
    from .build import agency_slugs, current_edition, load_agency, output_name
    from .preview import render

    failed = 0
    for slug in args.slugs or agency_slugs(args.agencies):
        path = args.agencies / f"{slug}.toml"
        try:
            doc, _remarks = current_edition(load_agency(path), slug, path, args.agencies)
            made = render(doc, args.out / slug / "preview", output_name(doc))
        except PrikazError as e:
            failed += 1
            print(f"✗ {slug}: {e}", file=sys.stderr)
            continue
        print(f"✓ {slug}: " + ", ".join(str(m) for m in made))
    return 2 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "decline":
            return _decline(args)
        from .build import agency_slugs
        from .config import load_agency

        if args.command == "new":
            from .scaffold import FIELDS, create

            path = create(args.agencies, args.slug, {k: getattr(args, k) for k, _q, _r in FIELDS})
            print(f"✓ создан {path}; проверьте и дополните его, затем «prikaz build {args.slug}»")
            return 0
        if args.command == "import-register":
            from .importer import import_register

            path, count = import_register(args.agencies, args.slug, args.file, args.sheet)
            print(f"✓ {path}: записано строк Перечня: {count}")
            return 0
        if args.command == "schema":
            from .schema import reference_markdown, schema_json

            print(reference_markdown() if args.markdown else schema_json("region" if args.region else "agency"),
                  end="")
            return 0
        if args.command == "check":
            return _check(args)
        if args.command == "sign":
            from .signing import sign

            target = sign(args.agencies, args.slug, args.date, args.number.strip())
            print(f"✓ записана редакция {target}; добавьте её в репозиторий (git add)")
            return 0
        if args.command == "amend":
            from .signing import amend

            for path in amend(args.agencies, args.out, args.slug, args.date, args.number.strip(),
                              pdf=not args.no_pdf, pdf_engine=args.pdf_engine):
                print(f"✓ {path}")
            return 0
        if args.command == "pdf":
            from .docx_pdf import docx_to_pdf

            for path in docx_to_pdf(args.files, args.out):
                print(f"✓ {path}")
            return 0
        if args.command == "list":
            for slug in agency_slugs(args.agencies):
                try:
                    cfg = load_agency(args.agencies / f"{slug}.toml")
                    what = "приказ" if cfg.kind == "order" else "порядок"
                    print(f"{slug:28} {what:8} {cfg.agency.name}")
                except PrikazError as e:
                    print(f"{slug:28} ОШИБКА   {e.message}")
            return 0
        if args.command == "preview":
            return _preview(args)
        return _build(args)
    except PrikazError as e:
        if args.debug:
            raise
        print(f"Ошибка: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
