"""A workbook (.xlsx) through openpyxl in read-only mode: each sheet's rows as table rows, in the shape a web
page's table gives (TableRow.exact: every cell of the row, merged cells once, each cell's column known).

What a cell shows is what Excel or WPS displays:
- a number with the places its number format shows (16.895 under 0.0000 is 16.8950);
- a figure typed as text (「12」, 「1,234」) as that text: the placing reads it as a number;
- a formula as the value the spreadsheet program computed and saved with it. A file that no spreadsheet program
  has saved since the formula was written (openpyxl writes none) has no such value: the formula is then worked
  out when it is plain arithmetic over the sheet's cells (sheet_formula), as Excel does on opening; any other is
  UNREAD, which the placing never places, so that no difference is claimed for it.

Rows above a sheet's first row of two or more cells are its heading (the section's title): paragraphs. A sheet
at most two columns wide holds fields (名称 | 值), not a table of the report: its rows are read as lines, and such
sheets come first since they hold the report's title. Blank rows (one a clerk inserted) are passed over; sheet
names and order play no part, each table sheet carrying its section's heading.

Bounds: the archive is checked before anything is unpacked (damage.check_zip); a sheet declaring more than
MAX_ROWS × MAX_COLUMNS, or holding anything beyond, is refused and nothing beyond is unpacked; so is a workbook
with more than MAX_CELLS filled cells.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from ..document import UNREAD, Item, Paragraph, TableRow, UnusableInput
from ..normalise import clean_cell
from . import sheet_formula
from .damage import check_zip, damaged_zip_part, raised_inside

MAX_SHEETS = 64  # an export has five or six
MAX_ROWS = 1_000  # rows of one sheet; the longest table of the report has some thirty
MAX_COLUMNS = 64  # the widest table has fifteen
MAX_CELLS = 50_000  # filled cells of the workbook; an export has some five hundred
MAX_MERGES = 5_000
FIELD_SHEET_WIDTH = 2

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PLACES = re.compile(r"0\.(0+)")
Cell = tuple[int, int]  # (row, column) from 0


def read_xlsx(data: bytes) -> list[Item]:
    import openpyxl

    archive = check_zip(data, "电子表格", ".xlsx")  # sizes and part count before anything is unpacked
    try:
        # Two readings: the values the program saved (data_only), and the formulas behind them.
        shown = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            sheets = _sheets(shown, formulas, archive)
        finally:
            shown.close()
            formulas.close()
    except UnusableInput:
        raise
    except Exception as e:
        if not raised_inside(e, "xlsx"):
            raise
        where = damaged_zip_part(archive) or "文件结构不完整"
        raise UnusableInput(f"这个电子表格已损坏：{where}，无法读取；请在 Excel 或 WPS 中打开它，另存为 .xlsx 后再导入") from None
    items: list[Item] = []
    for table, sheet in enumerate(sorted(sheets, key=lambda s: not s.fields), start=1):  # stable otherwise
        items += sheet.items(table)
    return items


class _Sheet:
    """One sheet's texts by (row, column), merged areas as their first cell."""

    def __init__(self, title: str, texts: dict[Cell, str], covered: set[Cell]):
        self.title, self.texts, self.covered = title, texts, covered
        filled = [cell for cell, text in texts.items() if text]
        self.first = min((c for _, c in filled), default=0)
        self.width = max((c for _, c in filled), default=-1) + 1 - self.first
        self.rows = sorted({r for r, _ in filled})
        self.fields = 0 < self.width <= FIELD_SHEET_WIDTH

    def items(self, table: int) -> list[Item]:
        out: list[Item] = []
        in_table = False
        for r in self.rows:
            cols = [c for c in range(self.first, self.first + self.width) if (r, c) not in self.covered]
            cells = [self.texts.get((r, c), "") for c in cols]
            filled = [text for text in cells if text]
            where = f"工作表「{self.title}」第 {r + 1} 行"
            if self.fields:
                out.append(Paragraph("：".join(filled), where))
                continue
            in_table = in_table or len(filled) > 1
            if not in_table:
                out.append(Paragraph(filled[0], where, heading=True))
            else:
                out.append(TableRow(tuple(cells), where, table, exact=True,
                                    columns=tuple(c - self.first for c in cols), width=self.width))
        return out


