"""Chinese line breaking: 避头尾 and unbroken numbers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from export.linebreak import CANNOT_END, CANNOT_START, break_lines, units


def test_units_keep_brackets_and_numbers_whole():
    assert units("（三）不予公开") == ["（三）", "不", "予", "公", "开"]
    assert units("共16.8950万元。") == ["共", "16.8950", "万", "元。"]


def _lines(text, per_line):
    widths = [0.5 if ord(c) < 0x2E80 else 1.0 for c in text]
    return [text[a:b] for a, b in break_lines(list(text), widths, [per_line])]


def test_a_comma_never_starts_a_line():
    # Five characters a line: the comma would start line two; the character before it comes down with it.
    assert _lines("一二三四五，六七", 5) == ["一二三四", "五，六七"]
    assert _lines("一二三四“五六”。", 5) == ["一二三四", "“五六”。"]


def test_numbers_are_not_split():
    assert _lines("一二三四2020年", 5) == ["一二三四", "2020年"]


def test_an_overlong_number_is_broken_anyway():
    lines = _lines("1234567890123456789012345", 5)
    assert "".join(lines) == "1234567890123456789012345" and all(len(x) <= 10 for x in lines)


_CJK = st.sampled_from(list("政府信息公开工作年度报告主动申请办理") + ["2020", "PDF", "16.8"])
_CLOSE = st.sampled_from(sorted(CANNOT_START & set("，。、；：？！）」』”》")))
_OPEN = st.sampled_from(sorted(CANNOT_END & set("（“《「『")))
_TEXT = st.lists(st.tuples(st.one_of(st.just(""), _OPEN), _CJK, _CJK, st.one_of(st.just(""), _CLOSE)),
                 min_size=1, max_size=60).map(lambda parts: "".join("".join(p) for p in parts))


@given(_TEXT, st.integers(4, 30))
def test_no_line_begins_with_closing_or_ends_with_opening_punctuation(text, per_line):
    lines = _lines(text, per_line)
    assert "".join(lines) == text
    assert all(line for line in lines)
    assert all(line[0] not in CANNOT_START for line in lines[1:])
    assert all(line[-1] not in CANNOT_END for line in lines[:-1])
    assert all(sum(0.5 if ord(c) < 0x2E80 else 1 for c in line) <= per_line for line in lines)
