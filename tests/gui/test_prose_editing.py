"""The prose editor as a clerk uses Notepad: undo puts the caret where the change was, pasting keeps paragraphs,
Ctrl+Y redoes, Ctrl+1 … go to the sections, and a report opens on the section last worked on."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from gui.text_section import TextSection, changed_span, pasted_text

from .conftest import table

CTRL = Qt.KeyboardModifier.ControlModifier


def active(window, qtbot):
    """Shortcuts reach the window's actions only in the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def prose(window, section_id: str) -> TextSection:
    widget = window.section_widgets[section_id]
    assert isinstance(widget, TextSection)
    window.tabs.setCurrentWidget(widget)
    widget.editor.setFocus()
    return widget


def type_chinese(widget, text: str) -> None:
    """Chinese arrives as an input method's commit (QTest's key clicks take ASCII only)."""
    for ch in text:
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QApplication.sendEvent(widget, event)


def put_caret(editor, position: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)


def test_undo_puts_the_caret_where_the_undone_typing_began(open_window, repo, qtbot):
    report_id = repo.create_report("某某区司法局", 2022)
    repo.set_text(report_id, "s5", "一是更新不及时。\n二是解读形式单一。")
    window = open_window(report_id=report_id)
    editor = prose(window, "s5").editor
    put_caret(editor, len("一是更新不及时。"))
    type_chinese(editor, "三是人员不足。")
    assert editor.toPlainText() == "一是更新不及时。三是人员不足。\n二是解读形式单一。"
    put_caret(editor, 0)  # the clerk looks elsewhere, then undoes
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == "一是更新不及时。\n二是解读形式单一。"
    assert editor.textCursor().position() == len("一是更新不及时。")
    type_chinese(editor, "另")  # the next words land where the undone ones were, not in another paragraph
    assert window.document.text("s5") == "一是更新不及时。另\n二是解读形式单一。"


def test_undo_of_a_deletion_puts_the_caret_after_the_restored_text(open_window, repo, qtbot):
    report_id = repo.create_report("某某区司法局", 2022)
    repo.set_text(report_id, "s6", "本年度未收取信息处理费。无其他事项。")
    window = open_window(report_id=report_id)
    editor = prose(window, "s6").editor
    put_caret(editor, len("本年度未收取信息处理费。"))
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.toPlainText() == "本年度未收取信息处理费。"
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == "本年度未收取信息处理费。无其他事项。"
    assert editor.textCursor().position() == len(editor.toPlainText())
    # Redo with either key, as in WPS (Ctrl+Y) and on Linux (Ctrl+Shift+Z).
    qtbot.keyClick(editor, Qt.Key.Key_Y, CTRL)
    assert editor.toPlainText() == "本年度未收取信息处理费。"
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == "本年度未收取信息处理费。"


def test_undo_from_a_table_shows_the_prose_it_changes(open_window, qtbot):
    window = active(open_window(), qtbot)
    widget = prose(window, "s5")
    type_chinese(widget.editor, "一是更新不及时。")
    view = table(window, "s3")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert window.document.text("s5") == ""
    assert window.tabs.currentWidget() is widget and widget.editor.hasFocus()
    table(window, "s3").setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)
    assert window.document.text("s5") == "一是更新不及时。"
    assert window.tabs.currentWidget() is widget and widget.editor.textCursor().position() == len("一是更新不及时。")


def test_ctrl_y_and_ctrl_shift_z_redo_a_table_edit(open_window, qtbot):
    window = active(open_window(), qtbot)
    view = table(window, "s3")
    doc = window.document
    assert doc.set_cells({"s3.new:natural": 4})
    view.setFocus()
    for redo in (Qt.Key.Key_Y, Qt.Key.Key_Z):
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
        assert doc.value("s3.new:natural") == 0
        modifiers = CTRL | (Qt.KeyboardModifier.ShiftModifier if redo == Qt.Key.Key_Z else Qt.KeyboardModifier.NoModifier)
        qtbot.keyClick(view, redo, modifiers)
        assert doc.value("s3.new:natural") == 4


def paste(editor, text: str | None = None, html: str | None = None) -> None:
    data = QMimeData()
    if text is not None:
        data.setText(text)
    if html is not None:
        data.setHtml(html)
    editor.insertFromMimeData(data)


