"""Turning a label as published into a key that compares equal to the format's own label.

Published reports write the same label in many ways: full- or half-width brackets and punctuation, spaces and
line breaks inside a cell, 、 or ，, traditional characters. The key drops everything that does not tell one label
from another (whitespace, punctuation, quotes) and maps the rest to one spelling. The labels themselves, and their
misprints common enough to be known, live only in report.formats; this module knows how they get bent.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Traditional (and variant) forms of the characters that occur in the formats' labels and section titles.
# Only these matter: a key is compared against those labels, never shown to anyone.
_TRADITIONAL = str.maketrans(
    {
        "業": "业", "為": "为", "爲": "为", "舉": "举", "於": "于", "會": "会", "體": "体", "關": "关",
        "內": "内", "決": "决", "況": "况", "減": "减", "製": "制", "辦": "办", "務": "务", "動": "动",
        "區": "区", "單": "单", "發": "发", "後": "后", "國": "国", "處": "处", "復": "复", "複": "复",
        "審": "审", "對": "对", "屬": "属", "廢": "废", "開": "开", "強": "强", "當": "当", "總": "总",
        "執": "执", "護": "护", "報": "报", "據": "据", "數": "数", "無": "无", "機": "机", "權": "权",
        "條": "条", "構": "构", "沒": "没", "現": "现", "確": "确", "穩": "稳", "類": "类", "係": "系",
        "糾": "纠", "納": "纳", "組": "组", "織": "织", "經": "经", "結": "结", "繼": "继", "續": "续",
        "維": "维", "繳": "缴", "罰": "罚", "範": "范", "獲": "获", "補": "补", "規": "规", "計": "计",
        "認": "认", "議": "议", "許": "许", "訟": "讼", "訪": "访", "訴": "诉", "詢": "询", "請": "请",
        "購": "购", "費": "费", "轉": "转", "過": "过", "這": "这", "進": "进", "採": "采", "問": "问",
        "項": "项", "題": "题", "額": "额", "萬": "万", "門": "门", "實": "实", "與": "与", "號": "号",
        "際": "际", "種": "种", "並": "并", "個": "个", "則": "则", "歲": "岁", "稅": "税", "統": "统",
        "衛": "卫", "環": "环", "財": "财", "資": "资", "產": "产", "員": "员",
        "縣": "县", "鎮": "镇", "鄉": "乡", "廳": "厅", "職": "职", "醫": "医", "療": "疗", "軍": "军",
        "導": "导", "黨": "党", "團": "团", "聯": "联", "設": "设", "達": "达", "圖": "图", "書": "书",
        "學": "学", "習": "习", "時": "时", "間": "间", "應": "应", "歸": "归", "檔": "档",
    }
)

_DROP = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")


def clean_cell(text: str) -> str:
    """A cell's text for display in messages: one line, single spaces, no invisible characters."""
    text = text.replace("\xa0", " ").replace("\u3000", " ")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    # Control characters are never text: a PDF's glyph without a character (an empty box) reads back as NUL; a
    # C1 control (U+0080–U+009F) is a byte of a legacy encoding read wrongly.
    text = re.sub(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    # A space between two Chinese characters is a line wrapped inside a cell, never a word break.
    return _CJK_GAP.sub("", text)


_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


@lru_cache(maxsize=8192)  # the same labels are compared again and again
def label_key(text: str) -> str:
    """The comparison key of a label: 「(三) 不予公開」 and 「（三）不予公开」 give the same key."""
    text = unicodedata.normalize("NFKC", text).translate(_TRADITIONAL)
    text = _DROP.sub("", text)
    # Punctuation and symbols never distinguish two labels of a format (「本年增/减」, 「1.」, 「、」, quotes).
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith(("P", "S")))


_ENUMERATOR = re.compile(r"^[(（]?([一二三四五六七八九十]+|\d+)[)）]?[、.．,，:：]?")


@lru_cache(maxsize=8192)  # asked of every line and label, often the same ones
def enumerator(text: str) -> str | None:
    """The numbering a label starts with, as written in the format: 「（三）」→ 「(三)」, 「2.」→ 「2」, 「四、」→ 「四、」.

    Brackets and the 、 after a Chinese numeral tell the levels apart (四、 is a top row, （四） a group, 4. a leaf).
    """
    text = unicodedata.normalize("NFKC", clean_cell(text)).translate(_TRADITIONAL).replace(" ", "")
    match = _ENUMERATOR.match(text)
    if not match:
        return None
    numeral = match.group(1)
    whole = match.group(0)
    if whole.startswith("("):
        return f"({numeral})"
    if numeral.isdigit():
        return numeral
    return f"{numeral}、" if whole.endswith(("、", ",", ".", "，")) else numeral


def keyed(text: str) -> tuple[str, list[int]]:
    """The comparison key of `text` (as normalise.label_key) and, for each of its
    characters, where it stands in `text`: labels are found in the key, and cut out of the text."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).translate(_TRADITIONAL):
            if c.isspace() or c in "\u200b\u200c\u200d\ufeff" or unicodedata.category(c)[0] in "PS":
                continue
            chars.append(c)
            where.append(i)
    return "".join(chars), where
