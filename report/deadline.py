"""The statutory publication deadline of an annual report, and how far a given day is from it.

条例 (2019 revision) 第四十九、五十条: a department submits and publishes its report on year Y by 31 January of
Y+1; the open-government office of a local government publishes the report of that whole level of government
by 31 March. Under the 2008 条例 (reports on 2018 and before) every agency had until 31 March.
Pure functions of their arguments: the caller says what "today" is.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from .checks import WARNING, Finding
from .model import Report

REVISED_FROM_YEAR = 2019  # the revised 条例 took effect on 2019-05-15: reports on 2019 onward


class Scope(enum.Enum):
    DEPARTMENT = "department"  # 县级以上人民政府部门 and other single agencies
    GOVERNMENT = "government"  # 本级政府 as a whole (the report a government's office compiles)


SCOPE_NAMES = {Scope.DEPARTMENT: "部门", Scope.GOVERNMENT: "本级政府"}


def scope_for(agency: str) -> Scope:
    """A guess from the agency's name: 「××区人民政府」 reports for the level of government, 「××区人民政府办公室」
    or 「××局」 for a department. Callers that know better pass the scope explicitly."""
    return Scope.GOVERNMENT if agency.strip().endswith("人民政府") else Scope.DEPARTMENT


def due_date(year: int, scope: Scope = Scope.DEPARTMENT) -> datetime.date:
    """The last day on which the report on `year` may be published."""
    if year < REVISED_FROM_YEAR or scope is Scope.GOVERNMENT:
        return datetime.date(year + 1, 3, 31)
    return datetime.date(year + 1, 1, 31)


def _show(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Status:
    """Where `today` stands against the deadline of the report on `year`."""

    year: int
    scope: Scope
    due: datetime.date
    today: datetime.date

    @property
    def days_left(self) -> int:
        """Days from today to the deadline: 0 on the day itself, negative once it has passed."""
        return (self.due - self.today).days

    @property
    def passed(self) -> bool:
        return self.days_left < 0

    @property
    def fact(self) -> str:
        """The deadline alone, for a report that is not being written any more."""
        return f"{self.year}年度报告法定公布期限为{_show(self.due)}"

    @property
    def message(self) -> str:
        """One line for the status bar."""
        due = f"{self.year}年度报告法定公布期限为{_show(self.due)}"
        if self.days_left > 0:
            return f"{due}，还有 {self.days_left} 天"
        if self.days_left == 0:
            return f"{due}，今天是最后一天"
        return f"{due}，已超过 {-self.days_left} 天"


def due_year(today: datetime.date | None = None) -> int:
    """The year whose report is due next, as of `today` (the computer's date unless told): last year's until the
    end of March (deadlines 31 Jan / 31 Mar)."""
    today = today or datetime.date.today()
    return today.year - 1 if today.month <= 3 else today.year


def counts_down(year: int, today: datetime.date, dated: bool = False, final: bool = False) -> bool:
    """Whether the report on `year` is still being written, so that its deadline is counted down (and a passed
    one is an alarm): not 定稿, not yet dated (成文日期 is the last thing filled in; a published report has one),
    and of the round now due or the one before it (a report still being finished a little late). A report on
    an earlier year is a record (imported, or filled in afterwards): its deadline is a fact, not a countdown."""
    return not final and not dated and year >= due_year(today) - 1


def status(year: int, today: datetime.date, scope: Scope = Scope.DEPARTMENT) -> Status:
    return Status(year, scope, due_date(year, scope), today)


def late_finding(report: Report, scope: Scope | None = None) -> Finding | None:
    """A warning when the report's own 成文日期 falls after its deadline (a fact of the report, not of today)."""
    if report.date is None:
        return None
    scope = scope or scope_for(report.agency)
    due = due_date(report.year, scope)
    if report.date <= due:
        return None
    days = (report.date - due).days
    return Finding(
        WARNING,
        "deadline.late",
        (),
        f"成文日期{_show(report.date)}晚于法定公布期限{_show(due)}（{SCOPE_NAMES[scope]}年报）{days} 天",
    )


def early_finding(report: Report) -> Finding | None:
    """A warning when the 成文日期 lies before December of the report's own year: a report on a year is written
    when the year ends, so such a date is usually last year's, kept when the report was started from it."""
    if report.date is None or report.date >= datetime.date(report.year, 12, 1):
        return None
    return Finding(
        WARNING,
        "deadline.early",
        (),
        f"成文日期{_show(report.date)}早于 {report.year} 年度结束，年度报告应在年度结束后成文；"
        "请核对是否沿用了以前报告的日期",
    )


def overdue_finding(report: Report, today: datetime.date, scope: Scope | None = None) -> Finding | None:
    """A warning for a report still being written after its deadline (for the window; the caller knows today)."""
    if report.date is not None:
        return late_finding(report, scope)
    state = status(report.year, today, scope or scope_for(report.agency))
    if not state.passed:
        return None
    return Finding(WARNING, "deadline.overdue", (), state.message)
