"""Inline content as WordprocessingML runs: bold, and words inserted or deleted as
tracked changes (w:ins, w:del) in a redline."""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

from ...inline import Content, Deleted, Inserted, LineBreak, Strong, Text, atom_text
from .xml import REVISION_ATTRS, xml_text

Leaf = tuple[str, bool, str | None]  # text, bold, revision


def _leaves(content: Content, bold: bool = False, revision: str | None = None) -> list[Leaf]:
    out: list[Leaf] = []
    for node in content:
        if isinstance(node, Strong):
            out += _leaves(node.children, True, revision)
        elif isinstance(node, Inserted):
            out += _leaves(node.children, bold, "ins") or [("", bold, "ins")]
        elif isinstance(node, Deleted):
            out += _leaves(node.children, bold, "del") or [("", bold, "del")]
        elif not isinstance(node, LineBreak):
            out.append((atom_text(node), bold, revision))
    return out


def _plain_runs(leaves: list[Leaf], all_bold: bool) -> str:
    out = []
    for bold, group in groupby((x for x in leaves if x[0]), key=lambda x: x[1]):
        rpr = "<w:rPr><w:b/></w:rPr>" if bold or all_bold else ""
        out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{xml_text("".join(x[0] for x in group))}</w:t></w:r>')
    return "".join(out)


@lru_cache(maxsize=65536)
def runs_xml(content: Content, all_bold: bool = False) -> str:
    """The runs of one paragraph's content."""
    if len(content) == 1 and type(content[0]) is Text:  # most paragraphs and cells: one run of words
        words = content[0].text
        rpr = "<w:rPr><w:b/></w:rPr>" if all_bold else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{xml_text(words)}</w:t></w:r>' if words else ""
    out = []
    for revision, group in groupby(_leaves(content), key=lambda x: x[2]):
        leaves = list(group)
        if revision is None:
            out.append(_plain_runs(leaves, all_bold))
        elif revision == "ins":
            out.append(f"<w:ins {REVISION_ATTRS}>{_plain_runs(leaves, all_bold)}</w:ins>")
        else:
            runs = _plain_runs(leaves, all_bold).replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
            out.append(f"<w:del {REVISION_ATTRS}>{runs}</w:del>")
    return "".join(out)


@lru_cache(maxsize=65536)  # asked for every paragraph; content is immutable
def whole_revision(content: Content) -> str | None:
    """«ins» or «del» when the whole paragraph was inserted or deleted."""
    kinds = {revision for text, _bold, revision in _leaves(content) if text}
    return next(iter(kinds)) if len(kinds) == 1 and None not in kinds else None


def revised(content: Content, revision: str | None) -> Content:
    """A unit inserted or deleted as a whole: its paragraph as one tracked change."""
    if revision == "ins":
        return (Inserted(content),)
    if revision == "del":
        return (Deleted(content),)
    return content
