"""The same report published as web-copy text, HTML (plain and Word-pasted), Word and PDF imports exactly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import main
from importer import UnusableInput, import_bytes, import_file, import_text
from report import exchange

from . import render, samples

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def same(report, expected) -> None:
    got, want = exchange.to_dict(report), exchange.to_dict(expected)
    wrong = {c: (got["cells"].get(c), v) for c, v in want["cells"].items() if got["cells"].get(c) != v}
    assert wrong == {}
    assert (got["agency"], got["year"], got["format"], got["texts"]) == (want["agency"], want["year"], want["format"], want["texts"])


SOURCES = {
    "text": lambda r, **kw: import_text(render.web_text(r, **kw)),
    "html": lambda r, **kw: import_bytes(render.page_html(r, **kw).encode("utf-8"), ".html"),
    "word-html": lambda r, **kw: import_bytes(render.page_html(r, word=True, **kw).encode("utf-8"), ".html"),
    "docx": lambda r, **kw: import_bytes(render.docx_bytes(r, **kw), ".docx"),
}


@pytest.mark.parametrize("source", sorted(SOURCES))
@pytest.mark.parametrize("format_id,year", [("2019", 2020), ("2021", 2022)])
def test_every_cell_nonzero_round_trip(source, format_id, year):
    report = samples.full(format_id, year)
    result = SOURCES[source](report)
    assert result.clean, [str(n) for n in result.notes]
    same(result.report, report)


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_seed_with_its_blank_cells(source):
    result = SOURCES[source](samples.seed(), blank=samples.seed_blanks())
    assert not result.errors
    same(result.report, samples.seed())
    assert sum("空白，按 0 导入" in n.message for n in result.notes) == 15


@pytest.mark.parametrize("name,report", [("seed_2020", samples.seed), ("full_2021", lambda: samples.full("2021", 2022)),
                                         ("full_2019", lambda: samples.full("2019", 2020, preamble=False))])
def test_pdf_exported_from_word(name, report):
    """PDFs made by LibreOffice from a Word file (make_fixtures.py): ruled tables, rows broken over pages."""
    result = import_file(FIXTURES / f"{name}.pdf")
    assert not result.errors, [str(n) for n in result.notes]
    same(result.report, report())


def test_html_in_gbk_with_meta_charset():
    report = samples.full("2021", 2022)
    page = render.page_html(report).replace("charset='utf-8'", "charset='gb2312'").encode("gb18030")
    result = import_bytes(page, ".htm")
    assert result.clean
    same(result.report, report)


def test_scanned_pdf_is_refused_with_a_clear_message(tmp_path):
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(image).rectangle((50, 50, 550, 300), outline=0, width=3)  # a "scanned" table
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawImage(ImageReader(image), 0, 0, *A4)
    pdf.save()
    path = tmp_path / "scan.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(UnusableInput, match="扫描件"):
        import_file(path)
    code = main.main(["import", str(path), "--to", str(tmp_path / "out.json")])
    assert code == 2 and not (tmp_path / "out.json").exists()


def _pdf_without_text_encoding(codes: bytes, lines: int = 20, plain: bytes = b"") -> bytes:
    """A PDF whose font (Identity-H, not embedded, no ToUnicode) says nothing of which characters its codes are,
    as some printer drivers and old converters write them: its text reads as (cid:N). `plain` is drawn after
    each line's codes in Helvetica, whose characters are known."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 7 0 R >> >> "
        b"/Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [5 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ]
    content = b"".join(b"BT /F1 12 Tf 72 %d Td <%s> Tj /F2 12 Tf (%s) Tj ET\n" % (800 - 16 * i, codes.hex().encode(), plain)
                       for i in range(lines))
    objects.append(b"<< /Length %d >>\nstream\n%sendstream" % (len(content), content))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_whose_text_cannot_be_decoded_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "乱码.pdf"
    path.write_bytes(_pdf_without_text_encoding(bytes(range(0x20, 0x60))))
    with pytest.raises(UnusableInput, match="没有提供文字编码，640 个字符无法识别"):
        import_file(path)
    code = main.main(["import", str(path), "--to", str(tmp_path / "out.json")])
    assert code == 2 and not (tmp_path / "out.json").exists()


def test_a_few_undecodable_characters_are_marked_not_dropped():
    from importer.readers.pdf import read_pdf

    data = _pdf_without_text_encoding(b"\x00\x41", lines=3, plain=b" The figures of the year: 12 applications.")
    texts = [item.text for item in read_pdf(data) if hasattr(item, "text")]
    assert texts and all(t.startswith("\ufffd") and "12 applications" in t and "(cid:" not in t for t in texts)


@pytest.mark.parametrize(
    "data,suffix,message",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".doc", "旧版 Word 文件.*另存为.*docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".wps", "WPS 文字文件.*另存为.*docx"),
        (b"PK\x03\x04 broken", ".docx", "不是有效的 .docx"),
        (b"%PDF-1.4 broken", ".pdf", "PDF"),
        (b"", ".txt", "没有文字"),
        ("随便写的一段话，没有表格。".encode(), ".txt", "不像是"),
    ],
)
def test_unusable_files(data, suffix, message):
    with pytest.raises(UnusableInput, match=message):
        import_bytes(data, suffix)
