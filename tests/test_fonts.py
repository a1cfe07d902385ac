"""The bundled fonts in resources/fonts/ register with ReportLab, cover their character set and embed in a PDF.

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

# The body font (also the tables') has all of GBK; the fonts drawn only for headings have GB2312.
CHARSET = {
    "NotoSerifSC-Regular.ttf": "gbk",
    "NotoSerifSC-Bold.ttf": "gb2312",
    "NotoSansSC-Regular.ttf": "gb2312",
    "LXGWWenKai-Regular.ttf": "gb2312",
}

SENTENCE = (
    "政府信息公开工作年度报告，。“三安全一稳定”（一）１２３"
    "本年度报告根据《中华人民共和国政府信息公开条例》编制，"
    "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
    "政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
    "〇①⑳·—…、《》【】"
)
GBK_ONLY = "镕堃喆玥鄠埇"  # in names of people and places; not in GB2312

# GBK characters the upstream fonts themselves lack (so the subsets cannot have them).
KNOWN_GAPS = {
    "WenKaiSubset-Regular": set("︴﹉﹊﹋﹌﹍﹎﹏"),
}
NOTO_GAPS = set("≒")


def _code_points(charset: str) -> list[int]:
    points = []
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        try:
            chr(cp).encode(charset)
        except UnicodeEncodeError:
            continue
        points.append(cp)
    return points


SAMPLES = {charset: "".join(chr(cp) for cp in _code_points(charset)[::97]) for charset in ("gbk", "gb2312")}


def _gaps(ps_name: str) -> set[str]:
    return KNOWN_GAPS.get(ps_name, NOTO_GAPS if ps_name.startswith("Noto") else set())


@pytest.fixture(scope="module", params=sorted(BUNDLED), ids=lambda name: name.removesuffix(".ttf"))
def bundled(request) -> tuple[str, Path, TTFont]:
    path = FONTS_DIR / request.param
    assert path.is_file(), f"missing bundled font {path}; run resources/fonts/build_fonts.py"
    font = TTFont("test-" + request.param.removesuffix(".ttf"), str(path))
    pdfmetrics.registerFont(font)
    return request.param, path, font


def test_samples_are_meaningful():
    assert len(_code_points("gbk")) > 21000 and len(_code_points("gb2312")) > 7000
    assert len(SAMPLES["gbk"]) > 200 and len(SAMPLES["gb2312"]) > 70
    assert not any(ch in SAMPLES["gb2312"] or ch in SENTENCE for ch in GBK_ONLY)


def test_font_registers_with_reportlab(bundled):
    filename, path, font = bundled
    assert path.stat().st_size < (10_000_000 if CHARSET[filename] == "gbk" else 4_000_000)
    assert font.face.name.decode("latin-1") == BUNDLED[filename]
    # ReportLab keeps one object per internal font name: another test may have registered this face first.
    assert pdfmetrics.getFont(font.fontName).face.name == font.face.name
    # modified OFL fonts are marked as subsets and avoid LXGW's Reserved Font Names
    family = font.face.familyName
    family = family.decode("latin-1") if isinstance(family, bytes) else family
    assert "(subset)" in family
    assert "LXGW" not in family and "LXGW" not in BUNDLED[filename]


def test_font_covers_report_sentence_and_its_character_set(bundled):
    filename, _, font = bundled
    covered = font.face.charToGlyph
    missing_sentence = [ch for ch in SENTENCE if ord(ch) not in covered]
    assert not missing_sentence, f"{filename} lacks {''.join(missing_sentence)!r}"
    charset = CHARSET[filename]
    gaps = _gaps(BUNDLED[filename])
    missing = [ch for ch in SAMPLES[charset] if ord(ch) not in covered and ch not in gaps]
    assert not missing, f"{filename} lacks {charset} characters {''.join(missing)!r}"
    # GBK-only characters: in the body font, and not wasted on the fonts drawn only for headings
    assert all((ord(ch) in covered) == (charset == "gbk") for ch in GBK_ONLY), filename
    # the extra ranges of build_fonts.py: full-width forms, CJK punctuation, ①–⑳
    for ch in "！～　、。〈〉「」『』【】〔〕①⑩⑳":
        assert ord(ch) in covered, f"{filename} lacks {ch!r}"


def _pdf_bytes(font: TTFont) -> bytes:
    buffer = io.BytesIO()
    # initialFontName: otherwise ReportLab references Helvetica on every page
    pdf = canvas.Canvas(buffer, pagesize=A4, initialFontName=font.fontName, invariant=1)
    pdf.setFont(font.fontName, 14)
    pdf.drawString(40, 780, SENTENCE[:40])
    pdf.drawString(40, 750, SAMPLES["gb2312"][:40])
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
