"""Child processes that never outlive the build: workers and LibreOffice.

LibreOffice runs under a small supervisor (this file run as a script, ``python -I children.py CMD …``) that
starts a session of its own, so the supervisor, soffice and soffice.bin form one process
group. The group is killed on a timeout, on an error, on Ctrl-C (``run`` kills it before
re-raising), and when the parent dies however it dies: the supervisor asks the kernel for a
signal at its parent's death (``PR_SET_PDEATHSIG``) and then kills its group. Workers ask
for the same signal, so the death of the main process ends them, and with them their
LibreOffice.

Temporary folders carry the pid of their owner («prikaz-build-<pid>-…»): the next build
removes those whose owner is gone (a build killed by ``kill -9`` leaves them behind).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

PR_SET_PDEATHSIG = 1
_TEMP = re.compile(r"^prikaz-(build|lo|amend|fonts)-(\d+)-")


def die_with_parent(sig: int = signal.SIGTERM) -> None:
    """Linux: deliver ``sig`` to this process when its parent dies (elsewhere: nothing)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)


def release_memory() -> None:
    """Give the memory freed since the last call back to the system (glibc keeps freed
    pages of its heaps for reuse: a worker stayed at the peak of its largest body)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def worker_init() -> None:
    """In a worker: Ctrl-C is the main process's to handle; the parent's death ends us."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # At once, without unwinding: a worker that unwinds returns to the pool's loop and waits
    # for work from a parent that is gone. Its LibreOffice supervisor sees it die and ends its
    # group; its temporary folder is removed by the next build.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(143))
    die_with_parent(signal.SIGTERM)
    if os.getppid() == 1:  # the parent died before we asked
        os._exit(143)


def kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def run(cmd: list[str], timeout: float, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` under the supervisor; its whole group is killed on timeout or any exception
    (``subprocess.TimeoutExpired`` is re-raised for the caller to word)."""
    proc = subprocess.Popen([sys.executable, "-I", __file__, *cmd], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except BaseException:
        kill_group(proc.pid)
        proc.kill()
        proc.communicate()
        raise
    kill_group(proc.pid)  # whatever soffice left running in its group
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def supervise(cmd: list[str]) -> int:
    """The supervisor: run ``cmd`` in this process group; on our parent's death or a signal,
    kill the group."""
    parent = os.getppid()

    def end(*_: object) -> None:
        os.killpg(0, signal.SIGKILL)

    signal.signal(signal.SIGTERM, end)
    signal.signal(signal.SIGHUP, end)
    die_with_parent(signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before we asked
        end()
    return subprocess.call(cmd)


def temp_folder(kind: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"prikaz-{kind}-{os.getpid()}-"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_orphans() -> None:
    """Remove the temporary folders of builds that died without cleaning up."""
    root = Path(tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for p in root.iterdir():
            m = _TEMP.match(p.name)
            if m and not _alive(int(m.group(2))) and p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(supervise(sys.argv[1:]))
