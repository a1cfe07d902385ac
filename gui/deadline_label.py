"""The status bar's statutory deadline: days left to publish the open report, a warning look once it has passed.

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
            self.setText(f"已定稿 · {report.year}年度报告法定公布期限为"
                         f"{state.due.year}年{state.due.month}月{state.due.day}日")
            style = ""
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
