"""gui/file_dialogs.py: Qt's own file dialog fits the screen (a 1366×768 screen at 200 % offers 683×384 points);
saving completes the suffix and asks before replacing; every file dialog of the window goes through it."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QFileDialog, QMessageBox, QWidget

from gui import file_dialogs

GUI = Path(__file__).resolve().parents[2] / "gui"
SMALL = QRect(0, 0, 683, 384)  # 1366×768 at QT_SCALE_FACTOR=2, as the screen reports it in points


class _Screen:
    def __init__(self, rect: QRect):
        self.rect = rect

    def availableGeometry(self) -> QRect:  # QScreen's name
        return QRect(self.rect)


def _while_open(qtbot, look) -> None:
    """Call look(dialog) once Qt's own file dialog is up and settled, then cancel it."""
    def poll():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog) or not dialog.isVisible():
            QTimer.singleShot(20, poll)
            return
        qtbot.wait(50)  # the fit made once it shows
        look(dialog)
        dialog.reject()
    QTimer.singleShot(0, poll)


def test_qt_s_own_dialog_fits_a_small_screen_with_its_buttons_on_it(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(file_dialogs, "screen_for", lambda parent: _Screen(SMALL))
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(1300, 740)  # a window larger than the screen: the dialog still stays on it
    parent.show()
    seen = {}

    def look(dialog):
        seen["frame"] = dialog.frameGeometry()
        seen["preferred"] = dialog.sizeHint()
        box = dialog.findChild(QDialogButtonBox)
        seen["buttons"] = [QRect(b.mapToGlobal(b.rect().topLeft()), b.size()) for b in box.buttons()]

    _while_open(qtbot, look)
    assert file_dialogs.save_file(parent, "导出 PDF", tmp_path / "报告.pdf", "PDF 文件 (*.pdf)") is None
    assert seen["preferred"].height() > SMALL.height() - file_dialogs.window_size.FRAME.height()  # would not fit
    assert SMALL.contains(seen["frame"]), seen["frame"]
    assert seen["buttons"] and all(SMALL.contains(b) for b in seen["buttons"]), seen["buttons"]


def test_a_dialog_that_fits_keeps_its_preferred_size(qtbot, monkeypatch, tmp_path):
    large = QRect(0, 0, 1920, 1040)
    monkeypatch.setattr(file_dialogs, "screen_for", lambda parent: _Screen(large))
    preferred = QFileDialog(None, "打开年报文件", str(tmp_path), "年报文件 (*.json)").sizeHint()  # as Qt opens it
    seen = {}
    _while_open(qtbot, lambda d: seen.update(size=d.size(), frame=d.frameGeometry()))
    assert file_dialogs.open_file(None, "打开年报文件", tmp_path, "年报文件 (*.json)") is None
    assert seen["size"] == preferred and large.contains(seen["frame"])


def test_qt_s_own_save_dialog_completes_the_suffix_of_the_type_chosen(qtbot, tmp_path):
    seen = []

    def look(dialog):
        seen.append(dialog.defaultSuffix())
        qtbot.keyClick(dialog.findChild(QComboBox, "fileTypeCombo"), Qt.Key.Key_Down)  # the clerk picks 网页
        seen.append(dialog.defaultSuffix())
    _while_open(qtbot, look)
    file_dialogs.save_file(None, "审核结果保存为", tmp_path / "结果.xlsx", "Excel 工作簿 (*.xlsx);;网页 (*.html)")
    assert seen == ["xlsx", "html"]


def _answers(monkeypatch, *chosen):
    """The clerk's picks in turn (the file dialog stood in for); returns what each dialog proposed."""
    picks, proposed = list(chosen), []

    def ask(parent, title, start, filters, mode, save=False):
        proposed.append(str(start))
        name, selected = picks.pop(0)
        return ([str(name)] if name else []), selected
    monkeypatch.setattr(file_dialogs, "ask", ask)
    return proposed


def test_saving_adds_the_suffix_of_the_selected_type_when_the_clerk_leaves_it_out(monkeypatch, tmp_path):
    filters = "Excel 工作簿 (*.xlsx);;网页 (*.html)"
    _answers(monkeypatch, (tmp_path / "结果", "网页 (*.html)"), (tmp_path / "结果.XLSX", "网页 (*.html)"),
             (tmp_path / "结果.v2", "Excel 工作簿 (*.xlsx)"), (None, "Excel 工作簿 (*.xlsx)"))
    assert file_dialogs.save_file(None, "保存", tmp_path / "x.xlsx", filters) == tmp_path / "结果.html"
    assert file_dialogs.save_file(None, "保存", tmp_path / "x.xlsx", filters) == tmp_path / "结果.XLSX"
    assert file_dialogs.save_file(None, "保存", tmp_path / "x.xlsx", filters) == tmp_path / "结果.v2.xlsx"
    assert file_dialogs.save_file(None, "保存", tmp_path / "x.xlsx", filters) is None


def test_a_completed_name_that_exists_is_replaced_only_when_the_clerk_says_so(monkeypatch, tmp_path):
    existing = tmp_path / "报告.pdf"
    existing.write_bytes(b"%PDF old")
    asked, answers = [], ["另选文件名(&N)", "替换(&R)"]

    def exec_box(box):
        asked.append(box.text())
        wanted = answers.pop(0)
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    proposed = _answers(monkeypatch, (tmp_path / "报告", "PDF (*.pdf)"), (tmp_path / "报告", "PDF (*.pdf)"))
    assert file_dialogs.save_file(None, "导出 PDF", tmp_path / "建议.pdf", "PDF (*.pdf)") == existing
    assert asked == ["「报告.pdf」已存在。\n要替换它吗？"] * 2
    assert proposed == [str(tmp_path / "建议.pdf"), str(existing)]  # 另选文件名: the dialog again, at the file
    assert existing.read_bytes() == b"%PDF old"  # the helper only chooses; nothing was written


def test_opening_returns_paths_and_nothing_on_cancel(monkeypatch, tmp_path):
    _answers(monkeypatch, (tmp_path / "a.json", ""), (None, ""), (tmp_path, ""))
    assert file_dialogs.open_file(None, "打开", tmp_path, "年报文件 (*.json)") == tmp_path / "a.json"
    assert file_dialogs.open_files(None, "添加", tmp_path, "交换文件 (*.json)") == []
    assert file_dialogs.choose_folder(None, "文件夹") == tmp_path


def test_every_file_dialog_of_the_window_goes_through_the_helper():
    """A QFileDialog built or asked anywhere else in gui/ would open at its own size, off a small screen."""
    pattern = re.compile(r"QFileDialog\s*(\.\s*get\w+|\()")
    offenders = [f"{path.name}:{number}" for path in sorted(GUI.rglob("*.py")) if path.name != "file_dialogs.py"
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line)]
    assert offenders == []
    assert pattern.search('QFileDialog.getOpenFileName(self, "x")')  # the pattern does catch a call
