"""report.compare: what differs between two reports, and where a differing passage is in the first one's text."""

from __future__ import annotations

from report import exchange
from report.compare import CELL, FIELD, TEXT, differences, passage_span


def _copy(report):
    return exchange.loads(exchange.dumps(report))


def test_the_same_report_has_no_differences_whatever_its_white_space(seed):
    other = _copy(seed)
    other.texts["s1"] = "  " + seed.text("s1").replace("，", "， ").replace("\n", "\n\n") + "\n"
    assert differences(seed, other) == []


def test_fields_cells_and_texts_each_named(seed):
    other = _copy(seed)
    other.year = 2021
    other.cells["s3.new:natural"] = seed.value("s3.new:natural") + 4
    found = differences(seed, other)
    assert [(d.kind, d.key) for d in found] == [(FIELD, "year"), (CELL, "s3.new:natural"), (CELL, "s3.new:total")]
    assert found[1].left == str(seed.value("s3.new:natural")) and found[1].right == str(other.value("s3.new:natural"))


def test_a_changed_paragraph_is_found_where_it_is(seed):
    seed.texts["s5"] = "第一段。\n\n  第二段，原来的写法。  \n第三段。"
    other = _copy(seed)
    other.texts["s5"] = "第一段。\n第二段，网站上的写法。\n第三段。"
    [d] = differences(seed, other)
    assert (d.kind, d.key, d.paragraphs) == (TEXT, "s5", (1, 2)) and "第 2 段" in d.where
    start, end = passage_span(seed.text("s5"), *d.paragraphs)
    assert seed.text("s5")[start:end] == "第二段，原来的写法。"


def test_a_paragraph_only_the_other_report_has_points_between_paragraphs(seed):
    seed.texts["s5"] = "第一段。\n第二段。"
    other = _copy(seed)
    other.texts["s5"] = "第一段。\n加上的一段。\n第二段。"
    [d] = differences(seed, other)
    assert d.paragraphs == (1, 1) and d.left == "" and d.right == "加上的一段。"
    assert passage_span(seed.text("s5"), *d.paragraphs) == (5, 5)  # where 第二段 begins
    other.texts["s5"] = "第一段。\n第二段。\n末尾加的。"
    [d] = differences(seed, other)
    assert passage_span(seed.text("s5"), *d.paragraphs) == (9, 9)  # after the last paragraph


def test_a_span_of_a_text_that_changed_since_stays_inside_it():
    assert passage_span("", 3, 5) == (0, 0)
    assert passage_span("只有一段。", 2, 4) == (0, 5)
    assert passage_span("甲。\n乙。", 7, 7) == (5, 5)
