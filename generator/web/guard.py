"""The checks every route makes: who is asking, the CSRF token of a form, the user's right
on the body the route touches (its slug validated as the CLI validates it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from ..errors import PrikazError
from . import csrf
from .auth import LOCAL, ROLE_NAMES, Session, may_edit, may_view
from .storage import User
from .workspace import Workspace

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def workspace(request: Request) -> Workspace:
    ws: Workspace = request.app.state.workspace
    return ws


def session(request: Request) -> Session:
    found: Session = request.state.session
    return found


def user(request: Request) -> User | None:
    """The signed-in user; without any user defined, the one local user (an administrator)."""
    ws = workspace(request)
    if not ws.storage.has_users():
        return LOCAL
    return request.app.state.sessions.user(session(request))  # type: ignore[no-any-return]


def signed_in(request: Request) -> User:
    found = user(request)
    if found is None:
        raise HTTPException(401, "войдите в систему")
    return found


def admin(request: Request) -> User:
    found = signed_in(request)
    if found.role != "admin":
        raise HTTPException(403, "доступно только администратору")
    return found


def body(request: Request, edit: bool = False) -> tuple[User, str]:
    """The user and the slug of the body in the path. An invalid slug, a body that does not
    exist and a body the user may not see all answer 404 (nothing about other bodies leaks);
    a body they may see but not change answers 403."""
    who = signed_in(request)
    slug = str(request.path_params.get("slug", ""))
    try:
        path = workspace(request).path(slug)
    except PrikazError:
        raise HTTPException(404, "нет такого органа") from None
    if not may_view(who, slug) or not path.is_file():
        raise HTTPException(404, "нет такого органа")
    if edit and not may_edit(who, slug):
        raise HTTPException(403, "у вас нет права изменять этот орган")
    return who, slug


async def form(request: Request) -> FormData:
    """The submitted form, after its CSRF token (a field or the htmx header) is checked."""
    data = await request.form()
    given = data.get(csrf.FIELD) or request.headers.get(csrf.HEADER)
    if not csrf.valid(request.app.state.secret, session(request).sid, str(given) if given else None):
        raise HTTPException(403, "форма устарела или отправлена не со страницы рабочего места (CSRF); "
                                 "обновите страницу и повторите")
    return data


def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    who = user(request)
    context.update(request=request, me=who, role_names=ROLE_NAMES,
                   csrf_token=csrf.token(request.app.state.secret, session(request).sid),
                   may_edit=lambda slug: who is not None and may_edit(who, slug),
                   single_user=not workspace(request).storage.has_users())
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status)
