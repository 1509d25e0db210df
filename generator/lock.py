"""One writer at a time: an advisory lock on the folder a command writes into.

``build`` and ``amend`` hold the lock of ``out/``, ``sign`` the lock of
``agencies/<slug>.editions/``, from reading what is there (the manifest, the last edition)
to the last rename. A second process waits for the first (and says so once), so two builds
never interleave their outputs nor their manifests. The lock is ``flock`` on the folder
itself: no lock file to leave behind, and the kernel frees it when a process dies, even by
``kill -9``.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .faults import os_error


@contextmanager
def folder_lock(folder: Path, what: str = "сборка") -> Iterator[None]:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as e:
        raise os_error(e, "создать или открыть папку") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"жду: в {folder} уже идёт {what} другим процессом; продолжу, когда она закончится",
                  file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
