"""Waiting for the open report's edits to be saved, for what needs them saved first: closing the window or the
report, 定稿, 汇总, the history of changes. On a file they are written at once (Document.flush); on a shared
database the writer's thread may wait for the network, and the window then waits for its answer without
freezing: the event loop goes on, and a dialog with 取消 appears once the wait is longer than WAIT_DIALOG_MS.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from .document import Document

WAIT_DIALOG_MS = 500


def wait_for_edits(parent: QWidget, doc: Document | None, doing: str = "") -> bool:
    """Write every waiting edit and wait for the answers; True when everything is saved. False when a write
    failed (the edits stay in the document, retried as before) or the clerk pressed 取消 (the writer goes on).
    `doing`: what waits, said in the dialog (e.g. "关闭窗口")."""
    if doc is None:
        return True
    if not doc.writes_in_background:
        return doc.flush()
    if doc.flush():  # nothing waits (a batch still with the writer holds only edits given up)
        return True
    loop = QEventLoop()
    cancelled: list[bool] = []
    shown: list[QProgressDialog] = []  # made only when the wait is long enough to be seen

    def text() -> str:
        first = f"{doing}之前，" if doing else ""
        return (f"{first}正在把 {doc.unsaved_count} 处修改保存到共享数据库，请稍候…\n"
                "网络中断时可能需要十几秒；按「取消」不再等待，修改仍保留在窗口中。")

    def show() -> None:
        dialog = QProgressDialog(text(), "取消", 0, 0, parent)  # 0, 0: no measure of the network's time, a busy bar
        dialog.setWindowTitle("正在保存")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(lambda: (cancelled.append(True), loop.quit()))
        shown.append(dialog)
        dialog.show()

    def answered() -> None:
        if doc.writing and doc.has_unsaved:  # edits typed meanwhile went to the writer next: wait for them too
            if shown:
                shown[0].setLabelText(text())
        else:
            loop.quit()

    shower = QTimer()
    shower.setSingleShot(True)
    shower.setInterval(WAIT_DIALOG_MS)
    shower.timeout.connect(show)
    doc.writesDone.connect(answered)
    try:
        if doc.writing:
            shower.start()
            loop.exec()
    finally:
        shower.stop()
        doc.writesDone.disconnect(answered)
        for dialog in shown:
            dialog.hide()
            dialog.deleteLater()
    return not cancelled and not doc.has_unsaved
