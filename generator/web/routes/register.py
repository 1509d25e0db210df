"""The register as a table editor: rows and their touchpoints added, edited, deleted and
moved; needs picked from the Порядок's list and touchpoints from the catalogue; the table
imported from and exported to XLSX (the columns «prikaz import-register» reads).

Buttons that add, delete or move change the form only; «Сохранить» checks and saves."""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ...errors import PrikazError, known
from ...importer import COLUMN_TITLES, parse_rows, read_table
from ...reader.phrases import Phrase
from ...reader.templates import catalog
from .. import tomledit
from ..guard import body, form, render, workspace
from ..workspace import Stale
from .edit import stale

ROW = "register.rows"
OP = re.compile(r"^(add-row|del-row|up|down|add-tp|del-tp|tp-up|tp-down)(?:-(\d+))?(?:-(\d+))?$")


def need_choices(cfg: Any, rows: list[dict[str, Any]]) -> list[str]:
    """The needs a register row may name: the Порядок's list (a need with sub-items once per
    item, as the seed registers write them) and any already used."""
    cat = catalog()["needs"]
    out: list[str] = []
    for need in (cfg.procedure.needs if cfg else []):
        item = cat.get(need, {})
        if need.startswith("other") or not item:
            continue
        text = item["text"].rstrip(":")
        for variant in ([f"{text} {i}" for i in item["items"]] if item.get("items") else [text]):
            out.append(variant[0].upper() + variant[1:])
    used = [n for r in rows for tp in r.get("touchpoints", []) for n in tp.get("needs", []) if isinstance(n, str)]
    return out + [n for n in dict.fromkeys(used) if n not in out]


def touchpoint_names(cfg: Any) -> list[str]:
    """Catalogue touchpoints with the body's short name put in, for the name's suggestions."""
    if cfg is None:
        return []
    short = Phrase(cfg.agency.short, cfg.agency.short_forms).form("gent")
    cat = catalog()
    names = [*cat["digital_touchpoints"].values(), *cat["offline_touchpoints"].values()]
    return [n.replace("{short:gent}", short) for n in names]


def read_rows(data: FormData) -> list[dict[str, Any]]:
    """The rows as the form submitted them, in the keys and order of the config."""
    rows = []
    for i in range(_count(data, f"{ROW}.count")):
        p = f"{ROW}[{i}]"
        row: dict[str, Any] = {k: str(data.get(f"{p}.{k}", "")).strip() for k in ("area", "process")}
        row = {k: v for k, v in row.items() if v}
        tps = []
        for j in range(_count(data, f"{p}.touchpoints.count")):
            q = f"{p}.touchpoints[{j}]"
            needs: list[Any] = [{"other": str(n)[6:]} if str(n).startswith("other:") else str(n)
                                for n in data.getlist(f"{q}.needs") if str(n).strip()]
            needs += [{"other": line.strip()} for line in str(data.get(f"{q}.other", "")).splitlines() if line.strip()]
            tp: dict[str, Any] = {"name": str(data.get(f"{q}.name", "")).strip(),
                                  "kind": str(data.get(f"{q}.kind", "digital"))}
            if needs:
                tp["needs"] = needs
            features = str(data.get(f"{q}.features", "")).strip()
            if features:
                tp["features"] = features
            tps.append(tp)
        if tps:
            row["touchpoints"] = tps
        rows.append(row)
    return rows


def _count(data: FormData, name: str) -> int:
    value = str(data.get(name, "0"))
    return min(int(value), 2000) if value.isdigit() else 0


def operate(rows: list[dict[str, Any]], op: str) -> list[dict[str, Any]]:
    """Add, delete or move a row or a touchpoint (in the form, not yet saved)."""
    m = OP.match(op)
    if not m:
        return rows
    what, a, b = m.group(1), int(m.group(2) or 0), int(m.group(3) or 0)
    empty_tp = {"name": "", "kind": "digital"}
    if what == "add-row":
        rows.append({"process": "", "touchpoints": [dict(empty_tp)]})
    elif a < len(rows):
        if what == "del-row":
            del rows[a]
        elif what in ("up", "down"):
            _move(rows, a, -1 if what == "up" else 1)
        elif what == "add-tp":
            rows[a].setdefault("touchpoints", []).append(dict(empty_tp))
        elif what == "del-tp" and b < len(rows[a].get("touchpoints", [])):
            del rows[a]["touchpoints"][b]
        elif what in ("tp-up", "tp-down"):
            _move(rows[a].get("touchpoints", []), b, -1 if what == "tp-up" else 1)
    return rows


def _move(items: list[Any], at: int, step: int) -> None:
    """Swap an item with its neighbour (up: -1, down: +1); at either end nothing moves."""
    other = at + step
    if 0 <= at < len(items) and 0 <= other < len(items):
        items[at], items[other] = items[other], items[at]


