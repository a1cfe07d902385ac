"""The real published reports beside the repository (../shared/real/, see its README): what a good import does
with each — every cell exact where the file determines it, agency, year and format found; where digits run
together read more than one way, the cell named with its readings and nothing written for it."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from importer import ERROR, WARNING, import_file
from report.checks import ERROR as CHECK_ERROR
from report.checks import check
from report.definition import Kind
from report.values import show

from ..conftest import SHARED

REAL = SHARED / "real"

# Per case, the cells the file leaves open (its findings.md: 「cannot be split from the text alone」), by row; the
# other cells of those rows agree in every reading and are read. A case not listed must be read whole.
OPEN = {
    "01": {},
    "02": {},
    "03": {"s2.normative": ("made", "published", "total_public"), "s2.penalty": ("prev_count", "change"),
           "s2.procurement": ("projects", "amount")},
    "04": {},
    "05": {},
    "06": {},
    "07": {"s2.license": ("prev_count", "change"), "s2.penalty": ("prev_count", "change"),
           "s2.fees": ("prev_count", "change"), "s2.procurement": ("projects", "amount")},
    "08": {"s2.normative": ("issued", "repealed", "in_force")},
}


def _cases() -> list:
    if not REAL.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"没有真实年报样本目录 {REAL}（应与仓库并列的 shared/real）"))]
    found = sorted(p for p in REAL.iterdir() if p.suffix in (".txt", ".pdf") and p.with_suffix(".json").exists())
    return [pytest.param(p, id=p.name[:2]) for p in found]


def _value(v) -> Decimal:
    return Decimal(str(v))


@pytest.mark.parametrize("source", _cases())
def test_real_report_imports_as_its_readme_says(source: Path):
    case = source.name[:2]
    expected = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    result = import_file(source)
    notes = [str(n) for n in result.notes]
    report = result.report
    assert report is not None, notes
    assert not result.errors, notes
    assert (report.agency, report.year, report.format_id) == (expected["agency"], expected["year"], expected["format"]), notes
    open_cells = {f"{row}:{column}" for row, columns in OPEN.get(case, {}).items() for column in columns}
    wrong = {cid: (show(report.cells[cid]), v) for cid, v in expected["cells"].items()
             if cid in report.cells and _value(report.cells[cid]) != _value(v)}
    assert not wrong, wrong
    unread = {cid for cid in expected["cells"] if cid not in report.cells}
    assert unread == open_cells, notes
    # Each open cell is named in a warning that gives every reading, the publication's among them.
    fmt = report.format
    for row, columns in OPEN.get(case, {}).items():
        cells = tuple(f"{row}:{c}" for c in columns)
        (note,) = [n for n in result.notes if n.level == WARNING and set(cells) <= set(n.cells)]
        assert note.cells == cells and "未导入" in note.message
        printed = [cid for cid in fmt.cells if cid.startswith(row + ":")]
        if all(fmt.cells[cid].kind is not Kind.AMOUNT for cid in printed):  # an amount's reading keeps its 元
            reading = " / ".join(show(expected["cells"][cid]) for cid in printed)
            assert reading in note.message, (reading, note.message)
    # None of the eight has an arithmetic error: what was read must not make one.
    assert not [f for f in check(report) if f.level == CHECK_ERROR]
    assert not [n for n in result.notes if n.level == ERROR]
