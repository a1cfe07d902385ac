"""Damaged and oversized files at the readers' boundary: a Chinese message naming what is damaged or which bound
is passed, given quickly; never an internal error."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from importer import UnusableInput, import_bytes
from report import limits

from . import render, samples

FIXTURES = Path(__file__).parent / "fixtures"


def _docx() -> bytes:
    return render.docx_bytes(samples.seed())


def _rezip(data: bytes, change) -> bytes:
    """The .docx with each part's bytes passed through change(name, content)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = change(info.filename, src.read(info))
            if content is not None:
                dst.writestr(info.filename, content)
    return out.getvalue()


def _refused(data: bytes, suffix: str) -> str:
    started = time.perf_counter()
    with pytest.raises(UnusableInput) as caught:
        import_bytes(data, suffix)
    assert time.perf_counter() - started < 10  # generous for a loaded machine; the bomb took 590 s
    return str(caught.value)


def test_a_word_part_that_is_not_xml_is_named():
    data = _rezip(_docx(), lambda n, c: c[: len(c) // 2] if n == "word/document.xml" else c)
    message = _refused(data, ".docx")
    assert "已损坏" in message and "word/document.xml" in message and "XML" in message


def test_a_word_part_whose_compressed_data_is_damaged_is_named():
    data = bytearray(_docx())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 20, start + min(info.compress_size - 4, 400)):
        data[i] ^= 0x5A
    message = _refused(bytes(data), ".docx")
    assert "已损坏" in message and "word/document.xml" in message


def test_a_truncated_word_file_says_so():
    message = _refused(_docx()[:3000], ".docx")
    assert "已损坏" in message or "不是有效的 .docx" in message


def test_a_word_zip_bomb_is_refused_before_unpacking():
    bomb = b"<w:document>" + b" " * (limits.ZIP_XML_BYTES + 1) + b"</w:document>"
    data = _rezip(_docx(), lambda n, c: bomb if n == "word/document.xml" else c)
    assert len(data) < limits.ZIP_XML_BYTES // 100
    message = _refused(data, ".docx")
    assert "word/document.xml" in message and f"{limits.ZIP_XML_BYTES // (1024 * 1024)} MB" in message


def test_a_word_file_of_too_many_parts_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        for i in range(limits.ZIP_PARTS):
            dst.writestr(f"word/media/x{i}.bin", b"")
    message = _refused(out.getvalue(), ".docx")
    assert f"上限 {limits.ZIP_PARTS} 个" in message


def _pdf() -> bytes:
    return (FIXTURES / "seed_2020.pdf").read_bytes()


def test_a_pdf_whose_page_cannot_be_read_names_the_page():
    """The file opens, but a font of page 1 is a broken dictionary: pdfminer fails while reading the page."""
    data = _pdf().replace(b"/FirstChar 0\n/LastChar 2", b"/FirstChar ]\n/LastChar 2", 1)
    assert data != _pdf()
    message = _refused(data, ".pdf")
    assert "PDF 文件已损坏" in message and "第 1 页" in message


def test_a_truncated_pdf_says_so():
    message = _refused(_pdf()[:5000], ".pdf")
    assert "PDF" in message and ("损坏" in message or "没有任何文字" in message)


def test_a_pdf_of_too_many_pages_is_refused_before_reading_them():
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    for i in range(limits.PDF_PAGES + 1):
        c.drawString(100, 700, f"page {i}")
        c.showPage()
    c.save()
    message = _refused(out.getvalue(), ".pdf")
    assert f"{limits.PDF_PAGES + 1} 页" in message and f"上限 {limits.PDF_PAGES} 页" in message


@pytest.mark.parametrize("suffix,what", [(".html", "网页"), (".txt", "文本文件")])
def test_a_web_page_or_text_over_the_bound_is_refused(suffix, what):
    data = b"<html><body>" + b"a" * limits.HTML_BYTES if suffix == ".html" else "年报".encode() * (limits.HTML_BYTES // 5)
    message = _refused(data, suffix)
    assert what in message and f"{limits.HTML_BYTES // (1024 * 1024)} MB" in message