def page(request: Request, slug: str, rows: list[dict[str, Any]], version: str, status: int = 200,
         errors: dict[str, list[str]] | None = None, general: list[Any] | None = None) -> Response:
    ws = workspace(request)
    cfg = ws.check(slug, ws.path(slug).read_text(encoding="utf-8")).cfg
    return render(request, "register.html", status=status, slug=slug, rows=rows, version=version,
                  needs=need_choices(cfg, rows), names=touchpoint_names(cfg), errors=errors or {},
                  general=general or [])


async def register_page(request: Request) -> Response:
    _who, slug = body(request)
    text = workspace(request).read(slug)
    rows = tomledit.get(tomledit.parse(text), ("register", "rows")) or []
    return page(request, slug, rows, tomledit.digest(text))


async def register_save(request: Request) -> Response:
    who, slug = body(request, edit=True)
    data = await form(request)
    rows, base, op = read_rows(data), str(data.get("version", "")), str(data.get("op", "save"))
    if op != "save":
        return page(request, slug, operate(rows, op), base)
    return save_rows(request, who.name, slug, rows, base, "изменены строки Перечня")


def save_rows(request: Request, user: str, slug: str, rows: list[dict[str, Any]], base: str, action: str) -> Response:
    ws = workspace(request)
    text = ws.read(slug)
    mine = "\n".join(str(r) for r in rows)
    if tomledit.digest(text) != base:
        return stale(request, slug, Stale(text, ws.storage.version(base)), mine, "ваши строки")
    doc = tomledit.parse(text)
    tomledit.set_rows(doc, rows)
    candidate = tomledit.dumps(doc)
    checked = ws.check(slug, candidate)
    if checked.problems or checked.message:
        errors: dict[str, list[str]] = {}
        general: list[Any] = []
        for d in checked.problems:
            if d.key and d.key.startswith(ROW):
                errors.setdefault(d.key, []).append(d.message)
            else:
                general.append(d)
        if checked.message and not checked.problems:
            general.append(checked.message)
        return page(request, slug, rows, base, 422, errors, general)
    try:
        ws.save(slug, candidate, base, user, action)
    except Stale as e:
        return stale(request, slug, e, mine, "ваши строки")
    return RedirectResponse(f"/agencies/{slug}?saved=1", status_code=303)


async def import_xlsx(request: Request) -> Response:
    who, slug = body(request, edit=True)
    data = await form(request)
    upload = data.get("file")
    base = str(data.get("version", ""))
    if not isinstance(upload, UploadFile) or not upload.filename:
        return page(request, slug, [], base, 422, general=["выберите файл .xlsx или .csv"])
    suffix = ".csv" if upload.filename.lower().endswith(".csv") else ".xlsx"
    with tempfile.TemporaryDirectory(prefix="prikaz-import-") as work:
        source = Path(work) / f"register{suffix}"
        source.write_bytes(await upload.read())
        try:
            parsed, _origin = parse_rows(read_table(source), source)
        except PrikazError as e:
            return page(request, slug, [], base, 422, general=[str(e).replace(str(source), upload.filename)])
    rows = [r.model_dump(exclude_defaults=True, mode="python") for r in parsed]
    return save_rows(request, who.name, slug, rows, base, f"Перечень загружен из {upload.filename}")


async def export_xlsx(request: Request) -> Response:
    _who, slug = body(request)
    from openpyxl import Workbook

    rows = tomledit.get(tomledit.parse(workspace(request).read(slug)), ("register", "rows")) or []
    book = Workbook()
    sheet = known(book.active, "лист книги Excel")
    sheet.append([COLUMN_TITLES[c] for c in ("area", "process", "touchpoint", "kind", "needs", "features")])
    for row in rows:
        for k, tp in enumerate(row.get("touchpoints", [])):
            first = k == 0  # the lines that continue a process leave it blank, as departments do
            needs = [n if isinstance(n, str) else f"Другое: {n.get('other', '')}" for n in tp.get("needs", [])]
            sheet.append([row.get("area", "") if first else "", row.get("process", "") if first else "",
                          tp.get("name", ""),
                          "цифровая" if tp.get("kind") == "digital" else "офлайн", "\n".join(needs),
                          tp.get("features", "")])
    buffer = io.BytesIO()
    book.save(buffer)
    return Response(buffer.getvalue(), media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     headers={"Content-Disposition": f'attachment; filename="{slug}-perechen.xlsx"'})


ROUTES = [
    Route("/agencies/{slug}/register", register_page, methods=["GET"]),
    Route("/agencies/{slug}/register", register_save, methods=["POST"]),
    Route("/agencies/{slug}/register/import", import_xlsx, methods=["POST"]),
    Route("/agencies/{slug}/register.xlsx", export_xlsx, methods=["GET"]),
]
