"""The report's exchange document as a custom XML part of an Office Open XML package (.docx, .xlsx).

A custom XML part is where Office keeps data that belongs to a document but is not shown: Word and Excel carry
it along untouched when the file is edited and saved, and show nothing of it. The part is
`customXml/itemN.xml`, related to the package's main part (word/document.xml, xl/workbook.xml) and described by
its `itemPropsN.xml`, as Office itself writes them. The package is rewritten entry by entry; the other parts are
copied unchanged, so the visible document is the same.
"""

from __future__ import annotations

import io
import posixpath
import uuid
import zipfile
from xml.sax.saxutils import escape

from lxml import etree

from report import exchange

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE_DOCUMENT = f"{_REL}/officeDocument"
_CUSTOM_XML = f"{_REL}/customXml"
_CUSTOM_XML_PROPS = f"{_REL}/customXmlProps"
_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
# The same item id in every file: it names the kind of data, not the file (Office only needs it unique within one).
_ITEM_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, exchange.EMBEDDED_NAMESPACE)).upper() + "}"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def item_xml(data: str) -> bytes:
    """The custom XML part: one element in our namespace holding the exchange document as text."""
    root = f'<{exchange.EMBEDDED_ELEMENT} xmlns="{exchange.EMBEDDED_NAMESPACE}">{escape(data)}</{exchange.EMBEDDED_ELEMENT}>'
    return (_DECLARATION + root).encode("utf-8")


def _props_xml() -> bytes:
    return (_DECLARATION + f'<ds:datastoreItem ds:itemID="{_ITEM_ID}" xmlns:ds="{_DS}"><ds:schemaRefs>'
            f'<ds:schemaRef ds:uri="{exchange.EMBEDDED_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>').encode("utf-8")


def _item_rels(props_name: str) -> bytes:
    return (_DECLARATION + f'<Relationships xmlns="{_RELS_NS}"><Relationship Id="rId1" Type="{_CUSTOM_XML_PROPS}" '
            f'Target="{props_name}"/></Relationships>').encode("utf-8")


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _main_part(rels: bytes) -> str:
    root = etree.fromstring(rels)
    for rel in root.iter(f"{{{_RELS_NS}}}Relationship"):
        if rel.get("Type") == _OFFICE_DOCUMENT:
            return rel.get("Target", "").lstrip("/")
    raise ValueError("package without a main part")


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def embed(package: bytes, data: str) -> bytes:
    """`package` (the bytes of a .docx or .xlsx our writers made) with `data` added as a custom XML part."""
    if not data:
        return package
    source = zipfile.ZipFile(io.BytesIO(package))
    names = set(source.namelist())
    n = 1
    while f"customXml/item{n}.xml" in names or f"customXml/itemProps{n}.xml" in names:
        n += 1
    item, props = f"customXml/item{n}.xml", f"customXml/itemProps{n}.xml"
    main = _main_part(source.read("_rels/.rels"))
    main_rels = _rels_path(main)

    relations = etree.fromstring(source.read(main_rels))
    taken = {rel.get("Id") for rel in relations}
    rel_id = next(f"rIdExchange{k}" for k in range(1, len(taken) + 2) if f"rIdExchange{k}" not in taken)
    target = posixpath.relpath(item, posixpath.dirname(main) or ".")
    etree.SubElement(relations, f"{{{_RELS_NS}}}Relationship", Id=rel_id, Type=_CUSTOM_XML, Target=target)

    types = etree.fromstring(source.read("[Content_Types].xml"))
    etree.SubElement(types, f"{{{_TYPES_NS}}}Override", PartName=f"/{props}", ContentType=_PROPS_TYPE)

    replaced = {main_rels: _serialise(relations), "[Content_Types].xml": _serialise(types)}
    added = {item: item_xml(data), props: _props_xml(), _rels_path(item): _item_rels(posixpath.basename(props))}
    out = io.BytesIO()
    stamp = source.infolist()[0].date_time
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target_zip:
        for info in source.infolist():
            target_zip.writestr(info, replaced.get(info.filename, source.read(info.filename)))
        for name, content in added.items():
            target_zip.writestr(zipfile.ZipInfo(name, stamp), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()
