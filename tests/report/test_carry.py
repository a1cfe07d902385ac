"""The carry rules read directly: what a new year starts with, and the same reading in the cross-year check."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from report import carry
from report.checks import check
from report.formats import FORMATS
from report.model import Report

from ..strategies import valid_reports

F2019, F2021 = FORMATS["2019"], FORMATS["2021"]


def _rule(fmt, target: str):
    [rule] = [r for r in fmt.carry_rules if r.target == target]
    return rule


def test_a_2019_format_year_carries_open_applications_and_item_counts():
    last = Report("甲局", 2019, "2019", cells={
        "s3.carried_out:natural": 3, "s3.carried_out:legal": 1,
        "s2.license:prev_count": 10, "s2.license:change": -2,
        "s2.penalty:change": 4,  # no prev_count: 0 + 4
    })
    cells, notes = carry.carried_cells(last, F2019)
    assert cells == {"s3.carried_in:natural": 3, "s3.carried_in:legal": 1,
                     "s2.license:prev_count": 8, "s2.penalty:prev_count": 4}
    assert notes == []


def test_zeros_are_not_carried():
    last = Report("甲局", 2019, "2019", cells={"s2.license:prev_count": 5, "s2.license:change": -5,
                                              "s3.carried_out:natural": 0})
    assert carry.carried_cells(last, F2019) == ({}, [])


def test_an_empty_report_carries_nothing():
    assert carry.carried_cells(Report("甲局", 2021, "2021"), F2021) == ({}, [])


def test_a_count_that_would_be_negative_is_a_note_not_a_cell():
    last = Report("甲局", 2019, "2019", cells={"s2.license:change": -4, "s3.carried_out:natural": 2})
    cells, notes = carry.carried_cells(last, F2019)
    assert cells == {"s3.carried_in:natural": 2}
    [note] = notes
    assert "行政许可" in note and "-4" in note and "未结转" in note


def test_across_the_change_of_format_only_rules_that_can_be_read_apply():
    """2020 (2019 format) → 2021: 上年结转 still follows 结转下年度; 现行有效件数 has no 2019 counterpart."""
    in_force = _rule(F2021, "s2.rules:in_force")
    assert not carry.applies(in_force, F2021, F2019)
    assert carry.applies(in_force, F2021, F2021)
    assert carry.applies(_rule(F2021, "s3.carried_in:natural"), F2021, F2019)
    last = Report("甲局", 2020, "2019", cells={"s3.carried_out:research": 6, "s2.license:prev_count": 9})
    assert carry.carried_cells(last, F2021) == ({"s3.carried_in:research": 6}, [])


def test_rules_in_force_follow_last_year_and_this_years_issued_and_repealed():
    rule = _rule(F2021, "s2.rules:in_force")
    last = Report("甲局", 2021, "2021", cells={"s2.rules:in_force": 12})
    now = Report("甲局", 2022, "2021", cells={"s2.rules:issued": 3, "s2.rules:repealed": 5})
    assert carry.expected(rule, F2021, last, None) == 12  # a new year: nothing issued or repealed yet
    assert carry.expected(rule, F2021, last, now) == 10
    assert carry.carried_cells(last, F2021) == ({"s2.rules:in_force": 12}, [])


def test_the_check_reads_the_rule_as_the_new_year_does():
    last = Report("甲局", 2021, "2021", cells={"s2.rules:in_force": 12, "s3.carried_out:natural": 2})
    now = Report("甲局", 2022, "2021", cells={"s2.rules:in_force": 10, "s2.rules:issued": 3,
                                              "s2.rules:repealed": 5, "s3.carried_in:natural": 1})
    findings = {f.rule: f for f in check(now, last) if f.rule.startswith("cross.")}
    assert set(findings) == {"cross.s3.carried_in"}  # 12 + 3 − 5 = 10 holds
    assert findings["cross.s3.carried_in"].cells == ("s3.carried_in:natural",)
    assert "应为上年「" in findings["cross.s3.carried_in"].message and "= 2" in findings["cross.s3.carried_in"].message


@settings(max_examples=40, deadline=None)
@given(valid_reports(few=True), st.data())
def test_a_year_started_from_the_last_one_agrees_with_it(last, data):
    """Whatever last year's report, the figures carried into the next year pass the cross-year check."""
    fmt = FORMATS[data.draw(st.sampled_from(sorted(FORMATS)))]
    if fmt.id == "2019" and last.format_id == "2021":
        return  # the program never goes back to the older format
    last = dataclasses.replace(last, year=max(last.year, 2020 if fmt.id == "2019" else 2021) - 1)
    cells, notes = carry.carried_cells(last, fmt)
    new = Report(last.agency, last.year + 1, fmt.id, cells=cells)
    refused = {n.split("按上年数据")[0] for n in notes}
    complaints = [f for f in check(new, last)
                  if f.rule.startswith("cross.s") and fmt.cells[f.cells[0]].label not in refused]
    assert complaints == []
    assert all(value for value in cells.values())  # zeros are not stored
