"""The bounds of report/limits.py: figures outside the domain are refused at once, naming the bound; everything
inside it is checked, written by every writer and read back from the program's own exchange file."""

from __future__ import annotations

import datetime
import json
import time
from decimal import Decimal

import pytest

from export import kinds
from report import exchange, limits
from report.aggregate import AggregateError, aggregate
from report.checks import check
from report.definition import Kind
from report.formats import FORMATS
from report.model import Report

LARGEST_WHOLE = 10**limits.WHOLE_DIGITS - 1
LARGEST_AMOUNT = Decimal(LARGEST_WHOLE) + Decimal(1) - Decimal(1).scaleb(-limits.FRACTION_DIGITS)
SMALLEST_AMOUNT = Decimal(1).scaleb(-limits.FRACTION_DIGITS)


def _extreme(fmt_id: str, amount: Decimal, count: int) -> Report:
    fmt = FORMATS[fmt_id]
    cells: dict = {}
    for cid in fmt.input_cells:
        kind = fmt.cells[cid].kind
        cells[cid] = amount if kind is Kind.AMOUNT else (-count if kind is Kind.SIGNED else count)
    year = fmt.first_year
    texts = {s.id: "正" * 50 for s in fmt.prose_sections}
    return Report("机" * limits.AGENCY_CHARS, year, fmt_id, texts, cells, datetime.date(year + 1, 1, 20))


def _doc(cells: dict) -> str:
    body = {"schema": exchange.SCHEMA, "schema_version": 1, "agency": "某某区统计局", "year": 2020, "cells": {}}
    text = json.dumps(body, ensure_ascii=False)
    # raw JSON numbers, as another program might write them
    return text.replace('"cells": {}', '"cells": {' + ", ".join(f'"{k}": {v}' for k, v in cells.items()) + "}")


def test_every_total_of_figures_inside_the_domain_stays_inside_it():
    """The reader gives a computed cell TOTAL_WHOLE_DIGITS: enough for the sum of all its addends at their
    largest, however deeply the format nests its totals."""
    def leaves(fmt, cid):
        addends = fmt.computed.get(cid)
        return 1 if addends is None else sum(leaves(fmt, a) for a in addends)

    for fmt in FORMATS.values():
        widest = max(leaves(fmt, cid) for cid in fmt.computed)
        assert widest * LARGEST_WHOLE < 10**limits.TOTAL_WHOLE_DIGITS, fmt.id


@pytest.mark.parametrize("fmt_id", sorted(FORMATS))
@pytest.mark.parametrize("amount,count", [(LARGEST_AMOUNT, LARGEST_WHOLE), (SMALLEST_AMOUNT, 1)],
                         ids=["largest", "smallest"])
def test_what_the_reader_accepts_every_writer_writes_and_the_json_reads_back(tmp_path, fmt_id, amount, count):
    report = _extreme(fmt_id, amount, count)
    again = exchange.loads(exchange.dumps(report))
    assert again.cells == {**report.cells, **{c: again.cells[c] for c in report.format.computed}}
    assert exchange.dumps(again) == exchange.dumps(report)
    assert any(f.rule.startswith("value.") for f in check(again))  # outside the plausible range: an error
    for kind in kinds.KINDS:
        path = tmp_path / f"out{kind.suffix}"
        kinds.write(again, path, kind)
        assert path.stat().st_size > 1000
        if kind is kinds.EXCHANGE:
            assert exchange.dumps(exchange.read(path)) == exchange.dumps(report)


@pytest.mark.parametrize("number,bound", [
    ("1e999999999", f"整数部分最多 {limits.WHOLE_DIGITS} 位"),
    ("1e99999999999", f"整数部分最多 {limits.WHOLE_DIGITS} 位"),
    ("1e400", f"整数部分最多 {limits.WHOLE_DIGITS} 位"),
    ("1e24", f"整数部分最多 {limits.WHOLE_DIGITS} 位"),
    ('"1000000000000000000000000"', f"整数部分最多 {limits.WHOLE_DIGITS} 位"),
    ("1e-400", f"小数部分最多 {limits.FRACTION_DIGITS} 位"),
    ('"0.00000000000"', f"小数部分最多 {limits.FRACTION_DIGITS} 位"),
])
def test_an_amount_outside_the_domain_is_refused_at_once_naming_the_bound(number, bound):
    started = time.perf_counter()
    with pytest.raises(exchange.ExchangeError) as caught:
        exchange.loads(_doc({"s2.procurement:amount": number}))
    assert time.perf_counter() - started < 5  # was 18 s and 4.9 GB; generous for a loaded machine
    assert bound in caught.value.problems[0] and "s2.procurement:amount" in caught.value.problems[0]


@pytest.mark.parametrize("number", [str(10**limits.WHOLE_DIGITS), "1" + "0" * 400, "18" + "0" * 307])
def test_a_count_outside_the_domain_is_refused(number):
    with pytest.raises(exchange.ExchangeError, match=f"整数部分最多 {limits.WHOLE_DIGITS} 位"):
        exchange.loads(_doc({"s2.procurement:projects": number}))


def test_exponents_inside_the_domain_are_read_as_plain_figures():
    report = exchange.loads(_doc({"s2.procurement:amount": "1.5e3", "s2.procurement:projects": 1}))
    assert report.cells["s2.procurement:amount"] == 1500
    assert '"s2.procurement:amount": "1500"' in exchange.dumps(report)
    zero = exchange.loads(_doc({"s2.procurement:amount": "0e99"}))
    assert exchange.dumps(zero).count('"s2.procurement:amount": "0"') == 1


def test_a_given_total_may_carry_the_larger_total_bound():
    total = "9" * limits.TOTAL_WHOLE_DIGITS
    report = exchange.loads(_doc({"s3.new:total": total}))
    assert report.cells["s3.new:total"] == int(total)
    with pytest.raises(exchange.ExchangeError, match=f"整数部分最多 {limits.TOTAL_WHOLE_DIGITS} 位"):
        exchange.loads(_doc({"s3.new:total": total + "9"}))


@pytest.mark.parametrize("depth", [limits.JSON_DEPTH + 1, 988, 5000, 200_000])
def test_json_nested_too_deep_is_refused_naming_the_bound(depth):
    nested = "[" * depth + "]" * depth
    text = _doc({}).replace('"cells": {}', f'"cells": {{}}, "texts": {nested}')
    with pytest.raises(exchange.ExchangeError, match=f"超过 {limits.JSON_DEPTH} 层"):
        exchange.loads(text)


def test_an_aggregate_that_would_leave_the_domain_is_refused():
    fmt = FORMATS["2019"]
    cid = next(c for c in fmt.input_cells if fmt.cells[c].kind is Kind.COUNT)
    reports = [Report(f"机关{i}", 2020, "2019", cells={cid: LARGEST_WHOLE}) for i in range(2)]
    with pytest.raises(AggregateError, match=f"整数部分最多 {limits.WHOLE_DIGITS} 位"):
        aggregate(reports, "汇总")
    assert aggregate(reports[:1], "汇总").report.cells[cid] == LARGEST_WHOLE
