"""The report's 成文日期, printed under the agency's name at the end of every exported document.

A tick says whether the report is dated yet (a draft often is not); the date beside it takes typing or the
calendar. Ticking it proposes today when today lies in the months a report on its year is written (December
of the year to the end of the next), else 20 January after the year.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from .document import Document


def proposed_date(year: int, today: datetime.date) -> datetime.date:
    if datetime.date(year, 12, 1) <= today <= datetime.date(year + 1, 12, 31):
        return today
    return datetime.date(year + 1, 1, 20)


class DateField(QWidget):
    def __init__(self, today=datetime.date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.document: Document | None = None
        self.dated = QCheckBox("成文日期")
        self.dated.setToolTip("报告末尾署名下方的日期；勾选后填写")
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy年M月d日")
        self.edit.setMinimumDate(QDate(2000, 1, 1))
        self.edit.setMaximumDate(QDate(2101, 12, 31))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.dated)
        layout.addWidget(self.edit)
        self.dated.toggled.connect(self._toggled)
        self.edit.dateChanged.connect(self._edited)
        self.set_document(None)

    def set_document(self, document: Document | None) -> None:
        if self.document is not None:
            self.document.dateChanged.disconnect(self.refresh)
            self.document.lockedChanged.disconnect(self.refresh)
        self.document = document
        if document is not None:
            document.dateChanged.connect(self.refresh)
            document.lockedChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        """Show the document's date (after an undo, say) without writing it back."""
        doc = self.document
        date = doc.report.date if doc else None
        shown = date or (proposed_date(doc.report.year, self.today()) if doc else self.today())
        for widget in (self.dated, self.edit):
            widget.blockSignals(True)
        self.dated.setChecked(date is not None)
        self.edit.setDate(QDate(shown.year, shown.month, shown.day))
        for widget in (self.dated, self.edit):
            widget.blockSignals(False)
        editable = doc is not None and not doc.locked
        self.dated.setEnabled(editable)
        self.edit.setEnabled(editable and date is not None)

    def _toggled(self, dated: bool) -> None:
        if self.document is None:
            return
        if dated:
            self.document.set_date(proposed_date(self.document.report.year, self.today()))
        else:
            self.document.set_date(None)
        self.refresh()

    def _edited(self, date: QDate) -> None:
        if self.document is not None and self.dated.isChecked():
            self.document.set_date(datetime.date(date.year(), date.month(), date.day()))
