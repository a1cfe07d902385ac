"""The spreadsheet read back with openpyxl: the sheets, every header and merged cell, every value as a number
equal to the report's, and every total a formula over exactly the cells the format adds up, whose value computed
here from the sheet's own numbers is the report's total."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import openpyxl
from hypothesis import given, settings
from openpyxl.utils import column_index_from_string, range_boundaries

from export import layout as L
from export import xlsx
from export.xmltext import clean
from report import grid as G
from report.calc import with_totals
from report.model import Report

from ..strategies import valid_reports


def read(report: Report):
    return openpyxl.load_workbook(io.BytesIO(xlsx.render(report)))


def as_decimal(value) -> Decimal:
    """A number as read back, exactly as Excel would show it (the shortest form of the double)."""
    assert isinstance(value, (int, float)) and not isinstance(value, bool), value
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def refs_of(formula: str) -> list[tuple[int, int]]:
    """(row, column) of every cell a =SUM(…) formula adds, 1-based."""
    match = re.fullmatch(r"=SUM\(([^()]*)\)", formula)
    assert match, formula
    out = []
    for part in match.group(1).split(","):
        if ":" in part:
            c1, r1, c2, r2 = range_boundaries(part)
            out += [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
        else:
            col, row = _REF.match(part).groups()
            out.append((int(row), column_index_from_string(col)))
    return out


def evaluate(ws, row: int, col: int) -> Decimal:
    value = ws.cell(row, col).value
    if isinstance(value, str) and value.startswith("="):
        return sum((evaluate(ws, r, c) for r, c in refs_of(value)), Decimal(0))
    return as_decimal(value)


def check_workbook(wb, report: Report) -> None:
    doc = L.build(report)
    fmt = report.format
    full = with_totals(report)
    assert wb.sheetnames == [xlsx.INFO_SHEET] + [t.where for t in doc.tables()]
    info = {wb[xlsx.INFO_SHEET].cell(r, 1).value: wb[xlsx.INFO_SHEET].cell(r, 2).value for r in range(3, 12)}
    assert info["机关名称"] == clean(report.agency.strip())
    assert info["报告年度"] == report.year
    assert info["报告格式"] == fmt.name
    if report.date:
        assert info["成文日期"].date() == report.date
    assert wb.calculation.fullCalcOnLoad
    for block in doc.tables():
        ws = wb[block.where]
        g = block.grid
        top = xlsx.FIRST_ROW
        assert ws.cell(1, 1).value == block.where
        merged = {str(r) for r in ws.merged_cells.ranges} - {f"A1:{openpyxl.utils.get_column_letter(g.cols)}1"}
        want = {f"{openpyxl.utils.get_column_letter(c.col + 1)}{top + c.row}:"
                f"{openpyxl.utils.get_column_letter(c.col + c.colspan)}{top + c.row + c.rowspan - 1}"
                for c in g.cells if c.rowspan > 1 or c.colspan > 1}
        assert merged == want
        position = {c.cell: (top + c.row, 1 + c.col) for c in g.value_cells()}
        for c in g.cells:
            cell = ws.cell(top + c.row, 1 + c.col)
            if c.role != G.VALUE:
                assert (cell.value or "") == clean(c.text), c
                continue
            expected = full.value(c.cell)
            if c.cell in fmt.computed:
                # a formula over exactly the cells the format adds up, worth the report's total
                assert isinstance(cell.value, str) and cell.value.startswith("=SUM("), (c.cell, cell.value)
                assert sorted(refs_of(cell.value)) == sorted(position[a] for a in fmt.computed[c.cell])
                assert evaluate(ws, top + c.row, 1 + c.col) == expected
            else:
                assert as_decimal(cell.value) == expected, c.cell
            places = len(c.text.split(".")[1]) if "." in c.text else 0
            assert cell.number_format == ("0." + "0" * places if places else "0")
        assert ws.column_dimensions["A"].width >= 6
        if block.header_rows:
            assert ws.freeze_panes is not None


def test_seed(seed):
    wb = read(seed)
    check_workbook(wb, seed)
    ws = wb["二、主动公开政府信息情况"]
    amount = [c for c in ws.iter_rows() for c in c if c.value == 16.895]
    assert amount and amount[0].number_format == "0.0000"  # shown as 16.8950, as published
    s3 = wb["三、收到和处理政府信息公开申请情况"]
    assert any(c.value == "=SUM(D6:I6)" for row in s3.iter_rows() for c in row)  # a row total, as a range


def test_written_atomically_and_readable_widths(seed, tmp_path):
    path = tmp_path / "报告.xlsx"
    xlsx.write(seed, path)
    wb = openpyxl.load_workbook(path)
    check_workbook(wb, seed)
    assert [p.name for p in tmp_path.iterdir()] == ["报告.xlsx"]
    ws = wb["三、收到和处理政府信息公开申请情况"]
    # the longest row label (three columns wide) fits on one or two lines
    label_width = sum(ws.column_dimensions[c].width for c in "ABC")
    assert label_width >= 2 * len("5.要求行政机关确认或重新出具已获取信息") / 2


def test_the_date_and_properties(seed):
    seed.date = datetime.date(2021, 1, 20)
    wb = read(seed)
    check_workbook(wb, seed)
    assert wb.properties.creator == seed.agency
    assert wb.properties.title == L.document_title(seed)


def test_amount_beyond_excel_precision_is_kept_as_text(seed):
    seed.cells["s2.procurement:amount"] = Decimal("9999999999.999999")  # 16 significant digits
    wb = read(seed)
    ws = wb["二、主动公开政府信息情况"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == "9999999999.999999"]
    assert cells and cells[0].comment is not None


def test_sum_formula_ranges():
    assert xlsx.sum_formula([(3, 3), (3, 4), (3, 5)]) == "=SUM(D6:F6)"
    assert xlsx.sum_formula([(3, 3), (4, 3), (6, 3)]) == "=SUM(D6:D7,D9)"
    assert xlsx.sum_formula([(3, 3), (4, 4)]) == "=SUM(D6,E7)"


@settings(max_examples=30)
@given(valid_reports())
def test_random_reports_both_formats(report):
    check_workbook(read(report), report)


def test_text_that_looks_like_a_formula_is_stored_as_text():
    """Exchange files come from other offices: an agency named like a formula must stay a name, in every cell."""
    import zipfile

    hostile = ['=cmd|calc!A1', '=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "=1+1"]
    for agency in hostile:
        report = Report(agency, 2020, "2019", date=datetime.date(2021, 1, 20))
        data = xlsx.render(report)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
            formulas = [f for n in sheets for f in re.findall(r"<f>([^<]*)</f>", z.read(n).decode())]
        assert formulas and all(f.startswith("SUM(") for f in formulas), formulas
        info = openpyxl.load_workbook(io.BytesIO(data))[xlsx.INFO_SHEET]
        cells = {info.cell(r, 1).value: info.cell(r, 2) for r in range(3, 10)}
        assert cells["机关名称"].value == agency and cells["机关名称"].data_type == "s"
        assert info["A1"].value.startswith(agency) and info["A1"].data_type == "s"
