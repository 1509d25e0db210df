"""Signing in and out: /login (username, password, csrf_token), /logout."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..auth import Sessions, Throttled, check_login
from ..guard import form, render, session, workspace


def _next(request: Request, value: object) -> str:
    """Where to go after the login: a path of this site only (never «//evil.example»)."""
    target = str(value or "/")
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


async def login_page(request: Request) -> Response:
    if not workspace(request).storage.has_users():
        return RedirectResponse("/", status_code=303)
    return render(request, "login.html", next=_next(request, request.query_params.get("next")))


async def login(request: Request) -> Response:
    data = await form(request)
    name, password = str(data.get("username", "")).strip(), str(data.get("password", ""))
    target = _next(request, data.get("next"))
    address = request.client.host if request.client else "?"
    try:
        found = check_login(workspace(request).storage, name, password, address)
    except Throttled as t:
        return render(request, "login.html", status=429, next=target, username=name,
                      error=f"слишком много неудачных попыток; повторите через {t.seconds // 60} мин.")
    if found is None:
        return render(request, "login.html", status=401, next=target, username=name,
                      error="неверное имя пользователя или пароль")
    sessions: Sessions = request.app.state.sessions
    request.state.session = sessions.login(found.name)  # a new id: a planted one is worth nothing
    workspace(request).storage.log(found.name, "", "вход")
    return RedirectResponse(target, status_code=303)


async def logout(request: Request) -> Response:
    await form(request)
    sessions: Sessions = request.app.state.sessions
    request.state.session = sessions.logout(session(request))
    return RedirectResponse("/login", status_code=303)


ROUTES = [
    Route("/login", login_page, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
]
