"""Quality warnings: for every rule an example that triggers it (naming its cells) and one that must not."""

from __future__ import annotations

import dataclasses
import datetime
import json

import pytest

import main
from report import deadline, exchange
from report.checks import ERROR, WARNING
from report.model import Report
from report.prose_numbers import chinese_number
from report.quality import (
    copied_prose,
    copied_tables,
    empty_sections,
    fee_statement,
    missing_headings,
    preamble,
    prose_contradictions,
    quality,
    review,
    similarity,
    year_jumps,
)

OUTLINE_2021 = "（一）主动公开\n……\n（二）依申请公开\n……\n（三）政府信息管理\n……\n（四）政府信息公开平台建设\n……\n（五）监督保障\n……"


GOOD_PREAMBLE = ("本报告由测试局根据《中华人民共和国政府信息公开条例》编制。报告所列统计期限自1月1日至12月31日。"
                 "如对本报告有疑问，请与测试局办公室联系（电话：0591-12345678）。")


def _r(fmt="2021", year=None, s1="", s5="问题与改进的说明。", s6="无", preamble=GOOD_PREAMBLE, **cells) -> Report:
    year = year or (2021 if fmt == "2021" else 2020)
    ids = {k.replace("__", ".").replace(".total", ":total").replace(".natural", ":natural"): v for k, v in cells.items()}
    return Report("测试局", year, fmt, texts={"preamble": preamble, "s1": s1, "s5": s5, "s6": s6}, cells=ids)


def _prose(text: str, **cells) -> list:
    return prose_contradictions(_r(s1=text, **cells))


# ----------------------------------------------------------------------------------------- figures in the prose


def test_figure_contradicting_the_table_names_the_cell():
    (f,) = _prose("2021年，共收到政府信息公开申请12件。", s3__new__natural=10)
    assert (f.level, f.rule, f.cells) == (WARNING, "quality.prose_number", ("s1", "s3.new:total"))
    assert "共收到政府信息公开申请12件" in f.message and "本年新收政府信息公开申请数量·总计为 10" in f.message


def test_figure_agreeing_with_the_table_is_silent():
    assert _prose("2021年，共收到政府信息公开申请12件。", s3__new__natural=12) == []
    assert _prose("本年度共受理十二件政府信息公开申请。", s3__new__natural=12) == []


def test_chinese_numerals_are_read():
    (f,) = _prose("本年度共收到政府信息公开申请十二件。", s3__new__natural=10)
    assert f.cells == ("s1", "s3.new:total")
    assert [chinese_number(x) for x in ("十二", "两百零五", "一百二十", "十", "一万二千", "零", "12")] == [
        12, 205, 120, 10, 12000, 0, 12]
    assert chinese_number("十二三") is None


def test_received_may_include_last_years_carried_over_applications():
    assert _prose("共受理政府信息公开申请12件。", s3__new__natural=10, s3__carried_in__natural=2) == []


def test_none_received_against_a_table_with_applications():
    (f,) = _prose("本年度未收到政府信息公开申请。", s3__new__natural=5)
    assert f.cells == ("s1", "s3.new:total") and "为 5" in f.message
    assert _prose("本年度未收到政府信息公开申请。") == []


def test_result_rows_take_their_keyword_from_the_format_and_groups_add_up():
    text = "办结12件，其中予以公开8件，部分公开2件，不予以公开2件。"
    cells = dict(s3__new__natural=12, s3__granted__natural=8, s3__partial__natural=2)
    assert _prose(text, **cells, **{"s3.withheld.third_party:natural": 1, "s3.withheld.process:natural": 1}) == []
    (f,) = _prose(text, **cells, **{"s3.withheld.third_party:natural": 1, "s3.unavailable.not_held:natural": 1})
    assert f.cells[0] == "s1" and "s3.withheld.state_secret:total" in f.cells and len(f.cells) == 9
    assert "（三）不予公开各项·总计合计为 1" in f.message


def test_review_and_litigation_only_when_the_clause_is_about_disclosure():
    (f,) = _prose("发生政府信息公开行政复议案件2起。")
    assert f.cells == ("s1", "s4.review:total")
    assert _prose("本局全年办理行政复议案件35件。") == []  # the department's other cases
    assert _prose("未发生因政府信息公开引起的行政复议和行政诉讼。") == []
    found = _prose("未发生因政府信息公开引起的行政复议和行政诉讼。", **{"s4.suit_direct:pending": 1})
    assert [f.cells for f in found] == [("s1", "s4.suit_direct:total", "s4.suit_after_review:total")]


