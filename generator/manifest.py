"""The build manifest (``out/.prikaz-manifest.json``): what each output was made from.

For every body it records the hash of its inputs — the body's config, its region
profile, the templates, the generator's own code and version, and the build mode — and
the hash of every output. A build redoes a body only when its inputs changed or an
output is missing or altered. Content hashes, not file times: saving a file unchanged
rebuilds nothing, a change anywhere in the templates rebuilds every body.

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

MANIFEST = ".prikaz-manifest.json"
FORMAT = 1
PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE.parent / "templates"
_REGION = re.compile(r'(?m)^\s*region\s*=\s*"([^"]+)"')


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


def input_digest(config: Path, shared: str, mode: str) -> str:
    """Everything one body's outputs are made from."""
    h = hashlib.sha256()
    text = config.read_bytes()
    h.update(text)
    m = _REGION.search(text.decode("utf-8", errors="replace"))
    if m:
        region = config.parent / "regions" / f"{m.group(1)}.toml"
        h.update(region.read_bytes() if region.exists() else b"<no region>")
    editions = config.parent / f"{config.stem}.editions"
    if editions.is_dir():  # signed editions: the consolidated text depends on them
        for p in sorted(editions.glob("*.toml")):
            h.update(p.name.encode())
            h.update(p.read_bytes())
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
        path = out / MANIFEST
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
                raise ValueError("другой формат")
            return cls(path, data["entries"])
        except (ValueError, OSError, UnicodeDecodeError, AttributeError) as e:
            return cls(path, problem=f"манифест сборки {path} повреждён ({e}): собираю всё заново")

    def up_to_date(self, key: str, inputs: str, out: Path) -> bool:
        entry = self.entries.get(key)
        if not isinstance(entry, dict) or entry.get("inputs") != inputs:
            return False
        outputs = entry.get("outputs")
        if not isinstance(outputs, dict) or not outputs:
            return False
        for rel, digest in outputs.items():
            target = out / rel
            if not target.is_file() or file_digest(target) != digest:
                return False
        return True

    def record(self, key: str, inputs: str, outputs: list[Path], out: Path) -> None:
        self.entries[key] = {"inputs": inputs,
                             "outputs": {str(p.relative_to(out)): file_digest(p) for p in outputs}}

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"format": FORMAT, "entries": self.entries}, ensure_ascii=False, indent=1,
                          sort_keys=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".manifest.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, self.path)
