"""The format definitions against the cell-by-cell spec: every row id, label and column of it, nothing more."""

from __future__ import annotations

import re

import pytest

from report.definition import Kind
from report.formats import FORMATS, format_for_year

from ..conftest import SHARED

SPEC = (SHARED / "spec" / "formats.md").read_text(encoding="utf-8")


def _spec_section(heading: str) -> str:
    return SPEC.split(heading, 1)[1].split("\n## ", 1)[0]


def _table_rows(text: str) -> list[list[str]]:
    """The cells of each markdown table line."""
    return [[c.strip() for c in line.strip().strip("|").split("|")] for line in text.splitlines() if line.startswith("|")]


def _row_labels(fmt) -> dict[str, str]:
    return {cell.row.id: cell.row.label for cell in fmt.cells.values()}


def test_format_chosen_by_year():
    assert [format_for_year(y).id for y in (2019, 2020, 2021, 2030)] == ["2019", "2019", "2021", "2021"]


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_section_titles_match_spec(format_id):
    titles = dict(re.findall(r"^\| (s\d) \| (.+?) \|$", SPEC, re.M))
    assert {s.id: s.title for s in FORMATS[format_id].sections} == titles


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_s2_rows_and_columns_match_spec(format_id):
    table = _spec_section(f"## Section 二 — format {format_id}")
    fmt = FORMATS[format_id]
    labels = _row_labels(fmt)
    spec_rows = [(r[1], r[2], r[3]) for r in _table_rows(table) if r[1].startswith("s2.")]
    assert [r for r, _, _ in spec_rows] == [r for r in labels if r.startswith("s2.")]
    previous_columns = ""
    for row_id, label, columns in spec_rows:
        assert labels[row_id] == label
        columns = previous_columns if columns.startswith("same") else columns
        previous_columns = columns
        expected = re.findall(r"(\w+): ([^·(]+?)(?= ·| \(|$)", columns)
        actual = [(c.column.id, c.column.label) for c in fmt.cells.values() if c.row.id == row_id]
        assert actual == expected


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_s3_rows_match_spec(format_id):
    table = _spec_section("## Section 三")
    fmt = FORMATS[format_id]
    other = "2021" if format_id == "2019" else "2019"
    expected = [
        (row_id, label)
        for row_id, label, note in (r for r in _table_rows(table) if r[0].startswith("s3."))
        if f"{other} only" not in note
    ]
    labels = _row_labels(fmt)
    assert [(r, labels[r]) for r in labels if r.startswith("s3.")] == expected
    columns = re.findall(r"`(\w+)` (\S+?)(?= ·|\s\(|$)", table.split("Columns:", 1)[1].split("\n\n", 1)[0])
    actual = [(c.column.id, c.column.label) for c in fmt.cells.values() if c.row.id == "s3.new"]
    assert actual == columns


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_s4_cells(format_id):
    fmt = FORMATS[format_id]
    rows = ["s4.review", "s4.suit_direct", "s4.suit_after_review"]
    columns = ["upheld", "corrected", "other", "pending", "total"]
    assert [c for c in fmt.cells if c.startswith("s4.")] == [f"{r}:{c}" for r in rows for c in columns]


def test_value_kinds():
    f19, f21 = FORMATS["2019"], FORMATS["2021"]
    signed = {c for f in FORMATS.values() for c, d in f.cells.items() if d.kind is Kind.SIGNED}
    assert signed == {f"{r}:change" for r in ("s2.license", "s2.other_services", "s2.penalty", "s2.enforcement", "s2.fees")}
    assert [c for c, d in f19.cells.items() if d.kind is Kind.AMOUNT] == ["s2.procurement:amount"]
    assert [c for c, d in f21.cells.items() if d.kind is Kind.AMOUNT] == ["s2.fees:amount"]
    assert f19.cells["s2.procurement:amount"].column.places == 4
    assert f21.cells["s2.fees:amount"].column.places is None


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_computed_cells(format_id):
    fmt = FORMATS[format_id]
    results = [r for r in dict.fromkeys(c.row.id for c in fmt.cells.values())
               if r.startswith(("s3.granted", "s3.partial", "s3.withheld", "s3.unavailable", "s3.declined", "s3.other"))]
    assert len(results) == (19 if format_id == "2019" else 21)
    assert fmt.computed["s3.total:legal"] == tuple(f"{r}:legal" for r in results)
    assert fmt.computed["s3.new:total"] == tuple(
        f"s3.new:{c}" for c in ("natural", "commercial", "research", "nonprofit", "legal", "other_org"))
    assert fmt.computed["s4.suit_direct:total"] == tuple(
        f"s4.suit_direct:{c}" for c in ("upheld", "corrected", "other", "pending"))
    # Only the s3 total column and row, and the s4 total column, are computed.
    s3_rows = {c.row.id for c in fmt.cells.values() if c.section.id == "s3"}
    assert len(fmt.computed) == len(s3_rows) + 6 + 3


def test_prose_guidance_is_data():
    assert FORMATS["2021"].section("s1").outline[0] == "（一）主动公开"
    assert len(FORMATS["2021"].section("s1").outline) == 5
    assert "信息处理费" in FORMATS["2021"].section("s6").hint
