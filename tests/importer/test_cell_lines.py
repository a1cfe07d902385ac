"""Tables copied one cell per line (some browsers, WPS): each label on its own line, then its numbers one per line,
merged header cells once; empty cells as empty lines, or dropped."""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from importer import ERROR, WARNING, import_text
from report import exchange

from ..conftest import FIXTURES, SHARED
from ..strategies import valid_reports
from . import render, samples
from .test_sources import same

SEED_TEXT = SHARED / "seeds" / "000_578647436011cd62.txt"


def seed_one_cell_per_line(empty_cells: bool) -> str:
    """The seed's tab-separated lines as the same browser would have copied them one cell per line."""
    out = []
    for line in SEED_TEXT.read_text(encoding="utf-8").split("\n"):
        out += [f for f in line.split("\t") if empty_cells or f.strip()] if "\t" in line else [line]
    return "\n".join(out)


@pytest.mark.parametrize("empty_cells", [True, False], ids=["empty-lines", "empty-cells-dropped"])
def test_seed_one_cell_per_line_gives_exactly_the_fixture(empty_cells):
    result = import_text(seed_one_cell_per_line(empty_cells))
    assert result.report is not None and not result.errors, [str(n) for n in result.errors]
    expected = json.loads((FIXTURES / "seed_2020_xigong.json").read_text(encoding="utf-8"))
    assert exchange.to_dict(result.report) == expected
    # The rows printed with only their total are said, whether their empty cells came as lines or not.
    said = [n for n in result.notes if "「（一）予以公开」" in n.message]
    assert [n.level for n in said] == [WARNING]
    assert ("空白，按 0 导入" if empty_cells else "其余各栏按 0 导入") in said[0].message
    # Section 四's 16 numbers under 15 columns: without positions the extra one cannot be named, but all are 0.
    assert any(n.level == WARNING and "16 个数" in n.message and "都是 0" in n.message for n in result.notes)


@pytest.mark.parametrize("empty_cells", [True, False], ids=["empty-lines", "empty-cells-dropped"])
@pytest.mark.parametrize("format_id,year", [("2019", 2020), ("2021", 2022)])
def test_every_cell_nonzero_one_cell_per_line(format_id, year, empty_cells):
    report = samples.full(format_id, year)
    text = render.cell_lines(report, empty_cells=empty_cells)
    assert "\t" not in text
    result = import_text(text)
    assert result.clean, [str(n) for n in result.notes]
    same(result.report, report)


@given(valid_reports())
def test_random_reports_one_cell_per_line(report):
    for empty_cells in (True, False):
        result = import_text(render.cell_lines(report, empty_cells=empty_cells))
        assert result.report is not None, [str(n) for n in result.notes]
        assert not result.errors and not result.warnings, [str(n) for n in result.notes]
        assert (result.report.format_id, result.report.year) == (report.format_id, report.year)
        assert exchange.to_dict(result.report)["cells"] == exchange.to_dict(report)["cells"]


def test_an_empty_line_between_every_cell_is_not_an_empty_cell():
    report = samples.full("2021", 2022)
    text = render.cell_lines(report).replace("\n", "\n\n")
    result = import_text(text)
    assert result.clean, [str(n) for n in result.notes]
    same(result.report, report)


def test_blank_cells_kept_as_empty_lines_are_placed_by_position_and_said():
    report = samples.full("2019", 2020)
    blank = {"s3.granted:natural", "s3.granted:commercial", "s4.review:total"}
    result = import_text(render.cell_lines(report, blank=blank))
    assert result.report is not None and not result.errors, [str(n) for n in result.errors]
    cells = result.report.cells
    assert cells["s3.granted:natural"] == 0 and cells["s3.granted:commercial"] == 0
    assert cells["s3.granted:research"] == report.cells["s3.granted:research"]  # not shifted left
    assert "s4.review:total" not in cells  # a blank total: computed by the program
    assert any(n.level == WARNING and "「（一）予以公开」" in n.message and "空白" in n.message for n in result.notes)


def test_blank_cells_dropped_with_nonzero_numbers_are_not_guessed():
    report = samples.full("2019", 2020)
    blank = {"s3.granted:natural", "s3.granted:commercial"}
    result = import_text(render.cell_lines(report, blank=blank, empty_cells=False))
    assert result.report is None
    [error] = result.errors
    assert "「（一）予以公开」" in error.message and "无法确定" in error.message


def test_damaged_and_broken_labels_one_cell_per_line():
    report = samples.full("2019", 2020)
    text = render.cell_lines(report).replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
    text = text.replace("（二）部分公开（区分处理的，", "（二）部分公开（区分处理的，\n")  # a cell wrapped over two lines
    result = import_text(text)
    assert not result.errors, [str(n) for n in result.errors]
    same(result.report, report)
    assert any(n.level == WARNING and "其他法律行政止公开" in n.message for n in result.notes)


def test_a_row_label_lost_leaves_its_numbers_unplaced():
    report = samples.full("2021", 2022)
    text = render.cell_lines(report, empty_cells=False).replace("\n行政强制\n", "\n")
    result = import_text(text)
    assert result.report is None
    assert any(n.level == ERROR and "行政处罚" in n.message for n in result.errors), [str(n) for n in result.notes]