@pytest.mark.parametrize(
    "text",
    [
        "2020年共收到政府信息公开申请8件。",  # another year
        "共收到政府信息公开申请约12件。",  # approximate
        "共收到政府信息公开申请10余件。",
        "共收到政府信息公开申请10件以上。",
        "收到政府信息公开申请较上年增加3件。",  # a comparison
        "与上年同期相比，收到政府信息公开申请4件。",
        "予以公开、部分公开共8件。",  # an enumeration: the figure is a sum
        "其中，市教育局收到政府信息公开申请5件。",  # a part of the whole
        "共收到申请12件。",  # not said to be disclosure applications
        "在网站发布信息12条，回应关切3次。",
    ],
)
def test_figures_that_are_not_exact_statements_about_a_cell_are_skipped(text):
    assert _prose(text, s3__new__natural=10, s3__granted__natural=10) == []


def test_seed_prose_raises_nothing(seed):
    seed.texts["preamble"] = GOOD_PREAMBLE
    assert quality(seed) == []


@pytest.mark.parametrize("text,missing", [
    (GOOD_PREAMBLE, None),
    ("本报告由淮安市人民政府办公室编制。报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。如对本报告有疑问，"
     "请与淮安市人民政府办公室联系（地址：淮安市翔宇南道 1 号，邮编：223001）。", None),
    ("本报告数据自2023年1月1日起至12月31日止。咨询请拨打０５９１－８７６５４３２１。", None),  # full-width digits
    ("本报告由测试局编制。如有疑问请与测试局联系（地址：某路1号）。", "统计期限"),
    ("本报告由测试局编制，统计期限为2023年1月1日至2023年12月31日。", "联系方式"),
    ("本报告由测试局编制。", "统计期限和联系方式"),
    (" \n", "没有导语"),
])
def test_preamble_names_the_period_and_a_contact(text, missing):
    found = preamble(_r(preamble=text))
    if missing is None:
        assert found == []
    else:
        (f,) = found
        assert f.rule == "quality.preamble" and f.cells == ("preamble",) and f.level == WARNING
        assert missing in f.message


# ------------------------------------------------------------------------------------------- sections and outline


def test_empty_five_or_six():
    found = empty_sections(_r(s1=OUTLINE_2021, s5=" \n", s6=""))
    assert [(f.rule, f.cells) for f in found] == [("quality.empty", ("s5",)), ("quality.empty", ("s6",))]
    (f,) = empty_sections(_r(s1=OUTLINE_2021, s5="无。"))
    assert f.cells == ("s5",) and "只写了" in f.message
    assert empty_sections(_r(s1=OUTLINE_2021, s6="无")) == []  # 六 may well have nothing to report


def test_missing_headings_of_section_one_are_named():
    (f,) = missing_headings(_r(s1="（一）主动公开情况\n……\n（二）依申请公开情况\n……\n（四）平台建设\n……"))
    assert (f.rule, f.cells) == ("quality.s1_outline", ("s1",))
    assert "（三）政府信息管理" in f.message and "（五）监督保障" in f.message and "（一）" not in f.message


def test_heading_variants_and_brackets_are_accepted(seed):
    variants = (
        "(一) 主动公开政府信息情况。……\n（二）依申请公开办理情况\n三、政府信息资源规范化标准化管理情况\n"
        "(四)政务公开平台建设情况\n（五）监督和保障情况"
    )
    assert missing_headings(_r(s1=variants)) == []
    assert missing_headings(_r(s1=seed.text("s1"))) == []  # the 2019-era wording of a real report
    assert missing_headings(_r(fmt="2019", s1="没有小标题的总体情况。")) == []  # 2019 format asks for none
    assert missing_headings(_r(s1="")) == []  # an empty 一 is the empty-section warning's business


# ------------------------------------------------------------------------------------------------------- fees


def test_fee_charged_without_a_statement_in_six():
    (f,) = fee_statement(_r(s1=OUTLINE_2021, **{"s3.other.no_fee:natural": 1}))
    assert (f.rule, f.cells) == ("quality.fee_statement", ("s6", "s3.other.no_fee:total"))
    (f,) = fee_statement(_r(s1="本年度依法收取信息处理费200元。"))
    assert "收取信息处理费200元" in f.message


