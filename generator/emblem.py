"""The emblem (coat of arms) at the top of a blank: a PNG or SVG file that the region
profile or the body's config names in ``[blank] emblem``, found inside the agencies/
folder (never outside it, links resolved), checked when the config is loaded and read
into the tree (``Blank.emblem``) by the reader, so every writer renders the same bytes."""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lxml import etree

from .errors import ConfigError, Diagnostic
from .faults import os_reason
from .paths import inside
from .tree import Emblem

if TYPE_CHECKING:
    from .config import AgencyConfig

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 5 * 1024 * 1024  # a coat of arms is tens of kilobytes; a larger file is a mistake
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px|pt|mm|cm|in)?\s*$")


def _png_size(data: bytes) -> tuple[float, float]:
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("файл не в формате PNG")
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height:
        raise ValueError("у картинки нулевой размер")
    return float(width), float(height)


def _svg_size(data: bytes) -> tuple[float, float]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise ValueError(f"файл не в формате SVG ({e.msg})") from None
    if etree.QName(root).localname != "svg":
        raise ValueError("файл не в формате SVG (корневой элемент не <svg>)")
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            width, height = float(box[2]), float(box[3])
        except ValueError:
            width = height = 0.0
        if width > 0 and height > 0:
            return width, height
    sizes = [_LENGTH.match(root.get(k) or "") for k in ("width", "height")]
    if sizes[0] and sizes[1] and float(sizes[0].group(1)) > 0 and float(sizes[1].group(1)) > 0:
        return float(sizes[0].group(1)), float(sizes[1].group(1))
    raise ValueError("у SVG нет размеров: укажите viewBox или width и height")


def image_size(data: bytes, fmt: Literal["png", "svg"]) -> tuple[float, float]:
    """The image's width and height in its own units (their ratio is what matters)."""
    return _png_size(data) if fmt == "png" else _svg_size(data)


def _format(name: str) -> Literal["png", "svg"]:
    return "svg" if name.lower().endswith(".svg") else "png"


def _read(cfg: AgencyConfig) -> tuple[str, bytes] | None:
    """The emblem's name and bytes; a ConfigError or ValueError with the reason if it is unusable."""
    name = cfg.blank.emblem
    if name is None:
        return None
    folder = cfg.folder or Path("agencies")
    path = inside(folder, folder / name, "герб")
    if not path.is_file():
        raise ValueError(f"файла {path} нет (путь — от папки {folder}/)")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ValueError(f"файл {path} больше 5 МБ; для бланка достаточно картинки в десятки килобайт")
        data = path.read_bytes()
    except OSError as e:
        raise ValueError(f"не удалось прочитать {path}: {os_reason(e)}") from None
    image_size(data, _format(name))
    return name, data


def check_emblem(cfg: AgencyConfig, located: Callable[[], tuple[Path, int | None]]) -> list[Diagnostic]:
    """A located error if the emblem named in the config or the profile cannot be used;
    ``located()``: the file and line of the key «blank.emblem», looked up only for an error."""
    try:
        _read(cfg)
    except (ConfigError, ValueError) as e:
        where, line = located()
        reason = e.message if isinstance(e, ConfigError) else str(e)
        return [Diagnostic(where, line, "blank.emblem", f"«{cfg.blank.emblem}»: {reason}")]
    return []


def emblem(cfg: AgencyConfig) -> Emblem | None:
    """The emblem of the blank, sized by the profile's width and the image's proportions."""
    found = _read(cfg)
    if found is None:
        return None
    name, data = found
    fmt = _format(name)
    width, height = image_size(data, fmt)
    width_mm = cfg.blank.emblem_width_mm
    return Emblem(name=name, data=data, format=fmt, width_mm=width_mm, height_mm=round(width_mm * height / width, 2))
