"""A file attached to a PDF and associated with the document, as PDF/A-3 electronic invoices carry their XML.

ReportLab has no attachments of its own, so the objects are made with its PDF object model: an embedded file
stream, a file specification naming it (with /AFRelationship /Data: the data the document presents), the
catalogue's /Names /EmbeddedFiles tree (where viewers list attachments) and its /AF array (the association).
Nothing is drawn: the pages are the same with or without the attachment.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfdoc


class _Catalog(pdfdoc.PDFCatalog):
    """The catalogue with /AF (associated files), a key ReportLab's own does not write."""

    __NoDefault__ = [*pdfdoc.PDFCatalog.__NoDefault__, "AF"]
    __Refs__ = __NoDefault__


def _name(text: str) -> str:
    """A PDF name written as is: ReportLab's PDFName leaves 「/」 unescaped, which a MIME type holds."""
    return "/" + "".join(c if c.isalnum() or c in "-._" else f"#{ord(c):02X}" for c in text)


def attach(canvas, file_name: str, data: bytes, mime_type: str, description: str) -> None:
    """Attach `data` as `file_name` to the document `canvas` is drawing (before the document is saved)."""
    document = canvas._doc
    stream = pdfdoc.PDFStream(pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("EmbeddedFile"),
        "Subtype": _name(mime_type),
        "Params": pdfdoc.PDFDictionary({"Size": len(data)}),
    }), data)
    spec = document.Reference(pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("Filespec"),
        "F": pdfdoc.PDFString(file_name),
        "UF": pdfdoc.PDFString(file_name),
        "Desc": pdfdoc.PDFString(description),
        "AFRelationship": pdfdoc.PDFName("Data"),
        "EF": pdfdoc.PDFDictionary({"F": document.Reference(stream), "UF": document.Reference(stream)}),
    }))
    catalog = document.Catalog
    catalog.__class__ = _Catalog
    catalog.Names = pdfdoc.PDFDictionary({
        "EmbeddedFiles": pdfdoc.PDFDictionary({"Names": pdfdoc.PDFArray([pdfdoc.PDFString(file_name), spec])}),
    })
    catalog.AF = pdfdoc.PDFArray([spec])
