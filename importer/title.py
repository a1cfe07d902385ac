"""The agency and the year, from the report's title (「西工区退役军人事务局2020年政府信息公开工作年度报告」)."""

from __future__ import annotations

import re

from .normalise import clean_cell

_CN_DIGITS = str.maketrans("〇零一二三四五六七八九○Ｏ", "001234567890" + "0")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_REPORT = r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?报告"
_YEAR = r"((?:19|20)\d{2})\s*年(?:度)?"
_PATTERNS = (
    # 「机关2020年（度）政府信息公开工作年度报告」
    re.compile(rf"^(?:关于)?(?P<agency>.+?){_YEAR.replace('(', '(?P<year>', 1)}(?:的)?{_REPORT}"),
    # 「2020年（度）机关政府信息公开工作年度报告」
    re.compile(rf"^{_YEAR.replace('(', '(?P<year>', 1)}(?P<agency>.+?)(?:的)?{_REPORT}"),
    # 「机关政府信息公开工作年度报告（2020年度）」
    re.compile(rf"^(?P<agency>.+?){_REPORT}\s*[(（]\s*{_YEAR.replace('(', '(?P<year>', 1)}\s*[)）]"),
)
# 「机关政府信息公开工作年度报告」 with no year at all: the whole line, and the agency must read as the name of an
# organisation (「…局」「…人民政府办公室」「…街道办事处」), not as the start of a sentence (「本机关编制了…」).
# The report's name in full here (not 「信息公开…」 alone): 「政府信息公开工作年度报告」 must not give the agency 「政府」.
_NO_YEAR = re.compile(r"^(?P<agency>[^，,。；;：:！？!?]+?)(?:的)?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?报告\s*$")
_ORGANISATION_ENDINGS = (
    "局", "委", "办", "厅", "部", "院", "会", "府", "室", "所", "处", "署", "中心", "站", "队", "馆", "社", "团", "校",
    "大学", "学院", "公司", "集团", "银行", "街道", "镇", "乡", "区", "县", "市", "州", "盟", "旗", "省", "委员会",
    "（本级）", "(本级)",
)
_NOT_A_NAME = re.compile(r"^(?:本|我|现|根据|按照|依据|关于)")


# A title printed as a field of the page (「标题：…」), perhaps with the article's other fields after it.
_FIELD_BEFORE = re.compile(r"^(?:标\s*题|题\s*目|名\s*称|文件名称|信息名称|公文名称|文章标题|主\s*题)\s*[:：]\s*")
_FIELD_AFTER = re.compile(r"\s*(?:来源|信息来源|发布时间|发布日期|发文日期|发布机构|作者|浏览次数|点击数|字号|索引号|文号)\s*[:：].*$")


# A file's path or a web address is never an agency (a saved page's folder named after the report).
_PATH = re.compile(r"[/\\]|://")


def strip_field_labels(text: str) -> str:
    """「标题：××局2020年…报告 来源：××局 发布时间：…」 → 「××局2020年…报告」: field labels are never the agency."""
    text = _FIELD_BEFORE.sub("", text.strip())
    return _FIELD_AFTER.sub("", text)


def digits(text: str) -> str:
    """Full-width digits to ASCII, and a year written 二〇二〇 to 2020 (only runs of four numerals)."""
    text = text.translate(_FULL_WIDTH_DIGITS)  # not NFKC: the agency's name is kept as written
    return re.sub(r"[〇零一二三四五六七八九○Ｏ]{4}(?=\s*年)", lambda m: m.group(0).translate(_CN_DIGITS), text)


def names_report(text: str) -> bool:
    """Whether `text` contains the report's name (「政府信息公开工作年度报告」 and its variants)."""
    return re.search(_REPORT, clean_cell(text)) is not None


def find_title(text: str) -> tuple[str, int | None] | None:
    """(agency, year) if `text` is a report's title; the year is None when the title names none."""
    line = digits(strip_field_labels(clean_cell(text)))
    if len(line) > 120:
        return None
    for pattern in _PATTERNS:
        match = pattern.search(line)
        if match:
            agency = _agency(match.group("agency"))
            year = int(match.group("year"))
            if pattern is _PATTERNS[1] and re.match(rf"(?:的)?{_REPORT}", line[match.start("agency"):]):
                continue  # 「2020年政府信息公开工作年度报告」: the agency is on another line, or missing
            if agency and len(agency) <= 100 and not _PATH.search(agency):
                return agency, year
    match = _NO_YEAR.search(line)
    if match:
        agency = _agency(match.group("agency"))
        if (agency and len(agency) <= 60 and not re.search(_YEAR, agency) and agency.endswith(_ORGANISATION_ENDINGS)
                and not _NOT_A_NAME.match(agency)):
            return agency, None
    return None


def _agency(text: str) -> str:
    """The agency as the title writes it, without the punctuation around it; a bracket stays when it closes
    one of the name's own (「××财政局（本级）」)."""
    agency = text.strip(" ：:，,、《》“”\"'")
    while agency[-1:] in ("）", ")") and _depth(agency) < 0:
        agency = agency[:-1].rstrip()
    while agency[:1] in ("（", "(") and _depth(agency) > 0:
        agency = agency[1:].lstrip()
    return re.sub(r"^(?:关于|公开)", "", agency).strip()


def _depth(text: str) -> int:
    return sum(text.count(c) for c in "（(") - sum(text.count(c) for c in "）)")


_DATE = re.compile(r"^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")


def find_date(text: str):
    """A paragraph that is only a date (the 成文日期 under the signature), as datetime.date."""
    import datetime

    line = digits(clean_cell(text)).replace(" ", "")
    line = re.sub(r"[〇零一二三四五六七八九十○]+(?=[月日])", lambda m: str(_cn_number(m.group(0))), line)
    match = _DATE.match(line)
    if not match:
        return None
    try:
        return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _cn_number(text: str) -> int:
    numerals = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
    if "十" in text:
        tens, _, units = text.partition("十")
        return (numerals.get(tens, 1) if tens else 1) * 10 + (numerals.get(units, 0) if units else 0)
    return int("".join(str(numerals.get(c, 0)) for c in text))
