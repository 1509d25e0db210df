"""The typeface of the PDF: the profile's font or its free metric-compatible face, found
among the installed fonts and handed to the compiler as the only font it sees. A missing
face is an error, never a silent fallback to another one."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from ...errors import ConversionError

# Times New Roman is not free; these faces have its metrics, so lines and pages break as
# in the DOCX. PT Astra Serif is preferred where it is installed.
METRIC_COMPATIBLE = {"times new roman": ("PT Astra Serif", "Liberation Serif")}
INSTALL_HINT = "выполните «make build» (ставит пакет fonts-liberation2 со шрифтом Liberation Serif)"


@lru_cache(maxsize=1)
def _installed() -> dict[str, list[str]]:
    """Installed font files by family (lower case), read once per process."""
    import typst

    found: dict[str, list[str]] = {}
    for info in typst.Fonts(include_system_fonts=True, include_embedded_fonts=False).fonts():
        if info.path:
            found.setdefault(info.family.lower(), []).append(info.path)
    return found


def preload() -> None:
    """Read the installed fonts now (the typesetter does, while its caller composes)."""
    _installed()


def family_of(font: str) -> tuple[str, list[str]]:
    """The face the PDF is set in for the profile's ``font``, and its files."""
    candidates = METRIC_COMPATIBLE.get(font.lower(), (font,))
    installed = _installed()
    for family in candidates:
        if installed.get(family.lower()):
            return family, sorted(set(installed[family.lower()]))
    names = " или ".join(f"«{c}»" for c in candidates)
    raise ConversionError(f"шрифт для PDF не найден: нужен {names} (для шрифта «{font}» из [layout] font); "
                          f"{INSTALL_HINT}. Другой шрифт не подставляется")


@lru_cache(maxsize=8)
def _folder(files: tuple[str, ...], pid: int) -> Path:
    """A folder that holds only these font files (the compiler takes folders)."""
    folder = Path(tempfile.mkdtemp(prefix=f"prikaz-fonts-{pid}-"))
    atexit.register(shutil.rmtree, folder, True)
    for k, path in enumerate(files):
        (folder / f"{k:02d}-{Path(path).name}").symlink_to(path)
    return folder


def font_folder(font: str) -> tuple[str, Path]:
    """The family and a folder with only its files, for the profile's ``font``."""
    family, files = family_of(font)
    return family, _folder(tuple(files), os.getpid())
