"""Faults of the machine and of the generator as located Russian messages, never tracebacks.

A full disk, a folder without rights, a config that is a directory, a structure nested so
deep that the parser runs out of stack: each becomes a ``PrikazError`` of its kind, with the
file named, so the CLI prints one line and exits with the code of that kind.

Faults the machine cannot be made to produce on demand (a Typst compile that never returns)
are injected by the tests through the environment (``PRIKAZ_FAULTS``), so that they reach
the worker and typesetter processes of a build run as a command.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import ConfigError, FileSystemError, InternalError, PrikazError

_OS_REASONS = {
    errno.ENOSPC: "нет места на диске",
    errno.EDQUOT: "превышена квота диска",
    errno.EACCES: "нет прав доступа",
    errno.EPERM: "операция не разрешена",
    errno.EROFS: "файловая система только для чтения",
    errno.EISDIR: "это папка, а не файл",
    errno.ENOTDIR: "часть пути — файл, а не папка",
    errno.ENOENT: "нет такого файла или папки",
    errno.ENAMETOOLONG: "слишком длинное имя файла",
    errno.ELOOP: "ссылки образуют цикл",
    errno.EIO: "ошибка ввода-вывода",
    errno.EMFILE: "открыто слишком много файлов",
    errno.EPIPE: "получатель вывода закрыл канал",
    errno.EEXIST: "файл уже существует",
    errno.ENOTEMPTY: "папка не пуста",
    errno.EBUSY: "файл или устройство занято",
    errno.EXDEV: "перенос между разными файловыми системами",
    errno.ENOMEM: "не хватает памяти",
}


FAULTS_VARIABLE = "PRIKAZ_FAULTS"


def injected(fault: str, tag: str = "") -> bool:
    """Tests only: is ``fault`` asked for, for everything or for ``tag`` (a body's slug)?
    ``PRIKAZ_FAULTS="typst-hang"`` hangs every Typst compile, ``"typst-hang:altai-zags"``
    the compiles of that body only; several faults are separated by commas."""
    for item in os.environ.get(FAULTS_VARIABLE, "").split(","):
        name, _, only = item.strip().partition(":")
        if name == fault and only in ("", tag):
            return True
    return False


def os_reason(e: OSError) -> str:
    known = _OS_REASONS.get(e.errno or 0)
    if known:
        return known
    # never the OS's English words: the error's symbolic name and number instead
    code = errno.errorcode.get(e.errno or 0)
    return f"системная ошибка {code} ({e.errno})" if code else f"системная ошибка ({type(e).__name__})"


def os_error(e: OSError, doing: str = "") -> FileSystemError:
    """«не удалось записать out/x/prikaz.docx: нет места на диске»."""
    name = e.filename if e.filename is not None else ""
    where = f" {os.fsdecode(name)}" if name != "" else ""
    return FileSystemError(f"не удалось {doing or 'прочитать или записать'}{where}: {os_reason(e)}")


def deep_nesting(path: Path | None = None) -> ConfigError:
    where = f"{path}: " if path else ""
    return ConfigError(f"{where}слишком глубокая вложенность таблиц или списков (сотни уровней); "
                       "конфигурация так не пишется — проверьте файл")


def describe(e: BaseException, path: Path | None = None) -> PrikazError:
    """The error to report for an exception that escaped the usual checks."""
    if isinstance(e, PrikazError):
        return e
    if isinstance(e, RecursionError):
        return deep_nesting(path)
    if isinstance(e, OSError):
        return os_error(e)
    if isinstance(e, UnicodeDecodeError):
        where = f"{path}: " if path else ""
        return ConfigError(f"{where}файл должен быть в кодировке UTF-8 (байт {e.start + 1} не читается)")
    if isinstance(e, MemoryError):
        return FileSystemError("не хватило памяти")
    return InternalError(f"внутренняя ошибка генератора ({type(e).__name__}: {e}); "
                         "повторите с --debug и сообщите разработчикам")
