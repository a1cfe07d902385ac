"""importer.placing on its own: a printed line's values counted against its cells (fit_values), and the cells
placed from them (CellPlacer) with a note for each blank, conversion, conflict or table not found."""

from __future__ import annotations

from decimal import Decimal

import pytest

from importer.document import UNREAD
from importer.labels import labels_of
from importer.notes import ERROR, WARNING
from importer.placing import GUESSED, TOO_FEW, ZEROS, CellPlacer, Fit, fit_values, is_value


def _never(values, filled):
    raise AssertionError("a line no wider than its cells needs no reading of a wider one")


@pytest.mark.parametrize(
    "values, keep_blanks, cells, how",
    [
        (["1", "2", "3"], False, ["1", "2", "3"], ""),
        (["1", "", "2", "", "3"], False, ["1", "2", "3"], ""),  # as many numbers as cells: blanks were spans
        (["1", "", "3"], False, ["1", "", "3"], ""),  # as many values as cells: the blank is a cell
        (["1", "2", "", ""], False, None, TOO_FEW),  # trailing blanks are padding: two numbers for three cells
        (["1", "2", ""], True, ["1", "2", ""], ""),  # the source keeps every cell: the blank is the third
        (["", "", ""], True, ["", "", ""], ""),  # published all blank
        ([], False, ["", "", ""], ""),
        (["0", "—"], False, ["0", "0", "0"], ZEROS),  # fewer numbers, every one nought
        (["5"], False, None, TOO_FEW),
    ],
)
def test_fit_values(values, keep_blanks, cells, how):
    fit = fit_values(values, 3, keep_blanks=keep_blanks, wider=_never)
    assert (fit.cells, fit.how) == (cells, how)
    assert fit.numbers == [v for v in values if v][: len(fit.numbers)]


def test_a_wider_line_is_read_by_the_callers_rule():
    seen = []

    def wider(values, filled):
        seen.append((values, filled))
        return Fit(values[1:4], [values[k] for k in filled], GUESSED)

    fit = fit_values(["", "1", "", "2", ""], 3, keep_blanks=True, wider=wider)
    assert seen == [(["", "1", "", "2", ""], [1, 3])]
    assert (fit.cells, fit.how) == (["1", "", "2"], GUESSED)
    # The rule may decline: the line is then read as too few numbers (or all noughts).
    assert fit_values(["1", "", "", "", "2"], 3, keep_blanks=False, wider=lambda v, f: None).how == TOO_FEW
    assert fit_values(["0", "", "", "", "0"], 3, keep_blanks=False, wider=lambda v, f: None).cells == ["0"] * 3


def test_values_and_labels():
    assert all(is_value(t) for t in ("12", "0", "—", "-", "/", "无", "3.5", "12件", "100元", UNREAD))
    assert not any(is_value(t) for t in ("", "自然人", "（一）予以公开", "2.其他", "合计"))


@pytest.fixture
def placer():
    return CellPlacer(labels_of("2021"), [])


def _entry(placer, row_id):
    return next(r for r in placer.labels.rows if r.row.id == row_id)


def test_a_row_with_a_blank_cell_reads_it_as_nought_and_says_so(placer):
    entry = _entry(placer, "s2.rules")
    placer.row(entry, ["3", "", "9"], "第 5 行")
    cells = placer.cells()
    assert [cells[c] for c in entry.cells] == [3, 0, 9]
    blank = [n for n in placer.notes if "空白，按 0 导入" in n.message]
    assert [(n.level, n.where, n.cells) for n in blank] == [(WARNING, "第 5 行", ("s2.rules:repealed",))]


def test_a_row_slid_over_blank_cells_is_a_guess_said_as_such(placer):
    entry = _entry(placer, "s2.rules")  # three cells, none a total: the numbers follow the label
    placer.row(entry, ["", "1", "", "", ""], "第 7 行", exact=True)  # five cells of another table's width
    assert [placer.placed[c].value for c in entry.cells] == [None, 1, None]
    assert any(n.level == WARNING and "数字紧接行名" in n.message for n in placer.notes)


def test_too_many_numbers_are_refused_and_nothing_placed(placer):
    entry = _entry(placer, "s2.rules")
    placer.row(entry, ["1", "2", "3", "4"], "第 9 行")
    assert not placer.placed
    (note,) = placer.notes
    assert note.level == ERROR and "4 个数" in note.message and note.cells == entry.cells


def test_the_same_cell_twice_with_another_number_is_an_error(placer):
    entry = _entry(placer, "s2.license")
    placer.row(entry, ["4"], "第 3 行")
    placer.row(entry, ["4"], "第 20 行")  # printed again alike: nothing to say
    assert not placer.notes
    placer.row(entry, ["5"], "第 30 行")
    (note,) = placer.notes
    assert note.level == ERROR and "第 3 行已经出现过" in note.message and placer.placed["s2.license:decisions"].value == 4


def test_amounts_under_a_yuan_header_are_converted(placer):
    entry = _entry(placer, "s2.fees")
    placer.yuan_columns.add("amount")
    placer.row(entry, ["12500"], "第 11 行")
    assert placer.placed["s2.fees:amount"].value == Decimal("1.25")


def test_section_four_across_and_tables_not_found(placer):
    s4 = placer.labels.format.section("s4")
    values = ["1", "0", "0", "0", "1"] + ["0"] * 10
    assert placer.across(s4, values, "第 40 行") is True
    assert placer.across(placer.labels.format.section("s3"), values, "第 41 行") is None  # no block across
    cells = placer.cells()
    assert cells["s4.review:upheld"] == 1 and "s4.review:total" in cells
    missing = {n.message for n in placer.notes if n.level == ERROR}
    assert missing == {"找不到「二、主动公开政府信息情况」的表格", "找不到「三、收到和处理政府信息公开申请情况」的表格"}


def test_section_four_with_too_few_numbers_is_refused(placer):
    s4 = placer.labels.format.section("s4")
    assert placer.across(s4, ["1", "2", "3"], "第 40 行") is False
    assert not placer.placed
    assert [n.level for n in placer.notes] == [ERROR]
