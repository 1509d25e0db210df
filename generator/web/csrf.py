"""CSRF protection: every form carries a token bound to the visitor's session.

The token is an HMAC of the session id under the workspace's secret: a page of another
site can make the browser send the cookie but cannot read the token, and a token of one
session is worth nothing in another. It is checked on every POST, with users or without
(a workspace without users on 127.0.0.1 is still reachable from the user's browser, and so
from any page it opens). htmx sends it in the ``X-CSRF-Token`` header.
"""

from __future__ import annotations

import hashlib
import hmac

FIELD = "csrf_token"
HEADER = "x-csrf-token"


def token(secret: bytes, sid: str) -> str:
    return hmac.new(secret, b"csrf:" + sid.encode(), hashlib.sha256).hexdigest()


def valid(secret: bytes, sid: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(token(secret, sid), str(given))
