"""A table row broken over a page by Word or WPS: both halves of its labels come as rows of their own, and when
its figures were all printed blank nothing else tells them apart. Joined back by column, the row is read (before,
both halves were dropped as unknown labels and the row's cells were missing)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from importer.assemble import assemble
from importer.document import TableRow
from importer.readers.docx import read_docx

from . import render, samples
from .test_sources import same


def _broken_over_a_page(items, label: str, values: bool = False):
    """The items with the row labelled `label` broken in two, each label cell split mid-word; the figures in the
    first half (as Word prints a cell's text from the top) when `values`."""
    index = next(i for i, it in enumerate(items) if isinstance(it, TableRow) and label in it.cells)
    row = items[index]
    words = [k for k, c in enumerate(row.cells) if c and not c.isdigit()]
    first = [c[: len(c) // 2] if k in words else (c if values else "") for k, c in enumerate(row.cells)]
    second = [c[len(c) // 2:] if k in words else "" for k, c in enumerate(row.cells)]
    # the next page restarts the merged cells above the row: empty cells where the first half had none
    restarted = tuple(range(row.columns[0])) + row.columns
    halves = [replace(row, cells=tuple(first)),
              replace(row, cells=("",) * row.columns[0] + tuple(second), columns=restarted, where=row.where + "（续）")]
    return items[:index] + halves + items[index + 1:]


@pytest.mark.parametrize("format_id,year,label", [("2021", 2022, "1.属于国家秘密"), ("2019", 2020, "3.补正后申请内容仍不明确")])
def test_a_blank_row_broken_over_a_page_is_read(format_id, year, label):
    report = samples.full(format_id, year)
    row = next(r for r in report.format.input_cells if r.startswith("s3.") and report.format.cells[r].row.label == label)
    zeros = {c for c in report.format.input_cells if c.startswith(row.split(":")[0] + ":")}
    for c in zeros:
        report.cells[c] = 0
    report = samples.rebalanced(report)
    items = read_docx(render.docx_bytes(report, blank=zeros))
    result = assemble(_broken_over_a_page(items, label))
    assert not result.errors, [str(n) for n in result.errors]
    same(result.report, report)
    assert not any("已忽略" in str(n) for n in result.notes)


def test_a_damaged_blank_row_is_not_joined_to_the_row_below():
    """A blank row whose label names no row stays what it was; the row below keeps its own figures."""
    report = samples.full("2021", 2022)
    items = read_docx(render.docx_bytes(report))
    index = next(i for i, it in enumerate(items) if isinstance(it, TableRow) and "1.属于国家秘密" in it.cells)
    row = items[index]
    damaged = replace(row, cells=tuple("1.属于国" if c == "1.属于国家秘密" else "" if c.isdigit() else c for c in row.cells))
    result = assemble(items[:index] + [damaged] + items[index + 1:])
    law = [c for c in report.format.input_cells if c.startswith("s3.withheld.law_forbidden:")]
    assert law and all(result.report.cells[c] == report.cells[c] for c in law)
    assert any("1.属于国" in str(n) for n in result.notes)  # the damaged row is said, not silently merged
