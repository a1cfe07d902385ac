"""PDF prose is rebuilt into its paragraphs from the lines' geometry, on pages with and without tables.

A synthetic page set as word processors set Chinese text (a two-character first-line indent, lines wrapped at
the margin, a closing mark hung past it, a framed paragraph, a ruled table between paragraphs), and the real
01 report, whose framed preamble and the page it shares with a table had broken its paragraphs.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from importer import import_file
from importer.document import Paragraph, TableRow
from importer.readers.pdf import read_pdf

REAL_PDF = Path(__file__).resolve().parents[3] / "shared" / "real" / "01_huaian-shizhengfu_2024.pdf"
FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "NotoSerifSC-Regular.ttf"

LEFT, RIGHT, SIZE, LEADING = 72.0, 520.0, 16.0, 28.0
PER_LINE = int((RIGHT - LEFT) // SIZE)  # 28 characters
HANGING = "，。、；：”）》"

PREAMBLE = ("本报告由测试市人民政府办公室根据《中华人民共和国政府信息公开条例》编制。报告所列统计期限自2023年1月1日至"
            "2023年12月31日止。如对本报告有疑问，请与测试市人民政府办公室联系（电话：0517-1234567）。")
FIRST = ("2023年，我市认真贯彻落实政府信息公开条例，持续深化政务公开，主动回应社会关切，着力提升公开质量和实效，"
         "成效好，全年主动公开政府信息一千余条，政策解读五十个，答复申请三百件。")
SECOND = ("（五）监督保障情况。全年组织四次栏目全覆盖检查，针对突出问题和共性问题及时督促整改，创新开展调研式的专题培训，"
          "不断提高工作人员的能力和水平，确保各项规定落到实处。")


def _wrapped(text: str, indent: int = 2) -> list[tuple[int, str]]:
    """(indent in characters, line): PER_LINE characters a line (a digit half of one), a closing mark hung
    past the margin."""
    lines, line, room = [], "", PER_LINE - indent
    for ch in text:
        if _width(line + ch) > room and ch not in HANGING:
            lines.append(line)
            line, room = "", PER_LINE
        line += ch
    lines.append(line)
    return [(indent if k == 0 else 0, ln) for k, ln in enumerate(lines)]


def _width(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1 for ch in text)


def _page() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Body", str(FONT)))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    height = A4[1]
    y = 100.0  # from the top

    def draw(indent: int, text: str, size: float = SIZE, x: float | None = None) -> None:
        pdf.setFont("Body", size)
        left = LEFT + indent * size if x is None else x
        pdf.drawString(left, height - y - size, text)

    draw(0, "测试市人民政府2023年政府信息公开工作年度报告", 20, x=80)
    y += 50
    for indent, line in _wrapped(PREAMBLE):  # framed: a ruled box round every line, one column
        pdf.rect(LEFT, height - y - LEADING + 6, RIGHT - LEFT, LEADING)
        draw(indent, line)
        y += LEADING
    y += 10
    draw(2, "一、总体情况")
    y += LEADING
    for indent, line in _wrapped(FIRST):
        draw(indent, line)
        y += LEADING
    top = y + 6  # a small ruled table of three columns
    for row in (("信息内容", "本年制发件数", "现行有效件数"), ("规章", "1", "11")):
        for k, cell in enumerate(row):
            pdf.rect(LEFT + k * 150, height - top - 30, 150, 30)
            pdf.setFont("Body", 10)
            pdf.drawString(LEFT + k * 150 + 5, height - top - 20, cell)
        top += 30
    y = top + 20
    for indent, line in _wrapped(SECOND):
        draw(indent, line)
        y += LEADING
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_paragraphs_rebuilt_around_a_frame_and_a_table():
    items = read_pdf(_page())
    paragraphs = [item.text for item in items if isinstance(item, Paragraph)]
    rows = [item.cells for item in items if isinstance(item, TableRow)]
    assert paragraphs == ["测试市人民政府2023年政府信息公开工作年度报告", PREAMBLE, "一、总体情况", FIRST, SECOND]
    assert rows == [("信息内容", "本年制发件数", "现行有效件数"), ("规章", "1", "11")]
    # the test page really hangs closing marks past the margin, which the reader must keep in place
    assert any(line[-1] in HANGING and _width(line) > PER_LINE for text in (PREAMBLE, FIRST, SECOND)
               for _, line in _wrapped(text))


@pytest.mark.skipif(not REAL_PDF.exists(), reason="the real reports are not beside the repository")
def test_real_pdf_prose_in_its_paragraphs():
    """01 (WPS export): a framed preamble on page 1; page 3 holds the end of 一, the (五) paragraph drawn with a
    rule under each line, and the first tables."""
    result = import_file(REAL_PDF)
    assert result.report is not None, [str(n) for n in result.notes]
    s1 = result.report.text("s1").split("\n")
    assert [p[:3] for p in s1] == ["202", "（一）", "（二）", "（三）", "（四）", "（五）"]
    assert s1[4].endswith("合格率均为 100%。")
    assert s1[5].startswith("（五）政府信息公开监督保障情况。根据省政务公开年度和季度监测指标，")
    assert "日常共性问题，及时督促整改" in s1[5] and s1[5].endswith("工作能力和水平。")
    assert len(result.report.text("s5").split("\n")) == 2
    for sid in ("s1", "s5", "s6"):
        for paragraph in result.report.text(sid).split("\n"):
            assert paragraph and paragraph[0] not in "，。、；：", paragraph
