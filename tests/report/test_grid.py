"""The printed grid: every position covered once, and the merged cells of the official templates."""

from __future__ import annotations

import pytest

from report import grid as g
from report.formats import FORMATS


@pytest.mark.parametrize("format_id", ["2019", "2021"])
@pytest.mark.parametrize("section_id", ["s2", "s3", "s4"])
def test_every_position_covered_exactly_once(format_id, section_id):
    fmt = FORMATS[format_id]
    layout = g.table_grid(fmt.section(section_id).table)
    seen = {}
    for cell in layout.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                assert (r, c) not in seen
                seen[(r, c)] = cell
    assert len(seen) == layout.rows * layout.cols
    # Every data cell of the section appears once, in the format's order.
    ids = [c.cell for c in layout.value_cells()]
    assert ids == [cid for cid, d in fmt.cells.items() if d.section.id == section_id]


def _spans(layout, role):
    return [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in layout.cells if c.role == role]


def test_s3_header_as_official():
    layout = g.table_grid(FORMATS["2021"].section("s3").table)
    assert layout.cols == 10 and layout.header_rows == 3
    corner = layout.at(0, 0)
    assert (corner.role, corner.rowspan, corner.colspan) == (g.CORNER, 3, 3)
    assert corner.text.startswith("（本列数据的勾稽关系为")
    assert _spans(layout, g.HEADER)[:4] == [
        ("申请人情况", 0, 3, 1, 7),
        ("自然人", 1, 3, 2, 1),
        ("法人或其他组织", 1, 4, 1, 5),
        ("商业企业", 2, 4, 1, 1),
    ]
    assert ("总计", 1, 9, 2, 1) in _spans(layout, g.HEADER)


@pytest.mark.parametrize("format_id,results", [("2019", 20), ("2021", 22)])
def test_s3_group_labels_span_their_rows(format_id, results):
    layout = g.table_grid(FORMATS[format_id].section("s3").table)
    labels = {t: (r, c, rs, cs) for t, r, c, rs, cs in _spans(layout, g.LABEL)}
    assert labels["三、本年度办理结果"] == (5, 0, results, 1)
    assert labels["（三）不予公开"] == (7, 1, 8, 1)
    assert labels["1.属于国家秘密"] == (7, 2, 1, 1)
    assert labels["（一）予以公开"] == (5, 1, 1, 2)
    assert labels["四、结转下年度继续办理"][2:] == (1, 3)
    other = labels["（六）其他处理"]
    assert other[2:] == ((1, 2) if format_id == "2019" else (3, 1))


def test_s4_is_one_printed_row_of_fifteen():
    layout = g.table_grid(FORMATS["2019"].section("s4").table)
    assert (layout.rows, layout.cols, layout.header_rows) == (4, 15, 3)
    headers = _spans(layout, g.HEADER)
    assert headers[0] == ("行政复议", 0, 0, 1, 5)
    assert ("结果维持", 1, 0, 2, 1) in headers
    assert ("行政诉讼", 0, 5, 1, 10) in headers
    assert ("未经复议直接起诉", 1, 5, 1, 5) in headers
    assert ("复议后起诉", 1, 10, 1, 5) in headers
    assert ("总计", 2, 14, 1, 1) in headers
    assert [c.cell for c in layout.value_cells()][5] == "s4.suit_direct:upheld"


def test_s2_blocks_stack_with_titles():
    f19 = g.table_grid(FORMATS["2019"].section("s2").table)
    assert f19.cols == 4 and f19.header_rows == 0
    titles = [t for t, *_ in _spans(f19, g.TITLE)]
    assert titles == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项"]
    # 行政事业性收费 has two columns in 2019: the fourth grid column is blank, as printed.
    fees_row = next(c.row for c in f19.cells if c.text == "行政事业性收费")
    assert f19.at(fees_row, 3).role == g.BLANK
    f21 = g.table_grid(FORMATS["2021"].section("s2").table)
    fees = next(c for c in f21.value_cells() if c.cell == "s2.fees:amount")
    assert (fees.col, fees.colspan) == (1, 3)
    assert ("本年收费金额（单位：万元）", fees.row - 1, 1, 1, 3) in _spans(f21, g.HEADER)
