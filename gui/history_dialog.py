"""修改记录: every saved change of the open report, newest first, with what it replaced, and the way back.

The undo stack lasts one sitting; this history lasts as long as the database. A paragraph overwritten last
week can be read (and copied) here, or the whole report brought back to the state just after any change. The
restore is itself recorded, so it can be gone back on in turn.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from storage.errors import StorageError

from . import window_size

TITLE = "修改记录"


class HistoryDialog(QDialog):
    def __init__(self, repository, report_id, title: str, locked: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repository = repository
        self.report_id = report_id
        self.locked = locked
        self.restored = ""  # the time restored to, once done
        self.setWindowTitle(f"{TITLE} — {title}")
        self.revisions = repository.revisions(report_id)
        self.table = QTableWidget(len(self.revisions), 2)
        self.table.setHorizontalHeaderLabels(["时间", "修改内容"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for row, rev in enumerate(self.revisions):
            self.table.setItem(row, 0, QTableWidgetItem(f"{rev.at:%Y-%m-%d %H:%M:%S}"))  # local time, as stored
            self.table.setItem(row, 1, QTableWidgetItem(rev.description))
        self.table.resizeColumnToContents(0)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("选中一条记录，这里显示修改前后的完整内容（可复制）")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([300, 160])
        note = QLabel("恢复：报告回到所选修改刚完成时的状态；恢复本身也会记入修改记录，可以再恢复回来。")
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("恢复到此状态(&R)…")
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.table.itemSelectionChanged.connect(self._selected)
        if self.revisions:
            self.table.selectRow(0)
        self._selected()
        window_size.fit_dialog(self, 820, 560)

    def current(self):
        row = self.table.currentRow()
        return self.revisions[row] if 0 <= row < len(self.revisions) else None

    def _selected(self) -> None:
        rev = self.current()
        self.restore_button.setEnabled(rev is not None and not self.locked)
        self.restore_button.setToolTip("报告已定稿，不能恢复；请先取消定稿" if self.locked else "")
        if rev is None:
            self.detail.clear()
            return
        parts = [rev.description]
        if rev.kind == "text":  # the whole texts: the reason to look here
            parts += ["", "修改前：", rev.old or "（空）", "", "修改后：", rev.new or "（空）"]
        elif rev.detail and rev.detail not in rev.description:
            parts += ["", rev.detail]
        self.detail.setPlainText("\n".join(parts))

    def restore(self) -> None:
        rev = self.current()
        if rev is None or self.locked:
            return
        when = self.table.item(self.table.currentRow(), 0).text()
        answer = QMessageBox.question(
            self, TITLE, f"把报告恢复到 {when} 这条修改刚完成时的状态？\n之后的修改不会丢失，仍在修改记录中，可以再恢复回来。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.repository.restore_revision(self.report_id, rev.id)
        except StorageError as e:
            QMessageBox.warning(self, TITLE, str(e))
            return
        self.restored = when
        self.accept()
