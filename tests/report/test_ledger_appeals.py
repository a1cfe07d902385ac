"""Section 四 from the ledger's recorded 行政复议 and 行政诉讼: outcome words, the year, reviews before suits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from report.formats import FORMATS
from report.ledger import Application, derive, derived_cells, outcome, records_appeals, with_fee_sentence


def _app(number, answered, review="", suit="", received=dt.date(2023, 12, 1)):
    return Application(number, received, "natural", answered=answered, result="s3.granted" if answered else None,
                       review=review, suit=suit)


@pytest.mark.parametrize(("note", "column"), [
    ("复议机关决定维持", "upheld"), ("驳回诉讼请求", "upheld"), ("撤销原答复，责令重新答复", "corrected"),
    ("确认违法", "corrected"), ("部分维持、部分撤销", "corrected"), ("已受理，尚未审结", "pending"),
    ("审理中", "pending"), ("申请人撤回", "other"), ("终止审理", "other"),
])
def test_a_note_reads_as_its_outcome(note, column):
    assert outcome(note, FORMATS["2021"].appeals) == column


def test_reviews_and_suits_count_in_the_year_their_application_was_answered():
    ledger = [
        _app("A", dt.date(2024, 1, 10), review="维持"),
        _app("B", dt.date(2024, 5, 10), review="纠正", suit="审理中"),  # suit after the review
        _app("C", dt.date(2024, 6, 1), suit="驳回"),  # straight to court
        _app("D", dt.date(2023, 12, 20), review="维持"),  # answered last year: last year's section 四
        _app("E", None, review="审理中"),  # not answered: nothing to review yet, counted nowhere
    ]
    appeals = derive(ledger, 2024).appeals
    assert {k: v for k, v in appeals.items() if v} == {
        "s4.review:upheld": 1, "s4.review:corrected": 1, "s4.suit_after_review:pending": 1,
        "s4.suit_direct:upheld": 1}
    assert set(appeals) == derived_cells(FORMATS["2021"], True) - derived_cells(FORMATS["2021"])
    assert len(appeals) == 12  # every input cell of the three rows, zeros included
    assert derive(ledger, 2023).appeals["s4.review:upheld"] == 1


def test_only_a_ledger_that_records_them_gives_section_four():
    plain = [_app("A", dt.date(2024, 1, 10))]
    assert not records_appeals(plain) and derive(plain, 2024).appeals == {}
    assert records_appeals([*plain, _app("B", None, suit=" 起诉 ")])
    assert not any(c.startswith("s4.") for c in derived_cells(FORMATS["2019"]))


# ---------------------------------------------------------------------------------------------- 信息处理费 for 六


def test_the_fee_sentence_states_count_and_amount_or_none():
    charged = [Application("F", dt.date(2024, 3, 1), "natural", answered=dt.date(2024, 3, 9), result="s3.granted",
                           fee=Decimal("12.50")),
               Application("G", dt.date(2024, 4, 1), "legal", answered=dt.date(2024, 4, 9), result="s3.granted",
                           fee=Decimal("100"))]
    sentence = derive(charged, 2024).fee_sentence()
    assert sentence.endswith("收取信息处理费 2 件，共计 112.5 元。") and "国办函〔2020〕109号" in sentence
    assert derive(charged, 2025).fee_sentence().endswith("未收取信息处理费。")
    assert FORMATS["2019"].fees_section == FORMATS["2021"].fees_section == "s6"


def test_the_fee_sentence_replaces_its_earlier_self_and_keeps_the_rest():
    first = derive([], 2024).fee_sentence()
    assert with_fee_sentence("无。", first) == first
    text = with_fee_sentence("本机关无其他需要报告的事项。", first)
    assert text == f"本机关无其他需要报告的事项。\n{first}"
    charged = [Application("F", dt.date(2024, 3, 1), "natural", answered=dt.date(2024, 3, 9), result="s3.granted",
                           fee=Decimal("30"))]
    again = with_fee_sentence(text + "\n另有说明。", derive(charged, 2024).fee_sentence())
    assert again.count("本年度依据") == 1 and again.endswith("共计 30 元。\n另有说明。")
