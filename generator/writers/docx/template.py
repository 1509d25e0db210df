"""The blank templates (docxtpl), opened cheaply: each file is read once per process and
docxtpl's clean-up of the template's XML for Jinja (``patch_xml``, a dozen regular
expressions over the whole part) is done once per distinct part, not once per document.
Both are pure functions of the template file, so the documents are the same bytes."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from docxtpl import DocxTemplate

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


def open_template(name: str) -> Any:
    """A fresh docxtpl template of ``templates/<name>``, ready to render."""
    return _Template(io.BytesIO(_file_bytes(name)))
