"""The findings panel, the report picker and new-report dialog, and saving through the repository."""

from __future__ import annotations

import datetime
import shutil

from PySide6.QtCore import Qt

from gui.picker import NewReportDialog, ReportPicker

from .conftest import table, write_prose
from .test_table_editing import cell_index, shown


def test_findings_appear_live_errors_first_and_jump_to_the_cell(open_window, qtbot, repo):
    last = repo.create_report("某某区司法局", 2021)
    repo.set_cell(last, "s3.carried_out:natural", 2)
    write_prose(repo, repo.create_report("某某区司法局", 2022))
    window = open_window("某某区司法局", 2022)
    dock = window.findings
    # Last year carried 2 applications forward; this year's 上年结转 is 0: a warning from the start.
    assert [dock.list.item(i).text()[:3] for i in range(dock.list.count())] == ["警告："]
    view = table(window, "s3")
    view.table_model.setData(cell_index(view, "s3.new:commercial"), "3")
    # While table 三 is being typed, a column whose other side holds no figure yet is not judged.
    assert [dock.list.item(i).text()[:3] for i in range(dock.list.count())] == ["警告："]
    window.tabs.setCurrentIndex(0)  # the clerk leaves the table: now its balances are judged
    items = [dock.list.item(i).text() for i in range(dock.list.count())]
    assert [t[:3] for t in items] == ["错误：", "错误：", "警告："]
    assert "商业企业列" in items[0]
    assert dock.windowTitle() == "检查结果：2 个错误、1 个警告"
    assert window.tabs.tabText(2).endswith("（3）")
    dock.list.itemActivated.emit(dock.list.item(2))  # the warning names s3.carried_in:natural
    assert window.tabs.currentWidget() is view
    assert view.table_model.cell_id(view.currentIndex()) == "s3.carried_in:natural"
    # Double-click, as the clerk does it.
    window.tabs.setCurrentIndex(0)
    rect = dock.list.visualItemRect(dock.list.item(0))
    qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # QTest's double
    qtbot.mouseDClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # click needs the first
    assert window.tabs.currentWidget() is view
    assert view.table_model.cell_id(view.currentIndex()) == "s3.new:commercial"
    # Fixing the figures makes the findings go.
    view.table_model.setData(cell_index(view, "s3.new:commercial"), "0")
    view.table_model.setData(cell_index(view, "s3.carried_in:natural"), "2")
    view.table_model.setData(cell_index(view, "s3.carried_out:natural"), "2")
    assert dock.windowTitle() == "检查结果：未发现问题" and window.tabs.tabText(2) == "三、收到和处理政府信息公开申请情况"


def test_every_edit_is_in_the_database_at_once(open_window, db_path, repo, qtbot):
    from storage.repository import Repository

    window = open_window("某某区司法局", 2022)
    rid = window.document.report_id
    view = table(window, "s2")
    view.table_model.setData(cell_index(view, "s2.fees:amount"), "12.5万元")
    # A typed cell is written as soon as the keys typed after it are handled, and only then marked saved.
    assert window.document.has_unsaved and not window.save_label.text().startswith("已保存 ")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("已保存 "))
    assert not window.document.has_unsaved
    window.section_widgets["s6"].editor.setPlainText("本年度未收取信息处理费。")
    assert not window.document.has_unsaved
    reader = Repository.open(db_path, read_only=True)  # another connection sees it without any "save"
    try:
        report = reader.load(rid)
    finally:
        reader.close()
    assert str(report.cells["s2.fees:amount"]) == "12.5" and report.texts["s6"] == "本年度未收取信息处理费。"
    window.close()
    repo.close()
    again = Repository.open(db_path)
    try:
        from gui.main_window import MainWindow

        reopened = MainWindow(again)
        qtbot.addWidget(reopened)
        assert reopened.open_latest()
        assert shown(table(reopened, "s2"), "s2.fees:amount") == "12.5"
        assert reopened.section_widgets["s6"].editor.toPlainText() == "本年度未收取信息处理费。"
    finally:
        reopened.close()
        again.close()


