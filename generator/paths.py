"""Paths from user input, validated against their folder after resolving links.

A body's slug and a region's name are names, never paths: «../../x» or «/etc/x» are refused
before any file is opened, and a config reached through a link that leads out of its folder
is refused too. ``--out`` must be a folder (or not exist yet), never the root of the file
system nor the folder of the configs.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import ConfigError, Diagnostic, FileSystemError

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")
NAME_RULE = "латинские буквы, цифры, дефис и подчёркивание, без «/» и «..»"


def check_name(name: str, what: str, key: str | None = None, where: Path | None = None,
               line: int | None = None) -> str:
    """``name`` if it is a plain name (of a body, a region); else a located error."""
    if not NAME.match(name):
        shown = ascii(name[:80])[1:-1] if not name[:80].isprintable() else name[:80]
        reason = f"«{shown}»: не имя, а путь или недопустимые символы; допустимы {NAME_RULE}"
        if where is None:
            raise ConfigError(f"недопустимое имя {what} {reason}")
        raise ConfigError(f"недопустимое имя {what}", [Diagnostic(where, line, key, reason)])
    return name


def inside(folder: Path, path: Path, what: str) -> Path:
    """``path`` if, with every link resolved, it stays within ``folder``; else an error."""
    root = folder.resolve()
    real = path.resolve()
    if real != root and root not in real.parents:
        raise ConfigError(f"{what} {path} ведёт за пределы папки {folder} (ссылка на {real}); "
                          "файлы читаются и пишутся только внутри неё")
    return path


def agency_file(agencies: Path, slug: str) -> Path:
    """agencies/<slug>.toml for a valid slug, checked to stay inside agencies/; a body that
    is not there is named with the closest one that is («вы имели в виду …?»)."""
    check_name(slug, "органа", "ОРГАН")
    path = inside(agencies, agencies / f"{slug}.toml", "конфигурация")
    if not path.exists() and not path.is_symlink():
        if not agencies.is_dir():
            raise ConfigError(f"нет папки конфигураций {agencies}; укажите её параметром --agencies")
        from .hints import suggestion

        known = sorted(p.stem for p in agencies.glob("*.toml"))
        raise ConfigError(f"нет органа «{slug}» (файла {path}); органы: "
                          + (", ".join(known) or "нет ни одного — создайте: prikaz new ОРГАН")
                          + suggestion(slug, known))
    return path


def region_file(regions: Path, region: str, where: Path, line: int | None) -> Path:
    check_name(region, "профиля региона", "region", where, line)
    return inside(regions, regions / f"{region}.toml", "профиль региона")


def output_folder(out: Path, agencies: Path) -> Path:
    """``--out``: a folder or nothing yet; not the file system's root, not the configs' folder."""
    real = out.resolve()
    if out.exists() and not out.is_dir():
        raise FileSystemError(f"--out {out}: это не папка, а файл; укажите папку для результатов")
    if real == Path(real.anchor):
        raise FileSystemError(f"--out {out}: корень файловой системы; укажите отдельную папку для результатов")
    conf = agencies.resolve()
    if real == conf or conf in real.parents:
        raise FileSystemError(f"--out {out}: папка конфигураций {agencies} или папка внутри неё; "
                              "укажите отдельную папку для результатов")
    return out
