"""Flattened text (a published page rendered to plain text: the body on one line, headings inline, table cells
run together): sections found wherever they stand, digits split only where the format's rules leave one reading,
the others named with their readings and not written."""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from importer import ERROR, INFO, WARNING, import_text
from importer.digit_runs import Run, readings, resolve
from report.definition import Kind
from report.formats import FORMATS
from report.model import Report

from ..strategies import valid_reports
from . import render

C, S, A = Kind.COUNT, Kind.SIGNED, Kind.AMOUNT


# ---------------------------------------------------------------------------------------------- readings


def test_readings_of_digits_run_together():
    assert sorted(readings(("1077",), (C, C, C))) == [("1", "0", "77"), ("10", "7", "7")]
    assert readings(("000",), (C, C, C)) == [("0", "0", "0")]  # no number starts with 0
    assert readings(("0012",), (C, C, C)) == [("0", "0", "12")]
    assert readings(("00000",), (C, C, C)) == []  # more digits than cells allow
    assert readings(("00",), (C, C, C)) == []  # fewer


def test_a_space_always_ends_a_cell():
    assert readings(("10", "0", "0", "0", "01"), (C,) * 6) == [("10", "0", "0", "0", "0", "1")]
    found = readings(("2100000", "21"), (C,) * 7)
    assert {("21", "0", "0", "0", "0", "0", "21"), ("2", "10", "0", "0", "0", "0", "21")} <= set(found)
    assert len(found) == 4  # and 2/100/0/0/0/2/1, 210/0/0/0/0/2/1: the space keeps 「21」's digits in the last cells


def test_a_point_or_a_unit_only_in_an_amount_a_sign_only_where_signed():
    assert sorted(readings(("547.9659万元",), (C, A))) == [("5", "47.9659万元"), ("54", "7.9659万元")]
    assert readings(("5.5",), (C, C)) == []
    assert readings(("-3",), (C,)) == []
    assert sorted(readings(("8", "-51"), (C, S, C))) == [("8", "-5", "1")]


def test_the_rules_pick_the_one_reading_of_a_table():
    fmt = FORMATS["2021"]
    s3 = [r for r in fmt.cells if r.startswith("s3.")]
    rows: dict[str, list[str]] = {}
    for cid in s3:
        rows.setdefault(cid.split(":")[0], []).append(cid)
    printed = {"s3.new": ("2100000", "21"), "s3.granted": ("100000010",), "s3.partial": ("1000001",),
               "s3.unavailable.not_held": ("100000010",), "s3.total": ("210000021",)}
    runs = [Run(tuple(cells), printed.get(row, ("0000000",)), "第 1 行", row) for row, cells in rows.items()]
    resolved = {r.run.name: r for r in resolve(runs, fmt)}
    for row in ("s3.new", "s3.granted", "s3.total"):
        assert len(resolved[row].all) > 1 and resolved[row].by_rules, row
        assert resolved[row].kept[0][0] == resolved[row].kept[0][-1]  # 10 … 10, 21 … 21
    assert resolved["s3.total"].kept == [("21", "0", "0", "0", "0", "0", "21")]


# ------------------------------------------------------------------------------------------ whole texts

_FLAT_2021 = (
    "甲县交通局2022年政府信息公开工作年度报告\n"
    "发布时间: 2023-01-20 17:39\n"
    "==================== 正文 ====================\n"
    "当前位置： 首页政务公开 甲县交通局2022年政府信息公开工作年度报告 来源： 微信 微博 "
    "本报告由甲县交通局编制。一、总体情况2022年，我局主动公开信息35条。（一）主动公开。全年公开35条。"
    "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000"
    "行政规范性文件1024第二十条第（五）项信息内容本年处理决定数量行政许可52第二十条第（六）项信息内容"
    "本年处理决定数量行政处罚19行政强制7第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费5949.09"
    "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    "一、本年新收政府信息公开申请数量2100000 21二、上年结转政府信息公开申请数量0000000三、本年度办理结果"
    "（一）予以公开100000010（二）部分公开（区分处理的，只计这一情形，不计其他情形）1 0 0 0 0 01"
    "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开00000003.危及“三安全一稳定”0000000"
    "4.保护第三方合法权益00000005.属于三类内部事务信息00000006.属于四类过程性信息00000007.属于行政执法案卷0000000"
    "8.属于行政查询事项0000000（四）无法提供1.本机关不掌握相关政府信息1000000102.没有现成信息需要另行制作0000000"
    "3.补正后申请内容仍不明确0000000（五）不予处理1.信访举报投诉类申请00000002.重复申请00000003.要求提供公开出版物0000000"
    "4.无正当理由大量反复申请00000005.要求行政机关确认或重新出具已获取信息0000000（六）其他处理"
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请0000000"
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请00000003.其他0000000"
    "（七）总计210000021四、结转下年度继续办理0000000"
    "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉"
    "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计315090000000000"
    "五、存在的主要问题及明年工作计划一是公开不够及时。六、其他需要报告的事项本年度没有收取信息处理费。 甲县交通局 2023年1月18日\n"
)


