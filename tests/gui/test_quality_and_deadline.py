"""Quality warnings in the findings panel (prose against tables, a click away from the text), and the deadline
in the status bar for a given day."""

from __future__ import annotations

import datetime

from report import readiness
from report.quality import review

from ..conftest import SHARED
from .conftest import table, write_prose
from .test_table_editing import cell_index


def findings_text(window) -> list[str]:
    dock = window.findings
    return [dock.list.item(i).text() for i in range(dock.list.count())]


def test_a_prose_contradiction_appears_and_double_click_opens_the_text(open_window, repo, qtbot):
    rid = repo.create_report("某某区司法局", 2022)
    write_prose(repo, rid)
    repo.set_cell(rid, "s3.new:natural", 10)
    repo.set_cell(rid, "s3.granted:natural", 10)
    window = open_window(report_id=rid)
    assert not any("请核对正文与表格" in t for t in findings_text(window))
    editor = window.section_widgets["s5"].editor
    editor.setPlainText("本年度共收到政府信息公开申请12件。一是个别信息更新不够及时。")
    items = findings_text(window)
    assert any("12件" in t and "请核对正文与表格" in t for t in items)
    assert window.tabs.tabText(4).endswith("（1）")  # counted on the prose tab it concerns
    # Fixing the table makes it go, on a cell edit (the prose is not re-read unless a figure it states changed).
    view = table(window, "s3")
    view.table_model.setData(cell_index(view, "s3.new:natural"), "12")
    assert not any("请核对正文与表格" in t for t in findings_text(window))
    view.table_model.setData(cell_index(view, "s3.new:natural"), "10")
    dock = window.findings
    row = next(i for i, t in enumerate(findings_text(window)) if "请核对正文与表格" in t)
    window.tabs.setCurrentIndex(0)
    rect = dock.list.visualItemRect(dock.list.item(row))
    from PySide6.QtCore import Qt

    qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentWidget() is window.section_widgets["s5"]
    assert "双击转到正文中的这句话" in dock.list.item(row).toolTip()


def test_the_panel_shows_exactly_what_review_gives_through_edits(open_window, repo, seed_path):
    """The window skips re-reading unchanged prose on cell edits: it must still agree with report.quality.review."""
    last = repo.import_exchange(seed_path)
    seed = repo.load(last)
    rid = repo.create_report(seed.agency, 2021, "2019")
    for cid, value in seed.cells.items():
        repo.set_cell(rid, cid, value)  # a table copied from last year
    for sid, text in seed.texts.items():
        repo.set_text(rid, sid, text)  # and its prose
    window = open_window(report_id=rid)
    doc = window.document
    previous = repo.previous_year_report(rid)

    def agrees() -> None:
        assert doc.all_findings == review(doc.report, previous)
        assert doc.findings == list(readiness.judge(doc.report, doc.all_findings, doc.settled).findings)

    agrees()
    rules = {f.rule for f in doc.findings}
    assert {"quality.prose_copied", "quality.table_copied"} <= rules
    view = table(window, "s3")
    for cid, value in (("s3.new:natural", "80"), ("s3.new:natural", "2"), ("s3.granted:natural", "0")):
        view.table_model.setData(cell_index(view, cid), value)
        agrees()
    window.section_widgets["s5"].editor.setPlainText("")
    agrees()
    assert "quality.empty" in {f.rule for f in doc.all_findings} and doc.to_do == ("s5",)
    assert window.findings.windowTitle().endswith(" · 待填写：五")
    window.section_widgets["s1"].editor.setPlainText("本年度共收到政府信息公开申请3件。")
    agrees()
    view.table_model.setData(cell_index(view, "s3.new:natural"), "3")
    agrees()


def test_the_deadline_for_a_given_day_and_its_warning_look(open_window, repo):
    window = open_window("某某区司法局", 2022)
    window.today = lambda: datetime.date(2023, 1, 21)
    window._update_deadline()
    label = window.deadline_label
    assert label.text() == "2022年度报告法定公布期限为2023年1月31日，还有 10 天" and not label.warning
    window.today = lambda: datetime.date(2023, 2, 3)
    window._update_deadline()
    assert label.text() == "2022年度报告法定公布期限为2023年1月31日，已超过 3 天" and label.warning
    # 定稿: the date only, no warning.
    window.final_action.trigger()
    assert label.text().startswith("已定稿") and not label.warning
    # A government's own report (本级政府) is due on 31 March.
    gov = repo.create_report("某某区人民政府", 2022)
    window.open_report(gov)
    assert label.text() == "2022年度报告法定公布期限为2023年3月31日，还有 56 天"


