"""What every route shares: the agencies folder, the storage, the preview cache, and the
operations on a body's config — read, validate, save (atomic, refused when stale)."""

from __future__ import annotations

import shutil
import tempfile
import threading
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..build import agency_slugs
from ..config import AgencyConfig, load_agency
from ..errors import ConfigError, Diagnostic, PrikazError
from ..faults import describe
from ..files import write_atomic
from ..paths import agency_file, check_name, inside
from ..pipeline import compose_located, current_edition
from ..tree import Document
from . import audit
from .preview import PreviewCache, Renderer
from .storage import Storage, state_dir
from .tomledit import digest


class Stale(Exception):
    """The file changed since the form was made: the save is refused, nothing is lost."""

    def __init__(self, current: str, base: str | None) -> None:
        super().__init__("stale")
        self.current, self.base = current, base


@dataclass
class Checked:
    """A config text as the workspace checked it: the document, or the located problems."""

    cfg: AgencyConfig | None = None
    doc: Document | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    message: str = ""
    remarks: list[str] = field(default_factory=list)  # warnings and a pending amendment
    pending: bool = False  # differs from the last signed edition: an amending order is due


class Workspace:
    def __init__(self, agencies: Path, state: Path | None = None, renderer: Renderer | None = None,
                 out: Path | None = None) -> None:
        self.agencies = agencies
        self.out = out or agencies.resolve().parent / "out"
        self.state = state or state_dir(agencies)
        self.storage = Storage(self.state)
        self.cache = PreviewCache(self.state / "cache", renderer)
        self.scratch = self.state / "tmp"
        self._save = threading.Lock()
        self._checked: dict[tuple[str, str, tuple[tuple[str, int], ...]], Checked] = {}

    def slugs(self) -> list[str]:
        return agency_slugs(self.agencies)

    def path(self, slug: str) -> Path:
        return agency_file(self.agencies, slug)

    def read(self, slug: str) -> str:
        """The config's text; a change made on disk since the last look goes to the history."""
        return self.read_file(slug, self.path(slug))

    def read_file(self, key: str, path: Path) -> str:
        """A file's text (a body's config, ``key`` its slug; a region profile, ``regions/<name>``)."""
        text = path.read_text(encoding="utf-8")
        audit.observe(self.storage, key, text)
        return text

    def region_path(self, name: str) -> Path:
        """agencies/regions/<name>.toml for a valid name that stays inside the folder; else PrikazError."""
        folder = self.agencies / "regions"
        check_name(name, "профиля региона", "region")
        return inside(folder, folder / f"{name}.toml", "профиль региона")

    def own_and_merged(self, text: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """The body's own keys and the keys with its region profile's defaults under them."""
        try:
            own = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return {}, {}
        region = own.get("region")
        merged = own
        if isinstance(region, str):
            try:
                check_name(region, "профиля региона")
                profile = tomllib.loads((self.agencies / "regions" / f"{region}.toml").read_text(encoding="utf-8"))
                from ..config import _deep_merge

                base = {k: profile.get(k, {}) for k in ("blank", "marks", "order", "layout", "amendment")}
                merged = _deep_merge(base, own)
            except (OSError, PrikazError, tomllib.TOMLDecodeError):
                pass
        return own, merged

    def check(self, slug: str, text: str, regions: Path | None = None) -> Checked:
        """Load and compose a config text as ``prikaz check`` would, from a scratch copy (the
        file on disk is not touched); diagnostics name the real file. ``regions``: a folder
        of region profiles to use instead of agencies/regions/ (a profile not yet saved)."""
        key = (slug, digest(text), self._regions_stamp())
        if regions is None and key in self._checked:
            return self._checked[key]
        real = self.path(slug)
        self.scratch.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=self.scratch))
        tmp = work / f"{slug}.toml"
        tmp.write_text(text, encoding="utf-8")
        out = Checked()
        try:
            out.cfg = load_agency(tmp, regions or self.agencies / "regions", folder=real.parent)
            out.doc, pending = current_edition(out.cfg, slug, tmp, self.agencies)
            out.remarks = [str(w) for w in out.cfg.warnings] + list(out.doc.warnings) + pending
            out.pending = bool(pending)
        except Exception as e:
            err = describe(e, tmp) if not isinstance(e, PrikazError) else e
            out.message = err.message
            out.problems = [Diagnostic(real if d.path == tmp else d.path, d.line, d.key, d.message)
                            for d in err.diagnostics]
        finally:
            shutil.rmtree(work, ignore_errors=True)
        out.remarks = [r.replace(str(tmp), str(real)) for r in out.remarks]
        out.message = out.message.replace(str(tmp), str(real))
        if regions is not None:
            return out
        if len(self._checked) > 64:
            self._checked.clear()
        self._checked[key] = out
        return out

    def _regions_stamp(self) -> tuple[tuple[str, int], ...]:
        """The region profiles' names and times of change: a body checked before its profile
        changed (in the workspace or on disk) is checked again."""
        folder = self.agencies / "regions"
        return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.toml"))) if folder.is_dir() else ()

    def save(self, slug: str, text: str, base: str, user: str, action: str) -> None:
        """Write the config atomically if it is still the version ``base`` (its digest) the
        form was made from; else ``Stale`` with the version on disk."""
        self.save_file(slug, self.path(slug), text, base, user, action)

    def save_file(self, key: str, path: Path, text: str, base: str, user: str, action: str) -> None:
        with self._save:
            current = path.read_text(encoding="utf-8")
            if digest(current) != base:
                audit.observe(self.storage, key, current)
                raise Stale(current, self.storage.version(base))
            if text == current:
                return
            write_atomic(path, text.encode("utf-8"))
            audit.saved(self.storage, user, key, action, current, text)

    def document(self, slug: str) -> tuple[Document, AgencyConfig]:
        """The document as it will be signed (the consolidated text once an edition is signed)."""
        path = self.path(slug)
        cfg = load_agency(path)
        doc, _ = current_edition(cfg, slug, path, self.agencies)
        return doc, cfg

    def compose_plain(self, cfg: AgencyConfig, slug: str) -> Document:
        return compose_located(cfg, slug, self.path(slug))


def problem_text(e: BaseException) -> str:
    err = e if isinstance(e, PrikazError) else ConfigError(str(describe(e)))
    return str(err)
