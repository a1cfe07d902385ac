"""The figures a 审查单 and a 图解 show, read from a report by walking its format."""

from __future__ import annotations

from decimal import Decimal

import pytest

from report import figures
from report.formats import FORMATS
from report.model import Report


def test_short_labels_drop_numbering_and_notes_and_keep_a_unit():
    assert figures.short_label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）").text == "部分公开"
    assert figures.short_label("一、本年新收政府信息公开申请数量").text == "本年新收政府信息公开申请数量"
    assert figures.short_label("3.其他").text == "其他"
    amount = figures.short_label("采购总金额（单位：万元，保留4位小数）")
    assert (amount.text, amount.unit) == ("采购总金额", "万元")
    assert figures.short_label("（六）其他处理").text == "其他处理"


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_results_add_up_to_the_total_and_applicants_to_the_new_row(format_id):
    fmt = FORMATS[format_id]
    year = fmt.first_year
    a = fmt.applications
    block = fmt.block_of_row(a.new)
    columns = [c for c in block.leaf_columns() if not c.total]
    cells = {}
    # Every result row gets a distinct figure in every applicant column.
    result_rows = [cid.split(":")[0] for cid in fmt.computed[f"{a.results_total}:{columns[0].id}"]]
    for n, row in enumerate(result_rows, 1):
        for m, c in enumerate(columns, 1):
            cells[f"{row}:{c.id}"] = n * m
    for m, c in enumerate(columns, 1):
        cells[f"{a.new}:{c.id}"] = 10 * m
    report = Report("某局", year, format_id, cells=cells)

    results = figures.applications_by_result(report)
    total = sum(f.value for f in results)
    assert total == sum(cells[f"{r}:{c.id}"] for r in result_rows for c in columns)
    assert len(results) == 6  # （一）…（六）: rows and groups of rows, the total left out
    assert [f.label for f in results][:3] == ["予以公开", "部分公开", "不予公开"]
    withheld = results[2]
    assert len(withheld.cells) == 8 and all(":total" in c for c in withheld.cells)

    applicants = figures.applications_by_applicant(report)
    assert [f.value for f in applicants] == [10 * m for m in range(1, len(columns) + 1)]
    assert applicants[0].label == "自然人"

    totals = {f.label: f.value for f in figures.application_totals(report)}
    assert totals["本年度办理结果"] == total
    assert totals["本年新收政府信息公开申请数量"] == sum(10 * m for m in range(1, len(columns) + 1))


def test_published_rows_carry_units_and_review_rows_name_their_group(seed):
    rows = figures.published_figures(seed)
    procurement = next(r for r in rows if r.label == "政府集中采购")
    amount = next(f for f in procurement.figures if f.label == "采购总金额")
    assert amount.value == Decimal("16.895") and amount.shown == "16.895万元"
    assert procurement.title == "第二十条第（九）项"
    review = [r.label for r in figures.review_rows(seed)]
    assert review == ["行政复议", "行政诉讼·未经复议直接起诉", "行政诉讼·复议后起诉"]


def test_year_series_keeps_the_last_five_years_each_read_in_its_own_format():
    reports = []
    for year in range(2017, 2024):
        fmt = "2019" if year < 2021 else "2021"
        reports.append(Report("某局", year, fmt, cells={"s3.new:natural": year - 2000, "s4.review:upheld": 1}))
    series = figures.year_series(reports)
    assert [p.year for p in series] == [2019, 2020, 2021, 2022, 2023]
    assert [p.new for p in series] == [19, 20, 21, 22, 23]
    assert all(p.review == 1 for p in series)
