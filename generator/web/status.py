"""A body's state for the list: built or outdated, with errors, signed editions, an
amending order pending."""

from __future__ import annotations

from dataclasses import dataclass

from .. import edition as ed
from ..manifest import Manifest, generator_digest, input_digest, templates_digest
from .workspace import Workspace

MODE = "pdf=True;draft=False"  # what «prikaz build» records for a body


@dataclass
class State:
    slug: str
    name: str
    built: str  # «собран», «устарел», «не собирался»
    errors: int
    editions: int
    pending: bool


def state(ws: Workspace, slug: str, manifest: Manifest, shared: str) -> State:
    try:
        text = ws.read(slug)
    except OSError:
        return State(slug, slug, "—", 1, 0, False)
    checked = ws.check(slug, text)
    name = checked.cfg.agency.name if checked.cfg else slug
    path = ws.path(slug)
    if manifest.up_to_date(f"{slug}:{MODE}", input_digest(path, shared, MODE), ws.out):
        built = "собран"
    else:
        built = "устарел" if (ws.out / slug).is_dir() else "не собирался"
    errors = len(checked.problems) or (1 if checked.message else 0)
    return State(slug, name, built, errors, len(ed.edition_files(ws.agencies, slug)), checked.pending)


def states(ws: Workspace, slugs: list[str]) -> list[State]:
    manifest = Manifest.load(ws.out)
    shared = templates_digest() + generator_digest()
    return [state(ws, slug, manifest, shared) for slug in slugs]
