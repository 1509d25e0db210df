"""The Typst compile in a child process of its own, under a time limit.

The compiler is Rust code called in-process: a compile that hangs (or takes forever on a
pathological document) cannot be interrupted from Python, and its thread pool does not
survive a fork. So every typesetting (the PDF, the preview's pages) runs in one long-lived
child per process — the «typesetter» — that keeps its fonts loaded between documents. The
caller waits for the answer at most the time limit (``--pdf-timeout``, the same setting as
LibreOffice's); past it the typesetter is killed (SIGKILL: the Rust code ignores anything
gentler), the document fails with a message naming the limit, and the next document gets a
fresh typesetter. A typesetter that crashes fails only its document.

The typesetter dies with the thread that started it (``PR_SET_PDEATHSIG``), so a build
killed however it is killed leaves none behind; a normal exit closes its pipe and it ends.
A thread other than the main one (a server's request) has it started by a launcher thread
that lives as long as the process, so that it outlives the request.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
from typing import Any

from ...children import die_with_parent, release_memory
from ...errors import ConversionError
from ...faults import describe, injected
from .fonts import preload

DEFAULT_LIMIT = 600.0  # seconds, as LibreOffice's default
HANG = "typst-hang"  # the fault the tests inject (faults.injected): the compile never returns

# The compiler memoises what it laid out and never forgets it in a long-lived process (the
# binding exposes no eviction): a typesetter grew by 30–70 MB per 300-row register and
# reached 580 MB after 36 of them. One that has grown past this after a document is
# replaced by a fresh one (forked while the caller composes the next body). Build of 50
# bench bodies, peak of the summed memory of its processes: 1063–1099 MB at 450, 782–857 MB
# at 300, CPU time within the noise of the machine (30–37 s both).
RECYCLE_MB = 300

_limit = DEFAULT_LIMIT
_lock = threading.Lock()  # one document at a time per typesetter (the workspace has threads)
_child: _Typesetter | None = None


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Typesetting in this block fails after ``seconds`` per document."""
    global _limit
    before, _limit = _limit, seconds
    try:
        yield
    finally:
        _limit = before


def default_limit(seconds: float) -> None:
    """The time limit of every document typeset from now on (a server's, for its life)."""
    global _limit
    _limit = seconds


def _context() -> Any:
    """Fork when it is safe (cheap, and the child has the generator's modules): a process
    with other threads or with the Typst library loaded must start a fresh interpreter."""
    forkable = ("fork" in multiprocessing.get_all_start_methods() and "typst" not in sys.modules
                and threading.active_count() == 1)
    return multiprocessing.get_context("fork" if forkable else "spawn")


class _Typesetter:
    def __init__(self) -> None:
        ctx = _context()
        self.conn, theirs = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(theirs, self.conn, os.getpid()), daemon=True,
                                name="prikaz-typst")
        self.proc.start()
        theirs.close()
        self.owner = os.getpid()

    def call(self, work: Callable[..., Any], args: tuple[Any, ...], hang: bool,
             limit: float) -> tuple[bool, Any, int]:
        """(True, result, its memory in MB), (False, the exception raised, MB); TimeoutError
        past ``limit``, EOFError when the typesetter died."""
        self.conn.send((work, args, hang))
        if not self.conn.poll(limit):
            raise TimeoutError
        answer: tuple[bool, Any, int] = self.conn.recv()
        return answer

    def end(self, gently: bool = False) -> None:
        """Kill at once (its compile may never return), or (``gently``, when it is idle)
        close its pipe and let it remove its font folder."""
        with contextlib.suppress(OSError):
            self.conn.close()
        if gently:
            self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        _remove_font_folders(self.proc.pid)  # a killed typesetter could not (the next build would)


