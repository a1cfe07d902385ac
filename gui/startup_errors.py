"""What the window does when something goes wrong at start, or later without being caught.

The windowed build has no console (a double-clicked .exe, a desktop shortcut): what goes wrong must be said in a
dialog, in Chinese, or the clerk sees nothing at all. The self-test (--smoke-test) runs where nobody can click:
it prints instead, closes any dialog that opens, and exits non-zero.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from report.about import APP_NAME
from storage.errors import StorageError

from . import backup_restore

log = logging.getLogger(__name__)

EXIT_UNUSABLE = 2


def message_for(error: BaseException) -> str:
    """A Chinese sentence for what stopped the start: the storage's own words, or where the details are."""
    if isinstance(error, StorageError):
        message = str(error)
        if error.backup:
            message += f"\n最近的自动备份：{error.backup}"
        return message
    log.error("start-up failed", exc_info=error)
    return f"程序启动时内部出错，无法打开窗口。{_where_logged()}"


def report_failure(error: BaseException, smoke_test: bool, file: Path | None = None) -> int | None:
    """Say why the window cannot open (a dialog, and stderr for a console), and the exit status. `file`: the
    database file being opened; when it is damaged and has a backup the dialog offers to restore it, and None
    is returned once it has been (the start is tried again)."""
    message = message_for(error)
    print(f"错误：{message}", file=sys.stderr, flush=True)
    if isinstance(error, StorageError) and error.reason == "cancelled":
        return EXIT_UNUSABLE  # the clerk chose not to connect: nothing more to tell them
    if not smoke_test and QApplication.instance() is not None:
        if file is not None and isinstance(error, StorageError) and backup_restore.offers_backup(error):
            return None if backup_restore.ask_and_restore(error, file, message) else EXIT_UNUSABLE
        QMessageBox.critical(None, f"{APP_NAME} — 无法启动", message)
    return EXIT_UNUSABLE


def _where_logged() -> str:
    try:
        from storage.locations import log_path

        return f"详细信息已写入日志文件 {log_path()}"
    except Exception:  # the log's folder itself may be what failed
        return "（无法写入日志文件）"


class SmokeDialogs(QObject):
    """In the self-test: a dialog that opens is printed and closed at once, and the test fails."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.failed = False
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            text = watched.text() if isinstance(watched, QMessageBox) else ""
            print(f"自检失败：出现了对话框「{watched.windowTitle()}」{text}", file=sys.stderr, flush=True)
            self.failed = True
            QTimer.singleShot(0, watched.reject)  # after it has opened: rejecting now would be undone by show
        return False


def install_excepthook(smoke_test: bool) -> None:
    """An error nothing caught (in a slot, a timer): logged, said in a dialog, never a silent traceback; in the
    self-test, printed and the program ends with status 1."""
    showing = False

    def hook(kind, value, traceback) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, traceback)
            return
        log.error("unexpected error", exc_info=(kind, value, traceback))
        message = f"程序内部出错，刚才的操作可能没有完成。已保存的内容不受影响。{_where_logged()}"
        print(f"错误：{message}", file=sys.stderr, flush=True)
        app = QApplication.instance()
        if smoke_test:
            if app is not None:
                app.exit(1)
            return
        if app is None or showing:
            return
        showing = True  # an error while the dialog is up is logged, not stacked
        try:
            QMessageBox.critical(QApplication.activeWindow(), APP_NAME, message)
        finally:
            showing = False

    sys.excepthook = hook
