"""When an open application must be answered (条例 第三十条、第三十三条), and which are due soon or overdue.

第三十三条: answer within 20 working days of receiving the application; with approval the period may be extended
once, by at most 20 working days. 第三十条: when the application had to be completed (补正), the period runs from the
day the completed application was received, so the time spent waiting for the applicant does not count; while a
补正 is outstanding there is no due date. As with every legal period the starting day itself is not counted.
Pure functions: the caller says what "today" is.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from .ledger import Application
from .workdays import Calendar

ANSWER_WORKDAYS = 20
EXTENSION_WORKDAYS = 20
SOON_WORKDAYS = 5  # an open application this close to its due date is listed as due soon


class State(enum.Enum):
    WAITING = "等待补正"  # a 补正 is outstanding: the period has not started again
    OPEN = "办理中"
    DUE_SOON = "即将到期"
    OVERDUE = "已超期"


def start_day(app: Application) -> datetime.date | None:
    """The day the answer period runs from: receipt, or receipt of the last completed application; None while a
    补正 is outstanding."""
    start = app.received
    for c in sorted(app.corrections, key=lambda c: c.asked):
        if c.received is None:
            return None
        start = max(start, c.received)
    return start


def due_date(app: Application, calendar: Calendar) -> datetime.date | None:
    """The last day for the answer; None while waiting for a 补正."""
    start = start_day(app)
    if start is None:
        return None
    days = ANSWER_WORKDAYS + (EXTENSION_WORKDAYS if app.extended else 0)
    return calendar.add_workdays(start, days)


@dataclass(frozen=True)
class Deadline:
    application: Application
    due: datetime.date | None
    state: State
    workdays_left: int | None  # working days from today to the due date; negative when overdue

    @property
    def text(self) -> str:
        """How the ledger shows it, e.g. 「2025年3月28日到期，还有 3 个工作日」."""
        if self.due is None:
            return State.WAITING.value
        day = f"{self.due.year}年{self.due.month}月{self.due.day}日"
        left = self.workdays_left or 0
        if left < 0:
            return f"{day}到期，已超期 {-left} 个工作日"
        if left == 0:
            return f"今天（{day}）到期"
        return f"{day}到期，还有 {left} 个工作日"


def deadline(app: Application, today: datetime.date, calendar: Calendar, soon: int = SOON_WORKDAYS) -> Deadline:
    due = due_date(app, calendar)
    if due is None:
        return Deadline(app, None, State.WAITING, None)
    left = calendar.workdays_between(today, due)
    if due < today:
        state = State.OVERDUE
    elif left <= soon:
        state = State.DUE_SOON
    else:
        state = State.OPEN
    return Deadline(app, due, state, left)


def open_deadlines(
    applications: list[Application], today: datetime.date, calendar: Calendar, soon: int = SOON_WORKDAYS
) -> list[Deadline]:
    """Every application open today with its deadline, the most urgent first (overdue, then by due date; those
    waiting for a 补正 last)."""
    out = [deadline(a, today, calendar, soon) for a in applications if a.is_open(today)]
    return sorted(out, key=lambda d: (d.due is None, d.due or today, d.application.number))