def test_a_failed_save_is_kept_and_retried(open_window, repo, qtbot, monkeypatch):
    from storage.errors import StorageError

    window = open_window()
    view = table(window, "s4")
    real = repo.set_cell

    def full_disk(*args):
        raise StorageError("保存修改失败：磁盘空间不足，请清理磁盘后重试；之前已保存的内容不受影响", reason="full")

    monkeypatch.setattr(repo, "set_cell", full_disk)
    view.table_model.setData(cell_index(view, "s4.review:upheld"), "3")
    assert shown(view, "s4.review:total") == "3"  # what was typed stays on screen
    qtbot.waitUntil(lambda: "未保存" in window.save_label.text())
    assert window.document.has_unsaved
    assert "磁盘空间不足" in window.statusBar().currentMessage()
    monkeypatch.setattr(repo, "set_cell", real)
    assert window.document.flush()
    assert repo.load(window.document.report_id).cells["s4.review:upheld"] == 3
    assert window.save_label.text().startswith("已保存")
    assert window.statusBar().currentMessage() == "之前未能保存的修改现已保存"  # not the failure beside 已保存


def test_final_locks_the_report_until_undone(open_window, repo, qtbot):
    window = open_window()
    view = table(window, "s4")
    view.table_model.setData(cell_index(view, "s4.review:upheld"), "1")
    window.final_action.trigger()
    assert repo.info(window.document.report_id).status == "定稿" and "已定稿" in window.windowTitle()
    assert not view.table_model.setData(cell_index(view, "s4.review:upheld"), "5")
    assert not view.table_model.flags(cell_index(view, "s4.review:upheld")) & Qt.ItemFlag.ItemIsEditable
    assert window.section_widgets["s5"].editor.isReadOnly()
    window.final_action.trigger()
    assert repo.info(window.document.report_id).status == "草稿"
    assert view.table_model.setData(cell_index(view, "s4.review:upheld"), "5")


def test_new_report_dialog(repo, qtbot):
    repo.create_report("某某区司法局", 2023)
    dialog = NewReportDialog(repo, today=datetime.date(2025, 2, 1), agency="某某区司法局")
    qtbot.addWidget(dialog)
    assert dialog.year.value() == 2024
    assert "2021年版" in dialog.format_label.text()
    assert dialog.from_previous.isEnabled() and dialog.from_previous.isChecked()
    dialog.year.setValue(2020)
    assert "2019年版" in dialog.format_label.text() and not dialog.from_previous.isEnabled()
    dialog.year.setValue(2023)
    assert "已经存在" in dialog.note.text()
    dialog.year.setValue(2024)
    dialog.accept()
    assert dialog.created_id == repo.find_report("某某区司法局", 2024)


def test_picker_lists_the_reports_of_the_database(repo, qtbot):
    repo.create_report("甲局", 2022)
    b = repo.create_report("乙局", 2023)
    picker = ReportPicker(repo)
    qtbot.addWidget(picker)
    rows = [[picker.table.item(r, c).text() for c in range(3)] for r in range(picker.table.rowCount())]
    assert sorted(rows) == sorted([["甲局", "2022", "2021年版（国办公开办函〔2021〕30号）"],
                                   ["乙局", "2023", "2021年版（国办公开办函〔2021〕30号）"]])
    picker.agency_filter.setCurrentText("乙局")
    assert picker.table.rowCount() == 1
    picker.table.selectRow(0)
    picker.accept()
    assert picker.chosen_id == b


def test_picker_lists_agencies_by_pinyin(repo, qtbot):
    # Code-point order would be 北 (U+5317), 张 (U+5F20), 李 (U+674E), 阿 (U+963F).
    for agency in ("张庄镇人民政府", "阿城区财政局", "北关街道办事处", "李楼乡人民政府"):
        repo.create_report(agency, 2022)
    repo.create_report("张庄镇人民政府", 2023)
    picker = ReportPicker(repo)
    qtbot.addWidget(picker)
    rows = [(picker.table.item(r, 0).text(), picker.table.item(r, 1).text()) for r in range(picker.table.rowCount())]
    assert rows == [("阿城区财政局", "2022"), ("北关街道办事处", "2022"), ("李楼乡人民政府", "2022"),
                    ("张庄镇人民政府", "2023"), ("张庄镇人民政府", "2022")]
    filters = [picker.agency_filter.itemText(i) for i in range(picker.agency_filter.count())]
    assert filters == ["全部机关", "阿城区财政局", "北关街道办事处", "李楼乡人民政府", "张庄镇人民政府"]
    dialog = NewReportDialog(repo)
    qtbot.addWidget(dialog)
    assert [dialog.agency.itemText(i) for i in range(dialog.agency.count())] == filters[1:]


