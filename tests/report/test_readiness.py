"""What is worth saying while a report is being filled in: balances once both sides hold figures or the table is
settled, jumps from last year's figures once the cell (or, in a settled table, its row) holds one, empty sections
as a to-do; and the deadline counted down only for the report being written."""

from __future__ import annotations

import datetime

from report import deadline, readiness
from report.formats import format_for_year
from report.model import Report
from report.quality import review


def new_report(cells: dict, texts: dict | None = None) -> Report:
    r = Report(agency="某某区司法局", year=2022, format_id=format_for_year(2022).id, texts=dict(texts or {}))
    r.cells.update(cells)
    return r


def test_a_balance_waits_for_both_sides_or_a_settled_table():
    r = new_report({"s3.new:natural": 5, "s3.new:commercial": 2})
    everything = review(r)
    assert [f.cells[0] for f in everything if f.rule == "s3.balance"] == \
        ["s3.new:natural", "s3.new:commercial", "s3.new:total"]
    typing = readiness.judge(r, everything, settled=set())
    assert not any(f.rule == "s3.balance" for f in typing.findings) and typing.held_back == 3
    left = readiness.judge(r, everything, settled={"s3"})
    assert [f.cells[0] for f in left.findings if f.rule == "s3.balance"] == \
        ["s3.new:natural", "s3.new:commercial", "s3.new:total"]
    r.cells["s3.granted:natural"] = 4  # the 自然人 column (and so 总计) now has figures on both sides
    both = readiness.judge(r, review(r), settled=set())
    assert [f.cells[0] for f in both.findings if f.rule == "s3.balance"] == ["s3.new:natural", "s3.new:total"]


def test_a_jump_from_last_year_waits_for_the_cell_or_its_table():
    last = new_report({"s3.new:natural": 40, "s3.granted:natural": 40})
    last.year = 2021
    r = new_report({"s3.new:natural": 400})
    everything = review(r, last)
    jumps = [f.cells[0] for f in everything if f.rule == "quality.year_jump"]
    assert jumps == ["s3.new:natural", "s3.granted:natural"]
    shown = readiness.judge(r, everything, settled=set()).findings
    assert [f.cells[0] for f in shown if f.rule == "quality.year_jump"] == ["s3.new:natural"]  # typed: said
    shown = readiness.judge(r, everything, settled={"s3"}).findings  # the table left: the untyped row still waits
    assert [f.cells[0] for f in shown if f.rule == "quality.year_jump"] == ["s3.new:natural"]
    r.cells["s3.granted:commercial"] = 0  # the row typed, its 自然人 left blank: a deliberate 0, worth a question
    everything = review(r, last)
    shown = readiness.judge(r, everything, settled={"s3"}).findings
    assert [f.cells[0] for f in shown if f.rule == "quality.year_jump"] == jumps
    shown = readiness.judge(r, everything, settled=set()).findings  # but not while the table is being typed
    assert [f.cells[0] for f in shown if f.rule == "quality.year_jump"] == ["s3.new:natural"]


def test_empty_sections_are_a_to_do_and_a_placeholder_stays_a_warning():
    r = new_report({}, {"s1": " 。\n", "s5": "无", "s6": "本年度未收取信息处理费。"})
    judged = readiness.judge(r, review(r), settled=set())
    assert judged.to_do == ("s1",)
    assert [f.cells for f in judged.findings if f.rule == "quality.empty"] == [("s5",)]
    assert readiness.section_numbers(r.format, ("s1", "s5", "s6")) == "一、五、六"
    fresh = new_report({})
    assert readiness.judge(fresh, review(fresh), set()) == readiness.Readiness((), ("s1", "s5", "s6"), 0)


def test_started_tables_do_not_count_figures_carried_from_last_year():
    r = new_report({"s3.carried_in:natural": 3, "s2.rules:in_force": 12})
    assert readiness.started_tables(r) == set()
    r.cells["s3.new:natural"] = 1
    r.cells["s4.review:corrected"] = 0
    assert readiness.started_tables(r) == {"s3", "s4"}


def test_the_deadline_counts_down_only_for_the_report_being_written():
    today = datetime.date(2026, 12, 3)
    assert deadline.due_year(today) == 2026 and deadline.due_year(datetime.date(2027, 3, 31)) == 2026
    assert deadline.counts_down(2026, today) and deadline.counts_down(2025, today)  # finished a little late
    assert not deadline.counts_down(2022, today)  # a record of a year long past
    assert not deadline.counts_down(2026, today, dated=True) and not deadline.counts_down(2026, today, final=True)
    assert deadline.status(2022, today).fact == "2022年度报告法定公布期限为2023年1月31日"
