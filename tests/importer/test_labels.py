"""importer.labels on its own: every label of a format found by walking it, and published wordings matched to them
with how sure the match is."""

from __future__ import annotations

import pytest

from importer.labels import (
    CLOSE,
    EXACT,
    MEANING,
    POSITION,
    GroupEntry,
    RowEntry,
    _best,
    distinctive_keys,
    labels_of,
)
from report.definition import Block, Column, Section
from report.formats import FORMATS


@pytest.fixture(params=sorted(FORMATS))
def lab(request):
    return labels_of(request.param)


def _entry(lab, row_id: str) -> RowEntry:
    return next(r for r in lab.rows if r.row.id == row_id)


def test_every_leaf_row_once_in_printed_order_with_its_cells(lab):
    fmt = lab.format
    assert [r.order for r in lab.rows] == list(range(len(lab.rows)))
    assert len({r.row.id for r in lab.rows}) == len(lab.rows)
    # Every data cell of the format belongs to exactly one row entry.
    cells = [c for r in lab.rows for c in r.cells]
    assert sorted(cells) == sorted(fmt.cells)
    for entry in lab.rows:
        assert all(fmt.cells[c].row is entry.row for c in entry.cells)
        assert entry.block in entry.section.table.blocks


def test_cells_of_a_row_stand_left_to_right_in_the_printed_grid(lab):
    for entry in lab.rows:
        if any(entry.block is b for b, _, _ in lab.across):
            continue  # printed across: a row's cells are the block's columns, in order
        columns = [lab.cell_columns[c] for c in entry.cells]
        assert columns == sorted(columns) and len(set(columns)) == len(columns)
        assert all(0 <= c < lab.widths[entry.section.id] for c in columns)


def test_section_four_is_one_line_of_values_across():
    lab = labels_of("2021")
    ((block, section, ids),) = lab.across
    assert section.id == "s4" and block.across
    assert len(ids) == len(block.leaf_rows()) * len(block.leaf_columns())
    # Its rows still match when a report prints them down, each with the block's columns.
    review = _entry(lab, "s4.review")
    assert review.cells == tuple(f"s4.review:{c.id}" for c in block.leaf_columns())


def test_group_entries_hold_their_leaves():
    lab = labels_of("2021")
    withheld = next(g for g in lab.groups if g.group.label == "（三）不予公开")
    assert [r.id for r in withheld.leaves][:2] == ["s3.withheld.state_secret", "s3.withheld.law_forbidden"]
    assert len(withheld.leaves) == 8
    other = next(g for g in lab.groups if g.group.label == "（六）其他处理")
    assert [r.id for r in other.leaves][-1] == "s3.other.others"


@pytest.mark.parametrize(
    "text, section, how",
    [
        ("一、总体情况", "s1", EXACT),
        ("四、政府信息公开行政复议、行政诉讼情况", "s4", EXACT),
        ("五、存在的主要问题及整改措施", "s5", EXACT),  # an alias, worded as agencies print it
        ("五存在的主要问题及改进情况", "s5", EXACT),  # the 、 dropped
        ("四、因政府信息公开申请行政复议、提起行政诉讼情况", "s4", EXACT),  # the regulation's words, two dropped
        ("六、其它需要报告的事项", "s6", CLOSE),
        ("五、我局政务公开工作的不足", "s5", MEANING),
    ],
)
def test_section_titles(lab, text, section, how):
    match = lab.section_title(text)
    assert match is not None and isinstance(match.target, Section)
    assert (match.target.id, match.how) == (section, how)


@pytest.mark.parametrize("text", ["总体情况", "（五）存在问题", "五", "", "三、" + "收到申请" * 20,
                                  "五、我局存在的问题是人员不足。"])
def test_not_section_titles(lab, text):
    """A heading needs its section's numeral (一、…六、), and a sentence or a sub-heading is no section's title."""
    assert lab.section_title(text) is None


def test_traditional_characters_and_full_width_brackets_match_exactly(lab):
    match = lab.row("(一) 予以公開")
    assert match.how == EXACT and match.target.row.id == "s3.granted"


@pytest.mark.parametrize("text, row", [("2.其他法律法规禁止公开", "s3.withheld.law_forbidden"),
                                       ("4.无正当理由由大量反复申请", "s3.declined.excessive")])
def test_known_misprints_match_exactly(lab, text, row):
    match = lab.row(text)
    assert match.how == EXACT and match.target.row.id == row


def test_a_damaged_label_matches_closely_with_its_score(lab):
    match = lab.row("1.属于国家秘")
    assert match.how == CLOSE and match.target.row.id == "s3.withheld.state_secret"
    assert 0.8 <= match.score < 1


def test_a_group_label_names_the_group(lab):
    match = lab.row("（三）不予公开")
    assert match.how == EXACT and isinstance(match.target, GroupEntry)
    assert match.target.group.label == "（三）不予公开"


def test_position_is_evidence_only_for_the_row_expected_next(lab):
    """「5.三类内部信息」 is too far from any label to match alone; where the format prints 5.属于三类内部事务信息
    next, its number and shape make it that row, said to be a guess by position."""
    text = "5.三类内部信息"
    assert lab.row(text) is None
    expected = _entry(lab, "s3.withheld.internal")
    match = lab.row(text, expected)
    assert match is not None and match.target is expected and match.how == POSITION
    # Another number, or another row expected, and position proves nothing.
    assert lab.row("6.三类内部信息", expected) is None
    assert lab.row(text, _entry(lab, "s3.withheld.process")) is None


def test_two_equally_close_labels_are_no_match():
    """A key as close to one label as to another is a coin toss, not a match."""
    first, second = object(), object()
    candidates = [("属于行政执法案卷信息", first), ("属于行政查询事项信息", second)]
    assert _best("属于行政执法案卷信息", candidates).target is first  # exact wins outright
    assert _best("属于行政执法事项信息", candidates) is None  # one character from each
    close = _best("属于行政执法案卷信", candidates)
    assert close.how == CLOSE and close.target is first


def test_columns_corners_and_block_titles(lab):
    natural = lab.column("自然人")
    assert natural.how == EXACT and isinstance(natural.target, Column) and natural.target.id == "natural"
    corner = lab.column("信息内容")
    assert corner.how == EXACT and isinstance(corner.target, Block)
    block = lab.block_title("第二十条第（一）项")
    assert block.how == EXACT and block.target.title == "第二十条第（一）项"
    assert lab.block_title("第二十条第（十）项") is None
    assert lab.column("") is None and lab.row("  ") is None


def test_distinctive_keys_tell_the_formats_apart():
    keys = distinctive_keys()
    assert set(keys) == set(FORMATS)
    assert "本年制发件数" in keys["2021"] and "本年制发件数" not in keys["2019"]
    assert "对外公开总数量" in keys["2019"] and "对外公开总数量" not in keys["2021"]
    # What both formats print tells nothing.
    assert all("自然人" not in k for k in keys.values())
    assert not keys["2019"] & keys["2021"]


def test_labels_are_built_once_per_format():
    assert labels_of("2019") is labels_of("2019")
    assert labels_of("2019") is not labels_of("2021")
