"""Section 三's heading rows stay in view over its scrolling rows, and a cell moved to is never under them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from gui.frozen_header import FrozenHeader

from .conftest import table


def frozen(view) -> FrozenHeader:
    found = view.findChildren(FrozenHeader)
    assert len(found) == 1
    return found[0]


def heading_at(header: FrozenHeader, x: int, y: int) -> str:
    return str(header.model().data(header.indexAt(QPoint(x, y))) or "")


def test_headings_stay_over_the_scrolled_rows(open_window, qtbot):
    window = open_window()
    window.resize(1000, 520)
    view = table(window, "s3")
    header = frozen(view)
    grid = view.table_model.grid
    assert header.rows == grid.header_rows == 3
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() > 0)
    assert header.isVisible() and header.geometry().topLeft() == view.viewport().geometry().topLeft()
    height = sum(view.rowHeight(r) for r in range(3))
    assert header.height() == height
    # Under every value column the heading names its column: 自然人 … 总计.
    natural = view.table_model.index_of("s3.new:natural")
    x = view.columnViewportPosition(natural.column()) + 5
    assert heading_at(header, x, height - 5) == "自然人"
    total = view.table_model.index_of("s3.new:total")
    assert heading_at(header, view.columnViewportPosition(total.column()) + 5, height - 5) == "总计"
    # Beneath it the table shows body rows, not its own headings.
    assert view.indexAt(QPoint(x, height + 2)).row() >= 3


def test_headings_follow_horizontal_scrolling(open_window, qtbot):
    window = open_window()
    window.resize(520, 520)
    view = table(window, "s3")
    header = frozen(view)
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    assert header.horizontalScrollBar().value() == bar.value()
    # The rightmost visible heading is still the one above the rightmost column.
    total = view.table_model.index_of("s3.new:total")
    x = view.columnViewportPosition(total.column()) + 5
    assert heading_at(header, x, header.height() - 5) == "总计"


def test_a_cell_moved_to_is_never_hidden_under_the_headings(open_window, qtbot):
    window = open_window()
    window.resize(1000, 480)
    view = table(window, "s3")
    header = frozen(view)
    cells = [c for c in view.table_model.grid.value_cells() if view.table_model.grid.at(c.row, c.col) is c]
    column = cells[0].col
    in_column = sorted((c for c in cells if c.col == column), key=lambda c: c.row)
    view.select_cell(in_column[-1].cell)
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() > 0)
    for _ in in_column[1:]:
        qtbot.keyClick(view, Qt.Key.Key_Up)
        top = view.visualRect(view.currentIndex()).top()
        assert top >= header.height(), view.table_model.cell_id(view.currentIndex())
    assert view.table_model.cell_id(view.currentIndex()) == in_column[0].cell
    # Choosing a finding's cell that lies just above the visible rows scrolls it into view, below the headings.
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    hidden = next(c for c in in_column if 0 < view.rowViewportPosition(c.row) + view.rowHeight(c.row) <= header.height())
    view.select_cell(hidden.cell)
    assert view.visualRect(view.currentIndex()).top() >= header.height()


def test_a_table_of_several_blocks_has_no_frozen_headings(open_window):
    view = table(open_window(), "s2")  # each block of section 二 carries its own heading
    assert view.table_model.grid.header_rows == 0
    assert not view.findChildren(FrozenHeader)
