"""One exception base for the CLI, each kind with a stable exit code (as pandoc does)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar


@dataclass(frozen=True)
class Diagnostic:
    """One located problem: ``path:line: key: message`` (as Sphinx prints them)."""

    path: Path | None
    line: int | None
    key: str | None
    message: str

    def __str__(self) -> str:
        where = str(self.path) if self.path else "<конфигурация>"
        if self.line:
            where += f":{self.line}"
        key = f" [{self.key}]" if self.key else ""
        return f"{where}:{key} {self.message}"


class PrikazError(Exception):
    exit_code = 1

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics = diagnostics or []

    def __str__(self) -> str:
        lines = [self.message, *(f"  {d}" for d in self.diagnostics)]
        return "\n".join(lines)


class ConfigError(PrikazError):
    """A config that cannot be read or does not match the schema."""

    exit_code = 2


class TemplateError(PrikazError):
    """The shared template or a clause override cannot be turned into a document."""

    exit_code = 3


class ConversionError(PrikazError):
    """LibreOffice failed to make a PDF."""

    exit_code = 4


class FileSystemError(PrikazError):
    """A file or folder that cannot be read or written: no space, no rights, not a folder."""

    exit_code = 5


class InternalError(PrikazError):
    """A fault of the generator itself (a bug): reported, never a traceback without --debug."""

    exit_code = 1


T = TypeVar("T")


def known(value: T | None, what: str) -> T:
    """A value the program's own logic guarantees; its absence is a fault of the
    generator, reported as such (never an ``assert``, which ``python -O`` drops)."""
    if value is None:
        raise InternalError(f"внутренняя ошибка: нет значения «{what}»")
    return value
