"""Page and typography of the report, shared by every writer that lays out pages (PDF, Word, the web page's
print style sheet).

GB/T 9704 practice, as the PDF issue states it: A4 portrait; margins top 37 mm, bottom 35 mm, left 28 mm,
right 26 mm (a 156 × 225 mm text area); title in 2号 (22 pt) 小标宋; section headings 一、… in 3号 黑体; （一）
headings in 3号 楷体; 1. headings in 3号 仿宋 bold; body in 3号 仿宋, 22 lines a page (≈ 29 pt line pitch), with a two-character
first-line indent; the page number 「— 1 —」 in 4号 (14 pt) Song, 7 mm below the text area, odd pages on the
right and even pages on the left, one character in. export/pdf.py converts these figures to ReportLab's units.
"""

from __future__ import annotations

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 37.0
MARGIN_BOTTOM_MM = 35.0
MARGIN_LEFT_MM = 28.0
MARGIN_RIGHT_MM = 26.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
PAGE_NUMBER_GAP_MM = 7.0  # from the bottom of the text area to the top of the page number line

TITLE_PT = 22.0  # 2号
TITLE_LINE_PT = 35.0
BODY_PT = 16.0  # 3号
LINE_PT = 28.95  # fixed line pitch of body and headings: 22 lines in the 225 mm text area (579 twips)
INDENT_CHARS = 2  # first-line indent of body paragraphs and section headings
TABLE_PT = 10.5  # 5号: section 四's fifteen columns must fit the 156 mm text width
TABLE_LINE_PT = 14.0
PAGE_NUMBER_PT = 14.0  # 4号

# The official typefaces by role, as Word and WPS name them on a Chinese Windows or UOS/Kylin PC.
FONT_NAMES = {
    "title": "方正小标宋简体",
    "heading": "黑体",
    "kai": "楷体",
    "body": "仿宋",
    "page_number": "宋体",
}

# CSS font stacks for the web page: the official faces first, then what phones and Macs have.
CSS_FONTS = {
    "title": '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "Songti SC", "Noto Serif CJK SC", '
             '"Source Han Serif SC", "SimSun", serif',
    "heading": '"黑体", "SimHei", "Heiti SC", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", '
               '"Microsoft YaHei", sans-serif',
    "kai": '"楷体", "KaiTi", "楷体_GB2312", "KaiTi_GB2312", "STKaiti", "Kaiti SC", "LXGW WenKai", serif',
    "body": '"仿宋", "FangSong", "仿宋_GB2312", "FangSong_GB2312", "STFangsong", "Songti SC", '
            '"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif',
}


def page_number_text(number: int | str) -> str:
    """The footer text of a page: 「— 1 —」."""
    return f"— {number} —"


def mm_to_pt(mm: float) -> float:
    return mm * 72.0 / 25.4


def text_width_em(text: str) -> float:
    """The width of `text` on one line in ems, without a font at hand: a Chinese (wide) character is one em,
    anything else about half (digits and Latin letters of the Chinese faces are half-width)."""
    import unicodedata

    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.55 for ch in text)
