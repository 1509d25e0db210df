"""The build manifest (``out/.prikaz-manifest.json``): what each output was made from.

For every body it records the hash of its inputs — the body's config, its region
profile, the templates, the generator's own code and version, and the build mode — and
the hash of every output. A build redoes a body only when its inputs changed or an
output is missing or altered. Content hashes, not file times: saving a file unchanged
rebuilds nothing, a change anywhere in the templates rebuilds every body. An output is
hashed again only when its size, time or inode differ from those recorded at writing.

This module imports nothing heavy: a no-op build must start and finish quickly.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import __version__
from .faults import os_reason
from .files import file_mode

MANIFEST = ".prikaz-manifest.json"
FORMAT = 1
PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE.parent / "templates"
# Searched in the raw bytes (a 300-row config is 100 KB: decoding it and a «^\s*» that may
# span lines cost a no-op build of 200 bodies 0.3 s).
_REGION = re.compile(rb'(?m)^[ \t]*region[ \t]*=[ \t]*"([^"\r\n]+)"')
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")  # as paths.NAME
_EMBLEM = re.compile(rb'(?m)^[ \t]*emblem[ \t]*=[ \t]*"([^"\r\n]+)"')


def _hash_files(paths: list[Path], root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(str(p.relative_to(root)).encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def templates_digest(folder: Path = TEMPLATES) -> str:
    return _hash_files([p for p in folder.rglob("*") if p.is_file()], folder)


@lru_cache(maxsize=1)
def generator_digest() -> str:
    """The generator's version and its code: a new generator rebuilds everything."""
    return f"{__version__}:" + _hash_files([p for p in PACKAGE.rglob("*.py")], PACKAGE)


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _images(folder: Path, sources: list[bytes]) -> list[Path]:
    """The image files a config or its region profile names (loading checks each)."""
    names = [m.group(1).decode("utf-8", errors="replace") for src in sources if b"emblem" in src
             for m in _EMBLEM.finditer(src)]
    root = folder.resolve()
    return [p for p in (folder / n for n in names) if root in p.resolve().parents]


def input_digest(config: Path, shared: str, mode: str) -> str:
    """Everything one body's outputs are made from."""
    h = hashlib.sha256()
    text = config.read_bytes()
    h.update(text)
    m = _REGION.search(text)
    name = m.group(1).decode("utf-8", errors="replace") if m else ""
    sources = [text]
    if _NAME.match(name):  # not a name: the config's check reports it
        region = config.parent / "regions" / f"{name}.toml"
        sources.append(region.read_bytes() if region.is_file() else b"<no region>")
        h.update(sources[-1])
    for image in _images(config.parent, sources):  # the blank's emblem
        h.update(image.read_bytes() if image.is_file() else b"<no image>")
    editions = config.parent / f"{config.stem}.editions"
    if editions.is_dir():  # signed editions: the consolidated text depends on them
        for p in sorted(editions.glob("*.toml")):
            h.update(p.name.encode())
            h.update(p.read_bytes() if p.is_file() else b"<not a file>")  # loading it reports that
    h.update(shared.encode())
    h.update(mode.encode())
    return h.hexdigest()


@dataclass
class Manifest:
    path: Path
    entries: dict[str, dict[str, object]] = field(default_factory=dict)
    problem: str | None = None  # why an existing manifest could not be used

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The manifest of ``out/``; anything unexpected in it (not JSON, nested too deep, a
        folder, another format, entries of the wrong shape) means a full rebuild with a warning."""
        path = out / MANIFEST
        if not path.exists() and not path.is_symlink():
            return cls(path)
        try:
            if not path.is_file() or path.is_symlink():
                raise ValueError("это не обычный файл")
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
                raise ValueError("другой формат")
            entries = {k: v for k, v in data["entries"].items() if _well_formed(v)}
            return cls(path, entries)
        except (ValueError, OSError, RecursionError, UnicodeDecodeError) as e:
            reason = "слишком глубокая вложенность" if isinstance(e, RecursionError) else (
                os_reason(e) if isinstance(e, OSError) and e.errno else str(e) or type(e).__name__)
            return cls(path, problem=f"манифест сборки {path} повреждён ({reason}): собираю всё заново")

    def up_to_date(self, key: str, inputs: str, out: Path) -> bool:
        entry = self.entries.get(key)
        if not isinstance(entry, dict) or entry.get("inputs") != inputs:
            return False
        outputs = entry.get("outputs")
        if not isinstance(outputs, dict) or not outputs:
            return False
        seen = entry.get("stat")
        seen = seen if isinstance(seen, dict) else {}
        for rel, digest in outputs.items():
            target = out / rel
            try:
                if not target.is_file() or target.is_symlink() or not _same(target, digest, seen.get(rel)):
                    return False
            except OSError:
                return False
        return True

    def record(self, key: str, inputs: str, outputs: list[Path], out: Path) -> None:
        self.entries[key] = {"inputs": inputs,
                             "outputs": {str(p.relative_to(out)): file_digest(p) for p in outputs},
                             "stat": {str(p.relative_to(out)): _stamp(p) for p in outputs}}

    def save(self) -> str | None:
        """Write the manifest atomically; a manifest that cannot be written is a warning (the
        outputs are written; the next build redoes them), never a failed build."""
        data = json.dumps({"format": FORMAT, "entries": self.entries}, ensure_ascii=False, indent=1,
                          sort_keys=True)
        tmp: str | None = None
        try:
            if self.path.is_dir() or self.path.is_symlink():
                raise IsADirectoryError(0, "это не обычный файл")
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{MANIFEST}.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                os.fchmod(f.fileno(), file_mode())
                f.write(data)
            os.replace(tmp, self.path)
        except OSError as e:
            if tmp:
                Path(tmp).unlink(missing_ok=True)
            reason = os_reason(e) if e.errno else e.strerror or type(e).__name__  # never the OS's English words
            return f"манифест сборки {self.path} не записан ({reason}): следующая сборка соберёт всё заново"
        return None


_DIGEST = re.compile(r"^[0-9a-f]{64}$")


def _stamp(path: Path) -> list[int]:
    """What the file system says of a file: size, modification time (ns), inode."""
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _same(path: Path, digest: str, stamp: object) -> bool:
    """Is the output the one recorded? A file whose size, time and inode are those recorded
    when it was written is taken as unchanged (as git's index does); any other is hashed.
    Hashing every output of 200 bodies (121 MB) was a third of a no-op build."""
    if isinstance(stamp, list) and stamp == _stamp(path):
        return True
    return file_digest(path) == digest


def _well_formed(entry: object) -> bool:
    """An entry as ``record`` writes it: outputs named inside out/, each with a digest."""
    if not isinstance(entry, dict) or not isinstance(entry.get("inputs"), str):
        return False
    outputs = entry.get("outputs")
    return isinstance(outputs, dict) and all(
        isinstance(rel, str) and isinstance(d, str) and _DIGEST.match(d) and not Path(rel).is_absolute()
        and ".." not in Path(rel).parts for rel, d in outputs.items())
