"""A workspace without users answers this computer only.

«prikaz serve» refuses to bind to anything but a loopback address while no user is
defined; this check stands behind that one, per request: a workspace started on 0.0.0.0
by other means (uvicorn by hand, a container) or put behind a reverse proxy (whose
X-Forwarded-For uvicorn trusts from 127.0.0.1) would otherwise give anyone who reaches it
the local administrator's rights without a login. Such a request gets 403.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response

from .guard import TEMPLATES, workspace

Next = Callable[[Request], Awaitable[Response]]


def is_loopback(address: str) -> bool:
    """An IP address of this computer (127.0.0.0/8, ::1, ::ffff:127.x.x.x); names are not addresses."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or (mapped is not None and mapped.is_loopback)


def refusal(address: str) -> str:
    return (f"рабочее место без пользователей открыто только на этом компьютере; запрос с адреса "
            f"{address[:64]} отклонён. Для работы по сети администратор заводит пользователей: "
            "prikaz user add ИМЯ --role admin")


class LoopbackOnly(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: Next) -> Response:
        address = request.client.host if request.client else ""
        if not is_loopback(address) and not workspace(request).storage.has_users():
            # rendered without the header's user and forms: the visitor is nobody here
            return TEMPLATES.TemplateResponse(request, "error.html", {"code": 403, "detail": refusal(address),
                                                                       "me": None, "csrf_token": ""},
                                              status_code=403)
        return await call_next(request)
