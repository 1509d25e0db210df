"""Users and roles (administrators only): the list, a new user, a role changed, a user removed
(the last two end the user's sessions)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ...errors import PrikazError
from ..guard import admin, form, render, workspace
from ..users import add_user, change_role


async def users_page(request: Request) -> Response:
    admin(request)
    ws = workspace(request)
    return render(request, "users.html", users=ws.storage.users(), slugs=ws.slugs(), error=None)


async def user_add(request: Request) -> Response:
    who = admin(request)
    data = await form(request)
    ws = workspace(request)
    name = str(data.get("name", "")).strip()
    role = str(data.get("role", ""))
    agencies = [str(a) for a in data.getlist("agencies")]
    try:
        add_user(ws.storage, ws.agencies, name, role, agencies, str(data.get("password", "")))
    except PrikazError as e:
        return render(request, "users.html", status=422, users=ws.storage.users(), slugs=ws.slugs(), error=str(e))
    ws.storage.log(who.name, "", f"добавлен пользователь {name} ({role})", " ".join(agencies))
    return RedirectResponse("/users", status_code=303)


async def user_role(request: Request) -> Response:
    who = admin(request)
    data = await form(request)
    name = str(request.path_params["name"])
    ws = workspace(request)
    role = str(data.get("role", ""))
    agencies = [str(a) for a in data.getlist("agencies")]
    try:
        if name == who.name:
            raise PrikazError("свою роль изменить нельзя: это делает другой администратор")
        change_role(ws.storage, ws.agencies, name, role, agencies)
    except PrikazError as e:
        return render(request, "users.html", status=422, users=ws.storage.users(), slugs=ws.slugs(), error=str(e))
    ws.storage.log(who.name, "", f"изменена роль пользователя {name}: {role}", " ".join(agencies))
    return RedirectResponse("/users", status_code=303)


async def user_delete(request: Request) -> Response:
    who = admin(request)
    await form(request)
    name = str(request.path_params["name"])
    ws = workspace(request)
    if name == who.name:
        return render(request, "users.html", status=422, users=ws.storage.users(), slugs=ws.slugs(),
                      error="нельзя удалить самого себя")
    ws.storage.delete_user(name)
    ws.storage.log(who.name, "", f"удалён пользователь {name}")
    return RedirectResponse("/users", status_code=303)


ROUTES = [
    Route("/users", users_page, methods=["GET"]),
    Route("/users", user_add, methods=["POST"]),
    Route("/users/{name}/role", user_role, methods=["POST"]),
    Route("/users/{name}/delete", user_delete, methods=["POST"]),
]
