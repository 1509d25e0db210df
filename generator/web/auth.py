"""Who is asking and what they may do: passwords, the session cookie, rights on a body.

Passwords are hashed with argon2id (argon2-cffi's defaults). A session is a cookie signed
with the workspace's secret (itsdangerous), HttpOnly and SameSite=Lax, that carries the
user's name and a random session id (the CSRF token is derived from it); a signed-in
session is also recorded server-side (storage.py), so that logging out, deleting the user
or changing their role ends it for good, and it expires 12 hours after the login or after
4 hours without a request. Rights are
checked on every route against the body it touches: an administrator may do everything;
an editor edits, builds, signs and amends the bodies given to them; a reader views and
downloads the bodies given to them. A body the user may not see answers 404, as if it did
not exist; a body they may see but not change answers 403.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .storage import Storage, User

ROLES = ("admin", "editor", "reader")
ROLE_NAMES = {"admin": "администратор", "editor": "редактор", "reader": "читатель"}
COOKIE = "prikaz_session"
SESSION_SECONDS = 12 * 3600  # a session's lifetime from the login
IDLE_SECONDS = 4 * 3600  # … and without a request
THROTTLE_WINDOW = 15 * 60  # seconds
THROTTLE_LIMIT = 5  # failed logins per user name and per address within the window

# the user of a workspace without users (one person on their own machine)
LOCAL = User("локальный пользователь", "admin", ())

_HASHER = PasswordHasher()
_DUMMY = _HASHER.hash("prikaz: a name that does not exist costs as much as one that does")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def may_view(user: User, slug: str) -> bool:
    return user.role == "admin" or slug in user.agencies


def may_edit(user: User, slug: str) -> bool:
    return user.role == "admin" or (user.role == "editor" and slug in user.agencies)


@dataclass
class Session:
    sid: str  # random; the CSRF token is derived from it
    user: str | None = None


class Sessions:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.signer = URLSafeTimedSerializer(storage.secret(), salt="prikaz-session")

    def read(self, cookie: str | None) -> Session | None:
        if not cookie:
            return None
        try:
            data: Any = self.signer.loads(cookie, max_age=SESSION_SECONDS)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("sid"), str):
            return None
        user = data.get("user")
        return Session(data["sid"], user if isinstance(user, str) else None)

    def dump(self, session: Session) -> str:
        return self.signer.dumps({"sid": session.sid, "user": session.user})

    @staticmethod
    def fresh(user: str | None = None) -> Session:
        """A new session id: on every login, so an id planted before it is worth nothing."""
        return Session(secrets.token_urlsafe(24), user)

    def login(self, user: str) -> Session:
        """A new session for a user who has just signed in, recorded server-side."""
        session = self.fresh(user)
        self.storage.start_session(session.sid, user, time.time())
        return session

    def logout(self, session: Session) -> Session:
        """The session ended server-side (a copy of its cookie opens nothing); a new anonymous one."""
        self.storage.end_session(session.sid)
        return self.fresh()

    def user(self, session: Session | None) -> User | None:
        """The signed-in user, or None: the session must be alive server-side (not logged out,
        not expired, not ended by a change of the user) and the user must still exist."""
        if session is None or session.user is None:
            return None
        live = self.storage.session_user(session.sid, time.time(), SESSION_SECONDS, IDLE_SECONDS)
        if live != session.user:
            return None
        found = self.storage.user(session.user)
        return found[0] if found else None


class Throttled(Exception):
    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


def check_login(storage: Storage, name: str, password: str, address: str) -> User | None:
    """The user if the password is right; None if not; Throttled after too many failures
    (for this name or from this address), before the password is even checked."""
    now = time.time()
    keys = (f"user:{name.casefold()}", f"addr:{address}")
    if any(storage.failures(k, now - THROTTLE_WINDOW) >= THROTTLE_LIMIT for k in keys):
        raise Throttled(THROTTLE_WINDOW)
    found = storage.user(name)
    try:
        _HASHER.verify(found[1] if found else _DUMMY, password)
        ok = found is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or found is None:
        for k in keys:
            storage.fail(k, now)
        return None
    storage.forgive(keys[0])
    if _HASHER.check_needs_rehash(found[1]):
        storage.put_user(found[0].name, found[0].role, list(found[0].agencies), hash_password(password))
    return found[0]
