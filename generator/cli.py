"""The command line: «prikaz build», «prikaz list»."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import agency_slugs, build
from .config import load_agency
from .errors import PrikazError


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
    b.add_argument("--draft", action="store_true",
                   help="проект: отметка «ПРОЕКТ» и лист согласования; результат в out/<орган>/draft/")
    sub.add_parser("list", help="перечислить органы и их результаты")
    pv = sub.add_parser("preview", help="PNG первой страницы и первых страниц приложений в out/<орган>/preview/")
    pv.add_argument("slugs", nargs="*", metavar="ОРГАН")
    pv.add_argument("--out", type=Path, default=Path("out"), help="папка результатов (по умолчанию out/)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
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
            from .preview import render

            count = 0
            for slug in args.slugs or agency_slugs(args.agencies):
                pdfs = sorted((args.out / slug).glob("*.pdf"))
                if not pdfs:
                    print(f"✗ {slug}: нет PDF, сначала «prikaz build {slug}»", file=sys.stderr)
                    continue
                for pdf in pdfs:
                    made = render(pdf, args.out / slug / "preview")
                    count += len(made)
                    print(f"✓ {slug}: " + ", ".join(str(m) for m in made))
            return 0 if count else 1
        results = build(args.agencies, args.out, args.slugs or None, pdf=not args.no_pdf, draft=args.draft)
        failed = [r for r in results if r.error]
        for r in results:
            if r.error:
                print(f"✗ {r.slug}: {r.error}", file=sys.stderr)
            else:
                print(f"✓ {r.slug}: " + ", ".join(str(o) for o in r.outputs))
        print(f"Собрано: {len(results) - len(failed)}, с ошибками: {len(failed)}")
        return 2 if failed else 0
    except PrikazError as e:
        if args.debug:
            raise
        print(f"Ошибка: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
