"""Every rule: the seed passes, a failing example names exactly the cells at fault, random valid reports pass."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from report.checks import ERROR, WARNING, Finding, check, has_errors
from report.formats import FORMATS
from report.model import Report

from ..strategies import valid_reports


def _cid(key: str) -> str:
    """s3__withheld__state_secret__natural -> s3.withheld.state_secret:natural"""
    row, _, column = key.replace("__", ".").rpartition(".")
    return f"{row}:{column}"


def _report(format_id="2019", year=None, **cells) -> Report:
    year = year or (2020 if format_id == "2019" else 2021)
    return Report("测试局", year, format_id, cells={_cid(k): v for k, v in cells.items()})


def _with(report: Report, **cells) -> Report:
    return dataclasses.replace(report, cells={**report.cells, **{_cid(k): v for k, v in cells.items()}})


def _only(findings, rule):
    hits = [f for f in findings if f.rule == rule]
    assert hits, f"no finding for {rule}: {findings}"
    return hits


def test_seed_is_clean(seed):
    assert check(seed) == []


def test_empty_reports_are_clean():
    for fmt in FORMATS.values():
        assert check(Report("某局", fmt.first_year, fmt.id)) == []


def test_count_must_be_whole_and_not_negative():
    findings = check(_report(s2__rules__made=-3))
    (f,) = _only(findings, "value.count")
    assert (f.level, f.cells) == (ERROR, ("s2.rules:made",))
    assert "规章·本年新制作数量" in f.message and "-3" in f.message


def test_signed_count_may_be_negative_but_not_huge():
    assert check(_report(s2__license__change=-5, s2__license__prev_count=5)) == []
    (f,) = _only(check(_report(s2__license__change=-(10**20))), "value.signed")
    assert f.cells == ("s2.license:change",)


def test_amount_at_most_six_places_and_not_negative():
    (f,) = _only(check(_report(s2__procurement__amount=Decimal("1.1234567"))), "value.amount")
    assert f.cells == ("s2.procurement:amount",) and "7 位" in f.message
    (f,) = _only(check(_report("2021", s2__fees__amount=Decimal("-0.5"))), "value.amount")
    assert f.cells == ("s2.fees:amount",)
    assert check(_report("2021", s2__fees__amount=Decimal("1234.567891"))) == []


def test_more_places_than_the_2019_header_asks_is_a_warning():
    findings = check(_report(s2__procurement__amount=Decimal("16.89512")))
    (f,) = _only(findings, "value.places")
    assert (f.level, f.cells) == (WARNING, ("s2.procurement:amount",))
    assert not has_errors(findings)


def test_given_total_that_disagrees_with_its_sum():
    findings = check(_report(s4__review__upheld=2, s4__review__total=3))
    (f,) = _only(findings, "computed.sum")
    assert f.cells[0] == "s4.review:total"
    assert set(f.cells[1:]) == {"s4.review:upheld", "s4.review:corrected", "s4.review:other", "s4.review:pending"}
    assert "应为各项之和 2" in f.message and "现为 3" in f.message
    assert f.level == ERROR and f.is_error and has_errors(findings)


def test_corner_total_is_held_to_its_row_and_to_its_column():
    # As published: （七）总计 is 9 in the 自然人 column although its rows add up to 8; the 总计 column's
    # （七）总计 follows the wrong 9 along its row, and so disagrees with its own column.
    report = _report(s3__new__natural=8, s3__new__total=8, s3__granted__natural=8, s3__granted__total=8,
                     s3__total__natural=9, s3__total__total=9)
    sums = _only(check(report), "computed.sum")
    assert [f.cells[0] for f in sums] == ["s3.total:natural", "s3.total:total"]
    corner = sums[1]
    assert "s3.granted:total" in corner.cells and "s3.total:natural" not in corner.cells
    assert "应为本列各项之和 8" in corner.message and "现为 9" in corner.message
    # The corner alone wrong: named along both of its sums.
    row, column = _only(check(_with(report, s3__total__natural=8, s3__total__total=7)), "computed.sum")
    assert row.cells[0] == column.cells[0] == "s3.total:total"
    assert "s3.total:natural" in row.cells and "应为本行各项之和 8" in row.message
    assert "s3.granted:total" in column.cells and "应为本列各项之和 8" in column.message


def test_given_total_that_agrees_is_fine():
    assert check(_report(s4__review__upheld=2, s4__review__total=2)) == []


def test_balance_rule_message_states_both_sides():
    report = _report(
        s3__new__natural=5, s3__granted__natural=3, s3__carried_out__natural=1
    )
    findings = _only(check(report), "s3.balance")
    assert [f.cells for f in findings] == [
        ("s3.new:natural", "s3.carried_in:natural", "s3.total:natural", "s3.carried_out:natural"),
        ("s3.new:total", "s3.carried_in:total", "s3.total:total", "s3.carried_out:total"),
    ]
    assert findings[0].message == (
        "「三、收到和处理政府信息公开申请情况」自然人列：第一项加第二项之和为 5，第三项加第四项之和为 4，相差 1"
    )


def test_format_contradicting_year_is_a_warning():
    (f,) = check(_report("2021", year=2020))
    assert (f.level, f.rule, f.cells) == (WARNING, "format.year", ())
    assert not f.is_error and not has_errors([f])
    assert "2019年版" in f.message


def test_carried_in_against_last_years_carried_out():
    last = _report(year=2019, s3__new__legal=4, s3__granted__legal=2, s3__carried_out__legal=2)
    this = _report(s3__carried_in__legal=1, s3__granted__legal=1)
    (f,) = check(this, last)
    assert (f.level, f.rule, f.cells) == (WARNING, "cross.s3.carried_in", ("s3.carried_in:legal",))
    assert "为 1" in f.message and "= 2" in f.message


def test_prev_count_follows_last_year_2019():
    last = _report(year=2019, s2__penalty__prev_count=10, s2__penalty__change=-3)
    assert check(_report(s2__penalty__prev_count=7), last) == []
    (f,) = check(_report(s2__penalty__prev_count=10), last)
    assert (f.rule, f.cells) == ("cross.s2.prev_count", ("s2.penalty:prev_count",))
    assert "（-3）" in f.message


def test_in_force_follows_last_year_2021():
    last = _report("2021", s2__normative__in_force=20)
    this = _report("2021", year=2022, s2__normative__issued=5, s2__normative__repealed=2, s2__normative__in_force=23)
    assert check(this, last) == []
    (f,) = check(_with(this, s2__normative__in_force=20), last)
    assert (f.rule, f.cells) == ("cross.s2.in_force", ("s2.normative:in_force",))
    assert "= 23" in f.message


def test_across_the_change_of_format_only_s3_is_compared():
    last = _report(year=2020, s2__rules__made=9, s2__license__prev_count=4,
                   s3__new__natural=1, s3__carried_out__natural=1)
    this = _report("2021", s2__rules__in_force=0)
    findings = check(this, last)
    assert [(f.rule, f.cells) for f in findings] == [("cross.s3.carried_in", ("s3.carried_in:natural",))]


def test_previous_report_of_the_wrong_year_or_agency():
    last = dataclasses.replace(_report(year=2018), agency="别的局")
    rules = {f.rule for f in check(_report(), last)}
    assert {"cross.year", "cross.agency"} <= rules


def test_errors_come_before_warnings():
    findings = check(_report(s2__procurement__amount=Decimal("1.12345"), s2__rules__made=-1))
    assert [f.level for f in findings] == [ERROR, WARNING]


@given(valid_reports())
def test_random_valid_reports_pass(report):
    assert check(report) == []


S3_COLUMNS = ("natural", "commercial", "research", "nonprofit", "legal", "other_org")


@given(st.data())
def test_one_more_in_a_leaf_of_table_three_breaks_exactly_its_column_and_the_total(data):
    report = data.draw(valid_reports())
    fmt = report.format
    leaves = [cid for cid in fmt.input_cells if cid.startswith("s3.")]
    target = data.draw(st.sampled_from(leaves))
    broken = _with(report, **{target.replace(":", "__"): report.cells[target] + 1})
    findings = check(broken)
    assert {f.rule for f in findings} == {"s3.balance"}
    column = target.split(":")[1]
    broken_columns = {f.cells[0].split(":")[1] for f in findings}
    assert broken_columns == {column, "total"}


def test_finding_as_json_dict():
    (f,) = _only(check(_report(s2__rules__made=-1)), "value.count")
    assert f.to_dict() == {"level": "error", "rule": "value.count", "cells": ["s2.rules:made"], "message": f.message}


def test_a_finding_says_where_it_points():
    fmt = FORMATS["2021"]
    many = tuple(c for c in fmt.cells if c.startswith("s3."))[:10]
    assert Finding(ERROR, "r", many, "m").where(fmt) == f"（单元格：{'、'.join(many[:8])}……）"
    assert (Finding(WARNING, "r", ("s4.review:total", "s5"), "m").where(fmt)
            == "（单元格：s4.review:total；节：五、存在的主要问题及改进情况）")
    # The preamble is no section of the format, yet a clerk knows it as 导语, never by its id.
    assert Finding(WARNING, "r", ("preamble", "s1"), "m").where(fmt) == "（节：导语、一、总体情况）"
    assert Finding(WARNING, "r", (), "m").where(fmt) == ""