def test_fee_statement_present_or_no_fee_charged():
    assert fee_statement(_r(s6="本年度未收取信息处理费。", **{"s3.other.no_fee:natural": 1})) == []
    assert fee_statement(_r(s6="本年度没有收费。")) == []
    assert fee_statement(_r(fmt="2019", s1="收取信息处理费200元。")) == []  # the 2019 format does not ask


def test_six_states_the_fee_even_when_none_was_charged():
    # Said in 一 only: the 2021 format asks 六 to say it, none charged included.
    (f,) = fee_statement(_r(s1="本年度未收取信息处理费。"))
    assert (f.rule, f.cells) == ("quality.fee_unstated", ("s6",))
    assert "未收取的也应写明" in f.message
    assert fee_statement(_r(fmt="2019", s6="无")) == []


# ------------------------------------------------------------------------------------------- against last year


def test_prose_mostly_copied_from_last_year(seed):
    last = dataclasses.replace(seed, year=2019)
    this = dataclasses.replace(seed, texts={**seed.texts, "s1": seed.text("s1").replace("2020", "2021").replace("40项", "45项")})
    found = copied_prose(this, last)
    assert [f.cells for f in found] == [("s1",), ("s5",)] and "达 99%" in found[0].message
    rewritten = dataclasses.replace(this, texts={"s1": OUTLINE_2021 * 8, "s5": "本年度新的问题" * 20, "s6": "无"})
    assert copied_prose(rewritten, last) == []  # and 六 「无」 both years is not a copy


def test_similarity_is_difflibs_ratio_for_small_edits():
    a = "本机关认真贯彻落实条例，主动公开政府信息。" * 10
    assert similarity(a, a) == 1.0
    assert 0.85 < similarity(a, a.replace("主动", "依法")) < 1


def test_table_identical_to_last_year():
    last = _r(year=2021, s3__new__natural=3, s3__granted__natural=3)
    (f,) = copied_tables(_r(year=2022, s3__new__natural=3, s3__granted__natural=3), last)
    assert f.rule == "quality.table_copied" and f.cells == ("s3.new:natural", "s3.granted:natural")
    assert copied_tables(_r(year=2022, s3__new__natural=4, s3__granted__natural=4), last) == []
    earlier = _r(fmt="2019", year=2020, s3__new__natural=3, s3__granted__natural=3)
    assert copied_tables(_r(s3__new__natural=3, s3__granted__natural=3), earlier) == []  # 三 changed shape
    assert copied_tables(_r(), _r(year=2020)) == []  # all zero both years: nothing to copy


def test_unchanged_stocks_are_not_a_copied_table():
    stock = {"s2.other_services:prev_count": 15, "s2.rules:total_public": 7}
    last, this = _r(fmt="2019", year=2019, **stock), _r(fmt="2019", year=2020, **stock)
    assert copied_tables(this, last) == []


def test_year_on_year_jumps():
    last = _r(year=2020, s3__new__natural=2, **{"s4.review:upheld": 50, "s2.penalty:decisions": 10})
    this = _r(s3__new__natural=12, **{"s4.review:upheld": 5, "s2.penalty:decisions": 40})
    found = year_jumps(this, last)
    assert [f.cells for f in found] == [("s3.new:natural",), ("s4.review:upheld",)]
    assert "上年为 2，本年为 12" in found[0].message and "五分之一" in found[1].message
    assert year_jumps(_r(s3__new__natural=5), _r(year=2020, s3__new__natural=1)) == []  # under 10 both years


# --------------------------------------------------------------------------------------------------- deadline


def test_deadline_dates():
    assert deadline.due_date(2021) == datetime.date(2022, 1, 31)
    assert deadline.due_date(2021, deadline.Scope.GOVERNMENT) == datetime.date(2022, 3, 31)
    assert deadline.due_date(2018) == datetime.date(2019, 3, 31)  # the 2008 条例 gave everyone until March
    assert deadline.scope_for("洛阳市西工区人民政府") is deadline.Scope.GOVERNMENT
    assert deadline.scope_for("洛阳市西工区人民政府办公室") is deadline.Scope.DEPARTMENT


