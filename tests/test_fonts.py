"""The bundled fonts in resources/fonts/ register with ReportLab, cover GBK and embed in a PDF.

Only the committed .ttf files are read; the Debian font packages they were
built from (see resources/fonts/build_fonts.py) are not needed here.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONTS_DIR = Path(__file__).parent.parent / "resources" / "fonts"

# file name -> PostScript name written by build_fonts.py (also the PDF /BaseFont)
BUNDLED = {
    "NotoSerifSC-Regular.ttf": "NotoSerifSCSubset-Regular",
    "NotoSerifSC-Bold.ttf": "NotoSerifSCSubset-Bold",
    "NotoSansSC-Regular.ttf": "NotoSansSCSubset-Regular",
    "LXGWWenKai-Regular.ttf": "WenKaiSubset-Regular",
}

SENTENCE = (
    "政府信息公开工作年度报告，。“三安全一稳定”（一）１２３"
    "本年度报告根据《中华人民共和国政府信息公开条例》编制，"
    "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
    "政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
    "镕堃〇①⑳·—…、《》【】"
)

# GBK characters the upstream fonts themselves lack (so the subsets cannot have them).
KNOWN_GAPS = {
    "WenKaiSubset-Regular": set("︴﹉﹊﹋﹌﹍﹎﹏"),
}
NOTO_GAPS = set("≒")


def _gbk_code_points() -> list[int]:
    points = []
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        points.append(cp)
    return points


GBK_SAMPLE = "".join(chr(cp) for cp in _gbk_code_points()[::97])


def _gaps(ps_name: str) -> set[str]:
    return KNOWN_GAPS.get(ps_name, NOTO_GAPS if ps_name.startswith("Noto") else set())


@pytest.fixture(scope="module", params=sorted(BUNDLED), ids=lambda name: name.removesuffix(".ttf"))
def bundled(request) -> tuple[str, Path, TTFont]:
    path = FONTS_DIR / request.param
    assert path.is_file(), f"missing bundled font {path}; run resources/fonts/build_fonts.py"
    font = TTFont("test-" + request.param.removesuffix(".ttf"), str(path))
    pdfmetrics.registerFont(font)
    return request.param, path, font


def test_gbk_sample_is_meaningful():
    assert len(_gbk_code_points()) > 21000
    assert len(GBK_SAMPLE) > 200


def test_font_registers_with_reportlab(bundled):
    filename, path, font = bundled
    assert path.stat().st_size < 15_000_000
    assert font.face.name.decode("latin-1") == BUNDLED[filename]
    # ReportLab keeps one object per internal font name: another test may have registered this face first.
    assert pdfmetrics.getFont(font.fontName).face.name == font.face.name
    # modified OFL fonts are marked as subsets and avoid LXGW's Reserved Font Names
    family = font.face.familyName
    family = family.decode("latin-1") if isinstance(family, bytes) else family
    assert "(subset)" in family
    assert "LXGW" not in family and "LXGW" not in BUNDLED[filename]


def test_font_covers_report_sentence_and_gbk_sample(bundled):
    filename, _, font = bundled
    covered = font.face.charToGlyph
    missing_sentence = [ch for ch in SENTENCE if ord(ch) not in covered]
    assert not missing_sentence, f"{filename} lacks {''.join(missing_sentence)!r}"
    gaps = _gaps(BUNDLED[filename])
    missing_gbk = [ch for ch in GBK_SAMPLE if ord(ch) not in covered and ch not in gaps]
    assert not missing_gbk, f"{filename} lacks GBK characters {''.join(missing_gbk)!r}"
    # the extra ranges of build_fonts.py: full-width forms, CJK punctuation, ①–⑳
    for ch in "！～　、。〈〉「」『』【】〔〕①⑩⑳":
        assert ord(ch) in covered, f"{filename} lacks {ch!r}"


def _pdf_bytes(font: TTFont) -> bytes:
    buffer = io.BytesIO()
    # initialFontName: otherwise ReportLab references Helvetica on every page
    pdf = canvas.Canvas(buffer, pagesize=A4, initialFontName=font.fontName, invariant=1)
    pdf.setFont(font.fontName, 14)
    pdf.drawString(40, 780, SENTENCE[:40])
    pdf.drawString(40, 750, GBK_SAMPLE[:40])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_embeds_font_subset(bundled):
    filename, _, font = bundled
    data = _pdf_bytes(font)
    ps_name = BUNDLED[filename]
    assert b"/Helvetica" not in data
    try:
        from pypdf import PdfReader
    except ImportError:
        assert b"/FontFile2" in data
        assert f"+{ps_name}".encode("ascii") in data
        return
    page = PdfReader(io.BytesIO(data)).pages[0]
    fonts = [ref.get_object() for ref in page["/Resources"]["/Font"].values()]
    assert fonts
    for pdf_font in fonts:
        base = str(pdf_font["/BaseFont"])
        assert base.endswith("+" + ps_name), base  # "AAAAAA+<name>": an embedded subset
        assert "/FontFile2" in pdf_font["/FontDescriptor"]
