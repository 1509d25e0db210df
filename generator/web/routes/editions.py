"""Editions: the signed orders of a body, signing an edition (date, number), adopting an
order signed before prikaz from its file (DOCX, PDF, text), and the draft of an amending
order shown beside the redline, with its downloads."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ... import edition as ed
from ...adopt.adopt import adopt
from ...adopt.report import report
from ...designations import number_problem
from ...errors import PrikazError
from ...signing import prepare, sign
from ...writers.text import render as markdown
from ..guard import body, form, render, workspace
from .documents import MEDIA, attachment, file_of


def requisites(values: FormData | dict[str, str]) -> tuple[dt.date, str]:
    """The date and number of an order, checked as the CLI checks them."""
    try:
        date = dt.date.fromisoformat(str(values.get("date", "")))
    except ValueError:
        raise HTTPException(422, f"«{values.get('date', '')}»: ожидается дата вида 2025-03-01") from None
    number = str(values.get("number", ""))
    problem = number_problem(number)
    if problem:
        raise HTTPException(422, problem)
    return date, number.strip()


def acts(request: Request, slug: str) -> list[ed.Act]:
    last = ed.last_edition(workspace(request).agencies, slug)
    return list(last.acts) if last else []


def refused(request: Request, slug: str, error: PrikazError) -> Response:
    """The editions page again, with why the action was refused (422)."""
    ws = workspace(request)
    return render(request, "editions.html", status=422, slug=slug, acts=acts(request, slug), error=str(error),
                  checked=ws.check(slug, ws.read(slug)))


async def editions_page(request: Request) -> Response:
    _who, slug = body(request)
    ws = workspace(request)
    checked = ws.check(slug, ws.read(slug))
    try:
        signed = acts(request, slug)
    except PrikazError as e:
        return render(request, "editions.html", slug=slug, acts=[], error=str(e), checked=checked)
    return render(request, "editions.html", slug=slug, acts=signed, error=None, checked=checked)


async def sign_edition(request: Request) -> Response:
    who, slug = body(request, edit=True)
    data = await form(request)
    date, number = requisites(data)
    ws = workspace(request)
    try:
        target = sign(ws.agencies, slug, date, number)
    except PrikazError as e:
        return refused(request, slug, e)
    ws.storage.log(who.name, slug, f"подписан приказ от {date:%d.%m.%Y} № {number}", f"записана редакция {target.name}")
    return RedirectResponse(f"/agencies/{slug}/editions", status_code=303)


ADOPTABLE = (".docx", ".pdf", ".txt")
MAX_UPLOAD = 20 * 1024 * 1024  # a signed order with its appendices is far smaller


async def _upload(request: Request, data: FormData) -> tuple[bytes, str]:
    """The signed document sent with the form: its bytes and its suffix, both checked."""
    file = data.get("file")
    if file is None or isinstance(file, str):
        raise HTTPException(422, "выберите файл подписанного приказа (DOCX, PDF или TXT)")
    suffix = Path(file.filename or "").suffix.lower()
    if suffix not in ADOPTABLE:
        raise HTTPException(422, f"«{file.filename}»: ожидается файл .docx, .pdf или .txt")
    content = await file.read(MAX_UPLOAD + 1)
    if len(content) > MAX_UPLOAD:
        raise HTTPException(413, "файл больше 20 МБ")
    return content, suffix


async def adopt_signed(request: Request) -> Response:
    """«prikaz adopt» from the browser: compare the signed document with the config
    (``check``) or record it as the first edition; the report is the list a lawyer checks."""
    who, slug = body(request, edit=True)
    data = await form(request)
    date, number = requisites(data)
    content, suffix = await _upload(request, data)
    ws = workspace(request)
    write = data.get("mode") == "write"
    with tempfile.TemporaryDirectory(prefix="prikaz-adopt-") as folder:
        source = Path(folder) / f"signed{suffix}"  # the user's file name never names a path here
        source.write_bytes(content)
        try:
            adopted = adopt(ws.agencies, slug, source, date, number, partial=data.get("partial") == "on",
                            write=write)
        except PrikazError as e:
            return refused(request, slug, e)
    if write and adopted.edition is not None:
        ws.storage.log(who.name, slug, f"принят подписанный приказ от {date:%d.%m.%Y} № {number}",
                       "записана редакция с подписанным текстом")
    return render(request, "adopt.html", slug=slug, report=report(adopted),
                  written=write and adopted.edition is not None)


async def amend_draft(request: Request) -> Response:
    """The amending order and the redline side by side (nothing is written)."""
    who, slug = body(request, edit=True)
    data = await form(request)
    date, number = requisites(data)
    ws = workspace(request)
    try:
        amendment = prepare(ws.agencies, slug, date, number)
    except PrikazError as e:
        return refused(request, slug, e)
    ws.storage.log(who.name, slug, f"составлен проект приказа о внесении изменений от {date:%d.%m.%Y} № {number}")
    redline = markdown(amendment.redline) if amendment.redline else ""
    return render(request, "amend.html", slug=slug, order=markdown(amendment.order), redline=redline,
                  date=date.isoformat(), number=number)


async def amend_download(request: Request) -> Response:
    """The amending order (izmeneniya) or the redline (sravnenie) as DOCX, PDF or Markdown."""
    _who, slug = body(request, edit=True)
    what, fmt = str(request.path_params["what"]), str(request.path_params["fmt"])
    if what not in ("izmeneniya", "sravnenie") or fmt not in MEDIA or (what, fmt) == ("sravnenie", "pdf"):
        raise HTTPException(404, "нет такого файла")
    date, number = requisites(dict(request.query_params))
    ws = workspace(request)
    try:
        amendment = prepare(ws.agencies, slug, date, number)
        doc = amendment.order if what == "izmeneniya" else amendment.redline
        if doc is None:
            raise HTTPException(404, "нет сравнения")
        data = file_of(ws.cache, doc, fmt)
    except PrikazError as e:
        raise HTTPException(422, str(e)) from None
    return attachment(data, f"{slug}-{what}-{date.isoformat()}-{ed.safe_number(number)}.{fmt}", MEDIA[fmt])


ROUTES = [
    Route("/agencies/{slug}/editions", editions_page, methods=["GET"]),
    Route("/agencies/{slug}/sign", sign_edition, methods=["POST"]),
    Route("/agencies/{slug}/adopt", adopt_signed, methods=["POST"]),
    Route("/agencies/{slug}/amend", amend_draft, methods=["POST"]),
    Route("/agencies/{slug}/amend/{what}.{fmt}", amend_download, methods=["GET"]),
]
