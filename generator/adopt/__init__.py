"""Adopting an order that is already signed (``prikaz adopt``): the signed document read
(DOCX, PDF, text), its parts recognised and aligned with the tree the body's config
composes, and the original edition recorded with the signed words, so that the next
amending order cites what the act really says.

source.py and textfile.py / wordfile.py / pdffile.py read; parts.py recognises the parts;
align.py and register.py align the units and the register's entries; requisites.py checks
the date, number, issuer and signature; adopt.py puts it together; report.py prints it.
"""

from .adopt import Adopted, adopt

__all__ = ["Adopted", "adopt"]
