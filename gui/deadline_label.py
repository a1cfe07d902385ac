"""The status bar's statutory deadline: days left to publish the report being written, a warning look once it has
passed; for a report 定稿, dated, or of a year long past, only the date (report.deadline.counts_down).

"Today" comes from the window (a callable), so that tests and a clerk's wrong clock do not meet here.
"""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QLabel, QWidget

from report import deadline
from report.model import Report

WARNING_STYLE = "QLabel { color: #a40000; font-weight: bold; }"
NEAR_STYLE = "QLabel { color: #8a5a00; }"
NEAR_DAYS = 14  # two weeks before the deadline the text turns amber


class DeadlineLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadlineLabel")
        self.setContentsMargins(0, 0, 16, 0)  # apart from the 已保存 beside it
        self.state: deadline.Status | None = None

    def show_for(self, report: Report | None, today: datetime.date, final: bool) -> None:
        """The deadline of `report` as seen on `today`; a report already 定稿 is only told its date, calmly."""
        if report is None:
            self.state = None
            self.clear()
            self.setToolTip("")
            return
        scope = deadline.scope_for(report.agency)
        state = self.state = deadline.status(report.year, today, scope)
        kind = deadline.SCOPE_NAMES[scope]
        tip = (f"按《政府信息公开条例》，{kind}的 {report.year} 年度报告应于 {state.due:%Y-%m-%d} 前公布"
               f"（按机关名称判断为{kind}年报）。")
        if final:
            self.setText(f"已定稿 · {state.fact}")
            style = ""
        elif not deadline.counts_down(report.year, today, dated=report.date is not None):
            # Dated, or a report on a year long past: the deadline is a fact, not a countdown (the report's own
            # 成文日期 against it is a finding, deadline.late).
            self.setText(state.fact)
            style = ""
            tip += "\n本报告已有成文日期或属于以往年度，不再倒计时。"
        else:
            self.setText(state.message)
            if state.passed:
                style = WARNING_STYLE
                tip += "\n期限已过而报告尚未定稿，请尽快完成并公布。"
            elif state.days_left <= NEAR_DAYS:
                style = NEAR_STYLE
            else:
                style = ""
        if self.styleSheet() != style:
            self.setStyleSheet(style)
        self.setToolTip(tip)

    @property
    def warning(self) -> bool:
        """True when the text is shown as a warning (the deadline passed on a report not yet 定稿)."""
        return self.styleSheet() == WARNING_STYLE
