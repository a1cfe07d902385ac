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


def digits(text: str) -> str:
    """Full-width digits to ASCII, and a year written 二〇二〇 to 2020 (only runs of four numerals)."""
    text = text.translate(_FULL_WIDTH_DIGITS)  # not NFKC: the agency's name is kept as written
    return re.sub(r"[〇零一二三四五六七八九○Ｏ]{4}(?=\s*年)", lambda m: m.group(0).translate(_CN_DIGITS), text)


def names_report(text: str) -> bool:
    """Whether `text` contains the report's name (「政府信息公开工作年度报告」 and its variants)."""
    return re.search(_REPORT, clean_cell(text)) is not None


def find_title(text: str) -> tuple[str, int] | None:
    """(agency, year) if `text` is a report's title."""
    line = digits(clean_cell(text))
    if len(line) > 120:
        return None
    for pattern in _PATTERNS:
        match = pattern.search(line)
        if match:
            agency = match.group("agency").strip(" ：:，,、（）()《》“”\"'")
            agency = re.sub(r"^(?:关于|公开)", "", agency).strip()
            year = int(match.group("year"))
            if pattern is _PATTERNS[1] and re.match(rf"(?:的)?{_REPORT}", line[match.start("agency"):]):
                continue  # 「2020年政府信息公开工作年度报告」: the agency is on another line, or missing
            if agency and len(agency) <= 100:
                return agency, year
    return None


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