def test_a_report_deleted_in_the_picker_can_be_shown_and_restored(open_window, repo, qtbot, monkeypatch):
    from .dialogs import Driver, Recorder

    window = open_window("某某区司法局", 2022)
    typo = window.document.report_id
    kept = repo.create_report("某某区司法局", 2021)
    recorder = Recorder(monkeypatch, answers=[False, True])

    def delete_open_report(picker):
        assert isinstance(picker, ReportPicker) and not picker.restore_button.isVisible()
        rows = [(picker.table.item(r, 0).text(), picker.table.item(r, 1).text()) for r in range(picker.table.rowCount())]
        picker.table.selectRow(rows.index(("某某区司法局", "2022")))
        picker.delete_button.click()  # declined: nothing happens
        assert picker.table.rowCount() == 2
        picker.delete_button.click()
        assert [picker.table.item(r, 1).text() for r in range(picker.table.rowCount())] == ["2021"]
        picker.reject()

    driver = Driver(delete_open_report)
    window.open_action.trigger()
    driver.done()
    assert "删除「某某区司法局」2022 年度报告？" in recorder.messages[0][1]
    assert repo.find_report("某某区司法局", 2022) is None and repo.find_report("某某区司法局", 2021) == kept
    assert window.document is None and not window.history_action.isEnabled()  # the deleted report is closed
    assert "某某区司法局" not in window.windowTitle()

    def restore_and_open(picker):
        picker.show_deleted.setChecked(True)
        statuses = [picker.table.item(r, 3).text() for r in range(picker.table.rowCount())]
        row = next(r for r, s in enumerate(statuses) if s.startswith("已删除"))
        picker.table.selectRow(row)
        assert picker.restore_button.isEnabled() and not picker.delete_button.isEnabled()
        assert not picker.buttons.button(picker.buttons.StandardButton.Open).isEnabled()
        picker.restore_button.click()
        assert picker.table.item(picker.table.currentRow(), 3).text() == "草稿"
        picker.accept()

    driver = Driver(restore_and_open)
    window.open_action.trigger()
    driver.done()
    assert repo.find_report("某某区司法局", 2022) == typo and window.document.report_id == typo


def test_restoring_a_deleted_report_that_was_made_again_is_refused(repo, qtbot, monkeypatch):
    from .dialogs import Recorder

    first = repo.create_report("某某区司法局", 2022)
    repo.delete_report(first)
    again = repo.create_report("某某区司法局", 2022)
    recorder = Recorder(monkeypatch)
    picker = ReportPicker(repo)
    qtbot.addWidget(picker)
    picker.show_deleted.setChecked(True)
    picker.table.selectRow(next(r for r, info in enumerate(picker.infos) if info.id == first))
    picker.restore_button.click()
    assert recorder.messages and recorder.messages[0][0] == "warning" and "无法恢复" in recorder.messages[0][1]
    assert repo.find_report("某某区司法局", 2022) == again


def _typed_on_a_full_disk(window, repo, monkeypatch):
    """An edit typed while the database refuses every write; returns the undo of that refusal."""
    from storage.errors import StorageError

    real = repo.set_cell

    def full_disk(*args):
        raise StorageError("保存修改失败：磁盘空间不足", reason="full")

    monkeypatch.setattr(repo, "set_cell", full_disk)
    view = table(window, "s4")
    view.table_model.setData(cell_index(view, "s4.review:upheld"), "3")
    assert not window.document.flush()
    assert window.document.has_unsaved and window.document._retry.isActive()
    return lambda: monkeypatch.setattr(repo, "set_cell", real)


