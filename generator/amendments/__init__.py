"""Amendments as stages over two trees, the signed edition and the current one:

1. matching (match.py): one algorithm pairs old and new units and register entries;
2. frozen numbering (frozen.py, units.py): the signed numbers kept, new units 2.6¹;
3. edits (edits.py): the legal analysis of what changed;
4. wording (wording.py): the amending order in Russian legal technique;
5. the consolidated text (history.py) and the redline (redline.py), both from the one
   composed tree.
"""

from __future__ import annotations

import copy

from ..edition import find_register
from ..errors import ConfigError
from ..tree import Change, Document, Node
from . import units
from .edits import analyse_document
from .history import consolidate, notes
from .redline import redline
from .state import Edit, State


class Consolidation(State):
    """The current document over the last signed edition; ``pending`` is the act that
    signs the differences (``prikaz sign``, ``prikaz amend``), or None for a plain build.
    It is the frozen-numbering pass's data (passes.FrozenNumbering)."""

    def renumber(self, part: str, nodes: list[Node]) -> None:
        units.renumber(self, part, nodes)

    def repeal_text(self, abzac: bool, feminine: bool = False) -> str:
        return units.repeal_text(self, abzac, feminine)

    def notes(self, history: list[tuple[int, Change]], abzac: bool, feminine: bool = False) -> list[str]:
        return notes(self, history, abzac, feminine)

    def finish(self, doc: Document, register_share: float, with_redline: bool = False) -> Document | None:
        """Analyse the composed document (its texts are final), then make it the
        consolidated text; with ``with_redline``, also return the redline, made from a
        copy of the tree before the notes were added."""
        found = analyse_document(self, doc, register_share)
        if self.problems:
            raise ConfigError("изменения не могут быть оформлены", self.problems)
        tracked: Document | None = None
        if with_redline:
            tracked, twin = copy.deepcopy((doc, self))
            redline(twin, tracked, find_register(tracked))
        consolidate(self, doc, found)
        return tracked


__all__ = ["Consolidation", "Edit", "State"]
