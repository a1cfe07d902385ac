"""The report's own data, where a document carries it: the exchange document our writers embed (a PDF's
attached file, a .docx or .xlsx custom XML part, a web page's JSON data block; names in report/exchange.py).

Only found, bounded and validated here: a block larger than an exchange file may be (report/limits.py), one
nested too deeply, or one that is not a valid exchange document is refused with a Chinese reason, and the import
goes on from the visible content. Comparing the data with what the document shows is importer/verify.py's.
"""

from __future__ import annotations

import ctypes
import io
import re
import zipfile
from dataclasses import dataclass

from report import exchange, limits
from report.model import Report

MAX_BYTES = limits.EXCHANGE_BYTES
# A custom XML part holds the document with 「&」「<」「>」 written as \u escapes, so its XML is hardly larger;
# room for the declaration and the element around it.
MAX_PART_BYTES = MAX_BYTES + 4096
MAX_ATTACHMENTS = 100  # a PDF's attached files looked through for ours

_SCRIPT = re.compile(
    rb'<script\s+type="application/json"\s+id="' + re.escape(exchange.EMBEDDED_SCRIPT_ID.encode()) + rb'"\s*>(.*?)</script\s*>',
    re.DOTALL | re.IGNORECASE)
_ITEM = re.compile(r"customXml/item\d+\.xml")


class Refused(Exception):
    """The document carries a data block that cannot be used; the message (Chinese) says why."""


@dataclass(frozen=True)
class Embedded:
    report: Report | None  # None: the document carries no usable data
    problem: str = ""  # Chinese: why a block the document carries was not used


def find(data: bytes, kind: str) -> Embedded:
    """The report a document of `kind` ("pdf", "docx", "xlsx", "html") carries, if any."""
    try:
        payload = _payload(data, kind)
        if payload is None:
            return Embedded(None)
        if len(payload) > MAX_BYTES:
            raise Refused(limits.file_too_large(len(payload), MAX_BYTES, "附带的报告数据"))
        return Embedded(exchange.loads(payload))
    except Refused as e:
        return Embedded(None, str(e))
    except exchange.ExchangeError as e:
        return Embedded(None, f"不是有效的交换文件（{e}）")


def _payload(data: bytes, kind: str) -> bytes | None:
    if kind == "pdf":
        return _from_pdf(data)
    if kind in ("docx", "xlsx"):
        return _from_package(data)
    if kind == "html":
        return _from_page(data)
    return None


def _from_page(data: bytes) -> bytes | None:
    found = _SCRIPT.findall(data)
    if not found:
        return None
    if len(found) > 1:
        raise Refused("网页中有不止一个报告数据块，无法确定应以哪个为准")
    try:
        return found[0].strip().decode("utf-8").encode("utf-8")
    except UnicodeDecodeError:
        raise Refused("数据块不是 UTF-8 编码（网页可能被另存为其他编码）") from None


def _from_package(data: bytes) -> bytes | None:
    from lxml import etree

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = [info for info in archive.infolist() if _ITEM.fullmatch(info.filename)]
    except (zipfile.BadZipFile, ValueError, OSError):
        return None  # the reader of the visible content says what is wrong with the file
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    found = []
    for info in parts[: limits.ZIP_PARTS]:
        if info.file_size > MAX_PART_BYTES:
            if _root_is_ours(archive, info):
                raise Refused(limits.file_too_large(info.file_size, MAX_PART_BYTES, "附带的报告数据"))
            continue
        try:
            root = etree.fromstring(archive.read(info), parser)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, ValueError, OSError, EOFError):
            if _root_is_ours(archive, info):
                raise Refused("数据部分已损坏，无法读取") from None
            continue
        if root.tag == f"{{{exchange.EMBEDDED_NAMESPACE}}}{exchange.EMBEDDED_ELEMENT}":
            if len(root):
                raise Refused("数据部分的结构不对（其中还有别的元素）")
            found.append((root.text or "").encode("utf-8"))
    if len(found) > 1:
        raise Refused("文件中有不止一份报告数据，无法确定应以哪份为准")
    return found[0] if found else None


def _root_is_ours(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a part names our namespace near its start (read without unpacking the rest of it)."""
    try:
        with archive.open(info) as f:
            return exchange.EMBEDDED_NAMESPACE.encode() in f.read(1024)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False


def _from_pdf(data: bytes) -> bytes | None:
    import pypdfium2
    import pypdfium2.raw as raw

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return None  # damaged or encrypted: the reader of the visible content says so
    try:
        found = []
        for k in range(min(document.count_attachments(), MAX_ATTACHMENTS)):
            attachment = document.get_attachment(k)
            if attachment.get_name() != exchange.EMBEDDED_FILE:
                continue
            size = ctypes.c_ulong()
            if not raw.FPDFAttachment_GetFile(attachment, None, 0, ctypes.byref(size)):
                raise Refused("附件无法读取")
            if size.value > MAX_BYTES:
                raise Refused(limits.file_too_large(size.value, MAX_BYTES, "附带的报告数据"))
            found.append(bytes(attachment.get_data()))
        if len(found) > 1:
            raise Refused("PDF 中有不止一份报告数据，无法确定应以哪份为准")
        return found[0] if found else None
    finally:
        document.close()
