"""A network that silently drops while the clerk types on a shared database (tests/server/relay.py stops
forwarding, nothing is closed or refused): the window keeps handling keys and timers while the write hangs on
the writer's thread, says it is reconnecting, and writes every edit in order once the network is back; an
answer lost on the way is retried without effect twice over; closing the window with edits still unwritten
waits, and never drops them unasked."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

from gui import file_dialogs
from report import exchange
from storage.errors import StorageError
from storage.server import ServerRepository
from tests.server.relay import Relay
from tests.server.writes import wait_saved

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen Qt on dock widgets

AGENCY = "癸县交通运输局"
CELL = "s2.procurement:projects"
OTHER = "s2.procurement:amount"


@pytest.fixture
def relayed(cluster, database, two_clerks, monkeypatch, qtbot):
    """(the relay, a window of the first clerk connected through it with short libpq timeouts, the other clerk
    connected directly, the report's id)."""
    from gui.main_window import MainWindow

    first, second, report_id = two_clerks
    relay = Relay(cluster.port)
    url = relay.url(cluster.url(database, user=first.login, password="pw"), connect_timeout=2,
                    tcp_user_timeout=2000)
    repo = ServerRepository.connect(url)
    monkeypatch.setattr("gui.edit_saving.SLOW_WRITE_MS", 300)
    monkeypatch.setattr("gui.edit_saving.RETRY_MS", 300)
    window = MainWindow(repo)  # not qtbot.addWidget: pytest-qt would close it before the relay resumes below
    assert window.open_report(report_id)
    window.show()
    qtbot.waitExposed(window)
    yield relay, window, second, report_id
    relay.resume()  # a test that failed while held must not leave the window's close waiting on it
    if window.document is not None:
        window.document.abandon()
    window.close()
    relay.close()
    repo.close()


def _cell_history(repo, report_id, cell):
    return [r.new for r in repo.revisions(report_id) if r.kind == "cell" and r.target == cell]


def test_typing_stays_responsive_while_a_write_hangs_and_every_edit_is_written_in_order_after(relayed,
                                                                                               qtbot):
    relay, window, other, report_id = relayed
    doc = window.document
    doc.set_cells({CELL: 1})
    wait_saved(qtbot, doc)
    relay.hold()
    doc.set_cells({CELL: 2})  # with the writer, whose statement now hangs
    assert doc.writing and doc.value(CELL) == 2
    # The window's event loop runs a timer while the write hangs (the old window waited in the write).
    ticked: list[bool] = []
    QTimer.singleShot(0, lambda: ticked.append(doc.writing))
    qtbot.wait(200)
    assert ticked == [True]
    doc.set_cells({OTHER: 5})
    doc.set_text("s6", "本年度未收取信息处理费。", merge=False)
    doc.set_cells({CELL: 3})  # the same cell again, while its older value is on the wire
    qtbot.waitUntil(lambda: window.save_label.text() == "正在重新连接…（3 处修改未保存）", timeout=10000)
    assert doc.writing and doc.is_offline and doc.value(CELL) == 3
    assert other.load(report_id).cells[CELL] == 1  # nothing arrived meanwhile
    relay.resume()
    qtbot.waitUntil(lambda: window.save_label.text().startswith("已保存"), timeout=30000)
    assert not doc.has_unsaved and not doc.is_offline
    assert "已重新连接共享数据库" in window.statusBar().currentMessage()
    saved = other.load(report_id)
    assert saved.cells[CELL] == 3 and saved.cells[OTHER] == 5 and saved.texts["s6"] == "本年度未收取信息处理费。"
    # The held write landed first, then the newer value: the older answer did not clear the newer edit.
    assert _cell_history(other, report_id, CELL) == ["3", "2", "1"]


def test_an_answer_lost_with_the_connection_is_retried_without_effect(relayed, qtbot, monkeypatch):
    relay, window, other, report_id = relayed
    doc = window.document
    doc.set_cells({CELL: 1})
    wait_saved(qtbot, doc)
    real = doc.repository.set_cell
    lost: list[object] = []

    def answer_lost(rid, cell_id, value):  # the server does the write; the connection drops before its answer
        real(rid, cell_id, value)
        if not lost:
            lost.append(value)
            raise StorageError("与服务器的连接中断了", reason="disconnected")

    monkeypatch.setattr(doc.repository, "set_cell", answer_lost)
    doc.set_cells({CELL: 2})
    qtbot.waitUntil(lambda: doc.is_offline, timeout=10000)
    assert doc.unsaved_count == 1 and other.load(report_id).cells[CELL] == 2
    wait_saved(qtbot, doc)  # tried again (RETRY_MS), as after any failure
    assert window.save_label.text().startswith("已保存") and lost == [2]
    assert other.load(report_id).cells[CELL] == 2
    assert _cell_history(other, report_id, CELL) == ["2", "1"]  # the second write changed nothing


class _Answers:
    """Answers the window's modal dialogs as they come: each wait dialog with 取消 while it is the first,
    each message box with the next of `clicks` (after `before_click`, if given); what they said is kept."""

    def __init__(self, clicks: list[str], before_click=None, cancel_waits: int = 1) -> None:
        self.clicks = list(clicks)
        self.before_click = before_click
        self.cancel_waits = cancel_waits
        self.waits: list[str] = []
        self.boxes: list[str] = []
        self._seen: list[object] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, (QProgressDialog, QMessageBox))
                 and w.isVisible() and not any(w is seen for seen in self._seen)]
        if not shown:
            return
        widget = shown[0]
        if isinstance(widget, QProgressDialog):
            self._seen.append(widget)
            self.waits.append(widget.labelText())
            if self.cancel_waits:
                self.cancel_waits -= 1
                cancel = next(b for b in widget.findChildren(QPushButton) if b.text() == "取消")
                QTimer.singleShot(0, cancel.click)
        elif isinstance(widget, QMessageBox):
            self._seen.append(widget)
            self.boxes.append(widget.text())
            label = self.clicks.pop(0)
            if self.before_click is not None:
                self.before_click(label)
            button = next(b for b in widget.buttons() if b.text() == label)
            QTimer.singleShot(0, button.click)

    def stop(self) -> None:
        self.timer.stop()