def _sheets(shown, formulas, archive: zipfile.ZipFile) -> list[_Sheet]:
    if len(shown.worksheets) > MAX_SHEETS:
        raise UnusableInput(f"电子表格中有 {len(shown.worksheets)} 张工作表，超过本程序的上限 {MAX_SHEETS} 张，不像是一份年度报告")
    out = []
    budget = [MAX_CELLS * 2]  # both readings count
    for ws, wf in zip(shown.worksheets, formulas.worksheets, strict=True):
        if not hasattr(ws, "iter_rows"):
            continue  # a chart sheet holds no cells
        values, places = _cells(ws, budget, keep_format=True)
        stored, _ = _cells(wf, budget, keep_format=False)
        formula = {cell: v for cell, v in stored.items() if isinstance(v, str) and v.startswith("=")}
        texts = _Texts(values, places, formula).all()
        # openpyxl's read-only sheets keep no merged areas: they are read from the sheet's part, whose name the
        # sheet knows (without it, nothing is taken as merged and a header's spanned cells read as blanks).
        part = getattr(ws, "_worksheet_path", "")
        out.append(_Sheet(ws.title, texts, _covered(archive, part, ws.title)))
    return out


def _cells(ws, budget: list[int], *, keep_format: bool) -> tuple[dict[Cell, object], dict[Cell, int]]:
    """The sheet's cells with something in them -> their value, and the decimal places their number format shows.
    Refused when the sheet says it is larger than MAX_ROWS × MAX_COLUMNS or holds anything beyond, or when the
    workbook holds more than MAX_CELLS filled cells (`budget`: how many are left); nothing beyond is unpacked."""
    rows, cols = ws.max_row or 0, ws.max_column or 0  # as the sheet declares them (<dimension>)
    if rows > MAX_ROWS or cols > MAX_COLUMNS:
        raise UnusableInput(f"工作表「{ws.title}」有 {rows} 行 {cols} 列，超过本程序的上限（{MAX_ROWS} 行、{MAX_COLUMNS} 列），"
                            "不像是本程序导出的年度报告")
    from openpyxl.cell.read_only import EMPTY_CELL

    ws.reset_dimensions()  # a sheet that says less than it holds is still read only within the bounds
    values: dict[Cell, object] = {}
    places: dict[Cell, int] = {}
    # Rows are read to the sheet's end, so that anything far below is seen: openpyxl fills a gap between stored
    # rows with one and the same empty row, passed over by its identity.
    gap = None
    for r, row in enumerate(ws.iter_rows(min_row=1, min_col=1, max_col=MAX_COLUMNS + 1)):
        if row is gap:
            continue
        if r >= MAX_ROWS:  # a row stored so far below, even an empty one, is no report's (and bounds the work)
            raise UnusableInput(f"工作表「{ws.title}」的内容超出 {MAX_ROWS} 行，不像是本程序导出的年度报告")
        if all(cell is EMPTY_CELL for cell in row):
            gap = row
            continue
        for c, cell in enumerate(row):
            value = cell.value
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if c >= MAX_COLUMNS:
                raise UnusableInput(f"工作表「{ws.title}」的内容超出 {MAX_COLUMNS} 列，不像是本程序导出的年度报告")
            budget[0] -= 1
            if budget[0] < 0:
                raise UnusableInput(f"电子表格中填写的单元格超过 {MAX_CELLS} 个，不像是一份年度报告")
            values[(r, c)] = value
            if keep_format and isinstance(value, (int, float)):
                m = _PLACES.search(cell.number_format or "")
                if m:
                    places[(r, c)] = len(m.group(1))
    return values, places


