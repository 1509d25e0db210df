"""WordprocessingML as text: the namespace, escaping and the attributes of tracked changes."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
# Every tracked change gets its own id when the document part is finished (package.py).
REVISION_ID = "PRIKAZ-REV"
REVISION_ATTRS = f'w:id="{REVISION_ID}" w:author="prikaz"'
BORDERS = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))


def xml_text(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\t", " ").replace("\r", " "))
