"""Compose: an agency config → one document tree, ready for the writers.

The reader (reader/) builds the tree from the shared templates and the config; the
passes (passes/) then run in their declared order: numbering, the frozen numbering of a
signed edition (when there is one), references, marks, typography."""

from __future__ import annotations

from .config import AgencyConfig
from .passes import Context, FrozenNumbering, run
from .reader import read
from .tree import Document


def compose(cfg: AgencyConfig, slug: str, draft: bool = False, frozen: FrozenNumbering | None = None) -> Document:
    """The document tree of one body; ``draft`` adds «ПРОЕКТ» and the лист согласования;
    ``frozen`` lays a signed edition's numbers over the fresh ones (consolidate.py)."""
    return run(read(cfg, slug, draft), Context(slug, frozen))
