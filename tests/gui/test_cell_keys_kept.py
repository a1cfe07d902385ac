"""A figure being typed into a cell is saved at every key, not only when Enter or Tab ends it: a crash or a power
cut in the middle of a number loses nothing typed. It stays one undo step, and Esc still drops the typing."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from .conftest import table
from .test_typing import press

CELL = "s3.new:natural"


def typing_in(open_window, qtbot, repo):
    window = open_window()
    rid = window.document.report_id
    repo.set_cell(rid, CELL, 5)
    assert window.open_report(rid)
    view = table(window, "s3")
    view.select_cell(CELL)
    window.activateWindow()
    qtbot.waitUntil(lambda: QCoreApplication.instance().focusWidget() is view)
    return window, view, rid


def test_keys_typed_without_enter_are_already_saved(open_window, repo, qtbot):
    window, view, rid = typing_in(open_window, qtbot, repo)
    press(qtbot, "98")
    assert view.focusWidget() is not view  # still typing in the cell's editor
    qtbot.waitUntil(lambda: repo.load(rid).value(CELL) == 98)
    press(qtbot, "7")
    qtbot.waitUntil(lambda: repo.load(rid).value(CELL) == 987)
    assert window.document.value("s3.new:total") == 987  # the total follows as the figure is typed


def test_a_figure_typed_and_entered_is_one_undo_step(open_window, repo, qtbot):
    window, view, rid = typing_in(open_window, qtbot, repo)
    steps = window.document.undo_stack.count()
    press(qtbot, "123\r")
    assert window.document.undo_stack.count() == steps + 1
    window.document.undo_stack.undo()
    assert window.document.value(CELL) == 5
    qtbot.waitUntil(lambda: repo.load(rid).value(CELL) == 5)
    window.document.undo_stack.redo()
    qtbot.waitUntil(lambda: repo.load(rid).value(CELL) == 123)


def test_escape_puts_back_what_the_cell_held_and_leaves_nothing_to_undo(open_window, repo, qtbot):
    window, view, rid = typing_in(open_window, qtbot, repo)
    steps = window.document.undo_stack.count()
    press(qtbot, "44")
    qtbot.waitUntil(lambda: repo.load(rid).value(CELL) == 44)
    qtbot.keyClick(QCoreApplication.instance().focusWidget(), Qt.Key.Key_Escape)
    assert QCoreApplication.instance().focusWidget() is view
    assert window.document.value(CELL) == 5
    qtbot.waitUntil(lambda: repo.load(rid).value(CELL) == 5)
    assert window.document.undo_stack.count() == steps


def test_a_key_that_makes_no_figure_keeps_the_last_figure_until_enter_refuses_it(open_window, repo, qtbot):
    window, view, rid = typing_in(open_window, qtbot, repo)
    said: list[str] = []
    view.table_model.refused.connect(said.append)
    press(qtbot, "6x")
    qtbot.waitUntil(lambda: repo.load(rid).value(CELL) == 6)
    press(qtbot, "\r")
    assert said and "未填入" in said[-1]  # refused as before: the cursor stays for the clerk to correct it
    assert view.table_model.cell_id(view.currentIndex()) == CELL
    assert window.document.value(CELL) == 5  # 未填入 means the cell holds what it held before
    qtbot.waitUntil(lambda: repo.load(rid).value(CELL) == 5)
