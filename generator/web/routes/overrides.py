"""The clause overrides of a body: each shown next to the template's clause it changes (ids
visible) and edited there; a new one added by a form (the clause picked by its id beside its
template text, the action as the config model allows it, the text), one deleted. Saves are
checked as «prikaz check» checks, refused when stale, and logged."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .. import overrides as ov
from .. import tomledit
from ..guard import body, form, render, workspace
from ..storage import User
from ..workspace import Stale, Workspace
from .edit import stale


def _page(request: Request, slug: str, text: str, status: int = 200, **context: Any) -> Response:
    ws = workspace(request)
    checked = ws.check(slug, text)
    clauses = ov.template_clauses(ws, checked.cfg, slug)
    items = [(part, n, o) for part in ("order", "procedure")
             for n, o in enumerate(getattr(checked.cfg, part).overrides)] if checked.cfg is not None else []
    return render(request, "overrides.html", status=status, slug=slug, items=items, clauses=clauses,
                  clause_text={k: v for part in clauses.values() for k, v in part.items()},
                  parts=ov.PARTS, actions=[(a, ov.ACTION_NAMES[a]) for a in ov.ACTIONS], excerpt=ov.excerpt,
                  checked=checked,
                  **{"version": tomledit.digest(text), "errors": {}, "new": {}, "edited": None, **context})


async def _submitted(request: Request) -> tuple[User, str, FormData, Workspace, str, str]:
    """What every change of an override starts from: who asks (with the right to edit the
    body), the form, the body's text as saved and the version the form was made from."""
    who, slug = body(request, edit=True)
    data = await form(request)
    ws = workspace(request)
    return who, slug, data, ws, ws.read(slug), str(data.get("version", ""))


def _changed_on_disk(request: Request, slug: str, text: str, base: str, yours: tuple[str, str]) -> Response | None:
    """409 when the file changed since the form was made; ``yours``: the user's words to copy
    from and what they are («ваш текст»)."""
    if tomledit.digest(text) == base:
        return None
    return stale(request, slug, Stale(text, workspace(request).storage.version(base)), *yours)


def _save(request: Request, slug: str, candidate: str, base: str, who: str, log: str, yours: tuple[str, str],
          to: str) -> Response:
    """Save a checked text (refused when someone saved in between) and go to ``to``."""
    try:
        workspace(request).save(slug, candidate, base, who, log)
    except Stale as e:
        return stale(request, slug, e, *yours)
    return RedirectResponse(to, status_code=303)


async def overrides_page(request: Request) -> Response:
    _who, slug = body(request)
    return _page(request, slug, workspace(request).read(slug))


async def override_save(request: Request) -> Response:
    who, slug, data, ws, text, base = await _submitted(request)
    part, index = str(data.get("part", "")), str(data.get("index", ""))
    new = str(data.get("text", "")).replace("\r\n", "\n").strip()
    if (refused := _changed_on_disk(request, slug, text, base, (new, "ваш текст"))) is not None:
        return refused
    doc = tomledit.parse(text)
    table = tomledit.get(doc, (part, "overrides"))
    if part not in ov.PARTS or not index.isdigit() or not table or int(index) >= len(table):
        return render(request, "error.html", status=404, code=404, detail="нет такой замены пункта")
    doc[part]["overrides"][int(index)]["text"] = new
    candidate = tomledit.dumps(doc)
    checked = ws.check(slug, candidate)
    if checked.problems or checked.message:
        errors, general = ov.place(checked.problems, part, int(index))
        own = [m for field in ("clause", "action", "text") for m in errors.get(field, [])]
        if checked.message and not checked.problems:
            own.append(checked.message)
        edited = {"part": part, "index": int(index), "text": new, "errors": own}
        return _page(request, slug, text, 422, edited=edited, general=general, version=base)
    return _save(request, slug, candidate, base, who.name, f"изменена замена пункта {part}.overrides[{index}]",
                 (new, "ваш текст"), f"/agencies/{slug}/overrides")


async def override_add(request: Request) -> Response:
    who, slug, data, ws, text, base = await _submitted(request)
    submitted = {k: str(data.get(k, "")) for k in ov.FIELDS}
    yours = ("\n".join(f"{k} = {v}" for k, v in submitted.items()), "ваша замена")
    if (refused := _changed_on_disk(request, slug, text, base, yours)) is not None:
        return refused
    new, errors = ov.read_new(data, ov.template_clauses(ws, ws.check(slug, text).cfg, slug))
    if errors:
        return _page(request, slug, text, 422, errors=errors, new=submitted, version=base)
    doc = tomledit.parse(text)
    index = ov.add(doc, new)
    candidate = tomledit.dumps(doc)
    checked = ws.check(slug, candidate)
    if checked.problems or checked.message:
        errors, general = ov.place(checked.problems, new.part, index)
        if checked.message and not checked.problems:
            errors.setdefault("text", []).append(checked.message)
        return _page(request, slug, text, 422, errors=errors, general=general, new=submitted, version=base)
    return _save(request, slug, candidate, base, who.name, f"добавлена замена пункта {new.id} ({new.action})",
                 yours, f"/agencies/{slug}/overrides?added={new.part}.{index}")


async def override_delete(request: Request) -> Response:
    who, slug, data, ws, text, base = await _submitted(request)
    part, index = str(data.get("part", "")), str(data.get("index", ""))
    yours = (f"удалить {part}.overrides[{index}]", "ваше действие")
    if (refused := _changed_on_disk(request, slug, text, base, yours)) is not None:
        return refused
    doc = tomledit.parse(text)
    clause = ov.remove(doc, part, int(index)) if index.isdigit() else None
    if clause is None:
        return render(request, "error.html", status=404, code=404, detail="нет такой замены пункта")
    candidate = tomledit.dumps(doc)
    checked = ws.check(slug, candidate)
    if checked.problems or checked.message:
        return _page(request, slug, text, 422, general=checked.problems, message=checked.message, version=base)
    log = f"удалена замена пункта {clause} ({part}.overrides[{index}])"
    return _save(request, slug, candidate, base, who.name, log, yours, f"/agencies/{slug}/overrides")


ROUTES = [
    Route("/agencies/{slug}/overrides", overrides_page, methods=["GET"]),
    Route("/agencies/{slug}/overrides", override_save, methods=["POST"]),
    Route("/agencies/{slug}/overrides/add", override_add, methods=["POST"]),
    Route("/agencies/{slug}/overrides/delete", override_delete, methods=["POST"]),
]
