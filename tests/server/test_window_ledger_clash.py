"""Two clerks' windows on one shared database, both with the same application open in the 申请 dialog: the later
save is refused and told with the colleague's values beside the clerk's, what the clerk typed stays in the dialog,
and saving again replaces the colleague's version deliberately; an application deleted meanwhile is offered to be
kept as a new one. Nothing either clerk saved is lost silently."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from gui.application_dialog import ApplicationDialog
from gui.menu_texts import without_letter
from report.ledger import Application

from ..gui.dialogs import Recorder

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen Qt on dock widgets

AGENCY = "丑区人社局"
APP = Application("R-7", dt.date(2020, 3, 4), "natural", applicant="王五", content="申请公开某项目的批复")


def _select(window, number: str) -> None:
    tab = window.ledger_tab
    tab.reload()
    tab.view.selectRow(next(r for r in range(tab.proxy.rowCount()) if tab.proxy.index(r, 0).data() == number))


@pytest.fixture
def windows(two_clerks, window_on):
    first, second, rid = two_clerks
    first.save_application(AGENCY, APP)
    return window_on(first, rid), window_on(second, rid), first, second


def test_the_later_save_is_told_shows_both_sides_and_can_replace_deliberately(windows, monkeypatch):
    mine_window, their_window, first, second = windows
    said = Recorder(monkeypatch)
    opened: list[ApplicationDialog] = []

    def run(dialog):
        opened.append(dialog)
        if dialog.parentWidget() is their_window.ledger_tab:  # the colleague: changes 申请内容 and saves first
            dialog.content.setPlainText("同事补充：含附件清单")
        elif len(opened) == 1:  # the clerk types, and meanwhile the colleague opens and saves the same one
            dialog.content.setPlainText("我改的：只要批复正文")
            dialog.fee.setText("10")
            _select(their_window, "R-7")
            their_window.ledger_tab.edit_application()
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ApplicationDialog, "exec", run)
    _select(mine_window, "R-7")
    mine_window.ledger_tab.edit_application()
    # The clerk's dialog was shown again after the refusal (the same dialog, as typed), then saved over.
    assert [d.parentWidget() for d in opened] == [mine_window.ledger_tab, their_window.ledger_tab,
                                                 mine_window.ledger_tab]
    assert opened[2] is opened[0] and "替换同事" in opened[0].windowTitle()
    [(kind, text)] = said.messages
    assert kind == "warning" and "在您打开之后已被修改" in text
    assert "申请内容：同事保存的「同事补充：含附件清单」，您填写的「我改的：只要批复正文」" in text
    assert "信息处理费：同事保存的「（未收取）」，您填写的「10 元」" in text
    assert "申请人" not in text.split("不同之处")[1].split("您填写的内容仍在")[0].replace("申请内容", "")
    [saved] = second.applications(AGENCY)
    assert saved.content == "我改的：只要批复正文" and str(saved.fee) == "10"


def test_giving_up_after_the_refusal_keeps_the_colleagues_version(windows, monkeypatch):
    mine_window, their_window, first, second = windows
    said = Recorder(monkeypatch)
    calls = []

    def run(dialog):
        calls.append(dialog)
        if dialog.parentWidget() is their_window.ledger_tab:
            dialog.content.setPlainText("同事的版本")
            dialog.accept()
        elif len(calls) == 1:
            dialog.content.setPlainText("我的版本")
            _select(their_window, "R-7")
            their_window.ledger_tab.edit_application()
            dialog.accept()
        else:  # told, the clerk closes the dialog and gives up what they typed
            monkeypatch.setattr(QMessageBox, "exec", lambda box: next(
                b for b in box.buttons() if without_letter(b.text()) == "放弃修改").click())
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(ApplicationDialog, "exec", run)
    _select(mine_window, "R-7")
    mine_window.ledger_tab.edit_application()
    assert len(calls) == 3 and [k for k, _ in said.messages] == ["warning"]
    assert [a.content for a in first.applications(AGENCY)] == ["同事的版本"]
    assert mine_window.ledger_tab.applications["R-7"].content == "同事的版本"  # the list shows what is saved


def test_an_application_deleted_meanwhile_is_offered_as_a_new_one(windows, monkeypatch):
    mine_window, their_window, first, second = windows
    said = Recorder(monkeypatch, answers=[True])  # the colleague's 删除？
    offered = []

    def box_exec(box):
        offered.append((box.text(), [without_letter(b.text()) for b in box.buttons()]))
        next(b for b in box.buttons() if without_letter(b.text()) == "另存为新申请").click()
        return 0

    def run(dialog):
        dialog.content.setPlainText("我改的内容")
        _select(their_window, "R-7")
        their_window.ledger_tab.delete_application()
        monkeypatch.setattr(QMessageBox, "exec", box_exec)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ApplicationDialog, "exec", run)
    _select(mine_window, "R-7")
    mine_window.ledger_tab.edit_application()
    [(text, buttons)] = offered
    assert "已被删除" in text and "您填写的内容仍在对话框中" in text and buttons == ["另存为新申请", "返回修改"]
    assert [k for k, _ in said.messages] == ["question"]
    assert second.applications(AGENCY) == [dataclasses.replace(APP, content="我改的内容")]
    assert list(mine_window.ledger_tab.applications) == ["R-7"]


def test_a_delete_is_refused_when_the_colleague_saved_the_application_after_the_question(windows, monkeypatch):
    mine_window, their_window, first, second = windows
    said = Recorder(monkeypatch)
    changed = dataclasses.replace(APP, content="同事在我确认时改的")

    def confirm(*_args, **_kwargs):
        second.save_application(AGENCY, changed, replacing="R-7", based_on=second.application(AGENCY, "R-7")[1])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    _select(mine_window, "R-7")
    mine_window.ledger_tab.delete_application()
    [(kind, text)] = said.messages
    assert kind == "warning" and "未能删除" in text and "同事保存的版本" in text
    assert first.applications(AGENCY) == [changed] and mine_window.ledger_tab.applications["R-7"] == changed
