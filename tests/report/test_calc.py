"""Totals worked out from input cells, and the given totals that disagree with them."""

from __future__ import annotations

from report.calc import computed_values, with_totals, wrong_totals
from report.model import Report


def test_a_report_with_true_totals_has_no_wrong_ones(seed):
    assert wrong_totals(with_totals(seed)) == {}
    assert wrong_totals(Report("甲局", 2021, "2021", cells={"s3.new:natural": 2})) == {}  # totals not given


def test_a_wrong_total_is_named_with_the_given_figure_and_the_true_sum():
    report = Report("甲局", 2021, "2021", cells={"s3.new:natural": 2, "s3.new:legal": 3, "s3.new:total": 9})
    assert wrong_totals(report) == {"s3.new:total": (9, 5)}


def test_a_total_that_adds_up_its_wrong_subtotals_is_wrong_too():
    """The true sum comes from the input cells alone: a corner total that matches a wrong column total is off too."""
    report = Report("甲局", 2021, "2021", cells={"s3.granted:natural": 1, "s3.total:natural": 4, "s3.total:total": 4})
    assert wrong_totals(report) == {"s3.total:natural": (4, 1), "s3.total:total": (4, 1)}
    assert computed_values(report.format, {"s3.granted:natural": 1})["s3.total:total"] == 1
