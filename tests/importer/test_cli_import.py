"""`main.py import PUBLISHED --to REPORT.json`: exit 0 all placed, 1 imported with findings, 2 unusable."""

from __future__ import annotations

import main
from importer import import_file
from report import exchange

from . import render, samples


def test_clean_import_exits_0_and_writes_a_readable_exchange_file(tmp_path, capsys):
    report = samples.full("2021", 2022)
    source = tmp_path / "年报.docx"
    source.write_bytes(render.docx_bytes(report))
    out = tmp_path / "report.json"
    assert main.main(["import", str(source), "--to", str(out)]) == 0
    assert "已导入「某某市某某区财政局」2022 年度报告" in capsys.readouterr().out
    assert exchange.to_dict(exchange.read(out)) == exchange.to_dict(report)


def test_unplaceable_numbers_exit_2_and_write_nothing(tmp_path, capsys):
    text = render.web_text(samples.full("2019", 2020)).replace("行政处罚\t", "某某神秘事项\t")
    source = tmp_path / "年报.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "report.json"
    assert main.main(["import", str(source), "--to", str(out)]) == 2
    err = capsys.readouterr().err
    assert "某某神秘事项" in err and "未写出任何文件" in err
    assert not out.exists()


def test_bad_arguments_exit_2(tmp_path, capsys):
    assert main.main(["import", str(tmp_path / "没有这个文件.txt"), "--to", str(tmp_path / "a.json")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    source = tmp_path / "a.txt"
    source.write_text("x", encoding="utf-8")
    assert main.main(["import", str(source), "--to", str(tmp_path / "a.pdf")]) == 2
    assert ".json" in capsys.readouterr().err


def test_a_published_total_that_is_not_its_sum_is_imported_as_it_stands_and_said(tmp_path, capsys):
    wrong = samples.full("2021", 2022)
    wrong.cells["s3.total:total"] = 999_999  # as if the publication had misprinted its grand total
    source = tmp_path / "年报.txt"
    source.write_text(render.web_text(wrong), encoding="utf-8")
    result = import_file(source)
    assert result.report.cells["s3.total:total"] == 999_999  # kept as published
    found = result.published_errors
    assert "computed.sum" in {f.rule for f in found} and all(f.is_error for f in found)
    assert main.main(["import", str(source), "--to", str(tmp_path / "r.json")]) in (0, 1)
    assert f"发布的报告本身有 {len(found)} 处错误" in capsys.readouterr().out
