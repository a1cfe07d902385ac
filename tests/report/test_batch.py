"""Reviewing many reports at once: last year's found among the inputs, unreadable inputs kept as rows, and
prose shared between agencies (standard wording aside)."""

import dataclasses

from report import checklist
from report.batch import Entry, review_all, similar_prose, tally
from report.model import Report

OWN = ("本局围绕优化营商环境，在港口物流、冷链仓储和跨境电商三个领域建立了信息发布专栏，"
       "全年更新企业办事指南一百二十余条，组织窗口人员开展业务培训六次，对办事群众的咨询做到当日答复。")
STANDARD = "根据《中华人民共和国政府信息公开条例》规定，现公布本年度政府信息公开工作年度报告。"


def _r(agency, year=2022, s1=OWN, **kw) -> Report:
    return Report(agency, year, "2021", texts={"s1": s1, "s5": kw.get("s5", ""), "s6": kw.get("s6", "")}, cells=kw.get("cells", {}))


def test_last_years_report_among_the_inputs_is_used_for_cross_year_checks():
    last = _r("甲局", 2021, cells={"s2.rules:in_force": 5})
    this = _r("甲局", 2022, cells={"s2.rules:in_force": 9})  # 5 + 0 issued − 0 repealed ≠ 9
    results = review_all([Entry("b.json", this), Entry("a.json", last)])
    assert results[0].previous_source == "a.json"
    assert "cross.s2.in_force" in [f.rule for f in results[0].findings]
    assert results[0].verdicts["continuity"][0] == checklist.FAIL
    assert results[1].verdicts["continuity"] == (checklist.NOT_APPLICABLE, 0)  # 2020's not given
    # same prose as last year: the copied-prose check, not the cross-agency one
    assert "quality.prose_copied" in [f.rule for f in results[0].findings]
    assert "review.similar" not in [f.rule for f in results[0].findings]


def test_an_unreadable_input_is_a_row_not_a_stop():
    results = review_all([Entry("x.docx", problem="找不到该文件"), Entry("a.json", _r("甲局"))])
    assert results[0].entry.problem == "找不到该文件" and results[0].findings == []
    assert results[1].entry.report.agency == "甲局"


def test_prose_copied_from_another_agency_is_flagged_on_both():
    a, b, c = _r("甲局", s1=STANDARD + OWN), _r("乙局", s1=STANDARD + OWN.replace("六次", "八次")), _r("丙局", s1=STANDARD + "本局" * 5)
    found = similar_prose([a, b, c])
    assert [f.rule for f in found[id(a)]] == ["review.similar"] and "乙局" in found[id(a)][0].message
    assert "甲局" in found[id(b)][0].message
    assert id(c) not in found


def test_wording_most_agencies_share_is_boilerplate():
    shared = STANDARD + OWN  # long enough to count, but every agency prints it
    reports = [_r(f"{n}局", s1=shared + f"本局今年在{n}方面做了专门的工作。" * 3) for n in "甲乙丙丁戊"]
    assert similar_prose(reports) == {}
    # the same text in two agencies only is not boilerplate
    assert similar_prose(reports[:2]) != {}


def test_verdicts_count_findings_and_similarity_applies_only_to_several_inputs():
    results = review_all([Entry("a.json", _r("甲局", s5=""))])
    assert results[0].verdicts["similar"] == (checklist.NOT_APPLICABLE, 0)
    assert results[0].verdicts["parts"][0] == checklist.FAIL and results[0].warnings >= 1
    two = review_all([Entry("a.json", _r("甲局")), Entry("b.json", dataclasses.replace(_r("乙局"), texts={"s1": "另写的内容"}))])
    assert two[0].verdicts["similar"] == (checklist.PASS, 0)


def test_the_tally_counts_reviewed_unread_errors_and_warnings_and_says_them():
    results = review_all([Entry("甲.json", _r("某某区司法局")), Entry("乙.pdf", problem="不是年度报告")])
    done = tally(results)
    assert (done.reviewed, done.unread) == (1, 1)
    assert (done.errors, done.warnings) == (results[0].errors, results[0].warnings)
    assert str(done) == f"已审核 1 份报告（共 {done.errors} 个错误、{done.warnings} 个警告），1 个文件无法读取"
    assert str(tally(results[:1])).endswith("个警告）")
