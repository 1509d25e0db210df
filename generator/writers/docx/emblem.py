"""The blank's emblem as an inline picture: the image becomes a part of the package and
the blank template's ``{{ emblem }}`` a drawing of the size the tree gives. A PNG goes in
through python-docx; an SVG is stored as it is and named twice in the picture: as the
blip (LibreOffice reads the vector image there) and in the svgBlip extension, where
Word 2016 and later look for it."""

from __future__ import annotations

import io
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.shared import Mm
from markupsafe import Markup

from ...tree import Emblem
from .xml import xml_text

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def _relate(d: Any, emblem: Emblem) -> str:
    """The image as a part of the package, related from the document; its relationship id."""
    if emblem.format == "png":
        rid, _image = d.part.get_or_add_image(io.BytesIO(emblem.data))
        return str(rid)
    part = Part(PackURI("/word/media/emblem.svg"), "image/svg+xml", emblem.data, d.part.package)
    return str(d.part.relate_to(part, RT.IMAGE))


def drawing_xml(rid: str, emblem: Emblem) -> str:
    """An inline picture ``emblem.width_mm`` wide, keeping its proportions."""
    cx, cy = int(Mm(emblem.width_mm)), int(Mm(emblem.height_mm))
    name = xml_text(emblem.name.rsplit("/", 1)[-1]).replace('"', "&quot;")
    svg = (f'<a:extLst><a:ext uri="{SVG_EXT}"><asvg:svgBlip xmlns:asvg="{SVG_NS}" r:embed="{rid}"/></a:ext>'
           "</a:extLst>") if emblem.format == "svg" else ""
    return (f'<w:drawing><wp:inline xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="1" name="Герб" descr="{name}"/>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{A_NS}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{PIC_NS}"><pic:pic xmlns:pic="{PIC_NS}">'
            f'<pic:nvPicPr><pic:cNvPr id="0" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip xmlns:r="{R_NS}" r:embed="{rid}">{svg}</a:blip>'
            "<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing>")


def emblem_markup(d: Any, emblem: Emblem | None) -> Markup | str:
    """What the template's ``{{ emblem }}`` becomes: the text run is closed, the picture
    gets a run of its own, and an empty run reopens for the template's closing tags."""
    if emblem is None:
        return ""
    xml = drawing_xml(_relate(d, emblem), emblem)
    return Markup(f'</w:t></w:r><w:r>{xml}</w:r><w:r><w:t xml:space="preserve">')
