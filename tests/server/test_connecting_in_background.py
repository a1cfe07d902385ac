"""Connecting runs in a thread: a server that never answers does not freeze the window. It is simulated by a
socket that listens but never accepts: the kernel completes the TCP handshake, and libpq then waits for an answer
to its first packet until connect_timeout (10 s) — as behind a firewall that drops packets, but deterministic and
offline. Past a moment 正在连接… shows with 取消, which returns at once, with nothing changed."""

from __future__ import annotations

import socket
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gui.connecting import CANCELLED, ConnectingDialog
from storage.errors import StorageError
from tests.gui.dialogs import Driver

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def attempts() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "connecting" and t.is_alive()]


@pytest.fixture
def silent_port():
    """The port of a server that takes the connection and never says a word."""
    pytest.importorskip("psycopg")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    yield listener.getsockname()[1]
    listener.close()  # the attempts left waiting are reset, and end
    for attempt in attempts():
        attempt.join(timeout=20)


class Ticks:
    """Counts the event loop's turns (a 10 ms timer), and cancels 正在连接… once it is shown."""

    def __init__(self) -> None:
        self.count = 0
        self.shown: list[tuple[str, str, int]] = []  # the dialog's text, its note, and the ticks until then
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(10)

    def _tick(self) -> None:
        self.count += 1
        widget = QApplication.activeModalWidget()
        if isinstance(widget, ConnectingDialog) and widget.isVisible() and not self.shown:
            self.shown.append((widget.label.text(), widget.note.text() if widget.note.isVisibleTo(widget) else "",
                               self.count))
            widget.cancel_button.click()

    def stop(self) -> None:
        self.timer.stop()


def test_the_event_loop_runs_while_connecting_and_cancel_returns_at_once(qtbot, silent_port):
    from gui.shared_database import connect

    ticks = Ticks()
    try:
        with pytest.raises(StorageError) as caught:
            connect(None, f"postgresql://clerk:secret@127.0.0.1:{silent_port}/office")
    finally:
        ticks.stop()
    assert caught.value.reason == CANCELLED
    # Returned while libpq still waits for the server (its connect_timeout is 10 s): at once, not at its end.
    assert attempts()
    text, note, turns = ticks.shown[0]
    assert text == f"正在连接共享数据库…\npostgresql://clerk@127.0.0.1:{silent_port}/office" and "secret" not in text
    assert note == ""
    assert turns >= 5  # the window's event loop kept turning while the connection was being made


def test_cancelling_in_the_connect_dialog_leaves_everything_as_it_was(qtbot, window, silent_port):
    from gui.connect_dialog import ConnectDialog
    from gui.settings import shared_at_start, shared_database

    before, report_id = window.repository, window.document.report_id
    seen = []

    def connect(dialog) -> None:
        assert isinstance(dialog, ConnectDialog)
        dialog.host.setText("127.0.0.1")
        dialog.port.setValue(silent_port)
        dialog.database.setText("office")
        dialog.login.setText("clerk")
        dialog.password.setText("typed")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # returns once 取消 was pressed
        seen.append((dialog.isVisible(), dialog.problem.isHidden(), dialog.password.text(), dialog.repository))
        dialog.reject()

    ticks = Ticks()
    driver = Driver(connect)
    try:
        window.connect_shared()
        qtbot.waitUntil(lambda: not driver.handlers and bool(seen), timeout=30_000)
    finally:
        driver.timer.stop()
        ticks.stop()
    driver.done()
    assert seen == [(True, True, "typed", None)]  # the dialog as it was, nothing said, nothing connected
    assert ticks.shown and attempts()
    assert window.repository is before and window.document.report_id == report_id
    assert [r.id for r in before.reports()] == [report_id]  # the file is still open and in use
    assert shared_database()["database"] == "" and not shared_at_start()  # nothing remembered


def test_cancelling_at_start_opens_the_local_file_without_a_word(qtbot, silent_port, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gui import app, settings
    from storage.server import ServerRepository

    settings.set_shared_database({"host": "127.0.0.1", "port": str(silent_port), "database": "office",
                                  "login": "clerk", "options": "connect_timeout=10"})
    settings.set_shared_at_start(True)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(args))
    ticks = Ticks()
    try:
        repository = app.open_repository(None, remembered=True)
    finally:
        ticks.stop()
    try:
        assert not isinstance(repository, ServerRepository)
        assert repository.latest_report() is None  # the local file, opened
    finally:
        repository.close()
    text, note, _turns = ticks.shown[0]
    assert f"127.0.0.1:{silent_port}/office" in text and "本机的数据库文件" in note
    assert said == []  # the clerk's own choice: nothing to tell
    assert settings.shared_at_start()  # still the way back next time