def test_pasting_keeps_paragraphs_of_every_kind_of_line_break(open_window):
    window = open_window()
    editor = prose(window, "s1").editor
    paste(editor, "（一）主动公开\r\n本年度主动公开信息。\r（二）依申请公开\u2028全年受理申请。\u2029（三）平台\v建设")
    expected = "（一）主动公开\n本年度主动公开信息。\n（二）依申请公开\n全年受理申请。\n（三）平台\n建设"
    assert window.document.text("s1") == expected
    assert editor.document().blockCount() == 6  # real paragraphs, each spaced as the editor spaces them
    assert window.section_widgets["s1"].count.text().endswith("6 段")


def test_pasting_from_a_web_page_whose_plain_text_lost_its_breaks(open_window):
    window = open_window()
    editor = prose(window, "s5").editor
    paste(editor, text="一是更新不及时。 二是解读单一。", html="<p>一是更新不及时。</p><p>二是解读单一。</p>")
    assert window.document.text("s5") == "一是更新不及时。\n二是解读单一。"
    editor.clear()
    paste(editor, html="<div>甲段</div><div>乙段&nbsp;丙</div>")  # only HTML on the clipboard
    assert window.document.text("s5") == "甲段\n乙段 丙"


def test_pasted_text_and_changed_span():
    assert pasted_text("a\r\nb\rc\u00a0d\x0ce") == "a\nb\nc d\ne"
    assert changed_span("abcd", "abXcd") == (2, 2, 3)
    assert changed_span("aaa", "aa") == (2, 3, 2)
    assert changed_span("", "甲") == (0, 0, 1)
    assert changed_span("同", "同") == (1, 1, 1)


def test_ctrl_number_goes_to_that_section_and_the_report_reopens_there(open_window, repo, qtbot):
    window = active(open_window(), qtbot)
    sections = window.document.format.sections
    for n in (6, 1, 3, 4):
        qtbot.keyClick(window.focusWidget() or window, Qt.Key(Qt.Key.Key_0.value + n), CTRL)
        assert window.tabs.currentIndex() == n - 1
        widget = window.section_widgets[sections[n - 1].id]
        focus = window.focusWidget()
        assert focus is widget or widget.isAncestorOf(focus)
    assert "Ctrl+4" in window.tabs.tabToolTip(3)
    report_id = window.document.report_id
    window.close()
    other = repo.create_report("某某区司法局", 2021)
    again = open_window(report_id=other)
    assert again.tabs.currentIndex() == 0  # another report: its own memory, none yet
    again.open_report(report_id)
    assert again.tabs.currentIndex() == 3


def test_double_clicking_a_prose_finding_selects_its_sentence(open_window, repo, qtbot):
    report_id = repo.create_report("某某区司法局", 2022)
    repo.set_cell(report_id, "s3.new:natural", 10)
    repo.set_text(report_id, "s5", "一是个别信息更新不够及时。本年度共收到政府信息公开申请 12 件，均已办结。二是解读不足。")
    window = active(open_window(report_id=report_id), qtbot)
    dock = window.findings
    row = next(i for i in range(dock.list.count()) if "请核对正文与表格" in dock.list.item(i).text())
    assert "双击转到正文中的这句话" in dock.list.item(row).toolTip()
    window.tabs.setCurrentIndex(0)
    dock.list.scrollToItem(dock.list.item(row))
    rect = dock.list.visualItemRect(dock.list.item(row))
    assert dock.list.itemAt(rect.center()) is dock.list.item(row)
    qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    widget = window.section_widgets["s5"]
    assert window.tabs.currentWidget() is widget and widget.editor.hasFocus()
    assert widget.editor.textCursor().selectedText() == "本年度共收到政府信息公开申请 12 件，均已办结。"


def test_the_right_click_menus_undo_and_redo_work_on_the_reports_history(open_window):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QAction

    window = open_window()
    editor = prose(window, "s6").editor
    type_chinese(editor, "无")
    menu = editor.context_menu(QPoint(1, 1))
    undo, redo = (menu.findChild(QAction, name) for name in ("edit-undo", "edit-redo"))
    assert undo.isEnabled() and not redo.isEnabled()
    undo.trigger()
    assert window.document.text("s6") == ""
    menu = editor.context_menu(QPoint(1, 1))
    menu.findChild(QAction, "edit-redo").trigger()
    assert window.document.text("s6") == "无"
