"""The blank templates (docxtpl), opened cheaply: each file is read once per process, and
set once per region profile (margins, type, page numbers: styles.py, sections.py), and
every document starts from a copy of that prepared package; docxtpl's clean-up of the
template's XML for Jinja (``patch_xml``, a dozen regular expressions over the whole part)
is done once per distinct part. All are pure functions of the template file and the
profile, so the documents are the same bytes."""

from __future__ import annotations

import copy
import io
import weakref
import zipfile
from dataclasses import astuple
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from docx.opc.constants import CONTENT_TYPE as CT
from docxtpl import DocxTemplate

from ...tree import Layout
from .sections import page_numbers
from .styles import apply_layout, style_ids

TEMPLATES = Path(__file__).resolve().parent.parent.parent.parent / "templates"


class _Template(DocxTemplate):  # type: ignore[misc]
    _patched: ClassVar[dict[str, str]] = {}

    def patch_xml(self, src_xml: str) -> str:
        if src_xml not in self._patched:
            self._patched[src_xml] = str(super().patch_xml(src_xml))
        return self._patched[src_xml]


@lru_cache(maxsize=16)
def _file_bytes(name: str) -> bytes:
    """The template's package with its parts stored, not deflated: python-docx reads the
    same parts, without inflating them for every document."""
    stored = io.BytesIO()
    with zipfile.ZipFile(TEMPLATES / name) as source, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    return stored.getvalue()


@lru_cache(maxsize=32)
def _prepared(name: str, layout: tuple[Any, ...]) -> tuple[Any, dict[str, str]]:
    """The template's package with the profile's layout and the page numbers set, never
    rendered, and its style ids. Opening, setting and rendering the blank for every
    document took 22M instructions; from a copy of this, 5M (body 150 of ``make bench``)."""
    d = _Template(io.BytesIO(_file_bytes(name))).get_docx()
    apply_layout(d, Layout(*layout))
    page_numbers(d)
    for part in _shared(d).values():
        _SHARED_BLOBS[part] = part.blob
    return d, style_ids(d)


# The serialised XML of each shared part (0.3 ms per document), kept as long as its part.
_SHARED_BLOBS: weakref.WeakKeyDictionary[Any, bytes] = weakref.WeakKeyDictionary()


def part_blob(part: Any) -> bytes:
    """A part's bytes in the package; a shared part's are serialised once."""
    blob = _SHARED_BLOBS.get(part)
    return bytes(part.blob) if blob is None else blob


def open_template(name: str, layout: Layout) -> tuple[Any, dict[str, str]]:
    """A fresh docxtpl template of ``templates/<name>`` set for ``layout``, ready to
    render, and the package's style ids (paragraph style name → id)."""
    prepared, ids = _prepared(name, astuple(layout))
    tpl = _Template(io.BytesIO(_file_bytes(name)))
    tpl.docx = copy.deepcopy(prepared, _shared(prepared))
    return tpl, ids


def _shared(prepared: Any) -> dict[int, Any]:
    """The parts no document changes (styles, settings, theme, fonts, numbering, headers),
    as a ``deepcopy`` memo, so that every copy shares them: a document changes only its
    main part (the blank rendered, the body written, an emblem related) and its core
    properties. The blank, copied and rendered: 10M instructions with the whole package
    copied, 5M with only those two parts (body 150 of ``make bench``). docxtpl renders
    headers into new parts, never into these."""
    return {id(part): part for part in prepared.part.package.parts
            if part is not prepared.part and part.content_type != CT.OPC_CORE_PROPERTIES}
