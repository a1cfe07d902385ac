"""The domain rules report/ holds for every layer: a report's status, and the rules below as they are added."""

from __future__ import annotations

import datetime

from report.aggregate import is_collectors_own
from report.deadline import due_year
from report.errors import UserFacingError
from report.formats import FIRST_YEAR, LAST_YEAR, year_problem
from report.status import Status
from report.title import NAME, title, title_parts


def test_status_is_the_chinese_word_itself():
    assert [s.value for s in Status] == ["草稿", "定稿"]
    assert Status.FINAL == "定稿" and f"已{Status.FINAL}" == "已定稿" and str(Status.DRAFT) == "草稿"
    assert Status("定稿") is Status.FINAL



def test_the_year_range_is_one_rule_said_about_whatever_names_the_year():
    assert year_problem(FIRST_YEAR) is None and year_problem(LAST_YEAR) is None
    assert year_problem(FIRST_YEAR - 1) == f"年度应在 {FIRST_YEAR}–{LAST_YEAR} 之间，现为 {FIRST_YEAR - 1}"
    assert year_problem(LAST_YEAR + 1, "--year 年度").startswith("--year 年度应在")


def test_the_report_due_is_last_years_until_the_end_of_march():
    assert due_year(datetime.date(2025, 1, 15)) == 2024
    assert due_year(datetime.date(2025, 3, 31)) == 2024
    assert due_year(datetime.date(2025, 4, 1)) == 2025
    assert due_year() in (datetime.date.today().year - 1, datetime.date.today().year)  # the computer's date


def test_the_reports_title_is_the_agency_the_year_and_the_name():
    assert NAME == "政府信息公开工作年度报告"
    assert title(" 某某区司法局 ", 2024) == "某某区司法局2024年政府信息公开工作年度报告"
    assert title_parts("某某区司法局", 2024) == ("某某区司法局", "2024年政府信息公开工作年度报告")


def test_the_collectors_own_report_is_not_one_of_the_addends():
    assert is_collectors_own("某某区人民政府 ", " 某某区人民政府")
    assert not is_collectors_own("某某区人民政府办公室", "某某区人民政府")


def test_a_refusal_is_told_line_by_line_and_can_name_the_file_it_concerns():
    error = UserFacingError("第一行", "第二行")
    assert error.lines == ["第一行", "第二行"] and str(error) == "第一行\n第二行"
    assert error.concerning("甲.json").lines == ["甲.json：第一行", "甲.json：第二行"]
