"""Table 三 derived from the application ledger by dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from report.calc import with_totals
from report.checks import check
from report.formats import get_format
from report.ledger import Application, Correction, derive, problems, shape
from report.model import Report

D = dt.date


def app(number, received, answered=None, result=None, who="natural", **kw):
    return Application(number, received, who, answered=answered, result=result, **kw)


def test_shape_comes_from_the_format():
    sh = shape(get_format("2021"))
    assert [c for c, _ in sh.applicant_columns] == ["natural", "commercial", "research", "nonprofit", "legal", "other_org"]
    ids = [r.id for r in sh.result_rows]
    assert ids[0] == "s3.granted" and "s3.other.no_fee" in ids and "s3.total" not in ids
    assert len(ids) == 21
    assert [r.id for r in shape(get_format("2019")).result_rows][-1] == "s3.other"


def test_carry_over_across_the_year_boundary():
    ledger = [
        # received 2022, answered 2023: carried out of 2022 and into 2023, a result of 2023
        app("A1", D(2022, 12, 20), D(2023, 1, 10), "s3.granted"),
        # received and answered on the last day of 2022: not carried
        app("A2", D(2022, 12, 31), D(2022, 12, 31), "s3.partial", who="commercial"),
        # received 2022, still open at the end of 2023
        app("A3", D(2022, 11, 1), who="legal"),
        # received 2023, open on 31 December 2023, answered 2024
        app("A4", D(2023, 12, 31), D(2024, 1, 2), "s3.unavailable.not_held"),
        # answered before 2023: no part of 2023
        app("A5", D(2021, 5, 1), D(2022, 2, 1), "s3.granted"),
        # received after 2023: no part of 2023
        app("A6", D(2024, 1, 1)),
    ]
    y2022 = derive(ledger, 2022).cells
    assert y2022["s3.new:natural"] == 1 and y2022["s3.new:commercial"] == 1 and y2022["s3.new:legal"] == 1
    assert y2022["s3.carried_in:natural"] == 1  # A5
    assert y2022["s3.carried_out:natural"] == 1 and y2022["s3.carried_out:legal"] == 1
    assert y2022["s3.partial:commercial"] == 1 and y2022["s3.granted:natural"] == 1

    y2023 = derive(ledger, 2023).cells
    assert y2023["s3.new:natural"] == 1  # A4
    assert y2023["s3.carried_in:natural"] == 1 and y2023["s3.carried_in:legal"] == 1  # A1, A3
    assert y2023["s3.carried_in:commercial"] == 0
    assert y2023["s3.granted:natural"] == 1  # A1
    assert y2023["s3.carried_out:natural"] == 1 and y2023["s3.carried_out:legal"] == 1  # A4, A3
    # last year's 结转下年度 is this year's 上年结转, column by column
    for col, _ in shape(get_format("2021")).applicant_columns:
        assert y2022[f"s3.carried_out:{col}"] == y2023[f"s3.carried_in:{col}"]


def test_results_by_category_and_the_balance_holds():
    ledger = [
        app("B1", D(2023, 2, 1), D(2023, 2, 20), "s3.withheld.state_secret", who="research"),
        app("B2", D(2023, 3, 1), D(2023, 3, 15), "s3.withheld.state_secret", who="research"),
        app("B3", D(2023, 3, 1), D(2023, 4, 15), "s3.declined.repeated", who="nonprofit"),
        app("B4", D(2023, 5, 1), D(2023, 5, 9), "s3.other.no_fee", who="other_org"),
        app("B5", D(2022, 9, 1), D(2023, 1, 3), "s3.granted"),
        app("B6", D(2023, 12, 1)),
    ]
    derived = derive(ledger, 2023)
    report = with_totals(Report("某局", 2023, "2021", cells=derived.cells))
    assert report.value("s3.withheld.state_secret:research") == 2
    assert report.value("s3.declined.repeated:nonprofit") == 1
    assert report.value("s3.other.no_fee:other_org") == 1
    assert report.value("s3.total:total") == 5
    assert report.value("s3.new:total") == 5 and report.value("s3.carried_in:total") == 1
    assert report.value("s3.carried_out:total") == 1
    assert not [f for f in check(report) if "s3.balance" in f.rule]
    # the year's applications as the command line sums them up: in + carried in = answered + carried out
    assert derived.flow() == (5, 1, 5, 1)
    assert derived.flow().answered == report.value("s3.total:total")


def test_a_finer_result_of_2021_counts_in_2019s_single_row():
    derived = derive([app("C1", D(2020, 3, 1), D(2020, 3, 5), "s3.other.no_correction")], 2020)
    assert derived.cells["s3.other:natural"] == 1 and not derived.skipped


def test_unusable_records_are_left_out_and_named():
    ledger = [
        app("D1", D(2023, 3, 1), D(2023, 2, 1), "s3.granted"),  # answered before received
        app("D2", D(2023, 3, 1), D(2023, 3, 9)),  # answered without a result
        app("D3", D(2023, 3, 1), who="alien"),
        app("D4", D(2023, 3, 1), D(2023, 3, 9), "s3.granted"),
    ]
    derived = derive(ledger, 2023)
    assert [n for n, _ in derived.skipped] == ["D1", "D2", "D3"]
    assert "早于收到日期" in derived.skipped[0][1] and "办理结果" in derived.skipped[1][1]
    assert derived.notes()[0] == f"注意：数据库中台账的申请「D1」未计入表三：{derived.skipped[0][1]}"
    assert derived.cells["s3.new:natural"] == 1 and derived.cells["s3.granted:natural"] == 1


def test_problems_of_corrections_and_fees():
    bad = app("E1", D(2023, 3, 1), corrections=(Correction(D(2023, 3, 5), D(2023, 3, 4)),), fee=Decimal(-1))
    found = problems(bad)
    assert any("补正收到日期" in p for p in found) and any("信息处理费" in p for p in found)
    assert problems(app("E2", D(2023, 3, 1), D(2023, 3, 2), "s3.granted")) == []


def test_fees_of_the_year():
    ledger = [
        app("F1", D(2023, 3, 1), D(2023, 3, 9), "s3.granted", fee=Decimal("100")),
        app("F2", D(2023, 3, 1), D(2024, 1, 9), "s3.granted", fee=Decimal("50")),
    ]
    derived = derive(ledger, 2023)
    assert (derived.fee_count, derived.fee_total) == (1, Decimal("100"))
    assert derived.notes() == ["本年度收取信息处理费 1 件，共 100 元（请写入第六部分）"]
    assert str(derived.flow()) == "本年新收 2 件，上年结转 0 件，本年办结 1 件，结转下年度 1 件"
    assert derive(ledger[1:], 2023).notes() == []  # F2 was answered, and its fee charged, in 2024
