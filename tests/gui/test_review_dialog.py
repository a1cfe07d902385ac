"""工具 → 批量审核…: files, a folder and the database's reports of a year reviewed into one workbook."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from gui.review_dialog import ReviewDialog
from report import exchange
from report.model import Report


def test_tools_menu_reviews_a_folder_and_the_databases_year(qtbot, repo, seed, tmp_path, monkeypatch):
    from gui.main_window import MainWindow

    window = MainWindow(repo)
    qtbot.addWidget(window)
    opened = []
    monkeypatch.setattr(ReviewDialog, "show", lambda self: opened.append(self))
    assert window.review_action in window.tools_menu.actions()
    window.review_action.trigger()
    (dialog,) = opened
    qtbot.addWidget(dialog)

    repo.import_report(Report("另一局", 2021, "2021", texts=dict(seed.texts)))
    folder = tmp_path / "收到的年报"
    folder.mkdir()
    (folder / "a.json").write_text(exchange.dumps(Report(seed.agency, 2021, "2021", texts=dict(seed.texts))), encoding="utf-8")
    (folder / "bad.json").write_text("{", encoding="utf-8")
    dialog._add([str(folder)])
    dialog.year.setValue(2021)
    assert dialog.use_db.isChecked()
    out = tmp_path / "结果.xlsx"
    dialog.output.setText(str(out))
    dialog.run_button.click()
    rows = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
    assert sorted(r[0] for r in rows if not r[0].startswith("无法读取")) == sorted([seed.agency, "另一局"])
    assert any(r[0].startswith("无法读取") for r in rows)
    assert "结果已保存到" in dialog.status.text() and dialog.open_button.isEnabled()
    summary = openpyxl.load_workbook(out).worksheets[0]
    assert summary.max_row == 4 and "未雷同他机关" in [c.value for c in summary[1]]


def test_nothing_chosen_or_a_wrong_kind_of_output_is_said_and_nothing_written(qtbot, tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    dialog = ReviewDialog(None)
    qtbot.addWidget(dialog)
    assert not dialog.use_db.isEnabled()
    dialog.output.setText(str(tmp_path / "r.xlsx"))
    dialog.run_button.click()
    dialog.output.setText(str(tmp_path / "r.pdf"))
    dialog.run_button.click()
    assert "请先添加" in said[0] and ".xlsx" in said[1]
    assert list(tmp_path.iterdir()) == []


def _reviewed_dialog(window, monkeypatch, out, paths=(), year=2020, use_db=True):
    opened = []
    monkeypatch.setattr(ReviewDialog, "show", lambda self: opened.append(self))
    window.review_action.trigger()
    (dialog,) = opened
    dialog._add([str(p) for p in paths])
    dialog.year.setValue(year)
    dialog.use_db.setChecked(use_db)
    dialog.output.setText(str(out))
    dialog.run_button.click()
    return dialog


@pytest.mark.qt_log_ignore("does not support raise", "propagateSizeHints")  # the offscreen platform; a desktop brings the window up
def test_double_clicking_a_finding_opens_the_stored_report_at_its_cell(qtbot, repo, seed, tmp_path, monkeypatch):
    from gui.main_window import MainWindow

    wrong = exchange.loads(exchange.dumps(seed))
    wrong.cells["s3.new:natural"] = 5  # received, never answered nor carried over: the balance fails
    repo.import_report(wrong)
    window = MainWindow(repo)
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    dialog = _reviewed_dialog(window, monkeypatch, tmp_path / "结果.xlsx")
    assert dialog.table.rowCount() == 1 and dialog.table.currentRow() == 0
    rows = [[dialog.findings.item(r, c).text() for c in range(4)] for r in range(dialog.findings.rowCount())]
    total = next(i for i, r in enumerate(rows) if "自然人列" in r[3])
    assert "本年新收" in rows[total][2] and "等" in rows[total][2] and "自然人" in rows[total][2]
    assert rows[total][0] == "错误" and rows[total][1] == "表格勾稽"
    dialog.findings.itemActivated.emit(dialog.findings.item(total, 3))
    assert window.document is not None and window.document.report.agency == seed.agency
    view = window.tabs.currentWidget()
    assert view is window.section_widgets["s3"]
    assert view.currentIndex().isValid() and view.model().cell_id(view.currentIndex()) == "s3.new:natural"


@pytest.mark.qt_log_ignore("does not support raise", "propagateSizeHints")  # the offscreen platform; a desktop brings the window up
def test_a_finding_of_a_file_not_in_the_database_stores_it_first(qtbot, repo, seed, tmp_path, monkeypatch):
    from gui.main_window import MainWindow

    other = Report("另一局", 2021, "2021", texts=dict(seed.texts))
    path = tmp_path / "另一局.json"
    path.write_text(exchange.dumps(other), encoding="utf-8")
    window = MainWindow(repo)
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    dialog = _reviewed_dialog(window, monkeypatch, tmp_path / "结果.xlsx", [path], 2021, use_db=False)
    assert dialog.findings.rowCount() > 0
    s5 = next(r for r in range(dialog.findings.rowCount()) if "存在的主要问题" in dialog.findings.item(r, 2).text()
              or dialog.findings.item(r, 1).text() == "问题与改进")
    dialog.findings.itemActivated.emit(dialog.findings.item(s5, 0))
    assert repo.find_report("另一局", 2021) is not None
    assert window.document.report.agency == "另一局"
    assert window.current_view() is window.section_widgets["s5"]


@pytest.mark.qt_log_ignore("does not support raise", "propagateSizeHints")  # the offscreen platform; a desktop brings the window up
def test_enter_on_a_finding_opens_it_and_never_reviews_again(qtbot, repo, seed, tmp_path, monkeypatch):
    """Enter on a row does what double-click does; the view would also pass the key on to the dialog, whose
    default button (开始审核) would review everything again and rewrite the result."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    from gui import file_dialogs
    from gui.main_window import MainWindow

    wrong = exchange.loads(exchange.dumps(seed))
    wrong.cells["s3.new:natural"] = 5
    repo.import_report(wrong)
    window = MainWindow(repo)
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    out = tmp_path / "结果.xlsx"
    dialog = _reviewed_dialog(window, monkeypatch, out)
    qtbot.addWidget(dialog)
    QDialog.show(dialog)  # shown (its show is replaced above): only a visible default button is pressed
    qtbot.waitExposed(dialog)
    pressed = []
    monkeypatch.setattr(file_dialogs, "ask", lambda *a, **k: ([], ""))  # 添加文件 pressed: no wait
    for button in dialog.findChildren(type(dialog.run_button)):
        button.clicked.connect(lambda _=False, b=button: pressed.append(b.text()))
    out.write_bytes(b"")  # a rewrite would show

    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # on the report's row: to its findings
    assert dialog.focusWidget() is dialog.findings
    assert dialog.findings.currentRow() == 0
    total = next(r for r in range(dialog.findings.rowCount()) if "自然人列" in dialog.findings.item(r, 3).text())
    dialog.findings.setCurrentCell(total, 1)
    qtbot.keyClick(dialog.findings, Qt.Key.Key_Return)
    view = window.tabs.currentWidget()
    assert view is window.section_widgets["s3"]
    assert view.model().cell_id(view.currentIndex()) == "s3.new:natural"
    qtbot.keyClick(dialog.findings, Qt.Key.Key_Enter)  # the keypad's Enter alike
    assert pressed == []
    assert out.read_bytes() == b""
