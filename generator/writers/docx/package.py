"""The DOCX package: the document part spliced from the written fragments, and a zip with
fixed timestamps, so the same document gives the same bytes. Uses python-docx's public
package API (parts, their names, blobs and relationships) only."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import count
from typing import Any

from docx.opc.constants import CONTENT_TYPE
from docx.opc.spec import default_content_types
from docx.oxml import parse_xml
from lxml import etree

from .sections import sect_xml
from .sink import Sink
from .template import part_blob
from .xml import REVISION_ID, XML_DECLARATION
from .zip import ZipWriter

_REVISION_ID = REVISION_ID.encode("ascii")
_REVISION_ID_RE = re.compile(re.escape(_REVISION_ID))
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def document_part(sink: Sink) -> bytes:
    """The document part with the written fragments, as bytes: the template's document is
    serialised once and the fragments spliced in before the body's final sectPr. The
    result goes into the package as it is — never parsed back (moving parsed subtrees
    into the document costs lxml a namespace walk over every node, and a parse and a
    second serialisation of a large register cost more than everything else)."""
    body = sink.doc.element.body
    if sink.sections > 1:  # the last section's own properties
        last = parse_xml(sect_xml(sink, sink.landscape, first=False))
        body.remove(body[-1])
        body.append(last)
    xml = str(etree.tostring(sink.doc.element, encoding="unicode"))
    cut = xml.rfind("<w:sectPr")
    fragments = b"".join(sink.fragments)
    sink.fragments.clear()
    part = b"".join((XML_DECLARATION, xml[:cut].encode("utf-8"), fragments, xml[cut:].encode("utf-8")))
    if _REVISION_ID not in part:
        return part
    ids = count(1)  # tracked changes: every one its own id
    return _REVISION_ID_RE.sub(lambda _m: str(next(ids)).encode("ascii"), part)


def content_types(parts: list[Any]) -> bytes:
    """[Content_Types].xml: a default per known extension, an override per other part,
    sorted (as python-docx writes it)."""
    return _content_types(tuple((str(part.partname), part.partname.ext, part.content_type) for part in parts))


@lru_cache(maxsize=64)  # the packages of a profile's blank have the same parts
def _content_types(parts: tuple[tuple[str, str, str], ...]) -> bytes:
    defaults = {"rels": CONTENT_TYPE.OPC_RELATIONSHIPS, "xml": CONTENT_TYPE.XML}
    overrides: dict[str, str] = {}
    for partname, ext, content_type in parts:
        if (ext.lower(), content_type) in default_content_types:
            defaults[ext.lower()] = content_type
        else:
            overrides[partname] = content_type
    types = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    for ext in sorted(defaults):
        etree.SubElement(types, f"{{{CT_NS}}}Default", Extension=ext, ContentType=defaults[ext])
    for name in sorted(overrides):
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName=name, ContentType=overrides[name])
    return bytes(etree.tostring(types, encoding="UTF-8", standalone=True))


def save(d: Any, document_xml: bytes) -> bytes:
    """The package as bytes: content types, package relationships, then every part (the
    main one given as ``document_xml``) with its relationships."""
    package = d.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    archive = ZipWriter()
    archive.add("[Content_Types].xml", content_types(parts))
    archive.add("_rels/.rels", rels_xml(package.rels))
    for part in parts:
        archive.add(part.partname.membername, document_xml if part is d.part else part_blob(part))
        if len(part.rels):
            archive.add(part.partname.rels_uri.membername, rels_xml(part.rels))
    return bytes(archive)


_RELS: dict[tuple[tuple[str, str, str, bool], ...], bytes] = {}
_RELS_KEPT = 256


def rels_xml(rels: Any) -> bytes:
    """A relationships part, as python-docx writes it from what each relationship says;
    the same relationships are written once per process (building their XML took 0.8 ms
    of each document)."""
    key = tuple((rel.rId, rel.reltype, rel.target_ref, rel.is_external) for rel in rels.values())
    xml = _RELS.get(key)
    if xml is None:
        xml = bytes(rels.xml)
        if len(_RELS) < _RELS_KEPT:
            _RELS[key] = xml
    return xml