def test_edits_given_up_when_switching_reports_are_not_written_later(open_window, repo, qtbot, monkeypatch):
    from .dialogs import Driver, click

    window = open_window()
    first = window.document
    disk_freed = _typed_on_a_full_disk(window, repo, monkeypatch)
    other = repo.create_report("某某区司法局", 2021)
    # What opening another database, importing or aggregating asks first, answered 放弃这些修改.
    driver = Driver(click("放弃这些修改"))
    assert window._release_document()
    driver.done()
    assert not first.has_unsaved and not first._retry.isActive()
    disk_freed()
    window.open_report(other)
    qtbot.wait(50)
    assert "s4.review:upheld" not in repo.load(first.report_id).cells  # given up, not saved behind the clerk's back


def test_switching_reports_with_unsaved_edits_asks_first(open_window, repo, qtbot, monkeypatch):
    from .dialogs import Driver, click

    window = open_window()
    first = window.document
    _typed_on_a_full_disk(window, repo, monkeypatch)
    other = repo.create_report("某某区司法局", 2021)

    def choose_other(picker):
        picker.table.selectRow(next(i for i, r in enumerate(picker.infos) if r.id == other))
        picker.accept()

    driver = Driver(choose_other, click("取消"))  # then the question about the unsaved edit: stay
    window.open_action.trigger()
    driver.done()
    assert window.document is first and first.has_unsaved
    first.abandon()  # so that closing the window at the end of the test asks nothing


def test_a_backup_failing_in_the_background_is_told_in_the_status_bar(db_path, qtbot):
    """The window does not wait for the start-up backup; when it fails later, the clerk still hears of it."""
    from gui.app import show_warnings
    from gui.main_window import MainWindow
    from storage.repository import Repository

    with Repository.open(db_path) as first:
        first.create_report("某某区司法局", 2022)
    shutil.rmtree(db_path.parent / "backups")  # holds the note of the clean close
    (db_path.parent / "backups").write_text("a file where the backup folder should be")
    repository = Repository.open(db_path)  # the content changed since the newest backup (none): one is due
    try:
        window = MainWindow(repository)
        qtbot.addWidget(window)
        show_warnings(window, repository)
        assert window.open_latest()
        window.show()
        qtbot.waitUntil(lambda: "自动备份失败" in window.statusBar().currentMessage(), timeout=30_000)
    finally:
        repository.close()


def test_at_start_the_report_is_shown_first_and_reviewed_once_painted(qtbot, repo):
    """gui.app opens the newest report with review_later: the window is painted before the first review, the
    panel says 正在检查 meanwhile, and anything that needs the findings earlier gets them."""
    from gui.main_window import MainWindow

    last = repo.create_report("某某区司法局", 2021)
    repo.set_cell(last, "s3.carried_out:natural", 2)
    write_prose(repo, repo.create_report("某某区司法局", 2022))
    window = MainWindow(repo)
    qtbot.addWidget(window)
    assert window.open_latest(review_later=True)
    doc, dock = window.document, window.findings
    assert not doc.reviewed and doc.findings == []
    assert dock.windowTitle() == "检查结果：正在检查…" and dock.list.item(0).text() == "正在检查…"
    window.show()
    qtbot.waitUntil(lambda: doc.reviewed)
    assert [dock.list.item(i).text()[:3] for i in range(dock.list.count())] == ["警告："]
    assert dock.windowTitle() == "检查结果：0 个错误、1 个警告"

    # Before any paint: what reads the findings (export, 定稿) reviews at once, and the panel follows.
    other = MainWindow(repo)
    qtbot.addWidget(other)
    assert other.open_latest(review_later=True) and not other.document.reviewed
    assert [f.is_error for f in other.document.all_findings] == [False]
    assert other.document.reviewed and other.findings.windowTitle() == "检查结果：0 个错误、1 个警告"

    # An edit typed before the first review is reviewed with it.
    third = MainWindow(repo)
    qtbot.addWidget(third)
    assert third.open_latest(review_later=True)
    view = table(third, "s3")
    view.table_model.setData(cell_index(view, "s3.carried_in:natural"), "2")
    assert third.document.reviewed and third.findings.windowTitle() == "检查结果：未发现问题"
