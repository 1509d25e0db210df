"""The application: routes of every area, the session cookie, security headers, error pages."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from .auth import COOKIE, SESSION_SECONDS, Sessions
from .guard import render
from .loopback import LoopbackOnly
from .preview import Renderer
from .routes import bodies, documents, edit, editions, overrides, regions, register, session, users
from .workspace import Workspace

STATIC = Path(__file__).parent / "static"
HEADERS = {
    # no inline scripts, nothing from elsewhere; htmx is served from /static
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}

Next = Callable[[Request], Awaitable[Response]]


class SessionCookie(BaseHTTPMiddleware):
    """Read the signed session cookie (or start an anonymous session that carries the CSRF
    token of the login form); write it back when it changed; add the security headers."""

    async def dispatch(self, request: Request, call_next: Next) -> Response:
        sessions: Sessions = request.app.state.sessions
        found = sessions.read(request.cookies.get(COOKIE))
        request.state.session = found or Sessions.fresh()
        response = await call_next(request)
        if found is None or request.state.session is not found:
            response.set_cookie(COOKIE, sessions.dump(request.state.session), max_age=SESSION_SECONDS,
                                httponly=True, samesite="lax", secure=request.url.scheme == "https", path="/")
        for k, v in HEADERS.items():
            response.headers.setdefault(k, v)
        response.headers.setdefault("Cache-Control", "no-store")
        return response


async def http_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, HTTPException):  # registered for HTTPException only
        raise exc
    if exc.status_code == 401 and request.method == "GET":
        return RedirectResponse("/login?next=" + request.url.path, status_code=303)
    return render(request, "error.html", status=exc.status_code, code=exc.status_code, detail=exc.detail)


def create_app(agencies: Path, state: Path | None = None, renderer: Renderer | None = None,
               out: Path | None = None) -> Starlette:
    ws = Workspace(agencies, state, renderer, out)
    routes = [*session.ROUTES, *bodies.ROUTES, *edit.ROUTES, *overrides.ROUTES, *register.ROUTES, *documents.ROUTES,
              *editions.ROUTES, *regions.ROUTES, *users.ROUTES,
              Mount("/static", StaticFiles(directory=STATIC), name="static")]
    app = Starlette(routes=routes, middleware=[Middleware(SessionCookie), Middleware(LoopbackOnly)],
                    exception_handlers={HTTPException: http_error})
    app.state.workspace = ws
    app.state.sessions = Sessions(ws.storage)
    app.state.secret = ws.storage.secret()
    return app
