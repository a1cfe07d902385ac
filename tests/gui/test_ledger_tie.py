"""A report 由台账生成 in the window: table 三's cells shown computed and read-only, with a tooltip saying why;
detached to hand entry after a confirmation, its figures kept and now editable."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gui.table_model import DERIVED_BG
from report.ledger import Application

AGENCY = "某某区司法局"


def _window(repo, qtbot):
    from gui.main_window import MainWindow

    rid, _, _ = repo.import_ledger(AGENCY, 2024, [
        Application("A", dt.date(2024, 3, 1), "natural", answered=dt.date(2024, 3, 8), result="s3.granted")])
    window = MainWindow(repo)
    qtbot.addWidget(window)
    window.today = lambda: dt.date(2024, 6, 3)
    assert window.open_report(rid)
    return window, rid


def _cell(window, cell_id):
    model = window.section_widgets["s3"].table_model
    return model, model.index_of(cell_id)


def test_tied_cells_are_read_only_and_say_why(repo, qtbot):
    window, rid = _window(repo, qtbot)
    model, index = _cell(window, "s3.new:natural")
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert "由台账生成" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.BackgroundRole).color() == DERIVED_BG
    assert not model.setData(index, "9")
    assert not window.document.set_cells({"s3.new:natural": 9})  # paste and find-replace come this way
    assert window.document.value("s3.new:natural") == 1 and repo.load(rid).cells["s3.new:natural"] == 1
    # Cells of other tables stay typed.
    other = window.section_widgets["s2"].table_model
    assert next(other.index_of(c).flags() for c in window.document.format.cells
                if c.startswith("s2.") and other.is_input(c)) & Qt.ItemFlag.ItemIsEditable
    assert "由台账生成（只读）" in window.ledger_tab.summary.text()


def test_detach_asks_first_then_keeps_the_figures_editable(repo, qtbot, monkeypatch):
    window, rid = _window(repo, qtbot)
    answers = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: answers[-1])
    window.ledger_tab.detach()
    assert repo.from_ledger(rid) and window.document.derived  # "No" changed nothing

    answers.append(QMessageBox.StandardButton.Yes)
    window.ledger_tab.detach()
    assert not repo.from_ledger(rid)
    assert window.tabs.currentWidget() is window.ledger_tab  # the clerk stays where they were
    assert not window.ledger_tab.detach_action.isEnabled()
    model, index = _cell(window, "s3.new:natural")
    assert index.data() == "1" and index.flags() & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "5")
    window.document.flush()
    assert repo.load(rid).cells["s3.new:natural"] == 5


def test_a_ledger_change_shows_in_the_tied_table(repo, qtbot, monkeypatch):
    from gui.application_dialog import ApplicationDialog

    window, rid = _window(repo, qtbot)

    def fill(dialog):
        dialog.number.setText("B")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ApplicationDialog, "exec", fill)
    window.ledger_tab.add_application()
    assert [a.number for a in repo.applications(AGENCY)] == ["A", "B"]
    # Received today (2024-06-03) by a 自然人, still open: new and carried out in the table the window shows.
    assert window.document.value("s3.new:natural") == 2 and window.document.value("s3.carried_out:natural") == 1
    assert window.tabs.currentWidget() is window.ledger_tab
    assert window.statusBar().currentMessage() == "2024 年度报告的表三已随台账更新"


def test_section_four_is_read_only_when_the_ledger_records_reviews(repo, qtbot):
    from gui.main_window import MainWindow

    rid, _, _ = repo.import_ledger(AGENCY, 2024, [
        Application("R", dt.date(2024, 3, 1), "natural", answered=dt.date(2024, 3, 8), result="s3.granted",
                    review="复议维持")])
    window = MainWindow(repo)
    qtbot.addWidget(window)
    assert window.open_report(rid)
    model = window.section_widgets["s4"].table_model
    index = model.index_of("s4.review:upheld")
    assert index.data() == "1" and not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert "由台账生成" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "表三和第四部分由台账生成（只读）" in window.ledger_tab.summary.text()


def test_the_years_fees_are_written_into_section_six_once_and_undoably(repo, qtbot, monkeypatch):
    from decimal import Decimal

    rid, _, _ = repo.import_ledger(AGENCY, 2024, [
        Application("F", dt.date(2024, 3, 1), "natural", answered=dt.date(2024, 3, 8), result="s3.granted",
                    fee=Decimal("40"))])
    from gui.main_window import MainWindow

    window = MainWindow(repo)
    qtbot.addWidget(window)
    assert window.open_report(rid)
    doc = window.document
    doc.set_text("s6", "本机关无其他需要报告的事项。")
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    window.ledger_tab.state_fees()
    assert "收取信息处理费 1 件，共计 40 元。" in asked[0]
    assert doc.text("s6").startswith("本机关无其他需要报告的事项。\n本年度依据") and doc.text("s6").count("本年度依据") == 1
    assert window.tabs.currentWidget() is window.section_widgets["s6"]
    window.ledger_tab.state_fees()  # again: the sentence replaced, not repeated
    assert doc.text("s6").count("本年度依据") == 1
    doc.undo_stack.undo()  # the insertion is its own step, not merged with the typing before it
    assert doc.text("s6") == "本机关无其他需要报告的事项。"
    doc.flush()
    assert repo.load(rid).texts["s6"] == "本机关无其他需要报告的事项。"


def test_the_tab_exports_the_ledger_with_names_only_when_ticked(repo, qtbot, monkeypatch, tmp_path):
    import openpyxl

    from gui import file_dialogs

    window, _rid = _window(repo, qtbot)
    repo.save_application(AGENCY, Application("N", dt.date(2024, 5, 6), "natural", applicant="欧阳明远"))
    window.ledger_tab.reload()
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    for tick, name in ((False, "无姓名"), (True, "有姓名")):
        monkeypatch.setattr(file_dialogs, "ask", lambda *a, name=name, **k: ([str(tmp_path / name)], ""))

        def answer(box, tick=tick):
            box.checkBox().setChecked(tick)
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, "exec", answer)
        window.ledger_tab.export_ledger()
    plain, named = ([row[3].value for row in openpyxl.load_workbook(tmp_path / f"{n}.xlsx").worksheets[0]
                     .iter_rows(min_row=2, max_row=3)] for n in ("无姓名", "有姓名"))
    assert plain == [None, None] and "欧阳明远" in named

    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(file_dialogs, "ask", lambda *a, **k: ([str(tmp_path / "取消.xlsx")], ""))
    window.ledger_tab.export_ledger()
    assert not (tmp_path / "取消.xlsx").exists()
