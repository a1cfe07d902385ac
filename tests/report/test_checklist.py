"""The reviewer's checklist: its own rules, and how findings judge its items."""

from report import checklist
from report.checks import WARNING, Finding
from report.model import Report

S1 = "（一）主动公开。（二）依申请公开。（三）政府信息管理。（四）平台建设。（五）监督保障。"
S5_GOOD = "一是信息更新不够及时。下一步将加强审核，完善制度。上年度报告所列问题已全部整改到位。"


def _r(agency="某市交通运输局", fmt="2021", s5=S5_GOOD, s6="本年度未收取信息处理费。", s1=S1) -> Report:
    preamble = "本报告统计期限自1月1日至12月31日。联系电话：0591-12345678。"
    return Report(agency, 2021 if fmt == "2021" else 2020, fmt, texts={"preamble": preamble, "s1": s1, "s5": s5, "s6": s6})


def _rules(report, previous=None):
    return [f.rule for f in checklist.review(report, previous)]


def test_every_item_cites_its_source_and_has_rules():
    ids = [i.id for i in checklist.ITEMS]
    assert len(ids) == len(set(ids))
    for item in checklist.ITEMS:
        assert item.rules and ("条例" in item.source or "国办" in item.source or "表格" in item.source), item.id


def test_a_complete_report_passes_every_item_it_can_be_judged_on():
    findings = checklist.review(_r())
    assert findings == []
    verdicts = checklist.judge(findings, has_previous=False)
    assert verdicts["problems"] == (checklist.PASS, 0) and verdicts["fee"] == (checklist.PASS, 0)
    assert verdicts["copied"] == (checklist.NOT_APPLICABLE, 0)  # no last year's report to compare with
    assert verdicts["similar"] == (checklist.NOT_APPLICABLE, 0)


def test_five_pairs_problems_with_improvements_and_reports_on_last_years():
    assert "checklist.s5_pairing" in _rules(_r(s5="本年度工作中还存在一些问题，信息公开的深度不够。上年问题已整改。"))
    assert "checklist.s5_pairing" in _rules(_r(s5="下一步将加强培训，完善制度。上年度问题已整改完毕。"))
    rules = _rules(_r(s5="一是更新不及时。下一步将加强审核。"))
    assert "checklist.s5_last_year" in rules and "checklist.s5_pairing" not in rules
    # the 2019 format's notes do not ask about last year's problems
    assert "checklist.s5_last_year" not in _rules(_r(fmt="2019", s5="一是更新不及时。下一步将加强审核。"))
    (f,) = [f for f in checklist.review(_r(s5="一是更新不及时。下一步将加强审核。")) if f.rule.startswith("checklist.")]
    assert f.cells == ("s5",) and "上年度" in f.message
    verdicts = checklist.judge(checklist.review(_r(s5="一是更新不及时。下一步将加强审核。")), False)
    assert verdicts["problems"] == (checklist.FAIL, 1)


def test_six_must_state_the_fee_even_when_none_was_charged():
    rules = _rules(_r(s6="无"))
    assert rules == ["quality.fee_unstated"]
    assert checklist.judge(checklist.review(_r(s6="无")), False)["fee"] == (checklist.FAIL, 1)


def test_a_government_reports_assessment_appraisal_and_accountability():
    assert "checklist.assessment" not in _rules(_r())  # a department need not
    (f,) = [f for f in checklist.review(_r(agency="某县人民政府")) if f.rule == "checklist.assessment"]
    assert "工作考核、社会评议、责任追究" in f.message
    told = _r(agency="某县人民政府", s6="本年度未收取信息处理费。将政务公开纳入绩效考核，开展社会评议，未发生责任追究情况。")
    assert "checklist.assessment" not in _rules(told)


def test_late_and_copied_reports_fail_their_items():
    import dataclasses
    import datetime

    late = dataclasses.replace(_r(), date=datetime.date(2022, 3, 1))
    verdicts = checklist.judge(checklist.review(late), False)
    assert verdicts["deadline"][0] == checklist.FAIL
    long_s1 = S1 + "本机关认真贯彻落实条例，全面推进决策、执行、管理、服务、结果公开，持续加强政策解读与回应关切。" * 2
    this, last = _r(s1=long_s1), dataclasses.replace(_r(s1=long_s1), year=2020)
    findings = checklist.review(this, last)
    verdicts = checklist.judge(findings, True)
    assert verdicts["copied"] == (checklist.FAIL, 1) and verdicts["continuity"][0] in (checklist.PASS, checklist.FAIL)


def test_findings_map_to_one_item_each():
    f = Finding(WARNING, "quality.s1_outline", ("s1",), "x")
    assert checklist.item_of(f.rule).id == "overview"
    assert checklist.item_of("s3.balance").id == "tables" and checklist.item_of("computed.sum").id == "tables"
    assert checklist.item_of("cross.s3.carried_in").id == "continuity"
    assert checklist.item_of("review.similar").id == "similar"


def test_last_year_named_by_its_number_and_measures_in_other_words():
    said = "针对2020年政府信息公开中存在的问题，认真分析，积极整改。2021年仍存在不足，如专栏知晓率不够高。下一步将加强互动。"
    assert not [r for r in _rules(_r(s5=said)) if r.startswith("checklist.")]
    plain = "政策解读的形式有待丰富。为此，我局将探索与媒体合作。"
    assert "checklist.s5_pairing" not in _rules(_r(fmt="2019", s5=plain))
