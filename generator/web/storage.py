"""The workspace's own state in SQLite: ``.prikaz/workspace.sqlite3`` beside the agencies folder.

Users (argon2 hashes), their sessions, failed logins (for throttling), the audit log and
the last version of each config the workspace knows (to see edits made on disk). A session
lives in a signed cookie *and* here (by the hash of its id): logging out, deleting a user or
changing their role deletes the rows, and a cookie whose row is gone is worth nothing, even
if it was copied before. One connection per call, so the file is never held open between
requests and a backup copy (``sqlite3 … .backup``) can be taken at any time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, agencies TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS failed_logins (key TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user TEXT NOT NULL, slug TEXT NOT NULL,
    action TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS known (slug TEXT PRIMARY KEY, digest TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions (digest TEXT PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    sid TEXT PRIMARY KEY, user TEXT NOT NULL, created REAL NOT NULL, seen REAL NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user);
"""
TOUCH_EVERY = 60  # seconds: a session's «last seen» is written at most once a minute


def _sid_key(sid: str) -> str:
    """Sessions are stored by the hash of their id: a copy of the database opens none of them."""
    return hashlib.sha256(sid.encode()).hexdigest()


def state_dir(agencies: Path) -> Path:
    """``.prikaz/`` beside the agencies folder: the project root for ``agencies/``,
    ``<dir>/.prikaz/`` for ``--agencies <dir>/agencies``."""
    return agencies.resolve().parent / ".prikaz"


@dataclass(frozen=True)
class User:
    name: str
    role: str  # admin | editor | reader
    agencies: tuple[str, ...]  # the bodies of an editor or a reader


@dataclass(frozen=True)
class Entry:
    id: int
    at: str
    user: str
    slug: str
    action: str
    detail: str


class Storage:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = folder / "workspace.sqlite3"
        with self.connect() as db:
            db.executescript(SCHEMA)
        os.chmod(self.path, 0o600)  # password hashes and the audit log: the owner only

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            with db:
                yield db
        finally:
            db.close()

    def secret(self) -> bytes:
        """The key that signs cookies and CSRF tokens: made once, readable by the owner only."""
        path = self.folder / "secret"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
        return path.read_text().strip().encode()

    # --- users -------------------------------------------------------------------------------

    def put_user(self, name: str, role: str, agencies: list[str], hashed: str) -> None:
        with self.connect() as db:
            db.execute("INSERT OR REPLACE INTO users VALUES (?, ?, ?, ?)", (name, role, " ".join(agencies), hashed))

    def delete_user(self, name: str) -> None:
        with self.connect() as db:
            db.execute("DELETE FROM users WHERE name = ?", (name,))
            db.execute("DELETE FROM sessions WHERE user = ?", (name,))

    def set_role(self, name: str, role: str, agencies: list[str]) -> None:
        """A user's new role and bodies; their sessions end (they sign in again under the new rights)."""
        with self.connect() as db:
            db.execute("UPDATE users SET role = ?, agencies = ? WHERE name = ?", (role, " ".join(agencies), name))
            db.execute("DELETE FROM sessions WHERE user = ?", (name,))

    def user(self, name: str) -> tuple[User, str] | None:
        with self.connect() as db:
            row = db.execute("SELECT name, role, agencies, hash FROM users WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        return User(row[0], row[1], tuple(row[2].split())), row[3]

    def users(self) -> list[User]:
        with self.connect() as db:
            rows = db.execute("SELECT name, role, agencies FROM users ORDER BY name").fetchall()
        return [User(r[0], r[1], tuple(r[2].split())) for r in rows]

    def has_users(self) -> bool:
        with self.connect() as db:
            return db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    # --- sessions ------------------------------------------------------------------------------

    def start_session(self, sid: str, user: str, now: float) -> None:
        with self.connect() as db:
            db.execute("INSERT OR REPLACE INTO sessions VALUES (?, ?, ?, ?)", (_sid_key(sid), user, now, now))

    def session_user(self, sid: str, now: float, lifetime: float, idle: float) -> str | None:
        """The user of a live session; a session past its lifetime or idle too long is deleted."""
        with self.connect() as db:
            db.execute("DELETE FROM sessions WHERE created < ? OR seen < ?", (now - lifetime, now - idle))
            row = db.execute("SELECT user, seen FROM sessions WHERE sid = ?", (_sid_key(sid),)).fetchone()
            if row is None:
                return None
            if now - row[1] > TOUCH_EVERY:
                db.execute("UPDATE sessions SET seen = ? WHERE sid = ?", (now, _sid_key(sid)))
        return str(row[0])

    def end_session(self, sid: str) -> None:
        with self.connect() as db:
            db.execute("DELETE FROM sessions WHERE sid = ?", (_sid_key(sid),))

    def end_sessions(self, user: str) -> None:
        with self.connect() as db:
            db.execute("DELETE FROM sessions WHERE user = ?", (user,))

    # --- throttling ----------------------------------------------------------------------------

    def failures(self, key: str, since: float) -> int:
        with self.connect() as db:
            db.execute("DELETE FROM failed_logins WHERE at < ?", (since,))
            return int(db.execute("SELECT COUNT(*) FROM failed_logins WHERE key = ?", (key,)).fetchone()[0])

    def fail(self, key: str, at: float) -> None:
        with self.connect() as db:
            db.execute("INSERT INTO failed_logins VALUES (?, ?)", (key, at))

    def forgive(self, key: str) -> None:
        with self.connect() as db:
            db.execute("DELETE FROM failed_logins WHERE key = ?", (key,))

    # --- audit log and known versions ------------------------------------------------------------

    def log(self, user: str, slug: str, action: str, detail: str = "") -> None:
        at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        with self.connect() as db:
            db.execute("INSERT INTO audit (at, user, slug, action, detail) VALUES (?, ?, ?, ?, ?)",
                       (at, user, slug, action, detail))

    def history(self, slug: str | None = None, limit: int = 200) -> list[Entry]:
        query = "SELECT id, at, user, slug, action, detail FROM audit"
        args: tuple[object, ...] = ()
        if slug is not None:
            query += " WHERE slug = ?"
            args = (slug,)
        with self.connect() as db:
            rows = db.execute(query + " ORDER BY id DESC LIMIT ?", (*args, limit)).fetchall()
        return [Entry(*r) for r in rows]

    def known(self, slug: str) -> tuple[str, str] | None:
        with self.connect() as db:
            row = db.execute("SELECT digest, text FROM known WHERE slug = ?", (slug,)).fetchone()
        return (row[0], row[1]) if row else None

    def remember(self, slug: str, digest: str, text: str) -> None:
        """The version the workspace last saw or wrote; kept by digest too, so a stale save can
        show what changed since the version its form was made from."""
        with self.connect() as db:
            db.execute("INSERT OR REPLACE INTO known VALUES (?, ?, ?)", (slug, digest, text))
            db.execute("INSERT OR IGNORE INTO versions VALUES (?, ?)", (digest, text))

    def version(self, digest: str) -> str | None:
        with self.connect() as db:
            row = db.execute("SELECT text FROM versions WHERE digest = ?", (digest,)).fetchone()
        return str(row[0]) if row else None
