"""The dependency locks (requirements.lock, requirements-dev.lock) agree with pyproject.toml
and with the environment the tests run in.

The locks exist so that a new release of python-docx, pymorphy3 or any other dependency
cannot change the bytes of a signed document: `make venv` installs exactly the pinned,
hashed versions. These tests catch a lock that was not regenerated after pyproject.toml
changed (`make lock`), a runtime lock that drifted from the dev lock, and a venv that was
not installed from the lock.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")
HASH = re.compile(r"--hash=sha256:([0-9a-f]{64})")


def read_lock(path: Path) -> dict[str, tuple[str, frozenset[str]]]:
    """Canonical name → (pinned version, sha256 hashes) for every entry of a lock file."""
    entries: dict[str, tuple[str, frozenset[str]]] = {}
    name = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        pin = PIN.match(line)
        if pin:
            name = canonicalize_name(pin.group(1))
            assert name not in entries, f"{path.name}: {name} закреплён дважды"
            entries[name] = (pin.group(2), frozenset())
        for digest in HASH.findall(line):
            version, hashes = entries[name]
            entries[name] = (version, hashes | {digest})
    return entries


def declared(extra: str | None) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    if extra is None:
        return [Requirement(r) for r in project["dependencies"]]
    return [Requirement(r) for r in project["optional-dependencies"][extra]]


RUNTIME = read_lock(ROOT / "requirements.lock")
DEV = read_lock(ROOT / "requirements-dev.lock")


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_entry_is_pinned_with_hashes(lock: str) -> None:
    entries = read_lock(ROOT / lock)
    assert entries, f"{lock}: ни одной зависимости"
    unhashed = sorted(name for name, (_, hashes) in entries.items() if not hashes)
    assert not unhashed, f"{lock}: без хешей: {unhashed}"


@pytest.mark.parametrize(
    ("lock", "extras"), [("requirements.lock", [None]), ("requirements-dev.lock", [None, "dev"])]
)
def test_lock_covers_pyproject(lock: str, extras: list[str | None]) -> None:
    entries = read_lock(ROOT / lock)
    for extra in extras:
        for req in declared(extra):
            name = canonicalize_name(req.name)
            assert name in entries, f"{lock}: нет {req.name} из pyproject.toml — выполните make lock"
            version = entries[name][0]
            assert req.specifier.contains(version, prereleases=True), (
                f"{lock}: {req.name}=={version} не удовлетворяет «{req}» из pyproject.toml — выполните make lock"
            )


def test_runtime_lock_is_the_dev_lock_without_dev_tools() -> None:
    for name, entry in RUNTIME.items():
        assert DEV.get(name) == entry, f"{name}: в requirements.lock и requirements-dev.lock разные версии или хеши"


def test_environment_is_installed_from_the_lock() -> None:
    installed = {}
    for name in DEV:
        try:
            installed[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed[name] = "не установлен"
    differ = {name: (installed[name], version) for name, (version, _) in DEV.items() if installed[name] != version}
    assert not differ, f"окружение не совпадает с requirements-dev.lock (установлено, в замке): {differ}; make venv"
