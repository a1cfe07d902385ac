"""汇总: sums cell by cell (amounts exact), totals recomputed, agencies listed, mixtures refused; and the command."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import main
from report import exchange
from report.aggregate import AggregateError, aggregate, refusal
from report.checks import check, has_errors
from report.formats import FORMATS
from report.model import Report

from ..strategies import valid_reports


def _named(reports: list[Report]) -> list[Report]:
    year, fmt = reports[0].year, reports[0].format_id
    return [dataclasses.replace(r, agency=f"第{i}局", year=year, format_id=fmt) for i, r in enumerate(reports)]


@given(st.sampled_from(sorted(FORMATS)).flatmap(lambda f: st.lists(valid_reports(f), min_size=1, max_size=4)))
def test_every_input_cell_is_the_sum_and_the_result_passes_every_check(reports):
    reports = _named(reports)
    result = aggregate(reports, "某区人民政府办公室")
    fmt = reports[0].format
    for cid in fmt.input_cells:
        assert result.report.value(cid) == sum(r.value(cid) for r in reports)
    assert not has_errors(check(result.report))
    assert result.agencies == tuple(r.agency for r in reports)
    assert (result.report.year, result.report.format_id) == (reports[0].year, fmt.id)


def test_amounts_are_exact_decimals():
    parts = [Report(f"局{i}", 2021, "2021", cells={"s2.fees:amount": Decimal("0.000001")}) for i in range(300)]
    parts.append(Report("大局", 2021, "2021", cells={"s2.fees:amount": Decimal("9999999999.999999")}))
    total = aggregate(parts, "汇总").report.value("s2.fees:amount")
    assert total == Decimal("10000000000.000299") and isinstance(total, Decimal)
    two = [Report("甲", 2020, "2019", cells={"s2.procurement:amount": Decimal(x)}) for x in ("0.1", "0.2")]
    two[1].agency = "乙"
    assert aggregate(two, "汇总").report.value("s2.procurement:amount") == Decimal("0.3")


def test_computed_cells_are_recomputed_not_summed_as_published():
    wrong = Report("甲局", 2021, "2021", cells={"s3.new:natural": 2, "s3.granted:natural": 2, "s3.new:total": 99})
    right = Report("乙局", 2021, "2021", cells={"s3.new:legal": 1, "s3.granted:legal": 1})
    result = aggregate([wrong, right], "汇总")
    assert result.report.value("s3.new:total") == 3
    assert result.report.value("s3.total:total") == 3
    assert check(result.report) == []
    (bad,) = result.with_errors
    assert bad.agency == "甲局" and "computed.sum" in {f.rule for f in bad.errors}


def test_agencies_are_listed_in_section_six_or_not_at_all():
    reports = [Report(name, 2021, "2021", texts={"s1": "各自的正文"}) for name in ("甲局", "乙局")]
    result = aggregate(reports, "汇总")
    assert set(result.report.texts) == {"s6"}
    assert "2 个机关" in result.report.text("s6") and "甲局、乙局" in result.report.text("s6")
    assert aggregate(reports, "汇总", note=False).report.texts == {}


def test_mixed_years_formats_and_duplicates_are_refused():
    a, b = Report("甲局", 2021, "2021"), Report("乙局", 2022, "2021")
    with pytest.raises(AggregateError, match="年度不一致") as e:
        aggregate([a, b], "汇总")
    assert "2021 年：「甲局」" in str(e.value) and "2022 年：「乙局」" in str(e.value)
    c = Report("丙局", 2021, "2019")  # explicit, and contradicting the year: still a different table
    with pytest.raises(AggregateError, match="格式不一致"):
        aggregate([a, c], "汇总")
    with pytest.raises(AggregateError, match="不止一份"):
        aggregate([a, Report(" 甲局", 2021, "2021")], "汇总")
    assert refusal([]) == "没有选择要汇总的报告"
    with pytest.raises(AggregateError, match="不能为空"):
        aggregate([a], "  ")


# ------------------------------------------------------------------------------------------------ command line


def _write(tmp_path, report: Report, name: str):
    path = tmp_path / name
    path.write_text(exchange.dumps(report), encoding="utf-8")
    return str(path)


def test_command_writes_the_sum(capsys, tmp_path, seed):
    other = dataclasses.replace(seed, agency="西工区民政局", cells={**seed.cells, "s2.procurement:amount": Decimal("0.105")})
    a, b = _write(tmp_path, seed, "a.json"), _write(tmp_path, other, "b.json")
    out_path = tmp_path / "汇总.json"
    code = main.main(["aggregate", a, b, "--agency", "西工区人民政府", "--to", str(out_path)])
    out = capsys.readouterr()
    assert code == 0 and "已汇总 2 份 2020 年度报告" in out.out and out.err == ""
    total = exchange.read(out_path)
    assert total.agency == "西工区人民政府" and total.value("s2.procurement:amount") == Decimal("17.000")
    assert total.value("s2.other_services:prev_count") == 30
    assert "西工区退役军人事务局、西工区民政局" in total.text("s6")
    assert json.loads(out_path.read_text(encoding="utf-8"))["cells"]["s2.procurement:amount"] == "17.000"


def test_command_warns_about_reports_with_errors_and_includes_them(capsys, tmp_path, seed):
    bad = dataclasses.replace(seed, agency="错局", cells={**seed.cells, "s3.new:natural": 4})
    a, b = _write(tmp_path, seed, "a.json"), _write(tmp_path, bad, "b.json")
    code = main.main(["aggregate", a, b, "--agency", "汇总", "--to", str(tmp_path / "t.json")])
    err = capsys.readouterr().err
    assert code == 0 and "警告" in err and "错局" in err and "b.json" in err and "a.json" not in err
    assert exchange.read(tmp_path / "t.json").value("s3.new:natural") == 4


def test_command_refuses_mixtures_and_overwriting_an_input(capsys, tmp_path, seed):
    a = _write(tmp_path, seed, "a.json")
    b = _write(tmp_path, dataclasses.replace(seed, agency="乙局", year=2019), "b.json")
    out_path = tmp_path / "t.json"
    assert main.main(["aggregate", a, b, "--agency", "汇总", "--to", str(out_path)]) == 2
    assert "年度不一致" in capsys.readouterr().err and not out_path.exists()
    assert main.main(["aggregate", a, "--agency", "汇总", "--to", a]) == 2
    assert "覆盖" in capsys.readouterr().err
    assert main.main(["aggregate", a, str(tmp_path / "无.json"), "--agency", "汇总", "--to", str(out_path)]) == 2
    assert "找不到文件" in capsys.readouterr().err and not out_path.exists()
