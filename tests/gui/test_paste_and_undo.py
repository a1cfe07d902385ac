"""Pasting blocks copied from spreadsheets and web pages, copying out, and undo/redo over every edit."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from .conftest import table
from .test_table_editing import cell_index, shown


def select_range(view, first, last):
    view.select_cell(first)
    view.selectionModel().select(QItemSelection(cell_index(view, first), cell_index(view, last)),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_paste_an_excel_block_with_labels_and_totals(open_window, qtbot):
    window = open_window()
    view = table(window, "s3")
    excel = ("一、本年新收政府信息公开申请数量\t\t\t10\t2\t0\t0\t0\t1\t13\r\n"
             "二、上年结转政府信息公开申请数量\t\t\t1\t0\t0\t0\t0\t0\t9\r\n")
    QGuiApplication.clipboard().setText(excel)
    view.select_cell("s3.new:natural")
    with qtbot.waitSignal(view.pasted) as signal:
        qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert shown(view, "s3.new:natural") == "10" and shown(view, "s3.new:other_org") == "1"
    assert shown(view, "s3.carried_in:natural") == "1" and shown(view, "s3.new:total") == "13"
    summary, problems = signal.args
    assert summary == "已粘贴 12 个单元格，1 处未能粘贴"
    assert problems == ["「三、收到和处理政府信息公开申请情况」二、上年结转政府信息公开申请数量·总计是自动合计项，"
                        "粘贴的 9 未采用，按各项之和为 1"]
    assert "二、上年结转政府信息公开申请数量·总计" in window.statusBar().currentMessage()
    box = window.paste_box
    assert isinstance(box, QMessageBox) and box.isVisible() and not box.isModal()
    box.close()
    window.document.undo_stack.undo()  # the whole paste is one step
    assert shown(view, "s3.new:natural") == "0" and shown(view, "s3.carried_in:natural") == "0"


def test_paste_runs_of_spaces_dashes_units_and_bad_values(open_window, qtbot):
    window = open_window(year=2020)
    view = table(window, "s2")
    view.select_cell("s2.license:prev_count")
    with qtbot.waitSignal(view.pasted) as signal:
        view.paste_text("行政许可   12件   —   1,234\n其他对外管理服务事项  /  -3  x7\n")
    assert [shown(view, c) for c in ("s2.license:prev_count", "s2.license:change", "s2.license:decisions",
                                      "s2.other_services:prev_count", "s2.other_services:change")] == \
        ["12", "0", "1234", "0", "-3"]
    assert len(signal.args[1]) == 1 and "其他对外管理服务事项·处理决定数量" in signal.args[1][0] and "x7" in signal.args[1][0]
    window.paste_box.close()


def test_paste_one_value_per_line_into_a_selected_row(open_window, qtbot):
    view = table(open_window(), "s3")
    select_range(view, "s3.granted:natural", "s3.granted:other_org")
    view.paste_text("（一）予以公开\n3\n0\n1\n0\n0\n2\n")
    assert [shown(view, f"s3.granted:{c}") for c in ("natural", "commercial", "research", "other_org", "total")] == \
        ["3", "0", "1", "2", "6"]


def test_paste_one_value_per_line_into_one_cell_goes_down(open_window, qtbot):
    view = table(open_window(), "s2")
    view.select_cell("s2.rules:issued")
    view.paste_text("1\n2\n3\n")
    # Down the data rows, past the next block's title and header: 规章, 行政规范性文件, 行政许可.
    assert [shown(view, c) for c in ("s2.rules:issued", "s2.normative:issued", "s2.license:decisions")] == ["1", "2", "3"]


def test_copy_a_block_out(open_window, qtbot):
    view = table(open_window(), "s4")
    view.table_model.setData(cell_index(view, "s4.review:upheld"), "2")
    view.table_model.setData(cell_index(view, "s4.review:other"), "1")
    select_range(view, "s4.review:upheld", "s4.review:total")
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "2\t0\t1\t0\t3\n"


def test_undo_and_redo_cells_and_text_in_the_order_made(open_window, qtbot):
    window = open_window()
    view = table(window, "s4")
    view.table_model.setData(cell_index(view, "s4.review:upheld"), "2")
    text = window.section_widgets["s5"]
    window.tabs.setCurrentWidget(text)
    text.editor.setFocus()
    qtbot.keyClicks(text.editor, "ab")  # keystrokes (QTest types ASCII only) ...
    for ch in "存在问题":  # ... and what an input method commits, one phrase at a time
        text.editor.insertPlainText(ch)
    assert window.document.text("s5") == "ab存在问题"
    assert "6 字" in text.count.text()
    window.undo_action.trigger()
    assert text.editor.toPlainText() == "" and window.document.text("s5") == ""
    window.undo_action.trigger()
    assert shown(view, "s4.review:upheld") == "0" and shown(view, "s4.review:total") == "0"
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert shown(view, "s4.review:total") == "2" and text.editor.toPlainText() == "ab存在问题"
    # Ctrl+Z inside the text editor reaches the same stack.
    qtbot.keyClick(text.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert text.editor.toPlainText() == ""
