"""The history of a body: who changed what and when, and the changes made on disk.

Every save, signature and amending order of the workspace is logged with its user and
the diff of the config. Edits made outside the workspace (the CLI, an editor, git) are
found by comparing the file with the version the workspace last knew, and logged as
«изменение на диске» with their diff, so the history has no gaps.
"""

from __future__ import annotations

import difflib

from .storage import Storage
from .tomledit import digest

ON_DISK = "на диске"  # the «user» of a change made outside the workspace


def unified(old: str, new: str, name: str) -> str:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 f"{name} (было)", f"{name} (стало)", n=2)
    return "".join(lines)


def observe(storage: Storage, slug: str, text: str) -> None:
    """Log a change made on disk since the workspace last saw the file (the first sight of
    a file is only remembered)."""
    current = digest(text)
    known = storage.known(slug)
    if known is not None and known[0] != current:
        storage.log(ON_DISK, slug, "изменение на диске", unified(known[1], text, f"{slug}.toml"))
    if known is None or known[0] != current:
        storage.remember(slug, current, text)


def saved(storage: Storage, user: str, slug: str, action: str, old: str, new: str) -> None:
    storage.log(user, slug, action, unified(old, new, f"{slug}.toml"))
    storage.remember(slug, digest(new), new)
