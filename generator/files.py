"""Files written safely: a reader sees the old file or the new one, never a part."""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

from .faults import os_error


@lru_cache(maxsize=1)
def file_mode() -> int:
    """The mode ``open()`` would give a new file under the process's umask (0644 under 022):
    ``mkstemp`` creates 0600, which hid the outputs from the group and the web server."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file next to ``path`` and rename it into place: a reader
    sees the old file or the new one, never a part; on any failure the temporary file goes."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise os_error(e, "записать") from None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:  # the file the user asked for, not our temporary name (a read-only folder)
        raise os_error(OSError(e.errno, e.strerror, str(path)), "записать") from None
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), file_mode())
            f.write(data)
        os.replace(tmp, path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise os_error(OSError(e.errno, e.strerror, str(path)), "записать") from None
        raise


