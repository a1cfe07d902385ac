"""Connecting to a shared database without freezing the window: the connection is made in a thread, and the
window's thread keeps its event loop running (painting, timers, the open report's own saving) meanwhile.

A server that silently drops packets holds libpq for its whole connect_timeout; so after a short moment a small
modal dialog says 正在连接 … with 取消. 取消 returns at once: the attempt is left to end by itself in its thread,
and whatever it brings then (a connection, an error) is closed or dropped there, never handed to anyone.
A fast connection (a server on the office network) ends before the dialog would show, so nothing flashes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from storage.errors import StorageError

CANCELLED = "cancelled"  # StorageError.reason: the clerk chose not to connect
QUIET_MS = 300  # a connection that takes longer is shown as under way, with 取消


class ConnectingDialog(QDialog):
    """正在连接 `where`… with a moving bar (the window is alive) and 取消; `note` says what 取消 leads to."""

    waits_for_work = True  # shown while work runs, not a question: test drivers of dialogs leave it alone

    def __init__(self, where: str, note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("连接共享数据库")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.label = QLabel(f"正在连接共享数据库…\n{where}")  # the address on a line of its own: it does not wrap
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = QProgressBar()
        bar.setRange(0, 0)  # no figure to show: the bar only moves
        bar.setTextVisible(False)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText("取消")
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(min(self.fontMetrics().horizontalAdvance(where) + 40,
                                 self.fontMetrics().horizontalAdvance("正在连接共享数据库") * 4))
        self.cancel_button.setFocus()


class Attempt(QObject):
    """`work()` in a thread of its own; `finished` is emitted (to the window's thread) when it has ended, unless
    abandoned first, in which case what it made is closed in its thread."""

    finished = Signal()

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self._work = work
        self._lock = threading.Lock()
        self.done = False
        self.abandoned = False
        self._result: Any = None
        self._error: BaseException | None = None
        self.worker = threading.Thread(target=self._run, name="connecting", daemon=True)

    def start(self) -> None:
        self.worker.start()

    def _run(self) -> None:
        result: Any = None
        error: BaseException | None = None
        try:
            result = self._work()
        except BaseException as e:  # handed to the window's thread, which raises it there
            error = e
        with self._lock:
            if self.abandoned:
                _close(result)
                return
            self._result, self._error, self.done = result, error, True
        self.finished.emit()

    def abandon(self) -> None:
        """The clerk cancelled: nothing of this attempt is used, whether it has ended or not."""
        with self._lock:
            self.abandoned = True
            result, self._result = self._result, None
        _close(result)

    def outcome(self) -> Any:
        """What the work returned; what it raised is raised here."""
        assert self.done
        if self._error is not None:
            raise self._error
        return self._result

    def wait_quietly(self, ms: int) -> bool:
        """Run the event loop (no input: the clerk's clicks wait) until the work ends or `ms` have passed;
        whether it has ended."""
        if not self.done:
            loop = QEventLoop()
            self.finished.connect(loop.quit)
            timer = QTimer(loop)
            timer.setSingleShot(True)
            timer.timeout.connect(loop.quit)
            timer.start(ms)
            if not self.done:  # it may have ended while the loop was being set up
                loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            timer.stop()
            self.finished.disconnect(loop.quit)
        return self.done


def _close(made: Any) -> None:
    close = getattr(made, "close", None)
    if callable(close):
        try:
            close()
        except Exception:  # a connection given up on: nothing of it is needed any more
            pass


def in_background(parent: QWidget | None, where: str, work: Callable[[], Any], *, note: str = "") -> Any:
    """`work()` (connecting to `where`) made in a thread while this thread's event loop runs; past QUIET_MS, a
    ConnectingDialog shows it under way. Its result, or what it raised; StorageError(CANCELLED) at once when
    the clerk cancels (the attempt then ends on its own, and its connection, if any, is closed)."""
    attempt = Attempt(work)
    attempt.start()
    if attempt.wait_quietly(QUIET_MS):
        return attempt.outcome()
    dialog = ConnectingDialog(where, note, parent)
    attempt.finished.connect(dialog.accept)
    try:
        finished = attempt.done or dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        attempt.finished.disconnect(dialog.accept)
        dialog.hide()
        dialog.deleteLater()
    if not finished:
        attempt.abandon()
        raise StorageError("已取消连接共享数据库", reason=CANCELLED)
    return attempt.outcome()
