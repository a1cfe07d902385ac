"""工具 → 批量审核…: files, a folder and the database's reports of a year reviewed into one workbook."""

from __future__ import annotations

import openpyxl
from PySide6.QtWidgets import QMessageBox

from gui.review_dialog import ReviewDialog
from report import exchange
from report.model import Report


def test_tools_menu_reviews_a_folder_and_the_databases_year(qtbot, repo, seed, tmp_path, monkeypatch):
    from gui.main_window import MainWindow

    window = MainWindow(repo)
    qtbot.addWidget(window)
    opened = []
    monkeypatch.setattr(ReviewDialog, "exec", lambda self: opened.append(self) or 0)
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
