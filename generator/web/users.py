"""Adding a user or changing their role, from the CLI («prikaz user add») or the users' page:
the rules in one place."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ConfigError
from ..paths import agency_file, check_name
from .auth import ROLES, hash_password
from .storage import Storage

USER_NAME = re.compile(r"^[\w.@-]{1,64}$")
MIN_PASSWORD = 10


def add_user(storage: Storage, agencies: Path, name: str, role: str, bodies: list[str], password: str) -> None:
    """Add or replace a user; the bodies of an editor or a reader must exist. A user replaced
    (a new password, perhaps a new role) is signed out everywhere."""
    if not USER_NAME.match(name):
        raise ConfigError(f"«{name[:64]}»: имя пользователя — буквы, цифры, «.», «@», «-», «_», до 64 знаков")
    check_rights(agencies, role, bodies)
    if len(password) < MIN_PASSWORD:
        raise ConfigError(f"пароль короче {MIN_PASSWORD} знаков")
    existed = storage.user(name) is not None
    storage.put_user(name, role, bodies, hash_password(password))
    if existed:
        storage.end_sessions(name)


def change_role(storage: Storage, agencies: Path, name: str, role: str, bodies: list[str]) -> None:
    """A user's new role and bodies; their sessions end, so the old rights die with them."""
    if storage.user(name) is None:
        raise ConfigError(f"нет пользователя «{name[:64]}»")
    check_rights(agencies, role, bodies)
    storage.set_role(name, role, bodies)


def check_rights(agencies: Path, role: str, bodies: list[str]) -> None:
    if role not in ROLES:
        raise ConfigError(f"«{role}»: роль — одна из: {', '.join(ROLES)}")
    for slug in bodies:
        check_name(slug, "органа", "--agency")
        if not agency_file(agencies, slug).is_file():
            raise ConfigError(f"--agency {slug}: нет конфигурации {agencies / (slug + '.toml')}")
    if role == "admin" and bodies:
        raise ConfigError("администратору доступны все органы: --agency не указывается")