def test_a_flattened_page_imports_every_cell_the_text_determines():
    result = import_text(_FLAT_2021)
    report = result.report
    assert report is not None, [str(n) for n in result.notes]
    assert (report.agency, report.year, report.format_id) == ("甲县交通局", 2022, "2021")
    assert not result.errors
    cells = report.cells
    assert [cells[f"s2.rules:{c}"] for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert (cells["s2.license:decisions"], cells["s2.penalty:decisions"], cells["s2.enforcement:decisions"]) == (52, 19, 7)
    assert cells["s2.fees:amount"] == Decimal("5949.09")
    assert (cells["s3.new:natural"], cells["s3.new:total"], cells["s3.granted:natural"]) == (21, 21, 10)
    assert (cells["s3.partial:natural"], cells["s3.partial:total"], cells["s3.total:total"]) == (1, 1, 21)
    assert [cells[f"s4.review:{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [3, 1, 5, 0, 9]
    # 行政规范性文件1024: 1/0/24 and 10/2/4, and no rule binds the row: named with both, nothing written.
    (open_row,) = [n for n in result.warnings if "1024" in n.message]
    assert open_row.cells == ("s2.normative:issued", "s2.normative:repealed", "s2.normative:in_force")
    assert "1 / 0 / 24" in open_row.message and "10 / 2 / 4" in open_row.message and "未导入" in open_row.message
    assert not set(open_row.cells) & set(cells)
    # 100000010 reads as 10…10 only by the row's total: imported, and the note says so.
    derived = [n for n in result.warnings if "符合表格的合计和勾稽关系，按此读取" in n.message]
    assert {n.message.split("」")[0] for n in derived} == {
        "「一、本年新收政府信息公开申请数量", "「（一）予以公开", "「1.本机关不掌握相关政府信息", "「（七）总计"}
    # Every section found, the reworded 五 too; the signature's date is the 成文日期.
    assert report.text("s1").startswith("2022年，我局")
    assert report.text("s5") == "一是公开不够及时。"
    assert report.text("s6") == "本年度没有收取信息处理费。"
    assert report.date.isoformat() == "2023-01-18"
    assert any(n.level == INFO and "按节标题「五、存在的主要问题及改进情况」读取" in n.message for n in result.notes)


_HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及明年工作计划", "六、其他需要报告的事项")


def _lines_of_own(text: str, after: str = "\n") -> str:
    """The same page rendered with each heading starting a line, and its text on the next (or on the same)."""
    for heading in _HEADINGS:
        text = text.replace(heading, f"\n{heading}{after}")
    return text


def test_headings_on_lines_of_their_own_and_the_tables_run_together():
    inline = import_text(_FLAT_2021)
    for text in (_lines_of_own(_FLAT_2021), _lines_of_own(_FLAT_2021, after="")):
        result = import_text(text)
        assert result.report is not None and not result.errors, [str(n) for n in result.notes]
        assert result.report.cells == inline.report.cells
        assert sorted(result.report.texts) == ["s1", "s5", "s6"]  # each line of prose is a paragraph as given
        assert [n.cells for n in result.warnings] == [n.cells for n in inline.warnings]


def test_a_label_in_the_prose_above_a_table_or_misprinted_in_it():
    text = (_FLAT_2021.replace("二、主动公开政府信息情况", "二、主动公开政府信息情况本年制发规章0件。")
            .replace("2.其他法律行政法规禁止公开0000000", "2.其他法律法规禁止公开0 0 0 0 0 0 3"))
    result = import_text(text)
    assert result.report is not None and not result.errors, [str(n) for n in result.notes]
    cells = result.report.cells
    assert [cells[f"s2.rules:{c}"] for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert cells["s3.withheld.state_secret:total"] == 0 and cells["s3.withheld.law_forbidden:total"] == 3
    assert any("常见误印" in n.message and "2.其他法律法规禁止公开" in n.message for n in result.notes)


def test_digits_too_few_for_the_row_say_so():
    text = _FLAT_2021.replace("（七）总计210000021", "（七）总计21000")
    result = import_text(text)
    assert result.report is None
    (error,) = result.errors
    assert "「（七）总计」一行应有 7 栏，原文只有「21000」" in error.message and error.cells[0] == "s3.total:natural"


def test_a_table_whose_sums_are_wrong_is_not_split_by_them():
    # The 总计 row as published disagrees with its parts whatever the reading: neither reading is taken.
    text = _FLAT_2021.replace("（七）总计210000021", "（七）总计220000022")
    result = import_text(text)
    assert result.report is not None
    (note,) = [n for n in result.warnings if "220000022" in n.message]
    assert "s3.total:natural" in note.cells and "s3.total:natural" not in result.report.cells


@settings(max_examples=60, deadline=None)
@given(valid_reports(few=True), st.randoms(use_true_random=False))
def test_flattened_text_never_gives_a_wrong_value(report: Report, rnd: random.Random):
    text = render.flat_text(report, gap=lambda: rnd.choice(("", "", " ")))
    result = import_text(text)
    named = {c for n in result.notes if n.level in (ERROR, WARNING) for c in n.cells}
    if result.report is None:
        assert result.errors and all(n.cells for n in result.errors), [str(n) for n in result.notes]
        return
    assert (result.report.format_id, result.report.year) == (report.format_id, report.year)
    for cid in report.format.cells:
        if cid in result.report.cells:
            assert result.report.cells[cid] == report.value(cid), (cid, [str(n) for n in result.notes])
        else:
            assert cid in named or cid in report.format.computed, (cid, [str(n) for n in result.notes])


def test_a_flattened_page_with_one_digit_per_cell_imports_exactly():
    fmt = FORMATS["2019"]
    cells = {cid: 0 for cid in fmt.input_cells}
    cells.update({"s2.normative:made": 3, "s3.new:natural": 2, "s3.granted:natural": 1, "s3.unavailable.not_held:natural": 1})
    report = Report("乙市财政局", 2020, "2019", texts={"s1": "总体情况。", "s5": "问题。", "s6": "无。"}, cells=cells)
    result = import_text(render.flat_text(report))
    assert result.report is not None and not result.errors, [str(n) for n in result.notes]
    assert all(result.report.cells[c] == report.value(c) for c in fmt.cells)
