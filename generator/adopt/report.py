"""The report of ``prikaz adopt``, in Russian: the counts, then the differences in wording
(the list a lawyer checks), units only on one side, requisites as signed, and apart from
them the differences in formatting, which are never amendments."""

from __future__ import annotations

import argparse

from .adopt import Adopted, adopt
from .align import Difference

HEADINGS = (
    ("wording", "Различия в словах (подписано → конфигурация; следующий приказ о внесении изменений их исправит)"),
    ("signed_only", "Только в подписанном документе (записаны в редакцию)"),
    ("composed_only", "Только в конфигурации (в редакцию не записаны; приказ о внесении изменений их добавит)"),
    ("unchecked", "Не сверены: в документе их нет, записаны из конфигурации"),
    ("requisite", "Реквизиты (записаны как подписаны, изменениями не исправляются)"),
    ("formatting", "Оформление (не различия в словах, изменениями не считаются)"),
)


def _item(d: Difference) -> list[str]:
    head = f"  {d.part}, {d.unit}" + (f" [{d.detail}]" if d.detail and d.kind != "formatting" else "")
    if d.kind == "formatting":
        return [f"  {d.part}, {d.unit}: {d.detail}"]
    out = [head]
    if d.signed:
        out.append(f"    подписано:    {d.signed}")
    if d.composed:
        out.append(f"    конфигурация: {d.composed}")
    return out


def counts(a: Adopted) -> dict[str, int]:
    out = {kind: 0 for kind, _ in HEADINGS}
    for d in a.differences:
        out[d.kind] += 1
    return out


def report(a: Adopted) -> list[str]:
    c = counts(a)
    lines = [f"{a.slug}: сопоставлено единиц {a.units[0]} (в документе {a.units[1]}, в конфигурации {a.units[2]})"
             + (f", строк Перечня {a.rows[0]} (в документе {a.rows[1]}, в конфигурации {a.rows[2]})"
                if any(a.rows) else ""),
             "  различий в словах {wording}, только в документе {signed_only}, только в конфигурации "
             "{composed_only}, не сверено {unchecked}, реквизиты {requisite}, оформление {formatting}".format(**c)]
    if a.truncated:
        lines.append("  документ обрывается: записано прочитанное, недостающее — из конфигурации (--partial)")
    for kind, title in HEADINGS:
        items = [d for d in a.differences if d.kind == kind]
        if items:
            lines += ["", f"{title}: {len(items)}"]
            for d in items:
                lines += _item(d)
    return lines


def run(args: argparse.Namespace) -> int:
    """``prikaz adopt``: adopt, print the report, say where the edition was written."""
    number = args.number.strip() if args.number else None
    result = adopt(args.agencies, args.slug, args.source, args.date, number, partial=args.partial,
                   min_share=args.min_share, write=not args.check)
    print("\n".join(report(result)))
    if result.written is not None:
        print(f"\n✓ записана редакция {result.written}; добавьте её в репозиторий (git add). "
              f"Приказ о внесении изменений: prikaz amend {args.slug} --date … --number …")
    elif result.edition is None:
        print("\nРедакция не записывается: у самостоятельного Порядка (kind = \"procedure\") нет реквизитов "
              "приказа, изменять его приказом нечего; расхождения выше — для сведения.")
    return 0
