"""Typing is lossless at any speed: every key reaches the cell it was typed for, in order, however far the window
lags behind the keyboard; and the spreadsheet habits of the keyboard (Tab…Enter, computed cells, the first cell)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent

from report import grid as g

from .conftest import table
from .test_table_editing import cell_index, shown

VALUES = [str(n) for n in range(1001, 1021)]


def column_cells(view, col_of: str) -> list[str]:
    """The input cells below `col_of` (itself first), as Enter visits them."""
    model = view.table_model
    start = model.cell_at(*model._position[col_of])
    cells = [c for c in model.grid.cells if c.role == g.VALUE and model.is_input(c.cell)
             and c.col == start.col and c.row >= start.row]
    return [c.cell for c in sorted(cells, key=lambda c: c.row)]


def post_keys(window, text: str) -> None:
    """Queue `text` (with \\r for Enter) as the keyboard would: to the window, delivered to whichever widget has
    the focus when each key is handled; nothing is handled until all are queued."""
    target = window.windowHandle()
    for ch in text:
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch))
        typed = "\r" if ch == "\r" else ch
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.postEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, typed))


def test_twenty_values_queued_faster_than_the_window_commits_each_land_in_their_cell(open_window, repo, qtbot):
    window = open_window()
    view = table(window, "s3")
    cells = column_cells(view, "s3.new:natural")[:len(VALUES)]
    assert len(cells) == len(VALUES)
    view.select_cell(cells[0])
    window.activateWindow()
    qtbot.waitUntil(lambda: QCoreApplication.instance().focusWidget() is view)
    post_keys(window, "".join(v + "\r" for v in VALUES))
    qtbot.waitUntil(lambda: shown(view, cells[-1]) == VALUES[-1], timeout=10000)
    assert [shown(view, c) for c in cells] == VALUES
    qtbot.waitUntil(lambda: not window.document.has_unsaved)
    saved = repo.load(window.document.report_id).cells
    assert [str(saved.get(c)) for c in cells] == VALUES
    assert view.table_model.cell_id(view.currentIndex()) == column_cells(view, "s3.new:natural")[len(VALUES)]


def test_keys_queued_behind_a_slow_save_keep_their_order(open_window, repo, qtbot, monkeypatch):
    """A disk that takes 30 ms a write: the keys wait, none goes astray, and the 已保存 mark comes after."""
    import time

    window = open_window()
    view = table(window, "s3")
    real = repo.set_cell

    def slow(*args):
        time.sleep(0.03)
        real(*args)

    monkeypatch.setattr(repo, "set_cell", slow)
    cells = column_cells(view, "s3.new:commercial")[:5]
    view.select_cell(cells[0])
    window.activateWindow()
    qtbot.waitUntil(lambda: QCoreApplication.instance().focusWidget() is view)
    post_keys(window, "".join(v + "\r" for v in VALUES[:5]))
    qtbot.waitUntil(lambda: shown(view, cells[-1]) == VALUES[4], timeout=10000)
    assert [shown(view, c) for c in cells] == VALUES[:5]
    qtbot.waitUntil(lambda: window.save_label.text().startswith("已保存 "))
    saved = repo.load(window.document.report_id).cells
    assert [str(saved.get(c)) for c in cells] == VALUES[:5]


def press(qtbot, text: str) -> None:
    """Keys to whichever widget has the focus, one after another (\\t Tab, \\r Enter)."""
    for ch in text:
        target = QCoreApplication.instance().focusWidget()
        if ch == "\t":
            qtbot.keyClick(target, Qt.Key.Key_Tab)
        elif ch == "\r":
            qtbot.keyClick(target, Qt.Key.Key_Return)
        else:
            qtbot.keyClicks(target, ch)


def current(view) -> str | None:
    return view.table_model.cell_id(view.currentIndex())


def test_enter_after_a_run_of_tabs_returns_to_the_column_the_run_began_in(open_window, qtbot):
    window = open_window()
    view = table(window, "s3")
    view.select_cell("s3.new:natural")
    window.activateWindow()
    qtbot.waitUntil(lambda: QCoreApplication.instance().focusWidget() is view)
    press(qtbot, "1\t2\t3\r")  # as Excel: the next row, under the first of the three
    assert [shown(view, c) for c in ("s3.new:natural", "s3.new:commercial", "s3.new:research")] == ["1", "2", "3"]
    assert current(view) == "s3.carried_in:natural"
    press(qtbot, "4\t5\r")
    assert current(view) == "s3.granted:natural" and shown(view, "s3.carried_in:commercial") == "5"
    # Moving the cursor otherwise ends the run: Enter then goes straight down.
    view.select_cell("s3.granted:research")
    press(qtbot, "\t")
    view.select_cell("s3.granted:legal")
    press(qtbot, "\r")
    assert current(view) == "s3.partial:legal"
    # Tabs without typing make a run too.
    view.select_cell("s3.partial:commercial")
    press(qtbot, "\t\t\r")
    column = column_cells(view, "s3.partial:commercial")
    assert current(view) == column[1]


# The explanation is also shown as a tooltip by the cell, which Qt's offscreen platform cannot raise.
@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
def test_typing_on_a_total_says_why_and_changes_nothing(open_window, qtbot):
    window = open_window()
    view = table(window, "s3")
    view.select_cell("s3.new:total")
    window.activateWindow()
    qtbot.waitUntil(lambda: QCoreApplication.instance().focusWidget() is view)
    press(qtbot, "5")
    message = window.statusBar().currentMessage()
    assert "自动合计" in message and "不能直接填写" in message
    assert current(view) == "s3.new:total" and shown(view, "s3.new:total") == "0"
    assert view.state() != view.State.EditingState


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
def test_typing_on_a_locked_report_says_so(open_window, repo, qtbot):
    window = open_window()
    window.document.set_locked(True)
    view = table(window, "s3")
    view.select_cell("s3.new:natural")
    window.activateWindow()
    qtbot.waitUntil(lambda: QCoreApplication.instance().focusWidget() is view)
    press(qtbot, "5")
    assert "定稿" in window.statusBar().currentMessage() and shown(view, "s3.new:natural") == "0"


def test_a_table_section_opens_ready_to_type_in_its_first_input_cell(open_window, qtbot):
    window = open_window()
    window.activateWindow()
    for section_id, first in (("s2", None), ("s3", "s3.new:natural"), ("s4", None)):
        view = window.section_widgets[section_id]
        window.tabs.setCurrentWidget(view)
        qtbot.waitUntil(lambda view=view: QCoreApplication.instance().focusWidget() is view)
        inputs = view._input_cells()
        assert current(view) == (first or inputs[0].cell)
    press(qtbot, "7\r")
    assert shown(view, inputs[0].cell) == "7"


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
def test_typing_on_a_label_says_where_to_type_and_does_not_jump(open_window, qtbot):
    window = open_window()
    view = table(window, "s3")
    label = view.table_model.index_of("s3.new:natural").siblingAtColumn(0)
    view.setCurrentIndex(label)
    window.activateWindow()
    qtbot.waitUntil(lambda: QCoreApplication.instance().focusWidget() is view)
    press(qtbot, "0")  # Qt's keyboard search would have jumped to the next cell showing 0
    assert view.currentIndex() == label
    assert "不能填写" in window.statusBar().currentMessage()


def test_a_repaint_of_the_cell_being_typed_keeps_what_was_typed(open_window, qtbot):
    """The cell's finding or total changing while it is typed (a repaint of it) leaves the typed keys alone."""
    window = open_window()
    view = table(window, "s3")
    view.select_cell("s3.carried_in:natural")
    window.activateWindow()
    qtbot.waitUntil(lambda: QCoreApplication.instance().focusWidget() is view)
    press(qtbot, "1002")
    index = cell_index(view, "s3.carried_in:natural")
    view.table_model.dataChanged.emit(index, index)
    press(qtbot, "\r")
    assert shown(view, "s3.carried_in:natural") == "1002"
