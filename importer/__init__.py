"""Importing a published annual report (web-page text, HTML, Word .docx, PDF) into a Report, offline.

    result = import_file("2020年报.docx")
    result.report   # the Report, or None when result.errors say why it cannot be imported
    result.notes    # in Chinese: what could not be placed, what was guessed, what was published blank

Nothing is guessed silently: every guess is a warning note, every number that cannot be placed an error.
A document this program wrote carries the report's data (importer/embedded.py): the import is then that data,
checked against what the document shows (importer/verify.py); a spreadsheet is imported only through that data,
checked against the figures its sheets show (importer/spreadsheet.py).
"""

from __future__ import annotations

import dataclasses
import errno
import re
from pathlib import Path

from report import limits

from .assemble import assemble
from .document import Paragraph, TableRow, UnusableInput
from .notes import ERROR, INFO, WARNING, ImportResult, Note

__all__ = ["import_file", "import_bytes", "import_text", "ImportResult", "Note", "UnusableInput", "ERROR", "WARNING", "INFO", "KINDS"]

MAX_BYTES = limits.IMPORT_BYTES

# What the importer reads, by suffix (for the window's file dialog and the messages).
KINDS = {".txt": "文本", ".html": "网页", ".htm": "网页", ".mht": "网页（单个文件）", ".mhtml": "网页（单个文件）",
         ".docx": "Word 文档", ".pdf": "PDF", ".xlsx": "电子表格（本程序导出的）"}

# Files a clerk may well pick that only Word or WPS can read: how to turn them into one the importer reads.
SAVE_AS_DOCX = ("请用 Word 或 WPS 打开它，点「文件」→「另存为」，保存类型选「Word 文档（*.docx）」，"
                "保存后导入新的 .docx 文件")


def import_file(path: str | Path, agency: str | None = None, year: int | None = None) -> ImportResult:
    """Read a published report from a file; UnusableInput (Chinese) when the file cannot be used at all.

    `agency`, `year`: given by the user; they complete a missing title and win over the title's (with a note)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnusableInput(limits.file_too_large(size, MAX_BYTES, "文件") + "，不像是一份年度报告")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnusableInput(f"找不到文件 {path}") from None
    except IsADirectoryError:
        raise UnusableInput(f"{path} 是文件夹，不是文件") from None
    except PermissionError:
        raise UnusableInput(f"没有读取 {path} 的权限") from None
    except OSError as e:
        if e.errno == errno.ENAMETOOLONG:
            raise UnusableInput(f"无法读取 {path}：文件名或路径太长") from None
        raise UnusableInput(f"无法读取 {path}：{e.strerror or e}") from None
    return import_bytes(data, path.suffix, agency, year, frames=_frame_pages(path, data))


def _frame_pages(path: Path, data: bytes) -> tuple[bytes, ...]:
    """The pages a saved page shows in its frames, as the browser saved them beside it (「…_files」 folder):
    sites that show the article in an <iframe> leave only the frame on the page itself."""
    if b"<iframe" not in data.lower() and b"<frame" not in data.lower():
        return ()
    from .readers.html import frame_sources

    folder = path.resolve().parent
    out = []
    for source in frame_sources(data)[:8]:
        try:
            frame = (folder / source).resolve()
            if folder not in frame.parents or not frame.is_file() or frame.stat().st_size > limits.HTML_BYTES:
                continue
            out.append(frame.read_bytes())
        except (OSError, ValueError):
            continue  # a frame that cannot be read is the site's business; the page itself is still read
    return tuple(out)


def import_bytes(data: bytes, suffix: str = "", agency: str | None = None, year: int | None = None,
                 frames: tuple[bytes, ...] = ()) -> ImportResult:
    """`frames`: the pages shown in the page's frames (see _frame_pages), read when the page itself holds no
    report."""
    if len(data) > MAX_BYTES:
        raise UnusableInput(limits.file_too_large(len(data), MAX_BYTES, "文件") + "，不像是一份年度报告")
    kind = _sniff(data, suffix.lower())
    if kind in ("html", "text") and len(data) > limits.HTML_BYTES:
        what = "网页" if kind == "html" else "文本文件"
        raise UnusableInput(limits.file_too_large(len(data), limits.HTML_BYTES, what) + "，不像是一份年度报告")
    if kind == "xlsx":
        from .spreadsheet import import_spreadsheet

        return import_spreadsheet(data)
    if kind == "pdf":
        from .readers.pdf import read_pdf

        items = read_pdf(data)
    elif kind == "docx":
        from .readers.docx import read_docx

        items = read_docx(data)
    elif kind == "html":
        from .readers.html import read_html, with_frames

        items = read_html(data)
        if frames:
            items = with_frames(items, frames)
    elif kind == "mhtml":
        from .readers.mhtml import read_mhtml

        items = read_mhtml(data)
    else:
        from .readers.text import decode, read_text

        items = read_text(decode(data))
    result = assemble(_without_controls(_bounded(items)), agency, year)
    if kind in ("pdf", "docx", "html"):
        # Our own documents carry the report's data: exact where it agrees with what they show.
        from .embedded import find
        from .verify import verify

        result = verify(result, find(data, kind))
    return result


def _bounded(items: list) -> list:
    """The items, unless their text is far longer than any report's (limits.IMPORT_TEXT_CHARS)."""
    chars = 0
    for item in items:
        chars += len(item.text) if isinstance(item, Paragraph) else sum(len(c) + 1 for c in item.cells)
        if chars > limits.IMPORT_TEXT_CHARS:
            raise UnusableInput(f"文件中的文字超过 {limits.IMPORT_TEXT_CHARS // 10_000} 万字，远多于任何一份年度报告，"
                                "不像是年度报告；请只导入报告本身")
    return items