@lru_cache(maxsize=1)
def _launcher() -> ThreadPoolExecutor:
    """One thread that lives as long as this process, to start typesetters from."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="prikaz-typesetter")


def _start() -> _Typesetter:
    """A new typesetter, started from the main thread or from the launcher thread: the
    kernel ends a typesetter with the thread that started it, and a server's request
    threads come and go (the workspace started a typesetter for every preview: 16 for 15
    saves, 0.6 s a preview instead of 0.25)."""
    if threading.current_thread() is threading.main_thread():
        return _Typesetter()
    return _launcher().submit(_Typesetter).result()


def _current() -> _Typesetter:
    """This process's typesetter (a forked child has its parent's object, not its own)."""
    global _child
    if _child is not None and _child.owner != os.getpid():
        with contextlib.suppress(OSError):
            _child.conn.close()  # our copy of the parent's pipe
        _child = None
    if _child is not None and not _child.proc.is_alive():  # e.g. ended with the thread that started it
        _child.end()
        _child = None
    if _child is None:
        _child = _start()
    return _child


def start() -> None:
    """Start the typesetter ahead of the first document (it loads while the caller composes)."""
    with _lock:
        _current()


def running() -> int | None:
    """The pid of this process's typesetter, if it has one (idle between documents; it ends
    with this process)."""
    child = _child
    return child.proc.pid if child is not None and child.owner == os.getpid() else None


@atexit.register
def _shutdown() -> None:
    global _child
    if _child is not None and _child.owner == os.getpid():
        _child.end(gently=True)
    _child = None


def run(work: Callable[..., Any], *args: Any, tag: str = "", what: str = "PDF") -> Any:
    """``work(*args)`` in the typesetter, within the time limit; ``what`` names the result
    in the message («PDF», «страницы превью»), ``tag`` the document (the body's slug)."""
    global _child
    limit = _limit
    with _lock:
        child = _current()
        try:
            ok, value, size_mb = child.call(work, args, injected(HANG, tag), limit)
        except TimeoutError:
            child.end()
            _child = None
            raise ConversionError(f"Typst не набрал {what} за {limit:g} с и остановлен; если документ просто "
                                  f"большой, увеличьте предел: --pdf-timeout СЕКУНДЫ") from None
        except (EOFError, OSError):
            child.end()
            _child = None
            raise ConversionError(f"Typst аварийно завершился, набирая {what} (код {child.proc.exitcode}); "
                                  "повторите, а если повторится — сообщите разработчикам") from None
        except BaseException:  # Ctrl-C while it works: it must not outlive the command
            child.end()
            _child = None
            raise
        if size_mb > RECYCLE_MB:
            child.end(gently=True)
            _child = _start()  # it loads its fonts while the caller composes the next body
    if not ok:
        raise value
    return value


# --- in the typesetter ------------------------------------------------------------------------

def _serve(conn: Any, callers_end: Any, parent: int) -> None:
    """Answer requests until the pipe closes: (work, args, hang) → (ok, result or exception);
    ``hang``: the fault the tests inject, asked for in the caller (whose environment they set)."""
    callers_end.close()  # a forked child holds it too: the caller's close must reach us as EOF
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle
    signal.signal(signal.SIGTERM, _exit)
    die_with_parent(signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before we asked
        os._exit(0)
    try:
        with contextlib.suppress(Exception):  # a failure here is the first document's to report
            preload()
        while True:
            try:
                work, args, hang = conn.recv()
            except EOFError:
                return
            if hang:
                time.sleep(10 ** 6)
            answer = _answer(work, args)
            release_memory()
            conn.send((*answer, _resident_mb()))
    finally:
        _remove_font_folders()


def _answer(work: Callable[..., Any], args: tuple[Any, ...]) -> tuple[bool, Any]:
    try:
        return True, work(*args)
    except Exception as e:
        try:  # the exception itself when it can travel (--debug lets it through), else its message
            ForkingPickler.dumps(e)
        except Exception:
            return False, describe(e)
        return False, e


def _resident_mb() -> int:
    """This process's resident memory (Linux; elsewhere 0: never replaced)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            return next((int(line.split()[1]) // 1024 for line in f if line.startswith("VmRSS:")), 0)
    except (OSError, ValueError):
        return 0


def _exit(*_: object) -> None:
    raise SystemExit(0)


def _remove_font_folders(pid: int | None = None) -> None:
    """The folders fonts.py made in the typesetter (its atexit hooks do not run there)."""
    for folder in Path(tempfile.gettempdir()).glob(f"prikaz-fonts-{pid or os.getpid()}-*"):
        shutil.rmtree(folder, ignore_errors=True)
