"""importer.cell_lines on its own: a table copied one cell per line put back into rows, line by line.

The end-to-end reading of such copies is tests/importer/test_cell_lines.py; here the paragraphs go in as the
readers give them and the rows that come out are looked at directly."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from importer.cell_lines import rebuild_rows
from importer.document import Paragraph, TableRow
from importer.labels import labels_of

LABELS = labels_of("2021")
S1, S2, S3, S4, S5 = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                      "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况")


def is_value(text: str) -> bool:
    # The assembler's own test is wider (dashes, units, full-width digits); plain digits are enough here.
    return bool(re.fullmatch(r"\s*\d+\s*", text))


def lines(*texts: str | tuple[str, int]) -> list[Paragraph]:
    """Paragraphs numbered as a plain-text reader numbers lines; (text, n) has n empty lines above it."""
    out = []
    for k, t in enumerate(texts, start=1):
        text, blank = t if isinstance(t, tuple) else (t, 0)
        out.append(Paragraph(text, f"第 {k} 行", blank_before=blank))
    return out


def rows(items) -> list[tuple[str, ...]]:
    return [i.cells for i in items if isinstance(i, TableRow)]


def test_the_numbers_below_a_row_label_join_it_as_one_row():
    items = lines(S2, "第二十条第（一）项", "规章", "3", "1", "25", "行政规范性文件", "7", "0", "40")
    out = rebuild_rows(items, LABELS, is_value)
    assert rows(out) == [("规章", "3", "1", "25"), ("行政规范性文件", "7", "0", "40")]
    first = next(i for i in out if isinstance(i, TableRow))
    assert first.where == "第 3 行至第 6 行"  # from the label to its last number
    assert [i.text for i in out if isinstance(i, Paragraph)] == [S2, "第二十条第（一）项"]


def test_numbers_outside_a_table_section_stay_paragraphs():
    items = lines(S1, "2021", "全年主动公开", "35", S5, "12")
    out = rebuild_rows(items, LABELS, is_value)
    assert out == items


def test_a_table_section_ends_at_the_next_section_title():
    items = lines(S3, "一、本年新收政府信息公开申请数量", "5", S5, "一、本年新收政府信息公开申请数量", "9")
    out = rebuild_rows(items, LABELS, is_value)
    assert rows(out) == [("一、本年新收政府信息公开申请数量", "5")]
    assert [i.text for i in out[-3:]] == [S5, "一、本年新收政府信息公开申请数量", "9"]


def test_numbers_after_column_headers_are_a_row_of_numbers_alone():
    """Section 四 is printed across: its numbers follow the column headers, which are no row's label."""
    items = lines(S4, "行政复议", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "1", "0", "0", "0", "1")
    out = rebuild_rows(items, LABELS, is_value)
    assert rows(out) == [("1", "0", "0", "0", "1")]
    assert out[-1].where == "第 8 行至第 12 行"


def test_empty_lines_between_numbers_are_empty_cells():
    items = lines(S2, "规章", "3", ("25", 1))
    assert rows(rebuild_rows(items, LABELS, is_value)) == [("规章", "3", "", "25")]


def test_an_empty_line_between_every_cell_only_separates_them():
    """A copy that puts one empty line between all cells: one empty cell shows as two empty lines."""
    items = lines(S2, ("规章", 1), ("3", 1), ("1", 1), ("25", 1), ("行政规范性文件", 1), ("7", 1), ("40", 2))
    assert rows(rebuild_rows(items, LABELS, is_value)) == [("规章", "3", "1", "25"), ("行政规范性文件", "7", "", "40")]


def test_lines_that_are_not_numbers_pass_through_unchanged():
    items = lines(S3, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "自然人")
    assert rebuild_rows(items, LABELS, is_value) == items


# Any mixture of titles, labels, headers, numbers and empty lines: nothing is lost, added or reordered.
_LINE = st.one_of(
    st.sampled_from([S1, S2, S3, S4, S5, "规章", "行政规范性文件", "行政复议", "结果维持", "总计", "第二十条第（一）项",
                     "一、本年新收政府信息公开申请数量", "（一）予以公开", "本年度没有新情况。"]),
    st.integers(0, 99999).map(str),
)


@given(st.lists(st.tuples(_LINE, st.integers(0, 3)), max_size=40))
def test_every_line_comes_out_once_in_order(spec):
    items = lines(*spec)
    out = rebuild_rows(items, LABELS, is_value)
    texts = []
    for item in out:
        texts += [c for c in item.cells if c != ""] if isinstance(item, TableRow) else [item.text]
    assert texts == [text for text, _ in spec]
    for item in out:  # a row always holds a number; a label is only ever its first cell
        if isinstance(item, TableRow):
            assert any(is_value(c) for c in item.cells)
            assert all(is_value(c) or c == "" for c in item.cells[1:])
