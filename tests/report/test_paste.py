"""Pasted blocks: the shapes copied text comes in, and how values meet the cells of the official grid."""

from __future__ import annotations

from decimal import Decimal

from report.formats import FORMAT_2019, FORMAT_2021
from report.grid import table_grid
from report.paste import is_vertical_list, looks_like_value, plan, read_block, targets_from


def test_excel_block_with_tabs_and_trailing_newline():
    assert read_block("1\t2\t3\r\n4\t5\t6\r\n") == [["1", "2", "3"], ["4", "5", "6"]]


def test_runs_of_spaces_split_cells_when_there_are_no_tabs():
    assert read_block("12   0  1,234\n３　 —   /") == [["12", "0", "1,234"], ["３", "—", "/"]]


def test_leading_labels_and_merged_label_blanks_are_skipped():
    text = (
        "三、本年度办理结果\t（三）不予公开\t1.属于国家秘密\t0\t1\t0\t0\t0\t0\t1\n"
        "\t\t2.其他法律行政法规禁止公开\t2\t—\t/\t0\t0\t0\t2\n"
    )
    assert read_block(text) == [["0", "1", "0", "0", "0", "0", "1"], ["2", "—", "/", "0", "0", "0", "2"]]


def test_header_rows_of_labels_only_are_dropped_but_leading_blank_values_kept():
    text = "申请人情况\n自然人\t商业企业\n\t\t5\n"
    assert read_block(text) == [["", "", "5"]]


def test_one_value_per_line_from_a_web_table():
    block = read_block("（一）予以公开\n3\n0\n5件\n")
    assert block == [["3"], ["0"], ["5件"]]
    assert is_vertical_list(block)
    assert not is_vertical_list([["1", "2"]])


def test_empty_line_inside_a_column_is_a_blank_cell():
    assert read_block("3\n\n5\n") == [["3"], [""], ["5"]]


def test_what_counts_as_a_value():
    for text in ("12", "—", "/", "-3", "1,234.5", "12万元", "5件", "1.2.3"):
        assert looks_like_value(text), text
    for text in ("规章", "1.属于国家秘密", "（一）予以公开", "合计"):
        assert not looks_like_value(text), text


def test_targets_follow_data_rows_across_blocks_and_spans():
    grid = table_grid(FORMAT_2021.section("s2").table)
    rows = [r for r in grid.cells if r.cell == "s2.normative:issued"]
    anchor = rows[0]
    targets = targets_from(grid, anchor.row, anchor.col, [3, 1, 1])
    # From 行政规范性文件 down: the next data row is 行政许可 in the next block, whose one cell spans three columns.
    assert targets == [["s2.normative:issued", "s2.normative:repealed", "s2.normative:in_force"],
                       ["s2.license:decisions"], ["s2.penalty:decisions"]]
    middle = [c for c in grid.cells if c.cell == "s2.normative:repealed"][0]
    assert targets_from(grid, middle.row, middle.col, [1, 1]) == [["s2.normative:repealed"], ["s2.license:decisions"]]


def test_plan_parses_by_kind_and_names_cells_that_refuse():
    grid = table_grid(FORMAT_2019.section("s2").table)
    anchor = [c for c in grid.cells if c.cell == "s2.license:prev_count"][0]
    block = [["10", "-2", "3"], ["4", "abc", "-1"]]
    result = plan(FORMAT_2019, block, targets_from(grid, anchor.row, anchor.col, [3, 3]), {})
    assert result.values == {"s2.license:prev_count": 10, "s2.license:change": -2, "s2.license:decisions": 3,
                             "s2.other_services:prev_count": 4}
    assert len(result.problems) == 2
    assert "其他对外管理服务事项·本年增/减" in result.problems[0] and "abc" in result.problems[0]
    assert "处理决定数量" in result.problems[1] and "负数" in result.problems[1]


def test_pasted_totals_are_not_stored_but_compared():
    grid = table_grid(FORMAT_2021.section("s3").table)
    anchor = [c for c in grid.cells if c.cell == "s3.new:natural"][0]
    block = [["1", "2", "0", "0", "0", "0", "3"], ["1", "1", "0", "0", "0", "0", "5"]]
    result = plan(FORMAT_2021, block, targets_from(grid, anchor.row, anchor.col, [7, 7]), {})
    assert "s3.new:total" not in result.values and result.values["s3.carried_in:commercial"] == 1
    assert result.problems == ["「三、收到和处理政府信息公开申请情况」二、上年结转政府信息公开申请数量·总计是自动合计项，"
                               "粘贴的 5 未采用，按各项之和为 2"]


def test_values_past_the_table_are_counted():
    grid = table_grid(FORMAT_2021.section("s4").table)
    anchor = [c for c in grid.cells if c.cell == "s4.suit_after_review:pending"][0]
    result = plan(FORMAT_2021, [["1", "2", "3"]], targets_from(grid, anchor.row, anchor.col, [3]), {})
    assert result.values == {"s4.suit_after_review:pending": 1}
    assert result.problems[-1] == "有 1 个值超出表格范围，未粘贴"
    assert "自动合计" in result.problems[0]


def test_amounts_in_yuan_and_wan_yuan():
    grid = table_grid(FORMAT_2021.section("s2").table)
    anchor = [c for c in grid.cells if c.cell == "s2.fees:amount"][0]
    result = plan(FORMAT_2021, [["123000元"]], targets_from(grid, anchor.row, anchor.col, [1]), {})
    assert result.values == {"s2.fees:amount": Decimal("12.3")}