def test_closing_on_an_unreachable_server_waits_and_keeps_the_edits_until_they_are_written(relayed,
                                                                                            qtbot):
    relay, window, other, report_id = relayed
    doc = window.document
    relay.hold()
    doc.set_cells({CELL: 7})
    answers = _Answers(["取消"])
    try:
        assert not window.close()  # waited, 取消, then 取消 in the box: the window stays, and so do the edits
    finally:
        answers.stop()
    assert "正在把 1 处修改保存到共享数据库" in answers.waits[0]
    assert "1 处修改还没有保存到共享数据库" in answers.boxes[0]
    assert window.isVisible() and doc.unsaved_count == 1 and doc.value(CELL) == 7
    # Closing again: the clerk waits on (继续等待) and the network comes back meanwhile.
    answers = _Answers(["继续等待(&W)"], before_click=lambda _label: relay.resume())
    try:
        assert window.close()
    finally:
        answers.stop()
    assert answers.boxes and not doc.has_unsaved
    assert other.load(report_id).cells[CELL] == 7


def test_closing_on_an_unreachable_server_can_keep_the_report_as_a_file(relayed, qtbot, tmp_path,
                                                                        monkeypatch):
    relay, window, other, report_id = relayed
    doc = window.document
    relay.hold()
    doc.set_cells({CELL: 8})
    doc.set_text("s6", "本年度未收取信息处理费。", merge=False)
    kept = tmp_path / "年报.json"
    monkeypatch.setattr(file_dialogs, "ask", lambda *a, **k: ([str(kept)], ""))
    answers = _Answers(["保存到本机文件(&S)…"])
    try:
        assert window.close()
    finally:
        answers.stop()
    assert "2 处修改还没有保存到共享数据库" in answers.boxes[0]
    report = exchange.read(kept)
    assert report.cells[CELL] == 8 and report.texts["s6"] == "本年度未收取信息处理费。"
    assert other.load(report_id).cells.get(CELL, 0) == 0  # nothing reached the server


def test_closing_after_a_silent_drop_with_nothing_to_write_does_not_wait_for_the_lease(relayed, qtbot,
                                                                                         monkeypatch):
    relay, window, other, report_id = relayed
    live = window.live
    assert live.holding and not window.document.has_unsaved
    released: list[bool] = []
    monkeypatch.setattr("gui.live_report.RELEASE_WAIT_S", 0.2)
    relay.hold()  # the network drops; nothing has noticed yet
    QTimer.singleShot(0, lambda: released.append(live.holding))
    live.stop()  # what closing the window does: the lease's release hangs in its thread, the window goes on
    assert not live.holding
    assert any(t.name == "lease-release" and t.is_alive() for t in threading.enumerate())  # not waited for
    qtbot.wait(50)
    assert released == [False]  # the event loop ran after stop() returned, the release still on the wire
    relay.resume()
    # Given back once the network answers again: the colleague may take the report at once.
    qtbot.waitUntil(lambda: other.take_lease(report_id).mine, timeout=30000)
