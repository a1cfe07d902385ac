"""`main.py signoff REPORT.json [--previous LAST.json] --to 审查单.pdf`, or a stored report by --agency/--year."""

from __future__ import annotations

import main
from report import exchange
from storage.repository import Repository
from tests.export.pdftools import info, needs_poppler, text

pytestmark = needs_poppler


def test_an_exchange_file_and_last_years(seed_path, last_year_path, tmp_path, capsys):
    out = tmp_path / "审查 单.pdf"
    assert main.main(["signoff", str(seed_path), "--previous", str(last_year_path), "--to", str(out)]) == 0
    said = capsys.readouterr().out
    assert "已生成「西工区退役军人事务局」2020 年度报告的审查单（已与上年报告比较）" in said
    assert info(out)["Pages"] == "1"
    assert "已与2019年度报告对照" in "".join(text(out).split())


def test_a_stored_report_is_compared_with_the_agencys_stored_last_year(seed, tmp_path, capsys):
    db, out = tmp_path / "年报.sqlite", tmp_path / "审查单.pdf"
    last = exchange.loads(exchange.dumps(seed))
    last.year = 2019
    with Repository.open(db) as repo:
        repo.import_report(seed)
        repo.import_report(last)
    assert main.main(["signoff", "--db", str(db), "--agency", seed.agency, "--year", "2020", "--to", str(out)]) == 0
    assert "已与上年报告比较" in capsys.readouterr().out
    flat = "".join(text(out).split())
    assert "已与2019年度报告对照" in flat and "审核意见" in flat


def test_unusable_requests_exit_2_and_write_nothing(seed_path, tmp_path, capsys):
    assert main.main(["signoff", str(seed_path), "--to", str(tmp_path / "审查单.docx")]) == 2
    assert "只能写成 PDF 文件" in capsys.readouterr().err
    assert main.main(["signoff", "--to", str(tmp_path / "审查单.pdf")]) == 2
    assert "缺少必需的参数" in capsys.readouterr().err
    assert main.main(["signoff", str(tmp_path / "无.json"), "--to", str(tmp_path / "审查单.pdf")]) == 2
    assert main.main(["signoff", str(seed_path), "--to", str(tmp_path / "无此文件夹" / "审查单.pdf")]) == 2
    assert "不存在" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
