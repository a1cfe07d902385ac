"""Adding or changing one application of the ledger. The choices of applicant type and result come from the format
of the year the application is answered in; the record is checked (report.ledger.problems) before it is kept."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from report.ledger import Application, problems, shape_for_year

from . import window_size
from .corrections_field import CorrectionsField, date_edit
from .scroll_page import scroll_area
from .two_choices import Icon, Role, choose

TITLE = "申请"


def _date(q: QDate) -> datetime.date:
    return datetime.date(q.year(), q.month(), q.day())


class ApplicationDialog(QDialog):
    def __init__(self, app: Application | None, today: datetime.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("修改申请" if app else "新增申请")
        self.today = today
        self.original = app
        self.number = QLineEdit(app.number if app else "")
        self.received = self._date_edit(app.received if app else today)
        self.applicant_type = QComboBox()
        self.applicant = QLineEdit(app.applicant if app else "")
        self.content = QPlainTextEdit(app.content if app else "")
        self.content.setTabChangesFocus(True)
        self.content.setFixedHeight(70)
        self.corrections = CorrectionsField(app.corrections if app else (), today)
        self.extended = QCheckBox("经批准延长答复期限(&E)")
        self.extended.setChecked(bool(app and app.extended))
        self.is_answered = QCheckBox("已答复(&R)")
        self.answered = self._date_edit(app.answered if app and app.answered else today)
        self.is_answered.setChecked(bool(app and app.answered))
        self.result_box = QComboBox()
        # The longest result (不予公开 — 危及“三安全一稳定”) made the box, and the form, wider than a 1366×768 screen at
        # 200 %: the fields scrolled sideways. The list shows each result whole; the box, the start of the chosen one.
        self.result_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.result_box.setMinimumContentsLength(16)
        self.result_box.currentTextChanged.connect(self.result_box.setToolTip)
        self.fee = QLineEdit(str(app.fee) if app and app.fee else "")
        self.fee.setPlaceholderText("元，未收取留空")
        self.review = QLineEdit(app.review if app else "")
        self.suit = QLineEdit(app.suit if app else "")
        self._fill_choices(app)
        self.answered.dateChanged.connect(lambda _d: self._fill_choices(None))
        self.is_answered.toggled.connect(self._enable)
        self._enable()

        form = QFormLayout()
        form.addRow("编号(&N)", self.number)
        form.addRow("收到日期(&D)", self.received)
        form.addRow("申请人类型(&T)", self.applicant_type)
        form.addRow("申请人(&P)", self.applicant)
        form.addRow("申请内容(&C)", self.content)
        form.addRow("补正", self.corrections)
        form.addRow("延期", self.extended)
        form.addRow("答复", self._row(self.is_answered, self.answered))
        form.addRow("办理结果(&O)", self.result_box)
        form.addRow("信息处理费(&F)", self.fee)
        form.addRow("行政复议(&V)", self.review)
        form.addRow("行政诉讼(&L)", self.suit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存(&S)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll_area(form))  # the fields scroll on a small screen; 保存 and 取消 stay in view
        layout.addWidget(buttons)
        fields = form.sizeHint()  # all of them, where the screen has room
        window_size.fit_dialog(self, fields.width() + 40, fields.height() + buttons.sizeHint().height() + 40)
        self.application: Application | None = None
        self._as_opened = self._typed()

    @staticmethod
    def _date_edit(d: datetime.date) -> QDateEdit:
        return date_edit(d)

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in widgets:
            layout.addWidget(w)
        layout.addStretch(1)
        return box

    def _fill_choices(self, app: Application | None) -> None:
        """The applicant types and results of the format of the year answered (or received)."""
        day = _date(self.answered.date()) if self.is_answered.isChecked() else _date(self.received.date())
        sh = shape_for_year(day.year)
        type_now = app.applicant_type if app else self.applicant_type.currentData()
        result_now = app.result if app else self.result_box.currentData()
        self.applicant_type.clear()
        for cid, label in sh.applicant_columns:
            self.applicant_type.addItem(label, cid)
        self.result_box.clear()
        for row in sh.result_rows:
            self.result_box.addItem(sh.result_text(row.id), row.id)
        for combo, now in ((self.applicant_type, type_now), (self.result_box, result_now)):
            i = combo.findData(now) if now else -1
            if combo is self.result_box and now and i < 0 and sh.result_for(now):
                i = combo.findData(sh.result_for(now))
            combo.setCurrentIndex(max(i, 0))

    def _enable(self) -> None:
        self.answered.setEnabled(self.is_answered.isChecked())
        self.result_box.setEnabled(self.is_answered.isChecked())
        self._fill_choices(None)

    def record(self) -> tuple[Application | None, list[str]]:
        why: list[str] = []
        fee_text = self.fee.text().strip().replace("元", "")
        try:
            fee = Decimal(fee_text) if fee_text else Decimal(0)
            if not fee.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            why.append(f"信息处理费「{self.fee.text().strip()}」不是金额（以元计）")
            fee = Decimal(0)
        corrections = self.corrections.corrections()
        why += self.corrections.problems()
        answered = _date(self.answered.date()) if self.is_answered.isChecked() else None
        app = Application(
            number=self.number.text().strip(), received=_date(self.received.date()),
            applicant_type=self.applicant_type.currentData(), applicant=self.applicant.text().strip(),
            content=self.content.toPlainText().strip(), corrections=corrections, extended=self.extended.isChecked(),
            answered=answered, result=self.result_box.currentData() if answered else None, fee=fee,
            review=self.review.text().strip(), suit=self.suit.text().strip(),
        )
        for name, day in (("收到日期", app.received), ("答复日期", app.answered)):
            if day is not None and day > self.today:
                why.append(f"{name} {day.isoformat()} 晚于今天")
        return app, why + problems(app)

    def _typed(self):
        """What the fields hold, to tell whether the clerk changed anything (the fee as typed: an amount the
        record cannot read is a change too)."""
        return self.record()[0], self.fee.text().strip()

    def reject(self) -> None:
        """Esc, 取消 or the window's close: an afternoon's typing of a long application is not dropped unasked."""
        changed = self._typed() != self._as_opened
        if changed and not choose(self, Icon.Question, TITLE, "这条申请已作修改，尚未保存。\n\n是否放弃这些修改？",
                                  "放弃修改(&D)", "继续编辑", enter_first=False, first_role=Role.DestructiveRole):
            return
        super().reject()

    def accept(self) -> None:
        app, why = self.record()
        if why:
            QMessageBox.warning(self, TITLE, "无法保存：\n" + "\n".join(why))
            return
        self.application = app
        super().accept()