def test_deadline_status_for_the_status_bar():
    s = deadline.status(2021, datetime.date(2022, 1, 20))
    assert (s.days_left, s.passed) == (11, False) and s.message == "2021年度报告法定公布期限为2022年1月31日，还有 11 天"
    assert deadline.status(2021, datetime.date(2022, 1, 31)).message.endswith("今天是最后一天")
    late = deadline.status(2021, datetime.date(2022, 2, 3))
    assert (late.days_left, late.passed) == (-3, True) and late.message.endswith("已超过 3 天")


def test_deadline_findings():
    report = _r()
    assert deadline.overdue_finding(report, datetime.date(2022, 1, 31)) is None
    f = deadline.overdue_finding(report, datetime.date(2022, 2, 1))
    assert (f.level, f.rule) == (WARNING, "deadline.overdue")
    dated = dataclasses.replace(report, date=datetime.date(2022, 2, 10))
    (late,) = [f for f in quality(dated) if f.rule == "deadline.late"]
    assert "2022年2月10日" in late.message and "10 天" in late.message
    on_time = dataclasses.replace(report, date=datetime.date(2022, 1, 30))
    assert deadline.late_finding(on_time) is None
    assert deadline.overdue_finding(on_time, datetime.date(2023, 1, 1)) is None  # published on time
    government = dataclasses.replace(dated, agency="某区人民政府")
    assert deadline.late_finding(government) is None


def test_a_date_before_the_end_of_the_year_is_questioned():
    report = _r()  # a report on 2021
    kept = dataclasses.replace(report, date=datetime.date(2021, 1, 20))  # last year's date, kept
    (early,) = [f for f in quality(kept) if f.rule == "deadline.early"]
    assert early.level == WARNING and "2021年1月20日" in early.message and "早于 2021 年度结束" in early.message
    for fine in (datetime.date(2021, 12, 1), datetime.date(2021, 12, 28), datetime.date(2022, 1, 15)):
        assert deadline.early_finding(dataclasses.replace(report, date=fine)) is None
    assert deadline.early_finding(report) is None  # no date: nothing to question


# ------------------------------------------------------------------------------------ together, and the command


def test_review_puts_errors_first_then_every_warning():
    report = _r(s1="共收到政府信息公开申请3件。", s5="", **{"s2.rules:issued": -1})
    found = review(report)
    assert found[0].level == ERROR
    assert {f.rule for f in found if f.level == WARNING} >= {"quality.prose_number", "quality.empty", "quality.s1_outline"}


def test_check_command_prints_quality_warnings(capsys, tmp_path):
    path = tmp_path / "r.json"
    path.write_text(exchange.dumps(_r(s1=OUTLINE_2021 + "\n共收到政府信息公开申请12件。", s5="", s6="未收取信息处理费。")), encoding="utf-8")
    assert main.main(["check", str(path)]) == 0  # warnings only
    out = capsys.readouterr().out
    assert "警告 [quality.prose_number]" in out and "警告 [quality.empty]" in out and "共 0 个错误、2 个警告。" in out
    assert main.main(["check", str(path), "--json"]) == 0
    rules = [(f["level"], f["rule"], f["cells"]) for f in json.loads(capsys.readouterr().out)]
    assert rules == [("warning", "quality.prose_number", ["s1", "s3.new:total"]), ("warning", "quality.empty", ["s5"])]


def test_a_prose_finding_quotes_its_clause_and_the_sentence_is_found_again():
    from report.formats import format_for_year
    from report.model import Report
    from report.prose_numbers import sentence_of

    text = "一是个别信息更新不够及时。\n　　本年度共收到政府信息公开申请１２ 件，均已办结！二是……"
    report = Report(agency="某某区司法局", year=2022, format_id=format_for_year(2022).id)
    report.texts["s5"] = text
    finding = next(f for f in review(report) if f.rule == "quality.prose_number")
    assert finding.quote and finding.quote in finding.message and "quote" not in finding.to_dict()
    start, end = sentence_of(text, finding.quote)
    assert text[start:end] == "本年度共收到政府信息公开申请１２ 件，均已办结！"
    assert sentence_of(text, "…申请12件") == (start, end)  # a long clause is quoted shortened
    assert sentence_of(text, "二是") == (len(text) - 4, len(text))  # the last sentence needs no full stop
    assert sentence_of(text, "已删除的话") is None and sentence_of(text, "") is None
