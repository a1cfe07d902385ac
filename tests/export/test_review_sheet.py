"""The 审查单: one page with the checklist's verdicts, the figures that matter and the lines for signatures."""

from __future__ import annotations

import datetime
from decimal import Decimal

from export import review_sheet
from report import checklist, exchange
from report.model import Report

from .pdftools import fonts, info, needs_poppler, text

pytestmark = needs_poppler


def _sheet(tmp_path, report, previous=None, name="审查单.pdf"):
    path = tmp_path / name
    data, found = review_sheet.render(report, previous, today=datetime.date(2025, 1, 20))
    path.write_bytes(data)
    return path, found


def _flat(path) -> str:
    return "".join(text(path).split())


def test_one_page_with_every_item_its_verdict_the_figures_and_the_signers(seed, tmp_path):
    path, found = _sheet(tmp_path, seed)
    assert found == []
    assert info(path)["Pages"] == "1"
    assert info(path)["Title"] == f"{seed.agency}2020年度政府信息公开工作年度报告审查单"
    flat = _flat(path)
    for item in checklist.ITEMS:
        assert item.title in flat
    # The seed has no preamble: 导语 fails with the checklist's message; no last year's report: two items n/a.
    assert "导语未通过报告没有导语" in flat
    assert flat.count("不适用") >= 3  # 与上年衔接, 未照搬上年, 未雷同他机关
    assert "采购总金额16.895万元" in flat and "其他对外管理服务事项上一年项目数量15" in flat
    for who in ("经办人（签字）", "审核人（签字）", "分管负责人（签字）"):
        assert who in flat
    assert flat.count("日期：年月日") == 3
    assert "2025年1月20日生成" in flat
    assert "0个错误、1个警告" in flat
    for row in fonts(path):
        assert (row["emb"], row["sub"]) == ("yes", "yes"), row


def test_last_years_report_is_named_and_its_items_judged(seed, tmp_path):
    last = exchange.loads(exchange.dumps(seed))
    last.year = 2019
    path, _ = _sheet(tmp_path, seed, last)
    flat = _flat(path)
    assert "已与2019年度报告对照" in flat
    # The seed copies last year's prose word for word: 未照搬上年 fails.
    assert "未照搬上年未通过" in flat


def test_a_report_full_of_findings_still_fits_one_page(tmp_path):
    # Published totals that disagree with their rows (errors by the dozen), a long name, empty sections.
    cells = {"s3.new:natural": 5, "s3.new:commercial": 5, "s3.new:total": 99, "s3.total:total": 7,
             "s3.granted:natural": 3, "s2.fees:amount": Decimal("12.5")}
    report = Report("某某市人民政府办公室" * 5, 2023, "2021", texts={"s1": "甲" * 50}, cells=cells)
    path, _ = _sheet(tmp_path, report)
    assert info(path)["Pages"] == "1"
    flat = _flat(path)
    assert "表格勾稽未通过" in flat and "等共" in flat
    assert "本年收费金额12.5万元" in flat and "自然人5，商业企业5" in flat


def test_a_character_no_font_has_is_reported(seed, tmp_path):
    seed.agency = "西工区\U000F0001局"  # a private-use character: in no font
    _path, found = _sheet(tmp_path, seed)
    assert [f.rule for f in found] == ["font.missing"] and "U+F0001" in found[0].message