class _Texts:
    """Each cell's text as the spreadsheet shows it (see the module's note on formulas)."""

    def __init__(self, values: dict[Cell, object], places: dict[Cell, int], formula: dict[Cell, str]):
        self.values, self.places, self.formula = values, places, formula
        self.worked_out: dict[Cell, Decimal | None] = {}
        self.busy: set[Cell] = set()

    def all(self) -> dict[Cell, str]:
        return {cell: self.text(cell) for cell in self.values.keys() | self.formula.keys()}

    def text(self, cell: Cell) -> str:
        value = self.values.get(cell)
        if cell in self.formula and value is None:
            number = self._work_out(cell)
            return UNREAD if number is None else _shown_number(number, self.places.get(cell))
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, (int, float)):
            return _shown_number(value, self.places.get(cell))
        if isinstance(value, (datetime, date, time, timedelta)):
            return str(value)
        return clean_cell(str(value)) if value is not None else ""

    def _lookup(self, cell: Cell) -> Decimal | str | None:
        value = self.values.get(cell)
        if cell in self.formula and value is None:
            number = self._work_out(cell)
            if number is None:
                raise sheet_formula.NotKnown
            return number
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            return _decimal(value)
        return str(value) if value is not None else None

    def _work_out(self, cell: Cell) -> Decimal | None:
        if cell not in self.worked_out:
            if cell in self.busy:  # a formula that reads itself, as Excel says of a circular reference
                raise sheet_formula.NotKnown
            self.busy.add(cell)
            try:
                self.worked_out[cell] = sheet_formula.evaluate(self.formula[cell], self._lookup)
            finally:
                self.busy.discard(cell)
        return self.worked_out[cell]


def _decimal(value: int | float | Decimal) -> Decimal:
    if isinstance(value, float):
        return Decimal(repr(value))  # the shortest decimal that reads back as this double: what Excel shows
    return Decimal(value)


def _shown_number(value: int | float | Decimal, places: int | None) -> str:
    """A number as its cell shows it: with the places its number format gives, when that loses no digit."""
    try:
        number = _decimal(value)
        if not number.is_finite():
            return str(value)
        if places is not None:
            fixed = number.quantize(Decimal(1).scaleb(-places))
            if fixed == number:
                return format(fixed, "f")
        if number == number.to_integral_value():
            return format(number.quantize(Decimal(1)), "f")
        return format(number.normalize(), "f")
    except InvalidOperation:
        return str(value)


def _covered(archive: zipfile.ZipFile, path: str, title: str) -> set[Cell]:
    """The cells a merged area covers beyond its first: they show nothing, as a web page's spanned cells."""
    from lxml import etree
    from openpyxl.utils.cell import range_boundaries

    name = path.lstrip("/")
    if not name or name not in archive.namelist():
        return set()
    covered: set[Cell] = set()
    merges = 0
    with archive.open(name) as source:
        for _, element in etree.iterparse(source, events=("end",), resolve_entities=False, no_network=True,
                                          load_dtd=False, huge_tree=False):
            if element.tag == f"{_MAIN}mergeCell":
                merges += 1
                if merges > MAX_MERGES:
                    raise UnusableInput(f"工作表「{title}」中合并的单元格区域超过 {MAX_MERGES} 个，不像是本程序导出的年度报告")
                try:
                    left, top, right, bottom = range_boundaries(element.get("ref", ""))
                except (ValueError, TypeError):
                    continue  # a range Excel would not write: nothing merged
                if None in (left, top, right, bottom):
                    continue
                left, top = max(left, 1), max(top, 1)
                right, bottom = min(right, MAX_COLUMNS + 1), min(bottom, MAX_ROWS + 1)
                covered.update((r - 1, c - 1) for r in range(top, bottom + 1) for c in range(left, right + 1)
                               if (r, c) != (top, left))
            if element.tag in (f"{_MAIN}row", f"{_MAIN}mergeCell"):
                element.clear()
    return covered
