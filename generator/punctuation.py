"""Punctuation of enumerations, set on the composed list rather than on template lines.

An enumeration is a node whose children begin with a small letter (clauses, bullets,
definitions or paragraphs: «выявлении …», «получение …»). Its lead-in ends with «:», each
item but the last ends with «;» and the last with «.» — or with the mark that the
enclosing item takes, when the list is nested in a list item. Short bullet lists whose
items the template separates with commas («заявления, обращения, запроса, документов»)
keep the commas. Children that begin with a capital letter are sentences of their own
and are left as written.

Because the marks follow the list as composed, an override that removes the last item
(«[principle_history]») or adds one leaves the list punctuated all the same.
"""

from __future__ import annotations

import re

from .inline import retext
from .tree import Node

ITEM_KINDS = ("clause", "bullet", "definition", "para")
_END_MARK = re.compile(r"[;,.:]\s*$")
# a text that ends with an abbreviation keeps its full stop: «и др.;», «т.п.»
_ABBREVIATION_END = re.compile(r"(?:\bдр|\bт\.\s?[пд]|\bпр|\bг)\.\s*$")
# Both match only at the end of a stripped text, over at most 5 characters and the one before
# them (for \b): searched in the tail only (a search of the whole text tries every position).
_TAIL = 12


def head_text(node: Node) -> str:
    """The words a node begins with: the term of a definition, the text otherwise."""
    return (node.term or node.text or "").lstrip("*«\"( ")


def is_item(node: Node) -> bool:
    """A list item: a unit that continues its lead-in's sentence (begins with a small letter)."""
    head = head_text(node)
    return node.kind in ITEM_KINDS and bool(head) and head[0].isalpha() and head[0].islower()


def list_items(node: Node) -> list[Node]:
    return [c for c in node.children if is_item(c)]


def final_mark(text: str) -> str:
    """The punctuation mark a text ends with («» if none)."""
    stripped = text.rstrip()
    if _ABBREVIATION_END.search(stripped[-_TAIL:]):
        return "."
    return stripped[-1] if stripped and stripped[-1] in ";,.:" else ""


def separator(items: list[Node]) -> str:
    """«,» for a bullet list written with commas, «;» otherwise."""
    inner = items[:-1]
    if inner and all(i.kind == "bullet" and final_mark(i.text) == "," and not list_items(i) for i in inner):
        return ","
    return ";"


def with_mark(text: str, mark: str) -> str:
    stripped = text.rstrip()
    if _ABBREVIATION_END.search(stripped[-_TAIL:]):
        return stripped if mark == "." else stripped + mark
    return stripped[:-_TAIL] + _END_MARK.sub("", stripped[-_TAIL:]) + mark


def punctuate(nodes: list[Node]) -> None:
    """Set the marks of every enumeration in ``nodes`` (a composed body)."""
    for node in nodes:
        _fix(node, None)


def _fix(node: Node, end: str | None) -> None:
    """``end``: the mark this node's sentence must end with (None: leave it as written)."""
    items = list_items(node)
    if not items:
        if end is not None and node.text:
            node.content = retext(node.content, lambda text: with_mark(text, end))
        for child in node.children:
            _fix(child, None)
        return
    if node.kind != "section" and node.text:
        node.content = retext(node.content, lambda text: with_mark(text, ":"))
    sep = separator(items)
    for child in node.children:
        if child is items[-1]:
            _fix(child, end or ".")
        elif is_item(child):
            _fix(child, sep)
        else:
            _fix(child, None)
