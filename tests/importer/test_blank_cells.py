"""A 0 left blank in a Word or PDF table (many agencies print only the figures that are not 0) is read as 0 in
its own column: these sources know every cell, so a blank between figures, or a whole row or table of blanks,
is no lost cell. Before, a row with a blank among its figures was refused (「空白格已丢失」) and a section 四 of
blanks alone was not found at all."""

from __future__ import annotations

import pytest

from importer import import_bytes

from . import render, samples
from .test_sources import same

SOURCES = {
    "docx": lambda r, blank: import_bytes(render.docx_bytes(r, blank=blank), ".docx"),
    "pdf": lambda r, blank: import_bytes(render.ruled_pdf_bytes(r, blank=blank), ".pdf"),
}


def _with_zeros(format_id: str, year: int):
    """A report whose 四 is all 0, with a 0 in the middle of some 二 rows and of 三's first rows, balance kept."""
    report = samples.full(format_id, year)
    fmt = report.format
    for cid in fmt.input_cells:
        row, column = cid.split(":")
        columns = fmt.block_of_row(row).leaf_columns()
        s2_middle = row.startswith("s2.") and len(columns) == 3 and column == columns[1].id
        s3_middle = row in ("s3.granted", "s3.partial") and column in ("commercial", "research")
        if cid.startswith("s4.") or s2_middle or s3_middle:
            report.cells[cid] = 0
    return samples.rebalanced(report)


@pytest.mark.parametrize("source", sorted(SOURCES))
@pytest.mark.parametrize("format_id,year", [("2019", 2020), ("2021", 2022)])
def test_zeros_printed_blank_are_read_as_zero_in_their_columns(source, format_id, year):
    report = _with_zeros(format_id, year)
    blank = {c for c in report.format.input_cells if report.cells.get(c) == 0}
    assert any(c.startswith("s2.") for c in blank) and any(c.startswith("s4.") for c in blank)
    result = SOURCES[source](report, blank)
    assert not result.errors, [str(n) for n in result.errors]
    assert result.report is not None
    same(result.report, report)
    assert any("空白" in str(n) for n in result.warnings)  # each blank read as 0 is said to be


def test_ruled_pdf_split_over_pages_with_repeated_header_reads_whole():
    report = samples.full("2021", 2022)
    result = import_bytes(render.ruled_pdf_bytes(report, split_after=6), ".pdf")
    assert not result.errors, [str(n) for n in result.errors]
    same(result.report, report)
