"""修改记录: the saved history of the open report in the window, its full texts, and restoring a past state."""

from __future__ import annotations

import datetime

import pytest

from gui.history_dialog import HistoryDialog

from .dialogs import Driver, Recorder
from .test_table_editing import shown


@pytest.fixture(autouse=True)
def each_edit_its_own_revision(monkeypatch):
    """The edits here follow each other at once; made minutes apart, as these tests mean them, each is a revision
    of its own (saves of one cell or text in a burst are one: tests/storage/test_repository.py)."""
    monkeypatch.setattr("storage.revisions.TEXT_MERGE_WINDOW", datetime.timedelta(0))


def rows(dialog: HistoryDialog) -> list[str]:
    return [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]


def test_history_lists_saved_changes_with_the_texts_they_replaced(open_window, repo, qtbot, monkeypatch):
    window = open_window("某某区司法局", 2022)
    doc = window.document
    doc.set_cells({"s3.new:natural": 5})
    doc.set_cells({"s3.new:natural": 9})
    doc.set_text("s5", "第一稿：存在的问题是公开不够及时。")
    dialog = HistoryDialog(repo, doc.report_id, "某某区司法局 2022 年度", False, window)
    qtbot.addWidget(dialog)
    listed = rows(dialog)
    assert listed[0].startswith("修改正文「五、存在的主要问题及改进情况」")
    assert [r for r in listed if "→" in r and "正文" not in r][:2] == [
        f"{doc.format.cells['s3.new:natural'].label}：5 → 9", f"{doc.format.cells['s3.new:natural'].label}：（空） → 5"]
    assert listed[-1].startswith("创建报告")
    dialog.table.selectRow(0)
    assert "修改后：\n第一稿：存在的问题是公开不够及时。" in dialog.detail.toPlainText()
    # Declining the question changes nothing.
    Recorder(monkeypatch, answers=[False])
    dialog.table.selectRow(listed.index(f"{doc.format.cells['s3.new:natural'].label}：（空） → 5"))
    dialog.restore_button.click()
    assert dialog.restored == "" and repo.load(doc.report_id).cells["s3.new:natural"] == 9


def test_restoring_from_the_window_brings_back_a_past_state_and_can_be_gone_back_on(open_window, repo, qtbot,
                                                                                     monkeypatch):
    window = open_window("某某区司法局", 2022)
    doc = window.document
    rid = doc.report_id
    doc.set_cells({"s3.new:natural": 5})
    doc.set_cells({"s3.new:natural": 9})
    doc.set_text("s5", "后来写的一段。")
    window.tabs.setCurrentIndex(2)
    recorder = Recorder(monkeypatch, answers=[True, True])

    def restore_to(description):
        def handler(dialog):
            assert isinstance(dialog, HistoryDialog)
            dialog.table.selectRow(rows(dialog).index(description))
            dialog.restore_button.click()
        return handler

    label = doc.format.cells["s3.new:natural"].label
    driver = Driver(restore_to(f"{label}：（空） → 5"))
    window.history_action.trigger()
    driver.done()
    assert "把报告恢复到" in recorder.messages[0][1]
    assert repo.load(rid).cells["s3.new:natural"] == 5 and repo.load(rid).text("s5") == ""
    # The window shows the restored report, on the same tab.
    assert window.document is not doc and window.tabs.currentIndex() == 2
    assert shown(window.section_widgets["s3"], "s3.new:natural") == "5"
    assert "已恢复到" in window.statusBar().currentMessage()
    # The restore is in the history too: going back to just before it brings the later edits back.
    driver = Driver(restore_to("修改正文「五、存在的主要问题及改进情况」（0 字 → 7 字）"))
    window.history_action.trigger()
    driver.done()
    assert repo.load(rid).cells["s3.new:natural"] == 9 and repo.load(rid).text("s5") == "后来写的一段。"


def test_a_final_report_cannot_be_restored(open_window, repo, qtbot):
    window = open_window("某某区司法局", 2022)
    window.document.set_text("s6", "无。")
    window.final_action.trigger()
    assert window.document.locked
    dialog = HistoryDialog(repo, window.document.report_id, "", window.document.locked, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3  # created, the text, 定稿
    assert not dialog.restore_button.isEnabled() and "取消定稿" in dialog.restore_button.toolTip()
