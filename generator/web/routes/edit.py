"""Editing a body: the forms generated from the models and the raw TOML for technicians
(the clause overrides have a page of their own: overrides.py). Every save is checked as «prikaz check»
checks (messages next to their field), written atomically with tomlkit, and refused when
the file changed since the form was made (the other version is shown, nothing is lost)."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ...errors import Diagnostic
from ...reader.templates import catalog
from .. import forms, tomledit
from ..audit import unified
from ..guard import body, form, render, workspace
from ..workspace import Checked, Stale, Workspace


def section_fields(ws: Workspace, text: str) -> list[tuple[str, list[forms.Field]]]:
    own, merged = ws.own_and_merged(text)
    cat = catalog()
    return [(title, forms.fields(model, (key,), own.get(key) or {}, merged.get(key) or {}, cat))
            for title, key, model in forms.SECTIONS]


def placed(checked: Checked, names: set[str]) -> tuple[dict[str, list[str]], list[Diagnostic]]:
    """The located problems by field name; those of no field of the page stay general."""
    by_field: dict[str, list[str]] = {}
    general: list[Diagnostic] = []
    for d in checked.problems:
        if d.key in names:
            by_field.setdefault(d.key, []).append(d.message)
        else:
            general.append(d)
    return by_field, general


def stale(request: Request, slug: str, e: Stale, mine: str, what: str, file: str | None = None) -> Response:
    """409: the version on disk, what changed in it since the form was made, and the user's own
    text or values to copy from. ``file``: a file that is not a body's config (a region profile)."""
    name = file or f"{slug}.toml"
    changes = unified(e.base, e.current, name) if e.base is not None else ""
    return render(request, "stale.html", status=409, slug=None if file else slug, file=name, current=e.current,
                  changes=changes, mine=mine, what=what)


def apply(doc: Any, sections: list[tuple[str, list[forms.Field]]],
          data: FormData) -> tuple[dict[str, list[str]], list[str]]:
    """Write the submitted values that differ from the effective ones into the tomlkit
    document; the errors of values that cannot be read and the names of changed fields."""
    errors: dict[str, list[str]] = {}
    changed: list[str] = []
    for _title, fields in sections:
        for f in fields:
            if f.name not in data and f.kind != "checklist":
                continue
            value, error = forms.parse(f, [str(v) for v in data.getlist(f.name)])
            if error:
                errors[f.name] = [error]
                continue
            if value == f.value or (value in (None, []) and f.value in (None, [], "")):
                continue
            changed.append(f.name)
            if value is None or (value == [] and not f.own):
                tomledit.delete(doc, f.key)
            else:
                tomledit.set_value(doc, f.key, value)
    return errors, changed


async def edit_page(request: Request) -> Response:
    _who, slug = body(request)
    ws = workspace(request)
    text = ws.read(slug)
    return render(request, "edit.html", slug=slug, sections=section_fields(ws, text), version=tomledit.digest(text),
                  errors={}, general=ws.check(slug, text).problems, submitted={})


async def edit_save(request: Request) -> Response:
    who, slug = body(request, edit=True)
    data = await form(request)
    ws = workspace(request)
    text = ws.read(slug)
    base = str(data.get("version", ""))
    submitted = {k: [str(v) for v in data.getlist(k)] for k in data}
    mine = "\n".join(f"{k} = {' | '.join(v)}" for k, v in submitted.items() if k not in ("csrf_token", "version"))
    if tomledit.digest(text) != base:
        return stale(request, slug, Stale(text, ws.storage.version(base)), mine, "ваши значения")
    sections = section_fields(ws, text)
    doc = tomledit.parse(text)
    errors, changed = apply(doc, sections, data)
    candidate = tomledit.dumps(doc)
    checked = ws.check(slug, candidate)
    by_field, general = placed(checked, {f.name for _t, fs in sections for f in fs})
    for k, v in by_field.items():
        errors.setdefault(k, []).extend(v)
    if errors or general or checked.message:
        return render(request, "edit.html", status=422, slug=slug, sections=sections, version=base, errors=errors,
                      general=general, message=checked.message, submitted=submitted)
    try:
        ws.save(slug, candidate, base, who.name, "изменены поля: " + ", ".join(changed) if changed else "сохранено")
    except Stale as e:
        return stale(request, slug, e, mine, "ваши значения")
    return RedirectResponse(f"/agencies/{slug}?saved=1", status_code=303)


async def raw_page(request: Request) -> Response:
    _who, slug = body(request)
    ws = workspace(request)
    text = ws.read(slug)
    return render(request, "raw.html", slug=slug, text=text, version=tomledit.digest(text),
                  checked=ws.check(slug, text))


async def raw_save(request: Request) -> Response:
    who, slug = body(request, edit=True)
    data = await form(request)
    ws = workspace(request)
    mine = str(data.get("text", "")).replace("\r\n", "\n")
    base = str(data.get("version", ""))
    checked = ws.check(slug, mine)
    if checked.problems or checked.message:
        return render(request, "raw.html", status=422, slug=slug, text=mine, version=base, checked=checked)
    try:
        ws.save(slug, mine, base, who.name, "изменён текст TOML")
    except Stale as e:
        return stale(request, slug, e, mine, "ваш текст")
    return RedirectResponse(f"/agencies/{slug}?saved=1", status_code=303)


ROUTES = [
    Route("/agencies/{slug}/edit", edit_page, methods=["GET"]),
    Route("/agencies/{slug}/edit", edit_save, methods=["POST"]),
    Route("/agencies/{slug}/raw", raw_page, methods=["GET"]),
    Route("/agencies/{slug}/raw", raw_save, methods=["POST"]),
]
