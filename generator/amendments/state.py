"""What the stages of an amendment share: the signed edition, the act about to be signed,
the matched units and entries, and the edits found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..designations import ActRef
from ..edition import Act, Edition, Part, history_of
from ..errors import Diagnostic
from ..tree import Appendix, Change, Node
from .match import Item, RowItem

EditAction = Literal["title", "words", "rewrite", "insert", "repeal", "abzac_insert",
                     "row_insert", "row_rewrite", "row_repeal", "appendix"]


@dataclass
class Edit:
    """One change in legal terms, in document order."""

    part: Part
    action: EditAction
    target: Item | None = None  # the unit concerned (the owner of an абзац)
    abzac: int | None = None  # 1-based: «абзац третий» of the target
    items: list[Item] = field(default_factory=list)  # inserted or repealed units
    old: str = ""
    new: str = ""
    after: int | None = None  # abzac_insert: after which абзац (None: at the end)
    rows: list[RowItem] = field(default_factory=list)
    appendix: Appendix | None = None
    register_clause: Item | None = None  # the clause holding the register table


@dataclass
class State:
    edition: Edition
    inserted_style: str  # «superscript» 2.6¹, «dotted» 2.6.1, «hyphen» 2.6-1
    issuer_gent: str
    pending: Act | None = None  # the act that signs the differences (sign, amend), or None
    items: dict[Part, list[Item]] = field(default_factory=dict)
    bodies: dict[Part, list[Node]] = field(default_factory=dict)  # the consolidated bodies
    rows: list[RowItem] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    whole_register: bool = False
    register_history: list[tuple[int, Change]] = field(default_factory=list)
    attachment_history: dict[str, list[tuple[int, Change]]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.edition.registry is not None:
            self.register_history = history_of(self.edition.registry.history)
        self.attachment_history = {a.id: history_of(a.history) for a in self.edition.attachments}

    @property
    def acts(self) -> list[Act]:
        return self.edition.acts + ([self.pending] if self.pending else [])

    @property
    def pending_number(self) -> int:
        return len(self.edition.acts) + 1

    def act_ref(self, act: Act) -> ActRef:
        return ActRef(self.issuer_gent, act.date, act.number)
