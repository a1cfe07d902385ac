"""Answer deadlines of the application ledger over the working-day calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from report.ledger import Application, Correction
from report.ledger_deadlines import State, deadline, due_date, open_deadlines
from report.workdays import Calendar, CalendarError, parse, show

D = dt.date
CAL = Calendar()


def app(number="A1", received=dt.date(2025, 1, 20), **kw):
    return Application(number, received, "natural", **kw)


def test_twenty_working_days_across_the_spring_festival():
    # 2025: 1月28日–2月4日 off, 1月26日 (Sunday) and 2月8日 (Saturday) worked
    assert not CAL.is_workday(D(2025, 1, 29)) and CAL.is_workday(D(2025, 1, 26)) and CAL.is_workday(D(2025, 2, 8))
    assert due_date(app(), CAL) == D(2025, 2, 21)
    # Monday to Friday alone would have said 2月17日
    assert due_date(app(received=D(2030, 1, 21)), CAL) == D(2030, 2, 18)


def test_national_day_with_its_make_up_weekend_days():
    assert due_date(app(received=D(2024, 9, 27)), CAL) == D(2024, 10, 30)


def test_an_extension_adds_twenty_working_days():
    assert due_date(app(extended=True), CAL) == CAL.add_workdays(D(2025, 2, 21), 20) == D(2025, 3, 21)


def test_a_correction_restarts_the_period_and_while_outstanding_there_is_none():
    waiting = app(corrections=(Correction(D(2025, 1, 22)),))
    assert due_date(waiting, CAL) is None
    assert deadline(waiting, D(2025, 3, 1), CAL).state is State.WAITING
    completed = app(corrections=(Correction(D(2025, 1, 22), D(2025, 2, 10)),))
    assert due_date(completed, CAL) == CAL.add_workdays(D(2025, 2, 10), 20) == D(2025, 3, 10)


def test_due_soon_and_overdue_are_listed_most_urgent_first():
    ledger = [
        app("late", D(2025, 3, 3)),  # due 2025-03-31
        app("soon", D(2025, 3, 20)),  # due 2025-04-18 (清明 4月4日 off)
        app("calm", D(2025, 4, 14)),
        app("done", D(2025, 3, 1), answered=D(2025, 3, 10), result="s3.granted"),
        app("wait", D(2025, 3, 1), corrections=(Correction(D(2025, 3, 3)),)),
    ]
    listed = open_deadlines(ledger, D(2025, 4, 14), CAL)
    assert [(d.application.number, d.state) for d in listed] == [
        ("late", State.OVERDUE), ("soon", State.DUE_SOON), ("calm", State.OPEN), ("wait", State.WAITING)
    ]
    assert listed[0].workdays_left == -9 and "已超期 9 个工作日" in listed[0].text
    assert listed[1].due == D(2025, 4, 18) and "还有 4 个工作日" in listed[1].text


def test_a_clerk_enters_a_new_years_arrangement():
    text = "# 2030 元旦\n2030-01-01 休\n2030年1月5日 班\n\n"
    days = parse(text)
    cal = Calendar(days)
    assert cal.knows(2030) and not Calendar().knows(2030) and Calendar().knows(2024)
    assert not cal.is_workday(D(2030, 1, 1)) and cal.is_workday(D(2030, 1, 5))
    assert parse(show(days)) == days


@pytest.mark.parametrize("line", ["2030-01-01", "2030-02-30 休", "明天 休"])
def test_an_unreadable_arrangement_names_its_line(line):
    with pytest.raises(CalendarError, match="第 2 行"):
        parse("2030-01-01 休\n" + line)
