"""Bodies: the list with each body's state, a body's page and history, a new body (the
questions of «prikaz new»)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ...errors import PrikazError
from ...paths import check_name
from ...scaffold import FIELDS, create
from ..auth import may_view
from ..guard import admin, body, form, render, signed_in, workspace
from ..status import states


async def index(request: Request) -> Response:
    who = signed_in(request)
    ws = workspace(request)
    visible = [s for s in ws.slugs() if may_view(who, s)]
    return render(request, "index.html", bodies=states(ws, visible))


async def page(request: Request) -> Response:
    _who, slug = body(request)
    ws = workspace(request)
    text = ws.read(slug)
    checked = ws.check(slug, text)
    state = states(ws, [slug])[0]
    return render(request, "body.html", slug=slug, checked=checked, state=state,
                  saved=request.query_params.get("saved"))


async def history(request: Request) -> Response:
    _who, slug = body(request)
    ws = workspace(request)
    ws.read(slug)  # a change made on disk since the last look is logged first
    return render(request, "history.html", slug=slug, entries=ws.storage.history(slug))


async def new_page(request: Request) -> Response:
    admin(request)
    return render(request, "new.html", fields=FIELDS, values={}, regions=_regions(request))


async def new(request: Request) -> Response:
    who = admin(request)
    data = await form(request)
    values = {k: str(data.get(k, "")).strip() or None for k, _q, _r in FIELDS}
    slug = str(data.get("slug", "")).strip()
    ws = workspace(request)
    try:
        check_name(slug, "органа", "ОРГАН")
        path = create(ws.agencies, slug, values, interactive=False)
    except PrikazError as e:
        return render(request, "new.html", status=422, fields=FIELDS, values={**values, "slug": slug},
                      error=e, regions=_regions(request))
    text = path.read_text(encoding="utf-8")
    ws.storage.log(who.name, slug, "создан орган", text)
    ws.read(slug)
    return RedirectResponse(f"/agencies/{slug}", status_code=303)


def _regions(request: Request) -> list[str]:
    return sorted(p.stem for p in (workspace(request).agencies / "regions").glob("*.toml"))


ROUTES = [
    Route("/", index, methods=["GET"]),
    Route("/new", new_page, methods=["GET"]),
    Route("/new", new, methods=["POST"]),
    Route("/agencies/{slug}", page, methods=["GET"]),
    Route("/agencies/{slug}/history", history, methods=["GET"]),
]
