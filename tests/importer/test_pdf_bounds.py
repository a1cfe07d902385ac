"""Hostile or locked PDFs: a few KB that unpack to a flood of drawing or text (pdfminer lays out every object,
so such a file kept the importer busy for minutes a page), and a password, get a Chinese refusal at once; a
copy-restricted PDF (an owner password only, as some agencies publish) still imports."""

from __future__ import annotations

import io

import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from importer import UnusableInput, import_bytes
from report import limits

from . import render, samples
from .test_sources import same


def _pdf(draw) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    draw(page)
    page.save()
    return buffer.getvalue()


def _rects(page) -> None:
    for i in range(limits.PDF_PAGE_CONTENT_BYTES // 8):  # each rectangle is over 8 bytes of instructions
        page.rect(10 + (i * 7) % 560, 10 + (i * 13) % 780, 5, 5)


def _text_flood(page) -> None:
    text = page.beginText(0, 800)
    text.setFont("Helvetica", 1)
    for _ in range(limits.PDF_PAGE_TEXT_BYTES // 500 + 1):
        text.textLine("1" * 500)
    page.drawText(text)


@pytest.mark.parametrize("draw,said", [(_rects, "绘图内容过于庞大"), (_text_flood, "文字远多于一页纸")])
def test_a_page_flooded_with_objects_is_refused_before_it_is_laid_out(draw, said):
    data = _pdf(draw)
    assert len(data) < 64 * 1024  # small on disk: the flood is in the unpacking
    with pytest.raises(UnusableInput, match=said) as e:
        import_bytes(data, ".pdf")
    assert "第 1 页" in str(e.value)


def test_a_pdf_that_needs_a_password_is_said_to():
    data = _pdf(lambda page: page.drawString(100, 100, "2022"))
    locked = io.BytesIO()
    page = canvas.Canvas(locked, encrypt=pdfencrypt.StandardEncryption("secret"))
    page.drawString(100, 100, "2022")
    page.save()
    assert data != locked.getvalue()
    with pytest.raises(UnusableInput, match="密码保护"):
        import_bytes(locked.getvalue(), ".pdf")


def test_a_copy_restricted_pdf_imports():
    report = samples.full("2021", 2022)
    restricted = pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0, canModify=0)
    result = import_bytes(render.ruled_pdf_bytes(report, encrypt=restricted), ".pdf")
    assert not result.errors, [str(n) for n in result.errors]
    same(result.report, report)