# Control characters and lone surrogates are never a report's text (a byte of another encoding, a PDF glyph
# without a character); the exchange file refuses them, so what is imported must not carry them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _without_controls(items: list) -> list:
    out = []
    for item in items:
        if isinstance(item, Paragraph) and _CONTROLS.search(item.text):
            item = dataclasses.replace(item, text=_CONTROLS.sub("", item.text))
        elif isinstance(item, TableRow) and any(_CONTROLS.search(c) for c in item.cells):
            item = dataclasses.replace(item, cells=tuple(_CONTROLS.sub("", c) for c in item.cells))
        out.append(item)
    return out


def import_text(text: str, agency: str | None = None, year: int | None = None) -> ImportResult:
    """Text as pasted from a web page (tab-separated tables, or one cell per line)."""
    from .readers.text import read_text

    return assemble(_without_controls(_bounded(read_text(text))), agency, year)


def _sniff(data: bytes, suffix: str) -> str:
    """The kind of file from its first bytes (a .doc renamed .docx, an HTML page saved as .txt…)."""
    from .readers.mhtml import looks_like_mhtml

    head = data[:2048].lstrip()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if suffix in (".wps", ".et", ".dps"):
            raise UnusableInput(f"这是 WPS 文字文件（{suffix}），无法直接读取；{SAVE_AS_DOCX}")
        if suffix == ".xlsx" or b"xl/workbook.xml" in data[-65536:]:  # the zip's directory, at its end
            return "xlsx"
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        which = "WPS 文字文件（.wps）" if suffix == ".wps" else "旧版 Word 文件（.doc）" if suffix == ".doc" else "旧版 Word（.doc）或 WPS 文件"
        raise UnusableInput(f"这是{which}，无法直接读取；{SAVE_AS_DOCX}")
    if data.startswith(b"{\\rtf"):
        raise UnusableInput(f"这是 RTF 文件，无法直接读取；{SAVE_AS_DOCX}")
    if looks_like_mhtml(data) or (suffix in (".mht", ".mhtml") and b"multipart/" in data[:8192].lower()):
        return "mhtml"  # also a 「.doc」 that a site serves as a saved web page
    lowered = head[:1024].lower()
    if suffix in (".html", ".htm", ".xhtml", ".mht", ".mhtml") \
            or lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<table" in data[:200000].lower():
        return "html"
    if suffix == ".pdf":
        raise UnusableInput("文件扩展名是 .pdf，但内容不是 PDF")
    if suffix == ".docx":
        raise UnusableInput("文件扩展名是 .docx，但内容不是 Word 文档")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnusableInput("这不是文本、网页、Word 或 PDF 文件，无法导入")
    return "text"
