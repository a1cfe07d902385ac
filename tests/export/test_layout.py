"""The neutral layout: blocks in the official order, headings found in the prose, values as printed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given

from export import layout as L
from report import grid as G
from report.definition import Kind
from report.formats import FORMATS

from ..strategies import valid_reports


def test_seed_layout(seed):
    doc = L.build(seed)
    assert doc.title.text == "西工区退役军人事务局2020年政府信息公开工作年度报告"
    assert doc.title.lines == ("西工区退役军人事务局", "2020年政府信息公开工作年度报告")
    headings = [b.text for b in doc.blocks if isinstance(b, L.Heading)]
    assert headings == [s.title for s in seed.format.sections]
    s1 = [p for p in doc.paragraphs() if p.section_id == "s1"]
    assert [p.level for p in s1] == [L.BODY] + [L.SUBHEADING] * 5
    assert s1[1].heading == "（一）主动公开情况。"  # the seed's 「(一) 」 printed with full-width brackets
    assert s1[1].text.startswith("根据上级文件的要求")
    assert s1[1].where == "「一、总体情况」第 2 段"
    assert [p.full_text for p in doc.paragraphs() if p.section_id == "s6"] == ["无"]
    # Tables come right after their headings, in the format's order.
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds.count("TableBlock") == 3
    amount = next(c for t in doc.tables() for c in t.grid.cells if c.cell == "s2.procurement:amount")
    assert amount.text == "16.8950"  # the header asks for 4 places


def test_every_value_cell_has_its_display_text(seed):
    doc = L.build(seed)
    for table in doc.tables():
        for c in table.grid.value_cells():
            assert c.text == L.display(seed.value(c.cell), seed.format.cells[c.cell].kind,
                                       seed.format.cells[c.cell].column.places) or c.cell in seed.format.computed


def test_totals_are_the_true_sums(seed):
    seed.cells["s3.new:natural"] = 2
    seed.cells["s3.new:total"] = 7  # a published total that does not add up
    cells = {c.cell: c.text for t in L.build(seed).tables() for c in t.grid.value_cells()}
    assert cells["s3.new:total"] == "2"


@pytest.mark.parametrize(
    "value, kind, places, shown",
    [
        (Decimal("16.895"), Kind.AMOUNT, 4, "16.8950"),
        (Decimal("3"), Kind.AMOUNT, 4, "3.0000"),
        (Decimal("1.234567"), Kind.AMOUNT, 4, "1.234567"),  # more places than asked: never rounded away
        (Decimal("1234.5"), Kind.AMOUNT, None, "1234.5"),
        (-3, Kind.SIGNED, None, "-3"),
        (15, Kind.COUNT, None, "15"),
    ],
)
def test_display(value, kind, places, shown):
    assert L.display(value, kind, places) == shown


@pytest.mark.parametrize(
    "line, heading, rest, level",
    [
        ("(一) 主动公开情况。根据要求……", "（一）主动公开情况。", "根据要求……", L.SUBHEADING),
        ("（二）依申请公开", "（二）依申请公开", "", L.SUBHEADING),
        ("（十二）其他：见附件", "（十二）其他：", "见附件", L.SUBHEADING),
        ("1.加强领导。成立领导小组。", "1.加强领导。", "成立领导小组。", L.POINT),
        ("2、完善制度", "2、完善制度", "", L.POINT),
        ("1.5亿元用于……", "", "1.5亿元用于……", L.BODY),
        ("（一）" + "很长的一句话没有句号" * 6, "", "（一）" + "很长的一句话没有句号" * 6, L.BODY),
        ("2020年，本局……", "", "2020年，本局……", L.BODY),
    ],
)
def test_split_heading(line, heading, rest, level):
    assert L.split_heading(line) == (heading, rest, level)


def test_prose_drops_empty_lines_spaces_and_invisible_characters():
    paragraphs = L.prose("  第一段\r\n\r\n\u3000\u3000第二\u200b段\t尾\n \n", "s5", "五、存在的主要问题及改进情况")
    assert [p.full_text for p in paragraphs] == ["第一段", "第二段 尾"]


def test_file_name_is_safe():
    from report.model import Report

    r = Report(agency="某局/办公室:2", year=2021, format_id="2021")
    assert L.file_name(r) == "某局_办公室_22021年政府信息公开工作年度报告"


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_column_widths_fill_the_width_with_equal_value_columns(format_id):
    fmt = FORMATS[format_id]
    for section in fmt.table_sections:
        g = G.table_grid(section.table)
        widths = L.column_widths(g, 442.0, lambda text, role: 10.5 * len(text), 5, 26, 26, 32)
        assert sum(widths) == pytest.approx(442.0)
        values = {round(widths[c.col], 6) for c in g.value_cells() if c.colspan == 1}
        assert len(values) <= 1
        assert all(w > 0 for w in widths)


@given(valid_reports())
def test_layout_of_random_reports_holds_every_value(report):
    doc = L.build(report)
    shown = {c.cell: c.text for t in doc.tables() for c in t.grid.value_cells()}
    assert set(shown) == set(report.format.cells)
    for cid in report.format.input_cells:
        cell = report.format.cells[cid]
        assert shown[cid] == L.display(report.cells[cid], cell.kind, cell.column.places)
