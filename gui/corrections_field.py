"""The 补正 of one application in its dialog: as many as there were, each the day the applicant was told to
complete the application and, once it came, the day the completed application arrived (条例 第三十条: the time
in between does not count towards the deadline)."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from report.ledger import Correction


def qdate(d: datetime.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> datetime.date:
    return datetime.date(q.year(), q.month(), q.day())


def date_edit(d: datetime.date) -> QDateEdit:
    edit = QDateEdit(qdate(d))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class _Row(QWidget):
    def __init__(self, correction: Correction, field: CorrectionsField) -> None:
        super().__init__(field)
        self.label = QLabel()
        self.asked = date_edit(correction.asked)
        self.asked.setToolTip("告知申请人补正的日期")
        self.has_received = QCheckBox("已收到补正")
        self.has_received.setChecked(correction.received is not None)
        self.received = date_edit(correction.received or correction.asked)
        self.received.setToolTip("收到补正后申请的日期")
        self.remove = QPushButton("删除")
        self.remove.setToolTip("删去这一次补正")
        self.remove.clicked.connect(lambda: field.remove(self))
        self.has_received.toggled.connect(self.received.setEnabled)
        self.received.setEnabled(self.has_received.isChecked())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.label, QLabel("告知"), self.asked, self.has_received, self.received, self.remove):
            layout.addWidget(w)
        layout.addStretch(1)

    def correction(self) -> Correction:
        return Correction(pydate(self.asked.date()), pydate(self.received.date()) if self.has_received.isChecked()
                          else None)


class CorrectionsField(QWidget):
    def __init__(self, corrections: tuple[Correction, ...], today: datetime.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.rows: list[_Row] = []
        self.list = QVBoxLayout()
        self.list.setContentsMargins(0, 0, 0, 0)
        self.none = QLabel("无")
        self.add_button = QPushButton("添加补正(&B)")
        self.add_button.setToolTip("记下一次补正：告知日期和收到补正的日期")
        self.add_button.clicked.connect(lambda: self.add())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.list)
        bottom = QHBoxLayout()
        bottom.addWidget(self.none)
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        for c in corrections:
            self.add(c)
        self._renumber()

    def add(self, correction: Correction | None = None) -> None:
        """A new 补正 after the last: told today, or the day the last one came back if later."""
        if correction is None:
            last = self.rows[-1].correction() if self.rows else None
            start = max(self.today, last.received or last.asked) if last else self.today
            correction = Correction(start)
        row = _Row(correction, self)
        self.rows.append(row)
        self.list.addWidget(row)
        self._renumber()
        row.asked.setFocus()

    def remove(self, row: _Row) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._renumber()
        self.add_button.setFocus()

    def _renumber(self) -> None:
        for i, row in enumerate(self.rows, 1):
            row.label.setText(f"第 {i} 次")
        self.none.setVisible(not self.rows)

    def corrections(self) -> tuple[Correction, ...]:
        return tuple(r.correction() for r in self.rows)

    def problems(self) -> list[str]:
        """The order of the 补正 as Chinese sentences (report.ledger.problems checks each on its own): one at a
        time, each told after the previous one came back."""
        out: list[str] = []
        items = self.corrections()
        for n, (before, after) in enumerate(zip(items, items[1:], strict=False), 2):
            if before.received is None:
                out.append(f"第 {n - 1} 次补正尚未收到，不能再有第 {n} 次补正")
            elif after.asked < before.received:
                out.append(f"第 {n} 次补正的告知日期早于第 {n - 1} 次补正的收到日期")
        for n, c in enumerate(items, 1):
            for name, day in (("告知日期", c.asked), ("收到日期", c.received)):
                if day is not None and day > self.today:
                    out.append(f"第 {n} 次补正的{name} {day.isoformat()} 晚于今天")
        return out
