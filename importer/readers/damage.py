"""The readers' boundary: a file too large to read is refused before parsing, a damaged one is named as damaged.

Bounds come from report/limits.py. A .docx is a zip of XML parts: its table of contents gives every part's
unpacked size before anything is unpacked (and zipfile never unpacks a part beyond the size it declares), so a
zip bomb is refused in milliseconds. An error raised inside a parsing library (python-docx, lxml, pdfminer,
pdfplumber) while it reads the file is damage in the file; an error raised in our own code is a bug and is left
to propagate, so that 「程序内部出错」 stays the mark of a real bug.
"""

from __future__ import annotations

import io
import os
import traceback
import zipfile
import zlib

from report import limits

from ..document import UnusableInput

_XML_SUFFIXES = (".xml", ".rels", ".vml")


def check_zip(data: bytes, what: str, suffix: str) -> zipfile.ZipFile:
    """The zip archive of a .docx (`what` names it: 「Word 文件」, `suffix` ".docx"), its parts' count and
    unpacked sizes within the bounds; UnusableInput otherwise."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError):
        raise UnusableInput(f"无法打开这个 {what}：它不是有效的 {suffix} 文件，或已损坏（压缩包的目录无法读取，文件可能不完整）") from None
    if len(parts) > limits.ZIP_PARTS:
        raise UnusableInput(f"{what}中的部件过多（{len(parts)} 个），超过本程序的上限 {limits.ZIP_PARTS} 个，不像是一份年度报告")
    unpacked = sum(p.file_size for p in parts)
    if unpacked > limits.ZIP_UNPACKED_BYTES:
        raise UnusableInput(limits.file_too_large(unpacked, limits.ZIP_UNPACKED_BYTES, f"{what}解压后的内容") + "，不像是一份年度报告")
    for p in parts:
        if p.filename.lower().endswith(_XML_SUFFIXES) and p.file_size > limits.ZIP_XML_BYTES:
            raise UnusableInput(
                limits.file_too_large(p.file_size, limits.ZIP_XML_BYTES, f"{what}中的部件 {p.filename} 解压后")
                + "，不像是一份年度报告"
            )
    return archive


def damaged_zip_part(archive: zipfile.ZipFile) -> str | None:
    """The first part that cannot be unpacked or (for XML) parsed, as a Chinese phrase; None if all read."""
    import lxml.etree

    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    for part in archive.infolist():
        try:
            content = archive.read(part)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError):
            return f"部件 {part.filename} 无法解压（数据有误）"
        if part.filename.lower().endswith(_XML_SUFFIXES):
            try:
                lxml.etree.fromstring(content, parser)
            except lxml.etree.XMLSyntaxError as e:
                line = f"第 {e.lineno} 行" if getattr(e, "lineno", None) else ""
                return f"部件 {part.filename} {line}不是有效的 XML"
    return None


_LIBRARIES = {
    "docx": ("docx", "lxml"),
    "pdf": ("pdfminer", "pdfplumber", "pypdfium2", "PIL"),
    "xlsx": ("openpyxl", "lxml", "et_xmlfile"),
}
_OURS = ("importer", "report", "export", "storage", "gui")


def raised_inside(error: BaseException, library: str) -> bool:
    """Whether `error` was raised inside the parsing libraries of `library` ("docx", "pdf" or "xlsx"), not in our code.

    The innermost frame that belongs either to those libraries or to our packages decides; frames of Python's
    own modules (zipfile, zlib, struct…) in between are passed over, so that a zip or decompression error counts
    where the library asked for it."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        parts = os.path.normpath(frame.filename).split(os.sep)
        if any(name in parts for name in _LIBRARIES[library]):
            return True
        if any(name in parts[:-1] for name in _OURS):
            return False
    return False