def test_the_date_of_the_report_is_set_undone_saved_and_questioned(open_window, repo, qtbot):
    from PySide6.QtCore import QDate

    window = open_window("某某区司法局", 2022)
    rid = window.document.report_id
    window.today = lambda: datetime.date(2023, 1, 18)
    field = window.date_field
    field.refresh()
    assert not field.dated.isChecked() and not field.edit.isEnabled() and field.dated.isEnabled()
    field.dated.click()  # today lies in the months a report on 2022 is written: proposed
    assert field.edit.isEnabled() and field.edit.date() == QDate(2023, 1, 18)
    assert repo.load(rid).date == datetime.date(2023, 1, 18)
    field.edit.setDate(QDate(2023, 1, 25))
    assert repo.load(rid).date == datetime.date(2023, 1, 25)
    # A date after the deadline is a fact of the report: a warning.
    field.edit.setDate(QDate(2023, 2, 6))
    assert any("成文日期2023年2月6日晚于法定公布期限" in t for t in findings_text(window))
    # Last year's date, kept by mistake: questioned.
    field.edit.setDate(QDate(2022, 1, 20))
    assert any("早于 2022 年度结束" in t for t in findings_text(window))
    # The changes of the date are one undo step back to undated.
    assert window.document.undo_stack.undoText() == "修改成文日期"
    window.undo_action.trigger()
    assert repo.load(rid).date is None and not field.dated.isChecked() and not field.edit.isEnabled()
    window.redo_action.trigger()
    assert repo.load(rid).date == datetime.date(2022, 1, 20) and field.edit.date() == QDate(2022, 1, 20)
    field.dated.click()
    assert repo.load(rid).date is None
    # 定稿: the date cannot change.
    field.dated.click()
    window.final_action.trigger()
    assert not field.dated.isEnabled() and not field.edit.isEnabled()
    # Outside the months of writing, ticking proposes 20 January after the year.
    window.open_report(repo.create_report("某某区司法局", 2020))
    window.date_field.dated.click()
    assert repo.load(window.document.report_id).date == datetime.date(2021, 1, 20)


def test_a_report_started_from_last_years_opens_without_alarms(open_window, repo, qtbot):
    """Started from a real 2024 report: before, 35 findings on opening (balances of carried-in figures, jumps
    from last year's, empty sections); now only the to-do, and the tables speak once typed and left."""
    last = repo.import_exchange(SHARED / "real" / "01_huaian-shizhengfu_2024.json")
    agency = repo.load(last).agency
    rid = repo.start_from_previous(agency, 2025)
    window = open_window(report_id=rid)
    doc, dock = window.document, window.findings
    assert len(doc.all_findings) > 30
    assert doc.findings == [] and doc.to_do == ("s1", "s5", "s6")
    assert dock.windowTitle() == "检查结果：未发现问题 · 待填写：一、五、六"
    assert [dock.list.item(i).text() for i in range(dock.list.count())] == ["待填写：一、五、六", "已填写的部分未发现问题。"]
    assert all("（" not in window.tabs.tabText(i) for i in range(window.tabs.count()))
    # Double-clicking the to-do opens the first section to write.
    dock.list.itemActivated.emit(dock.list.item(0))
    assert window.tabs.currentWidget() is window.section_widgets["s1"]
    # Typing the first row of 三 says nothing yet; leaving the table (the keyboard goes to 五) judges it.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = table(window, "s3")
    view.setFocus()
    view.table_model.setData(cell_index(view, "s3.new:natural"), "7")
    assert not any(f.rule == "s3.balance" for f in doc.findings)
    window.section_widgets["s5"].editor.setFocus()
    assert any(f.rule == "s3.balance" and f.level == "error" for f in doc.findings)
    assert "s3" in doc.settled
    assert window.tabs.tabText(2).endswith("）")


def test_no_countdown_for_a_published_report_of_a_past_year(open_window, repo):
    window = open_window("某某区司法局", 2021)
    window.today = lambda: datetime.date(2026, 12, 3)
    window._update_deadline()
    label = window.deadline_label
    assert label.text() == "2021年度报告法定公布期限为2022年1月31日" and not label.warning
    assert "不再倒计时" in label.toolTip()
    this_year = repo.create_report("某某区司法局", 2026)
    window.open_report(this_year)
    assert label.text() == "2026年度报告法定公布期限为2027年1月31日，还有 59 天"
    window.document.set_date(datetime.date(2027, 1, 10))  # dated: written, the date is what counts now
    window._update_deadline()
    assert label.text() == "2026年度报告法定公布期限为2027年1月31日"
