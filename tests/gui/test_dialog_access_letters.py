"""Every button, check box and labelled field of the window's dialogs can be reached with Alt and its letter,
each letter once per dialog; 确定, 取消 and 关闭 excepted: Enter and Esc are theirs."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QToolButton, QWidget

from gui import menu_texts

ENTER_AND_ESC = {"确定", "取消", "关闭"}


@pytest.fixture
def chinese(qapp):
    """Qt's own buttons (关闭) in Chinese, as the program installs them; taken away afterwards."""
    from gui.app import install_chinese_translations

    install_chinese_translations(qapp)
    yield
    for translator in qapp._zh_translators:
        qapp.removeTranslator(translator)
    qapp._zh_translators = []


def controls(dialog: QDialog) -> list[tuple[str, str]]:
    """(what, text) of each control that takes an access letter: buttons with text, and labels whose field takes
    the keyboard (a label naming a check box or a row of controls leaves the letter to them)."""
    found = []
    for button in dialog.findChildren(QAbstractButton):
        if not isinstance(button, QToolButton) and button.text() and button.text() not in ENTER_AND_ESC:
            found.append(("按钮", button.text()))
    for label in dialog.findChildren(QLabel):
        buddy = label.buddy()
        if isinstance(buddy, QWidget) and not isinstance(buddy, QAbstractButton) \
                and buddy.focusPolicy() != buddy.focusPolicy().NoFocus:
            found.append(("标签", label.text()))
    return found


def problems(dialog: QDialog) -> list[str]:
    found = controls(dialog)
    letters = [menu_texts.access_letter(text) for _, text in found]
    said = [f"{what}「{text}」没有访问键" for (what, text), letter in zip(found, letters, strict=True) if not letter]
    said += [f"访问键 {x} 用了 {letters.count(x)} 次" for x in sorted(set(letters)) if x and letters.count(x) > 1]
    return said


def _dialogs(window, repo, rid) -> list[QDialog]:
    from gui.aggregate_dialog import AggregateDialog
    from gui.application_dialog import ApplicationDialog
    from gui.connect_dialog import ConnectDialog
    from gui.font_dialog import FontDialog
    from gui.history_dialog import HistoryDialog
    from gui.holiday_dialog import HolidayDialog
    from gui.picker import NewReportDialog, ReportPicker
    from gui.published_check import PublishedCheckDialog
    from gui.review_dialog import ReviewDialog
    from gui.shared_database import PasswordDialog

    return [AggregateDialog(repo, window), ApplicationDialog(None, datetime.date(2021, 5, 1), window),
            ConnectDialog(window), FontDialog(window), HistoryDialog(repo, rid, "报告", False, window),
            HolidayDialog("", window), NewReportDialog(repo, window), ReportPicker(repo, window),
            PublishedCheckDialog(window), ReviewDialog(repo, window), PasswordDialog("服务器", "", window),
            window.find_dialog]


def test_every_dialog_gives_each_control_its_own_letter(chinese, open_window, repo):
    window = open_window()
    dialogs = _dialogs(window, repo, window.document.report_id)
    reached = 0
    for dialog in dialogs:
        reached += len(controls(dialog))
        assert problems(dialog) == [], dialog.windowTitle()
    assert reached > 50  # the walk found the controls


def test_the_import_dialogs_too(qtbot):
    from gui.import_published import ImportResultDialog, Outcome, TitleDialog
    from importer import import_text

    from ..importer import render, samples

    result = import_text(render.web_text(samples.seed()))
    assert result.report is not None
    dialog = ImportResultDialog(Outcome("年报.txt", result=result), [result.report.agency])
    qtbot.addWidget(dialog)
    assert len(controls(dialog)) >= 3 and problems(dialog) == []
    untitled = import_text(render.cell_lines(samples.seed(), title_line=False))
    assert untitled.missing
    title = TitleDialog(untitled, None)
    qtbot.addWidget(title)
    assert len(controls(title)) >= 2 and problems(title) == []


def test_the_check_sees_a_missing_letter_and_a_repeated_one(qtbot):
    from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    field, label = QLineEdit(), QLabel("名称(&N)：")
    label.setBuddy(field)
    for w in (label, field, QPushButton("新建(&N)"), QCheckBox("显示全部"), QPushButton("取消")):
        layout.addWidget(w)
    assert problems(dialog) == ["按钮「显示全部」没有访问键", "访问键 N 用了 2 次"]


def test_the_questions_after_an_export_too(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from export import kinds
    from gui import exports

    seen = []

    def exec_box(box):
        seen.append((len(controls(box)), problems(box)))
        return 0
    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    exports.done(None, tmp_path / "报告.pdf", kinds.PDF)  # 打开文件(&O) 打开所在文件夹(&F) 关闭
    exports.go_on_anyway(None, "导出", "报告还有错误。", "• 错误", "导出")  # 仍然导出(&G) 取消
    assert seen == [(2, []), (1, [])]
