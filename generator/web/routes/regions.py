"""Region profiles (administrators only): the list, a new profile, a profile edited in a form
generated from the models (regions.py), checked with every body that uses it, refused when
stale, logged with its diff under «regions/<name>»."""

from __future__ import annotations

import tomlkit
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ...errors import Diagnostic, PrikazError
from ...files import write_atomic
from .. import regions, tomledit
from ..guard import admin, form, render, workspace
from ..workspace import Stale
from .edit import apply, stale


def _names(request: Request) -> list[str]:
    return sorted(p.stem for p in (workspace(request).agencies / "regions").glob("*.toml"))


async def region_page(request: Request) -> Response:
    admin(request)
    return render(request, "region.html", regions=_names(request), created=request.query_params.get("created"))


async def region_new(request: Request) -> Response:
    who = admin(request)
    data = await form(request)
    slug, name = str(data.get("slug", "")).strip(), str(data.get("name", "")).strip()
    ws = workspace(request)
    try:
        path = ws.region_path(slug)
    except PrikazError as e:
        return render(request, "region.html", status=422, error=str(e), regions=_names(request))
    if path.exists() or not name:
        detail = "такой профиль уже есть" if path.exists() else "укажите наименование субъекта"
        return render(request, "region.html", status=422, error=detail, regions=_names(request))
    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"Профиль региона: создан в рабочем месте ({who.name})."))
    doc["name"] = name
    write_atomic(path, tomlkit.dumps(doc).encode("utf-8"))
    ws.storage.log(who.name, f"regions/{slug}", "создан профиль региона", tomlkit.dumps(doc))
    return RedirectResponse("/regions/new?created=" + slug, status_code=303)


def _profile(request: Request) -> tuple[str, str]:
    """The profile's name and its key in the history; a name that is not a profile's (a path,
    a link out of the folder, a file that does not exist) answers 404."""
    name = str(request.path_params["region"])
    try:
        path = workspace(request).region_path(name)
    except PrikazError:
        raise HTTPException(404, "нет такого профиля региона") from None
    if not path.is_file():
        raise HTTPException(404, "нет такого профиля региона")
    return name, f"regions/{name}"


def _page(request: Request, name: str, text: str, status: int = 200, **context: object) -> Response:
    ws = workspace(request)
    context.setdefault("sections", regions.sections(text))
    return render(request, "region_edit.html", status=status, name=name, bodies=regions.users_of(ws, name),
                  entries=ws.storage.history(f"regions/{name}", limit=20), saved=request.query_params.get("saved"),
                  **{"errors": {}, "general": [], "submitted": {}, "version": tomledit.digest(text), **context})


async def region_edit_page(request: Request) -> Response:
    admin(request)
    name, key = _profile(request)
    ws = workspace(request)
    return _page(request, name, ws.read_file(key, ws.region_path(name)))


async def region_edit(request: Request) -> Response:
    who = admin(request)
    data = await form(request)
    name, key = _profile(request)
    ws = workspace(request)
    path = ws.region_path(name)
    text = ws.read_file(key, path)
    base = str(data.get("version", ""))
    submitted = {k: [str(v) for v in data.getlist(k)] for k in data}
    mine = "\n".join(f"{k} = {' | '.join(v)}" for k, v in submitted.items() if k not in ("csrf_token", "version"))
    if tomledit.digest(text) != base:
        return stale(request, name, Stale(text, ws.storage.version(base)), mine, "ваши значения", file=key + ".toml")
    sections = regions.sections(text)
    doc = tomledit.parse(text)
    errors, changed = apply(doc, sections, data)
    candidate = tomledit.dumps(doc)
    general = _place(regions.check(ws, name, candidate), errors, path, {f.name for _t, fs in sections for f in fs})
    if errors or general:
        return _page(request, name, text, 422, sections=sections, errors=errors, general=general,
                     submitted=submitted, version=base)
    try:
        ws.save_file(key, path, candidate, base, who.name,
                     "изменён профиль региона: " + ", ".join(changed) if changed else "сохранено")
    except Stale as e:
        return stale(request, name, e, mine, "ваши значения", file=key + ".toml")
    return RedirectResponse(f"/regions/{name}/edit?saved=1", status_code=303)


def _place(found: list[tuple[str | None, Diagnostic]], errors: dict[str, list[str]], path: object,
           names: set[str]) -> list[str]:
    """Problems of a field of the profile go next to it (with the body they break, if any);
    the rest are listed above the form."""
    general: list[str] = []
    for slug, d in found:
        prefix = f"орган {slug}: " if slug else ""
        if d.key in names and (slug is None or d.path == path):
            errors.setdefault(d.key, []).append(prefix + d.message)
        else:
            general.append(prefix + str(d))
    return general


ROUTES = [
    Route("/regions/new", region_page, methods=["GET"]),
    Route("/regions/new", region_new, methods=["POST"]),
    Route("/regions/{region}/edit", region_edit_page, methods=["GET"]),
    Route("/regions/{region}/edit", region_edit, methods=["POST"]),
]
