"""Entering the State Council's holiday arrangement of a year the program does not ship: one day a line, as
report.workdays.parse reads it. Checked before it is kept; a wrong line is named and nothing is saved."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget

from report.workdays import SHIPPED, CalendarError, parse

TITLE = "节假日安排"


class HolidayDialog(QDialog):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        shipped = "、".join(str(y) for y in sorted(SHIPPED))
        note = QLabel(f"程序已内置 {shipped} 年国务院办公厅公布的节假日和调休安排。其他年份请按通知逐日填写，"
                      "每行一天：放假的写「2026-01-02 休」，调休上班的周末写「2026-01-04 班」；"
                      "以 # 开头的行是备注。这里填写的日期优先于内置的安排。")
        note.setWordWrap(True)
        self.editor = QPlainTextEdit(text)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setPlaceholderText("# 例如\n2026-01-01 休\n2026-01-04 班")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存(&S)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(520, 440)
        self.days: dict = {}

    def accept(self) -> None:
        try:
            self.days = parse(self.editor.toPlainText())
        except CalendarError as e:
            QMessageBox.warning(self, TITLE, f"{e}\n\n请改正后再保存。")
            return
        super().accept()

    def text(self) -> str:
        return self.editor.toPlainText()
