"""The 台账 tab: the agency's applications with their deadlines, filtered; a spreadsheet ledger brought in derives
table 三 of the open report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
from PySide6.QtWidgets import QMessageBox

from gui import file_dialogs
from report.ledger import Application


def ledger_rows(tab) -> list[list[str]]:
    proxy = tab.proxy
    return [[proxy.index(r, c).data() for c in range(proxy.columnCount())] for r in range(proxy.rowCount())]


def test_open_applications_show_their_deadlines_most_urgent_first(open_window, repo, qtbot):
    rid = repo.create_report("某某区司法局", 2025)
    repo.import_ledger("某某区司法局", 2025, [
        Application("L-1", dt.date(2025, 3, 3), "natural", applicant="张三", content="规划"),
        Application("L-2", dt.date(2025, 3, 20), "commercial", content="许可"),
        Application("L-3", dt.date(2025, 1, 6), "legal", answered=dt.date(2025, 1, 20), result="s3.granted"),
    ])
    from gui.main_window import MainWindow

    window = MainWindow(repo)
    qtbot.addWidget(window)
    window.today = lambda: dt.date(2025, 4, 14)
    assert window.open_report(rid)
    tab = window.ledger_tab
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "台账"
    rows = ledger_rows(tab)
    assert [r[0] for r in rows] == ["L-1", "L-2", "L-3"]
    assert rows[0][-1] == "2025年3月31日到期，已超期 9 个工作日" and rows[0][2] == "自然人" and rows[0][3] == "张三"
    assert rows[1][-1] == "2025年4月18日到期，还有 4 个工作日"
    assert rows[2][-1] == "已办结" and rows[2][8] == "（一）予以公开"
    assert "办理中 2 件，其中即将到期 1 件、已超期 1 件" in tab.summary.text()
    tab.state.setCurrentText("已超期")
    assert [r[0] for r in ledger_rows(tab)] == ["L-1"]
    tab.state.setCurrentText("全部")
    tab.filter.setText("许可")
    assert [r[0] for r in ledger_rows(tab)] == ["L-2"]


def test_importing_a_sheet_derives_table_three_and_a_bad_one_changes_nothing(open_window, repo, qtbot, tmp_path,
                                                                              monkeypatch):
    book = openpyxl.Workbook()
    book.active.append(["编号", "收到日期", "申请人类型", "答复日期", "办理结果"])
    book.active.append(["A", "2022-3-1", "自然人", "2022/3/15", "予以公开"])
    book.active.append(["B", "2022年12月30日", "科研机构", None, None])
    good = tmp_path / "台账.xlsx"
    book.save(good)
    book.active.append(["C", "明天", "自然人", None, None])
    bad = tmp_path / "错.xlsx"
    book.save(bad)
    window = open_window("某某区司法局", 2022)
    rid = window.document.report_id
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)

    monkeypatch.setattr(file_dialogs, "ask", lambda *a, **k: ([str(bad)], ""))
    window.ledger_tab.import_sheet()
    assert "第 4 行：收到日期「明天」不是可识别的日期" in said[-1] and "数据库未作任何修改" in said[-1]
    assert repo.applications("某某区司法局") == []

    monkeypatch.setattr(file_dialogs, "ask", lambda *a, **k: ([str(good)], ""))
    window.ledger_tab.import_sheet()
    assert window.document.report_id == rid
    assert window.tabs.currentWidget() is window.section_widgets["s3"]
    assert window.document.value("s3.new:total") == 2 and window.document.value("s3.granted:natural") == 1
    assert window.document.value("s3.carried_out:research") == 1
    assert [r[0] for r in ledger_rows(window.ledger_tab)] == ["B", "A"]


def test_a_clerk_enters_a_new_years_holidays_and_the_deadlines_follow(repo, qtbot, monkeypatch):
    from gui.holiday_dialog import HolidayDialog
    from gui.main_window import MainWindow

    rid = repo.create_report("某某区司法局", 2030)
    repo.import_ledger("某某区司法局", 2030, [Application("H-1", dt.date(2030, 1, 21), "natural")])
    window = MainWindow(repo)
    qtbot.addWidget(window)
    window.today = lambda: dt.date(2030, 2, 1)
    assert window.open_report(rid)
    tab = window.ledger_tab
    assert ledger_rows(tab)[0][-1].startswith("2030年2月18日到期") and "暂按周一至周五计算" in tab.summary.text()

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    typed = iter(["2030-02-04 休\n2030-02-31 休", "# 春节\n2030-02-04 休\n"])

    def run(dialog):
        while True:
            dialog.editor.setPlainText(next(typed))
            dialog.accept()
            if dialog.result() == HolidayDialog.DialogCode.Accepted:
                return dialog.result()

    monkeypatch.setattr(HolidayDialog, "exec", run)
    tab.edit_holidays()
    assert "第 2 行的日期" in said[0]  # refused, then corrected
    assert ledger_rows(tab)[0][-1].startswith("2030年2月19日到期") and "暂按" not in tab.summary.text()
    # kept for the next time the window opens
    assert window.open_report(rid)
    assert ledger_rows(window.ledger_tab)[0][-1].startswith("2030年2月19日到期")


def test_table_three_of_another_year_from_the_stored_ledger(repo, qtbot, monkeypatch):
    from gui.main_window import MainWindow

    ledger = [Application("Y-1", dt.date(2023, 12, 20), "natural", answered=dt.date(2024, 1, 8), result="s3.granted",
                          fee=Decimal("20"))]
    repo.import_ledger("某某区司法局", 2024, ledger)
    rid = repo.create_report("某某区司法局", 2023)
    window = MainWindow(repo)
    qtbot.addWidget(window)
    assert window.open_report(rid)
    assert window.document.value("s3.carried_out:natural") == 0
    assert "2023 年度未收取信息处理费" in window.ledger_tab.summary.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window.ledger_tab.derive_table()
    assert window.document.report_id == rid and window.document.value("s3.carried_out:natural") == 1
    assert window.document.value("s3.new:natural") == 1
    assert window.open_report(repo.find_report("某某区司法局", 2024))
    assert "2024 年度收取信息处理费 1 件，共 20 元" in window.ledger_tab.summary.text()


def test_add_change_and_delete_an_application(repo, qtbot, monkeypatch):
    from gui.application_dialog import ApplicationDialog
    from gui.main_window import MainWindow

    rid = repo.create_report("某某区司法局", 2025)
    window = MainWindow(repo)
    qtbot.addWidget(window)
    window.today = lambda: dt.date(2025, 3, 10)
    assert window.open_report(rid)
    tab = window.ledger_tab
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    steps = iter([
        lambda d: None,  # 编号 left empty: refused, the dialog stays
        lambda d: d.number.setText("N-1"),
    ])

    def run(dialog):
        while True:
            next(steps)(dialog)
            dialog.accept()
            if dialog.result() == ApplicationDialog.DialogCode.Accepted:
                return dialog.result()

    monkeypatch.setattr(ApplicationDialog, "exec", run)
    tab.add_application()
    assert "编号不能为空" in said[0]
    [app] = repo.applications("某某区司法局")
    assert (app.number, app.received, app.applicant_type, app.answered) == ("N-1", dt.date(2025, 3, 10), "natural", None)
    assert ledger_rows(tab)[0][-1].startswith("2025年4月8日到期")

    def answer(dialog):
        dialog.is_answered.setChecked(True)
        dialog.answered.setDate(dialog.received.date())  # answered the day it came
        dialog.result_box.setCurrentIndex(dialog.result_box.findData("s3.partial"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ApplicationDialog, "exec", answer)
    tab.view.selectRow(0)
    tab.edit_application()
    [app] = repo.applications("某某区司法局")
    assert (app.answered, app.result) == (dt.date(2025, 3, 10), "s3.partial")
    assert ledger_rows(tab)[0][-1] == "已办结"

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    tab.view.selectRow(0)
    tab.delete_application()
    assert repo.applications("某某区司法局") == [] and ledger_rows(tab) == []


def test_the_tab_is_made_when_the_clerk_first_opens_it(open_window, repo, qtbot):
    """Its place is there from the start; its contents come when it is first shown, in place, the tab staying."""
    from gui import settings
    from gui.ledger_tab import LedgerTab

    rid = repo.create_report("某某区司法局", 2025)
    repo.import_ledger("某某区司法局", 2025, [Application("L-1", dt.date(2025, 3, 3), "natural", content="规划")])
    window = open_window("某某区司法局", 2025, report_id=rid)
    window.tabs.setCurrentIndex(1)
    assert window._ledger_tab is None
    last = window.tabs.count() - 1
    assert window.tabs.tabText(last) == "台账"
    window.tabs.setCurrentIndex(last)
    qtbot.waitUntil(lambda: window._ledger_tab is not None)
    tab = window._ledger_tab
    assert isinstance(tab, LedgerTab) and window.tabs.currentWidget() is tab and window.tabs.count() == last + 1
    assert window.tabs.tabText(last) == "台账" and window.tabs.tabToolTip(last).startswith("依申请公开台账")
    assert ledger_rows(tab)[0][0] == "L-1"
    assert settings.last_section("某某区司法局", 2025) == window.document.format.sections[1].id  # not moved by it
    window.tabs.setCurrentIndex(0)
    window.tabs.setCurrentIndex(last)
    assert window.ledger_tab is tab  # made once


def test_ctrl_and_the_ledgers_number_puts_the_keyboard_in_its_list(open_window, qtbot):
    """The 台账 tab is made when first shown: Ctrl+7 then made it after the keyboard had been put on the page
    holding its place, and the clerk's keys went nowhere."""
    window = open_window()
    window.go_to_section(4)  # typing in 五
    assert window.focusWidget() is window.section_widgets["s5"].editor
    ledger = window.tabs.count() - 1
    window.section_actions[ledger].trigger()
    qtbot.wait(20)
    tab = window.ledger_tab
    assert window.tabs.currentWidget() is tab
    assert window.focusWidget() is tab.view
    window.section_actions[4].trigger()  # and back
    assert window.focusWidget() is window.section_widgets["s5"].editor
    window.section_actions[ledger].trigger()
    assert window.focusWidget() is tab.view


def test_the_ledgers_commands_answer_alt_and_their_letter_from_its_list(open_window, qtbot):
    """The tab's commands are toolbar buttons, which take no keyboard focus: from the list, Alt+N is 新增申请 and
    Alt+L the filter; every command has a letter of its own, none of the menu bar's."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from gui import menu_texts

    window = open_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.section_actions[window.tabs.count() - 1].trigger()
    qtbot.wait(20)
    tab = window.ledger_tab
    assert window.focusWidget() is tab.view
    letters = [menu_texts.access_letter(a.text()) for a in tab.actions_bar.actions()]
    bar = {menu_texts.access_letter(a.text()) for a in window.menuBar().actions()}
    assert all(letters) and len(set(letters)) == len(letters) and not set(letters) & bar
    shown = []

    def close_it(tries=50):
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if tries:  # not for ever: a later test's dialog is not this one's to close
                QTimer.singleShot(10, lambda: close_it(tries - 1))
            return
        shown.append(dialog.windowTitle())
        dialog.reject()
    QTimer.singleShot(0, close_it)
    qtbot.keyClick(tab.view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert shown == ["新增申请"]
    window.activateWindow()  # back from the dialog
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(tab.view, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.focusWidget() is tab.filter)
