"""The report as a spreadsheet (.xlsx) with openpyxl, for the office that collects the figures.

- A first sheet 「报告信息」 with the agency, the year, the format, the date and the preamble (导语, which the
  layout places between the title and 一; one paragraph a line in its cell); then one sheet per table section
  named after it (二、主动公开政府信息情况 …), holding the official grid with its merged header cells.
- Values are numbers, taken from the layout's display strings so that the spreadsheet can never disagree with the
  other outputs. Each keeps the decimal places it is shown with (number format 0.0000 for 16.8950).
- Totals are formulas (=SUM(…)) over the cells the format says they add up (Format.computed), so that Excel and
  WPS recompute them when a figure is changed; the file asks for a full recalculation on opening.

Amounts and binary floating point: Excel stores every number as an IEEE double, showing 15 significant digits.
openpyxl writes a number as its 16-digit rendering of the nearest double; for a value of at most 15 significant
digits that text reads back to the same double, whose shortest form is the exact decimal, and the number format
shows exactly the places of the report. (Checked for a million random amounts of up to 15 digits and 6 places.)
A value with more significant digits cannot be held exactly by Excel: it is written as text (right-aligned, with a
note), and a total that depends on it is written as its exact value instead of a formula.

Text is text: an agency named 「=HYPERLINK(…)」 (exchange files come from other offices) must not become a live
formula. Every text goes through `_text`, which stores it as a string cell whatever it starts with; only `_sum`
writes formulas, and only the =SUM(…) this module builds.
"""

from __future__ import annotations

import datetime
import io
import math
import re
from decimal import Decimal
from operator import itemgetter

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from report import grid as grid_mod
from report import title as report_title
from report.about import GENERATOR
from report.definition import Format
from report.model import Report

from . import layout, ooxml_data
from . import styles as st
from .files import write_atomically
from .xmltext import clean

INFO_SHEET = "报告信息"
FIRST_ROW = 3  # the grid starts below the sheet's heading and a blank row
EXCEL_DIGITS = 15  # significant digits Excel keeps
FONT = "宋体"
FONT_SIZE = 11
LINE_HEIGHT_PT = 15.0  # one line of 11 pt text in a row
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
INFO_WIDTH = 70  # characters, the information sheet's value column
TEXT_NOTE = "此数超过 Excel 的 15 位有效数字，以文本保存以免被改动"


def write(report: Report, path) -> None:
    write_atomically(path, render(report))


def render(report: Report, *, now: datetime.datetime | None = None) -> bytes:
    doc = layout.build(report)
    fmt = report.format
    wb = Workbook()
    info = wb.active
    _info_sheet(info, doc, report)
    used = {INFO_SHEET}
    for block in doc.tables():
        ws = wb.create_sheet(_sheet_name(block.where, used))
        _table_sheet(ws, block, fmt)
    stamp = (now or datetime.datetime.now()).replace(microsecond=0, tzinfo=None)
    props = wb.properties
    props.title = clean(doc.title.text)
    props.subject = clean(doc.subject)
    props.creator = clean(doc.agency) or GENERATOR
    props.lastModifiedBy = GENERATOR
    props.description = f"由{GENERATOR}生成"
    props.keywords = report_title.NAME
    props.language = "zh-CN"
    props.created = props.modified = stamp
    wb.calculation.fullCalcOnLoad = True
    out = io.BytesIO()
    wb.save(out)
    return ooxml_data.embed(out.getvalue(), doc.data)


# ---- the information sheet ---------------------------------------------------------------------------------------


def _text(cell, text: str) -> None:
    """A string cell, never a formula (openpyxl takes any text starting with 「=」 for one)."""
    cell.value = clean(text)
    cell.data_type = "s"


def _put(cell, value: object) -> None:
    if isinstance(value, str):
        _text(cell, value)
    else:
        cell.value = value


def _info_sheet(ws: Worksheet, doc: layout.Document, report: Report) -> None:
    ws.title = INFO_SHEET
    _text(ws["A1"], doc.title.text)
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    ws.merge_cells("A1:B1")
    rows: list[tuple[str, object, str | None]] = [
        ("机关名称", doc.agency, None),
        ("报告年度", doc.year, "0"),
        ("报告格式", doc.format_name, None),
    ]
    if report.date is not None:
        rows.append(("成文日期", report.date, 'yyyy"年"m"月"d"日"'))
    preamble = doc.preamble()
    if preamble:
        rows.append((layout.PREAMBLE_TITLE, "\n".join(clean(p.full_text) for p in preamble), None))
    rows += [
        ("生成程序", GENERATOR, None),
        ("说明", "各表中的合计数为公式，在 Excel 或 WPS 中修改数字后会自动重算；以导出的 PDF 或交换文件为准。", None),
    ]
    for i, (label, value, number_format) in enumerate(rows, start=3):
        a, b = ws.cell(i, 1), ws.cell(i, 2)
        _text(a, label)
        _put(b, value)
        a.font = Font(name=FONT, size=FONT_SIZE, bold=True)
        b.font = Font(name=FONT, size=FONT_SIZE)
        b.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        if number_format:
            b.number_format = number_format
        if isinstance(value, str) and _wrapped_lines(value, INFO_WIDTH) > 1:  # the preamble: room for every line
            ws.row_dimensions[i].height = LINE_HEIGHT_PT * _wrapped_lines(value, INFO_WIDTH)
            a.alignment = Alignment(vertical="top")
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = INFO_WIDTH
    ws.sheet_view.showGridLines = False


def _wrapped_lines(text: str, width: int) -> int:
    """Lines a wrapped cell of `width` characters takes (a Chinese character is two wide)."""
    return sum(max(1, math.ceil(sum(1 if ch.isascii() else 2 for ch in line) / width)) for line in text.split("\n"))


def _sheet_name(title: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique regardless of case."""
    name = re.sub(r"[\[\]:*?/\\']", "", clean(title)).strip()[:31] or "表"
    base, n = name, 2
    while name.lower() in {u.lower() for u in used}:
        suffix = f"（{n}）"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


# ---- a table sheet -----------------------------------------------------------------------------------------------


def parse_display(text: str) -> int | Decimal:
    """The number a display string shows (the layout writes values with `report.values.show`)."""
    return Decimal(text) if "." in text else int(text)


def significant_digits(value: int | Decimal) -> int:
    digits = Decimal(value).normalize().as_tuple().digits
    return len(digits)


def number_format(text: str) -> str:
    """Integers as 0, amounts with exactly the places they are shown with."""
    places = len(text.split(".", 1)[1]) if "." in text else 0
    return "0." + "0" * places if places else "0"


def _coord(row: int, col: int) -> str:
    return f"{get_column_letter(col + 1)}{FIRST_ROW + row}"


def sum_formula(refs: list[tuple[int, int]]) -> str:
    """=SUM over grid positions (row, col), as ranges where the cells run on along one row or one column."""
    refs = sorted(set(refs))
    if len({r for r, _ in refs}) == 1:
        step = itemgetter(1)  # along a row
    elif len({c for _, c in refs}) == 1:
        step = itemgetter(0)  # down a column
    else:
        step = None
    runs: list[list[tuple[int, int]]] = []
    for p in refs:
        if runs and step is not None and step(p) == step(runs[-1][-1]) + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    parts = [_coord(*run[0]) if len(run) == 1 else f"{_coord(*run[0])}:{_coord(*run[-1])}" for run in runs]
    return f"=SUM({','.join(parts)})"


def _table_sheet(ws: Worksheet, block: layout.TableBlock, fmt: Format) -> None:
    g = block.grid
    _text(ws["A1"], block.where)
    ws["A1"].font = Font(name=st.FONT_NAMES["heading"], size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(g.cols, 1))
    ws.sheet_view.showGridLines = False

    position = {c.cell: (c.row, c.col) for c in g.cells if c.role == grid_mod.VALUE and c.cell}
    values: dict[str, int | Decimal] = {}
    as_text: set[str] = set()
    for c in g.value_cells():
        v = parse_display(c.text)
        values[c.cell] = v
        if significant_digits(v) > EXCEL_DIGITS:
            as_text.add(c.cell)

    def needs_text(cid: str) -> bool:
        return cid in as_text or any(needs_text(a) for a in fmt.computed.get(cid, ()) if a in position)

    font = Font(name=FONT, size=FONT_SIZE)
    for c in g.cells:
        top = FIRST_ROW + c.row
        left = 1 + c.col
        for r in range(top, top + c.rowspan):
            for col in range(left, left + c.colspan):
                ws.cell(r, col).border = BORDER
        if c.rowspan > 1 or c.colspan > 1:
            ws.merge_cells(start_row=top, start_column=left, end_row=top + c.rowspan - 1,
                           end_column=left + c.colspan - 1)
        cell = ws.cell(top, left)
        cell.font = font
        align = layout.cell_align(c)
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if c.role != grid_mod.VALUE:
            if c.text:
                _text(cell, c.text)
            continue
        cid = c.cell
        addends = fmt.computed.get(cid)
        if cid in as_text:
            _text(cell, c.text)
            cell.alignment = Alignment(horizontal="right", vertical="center")
            cell.comment = Comment(TEXT_NOTE, GENERATOR)
        elif addends and all(a in position for a in addends) and not any(needs_text(a) for a in addends):
            cell.value = sum_formula([position[a] for a in addends])
            cell.number_format = number_format(c.text)
        else:  # a total over a value Excel cannot hold exactly: its exact sum, as the other outputs show it
            cell.value = values[cid]
            cell.number_format = number_format(c.text)

    widths = _column_widths(g)
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = round(w, 1)
    for r, h in _row_heights(g, widths).items():
        ws.row_dimensions[FIRST_ROW + r].height = h

    label_cols = min((c.col for c in g.value_cells()), default=0)
    if block.header_rows:
        ws.freeze_panes = ws.cell(FIRST_ROW + block.header_rows, 1 + label_cols)
        ws.print_title_rows = f"{FIRST_ROW}:{FIRST_ROW + block.header_rows - 1}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if g.cols > 6 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def _units(text: str) -> float:
    """Excel column-width units (the width of a '0') the text needs on one line: a Chinese character is two."""
    return st.text_width_em(text) * 2


MAX_LABEL = 36.0  # a longer label wraps
MAX_HEADER = 12.0  # header texts wrap rather than widen their column
MIN_VALUE = 8.0
MIN_LABEL = 6.0


def _column_widths(g: grid_mod.Grid) -> list[float]:
    value_cols = {col for c in g.value_cells() for col in range(c.col, c.col + c.colspan)}
    widths = [MIN_VALUE if i in value_cols else MIN_LABEL for i in range(g.cols)]
    for c in sorted(g.cells, key=lambda c: c.colspan):
        if not c.text or c.role in (grid_mod.TITLE, grid_mod.CORNER):
            continue
        cap = {grid_mod.LABEL: MAX_LABEL, grid_mod.VALUE: 40.0}.get(c.role, MAX_HEADER * c.colspan)
        need = min(_units(c.text) / min(c.rowspan, 2), cap) + 2  # a label beside several rows may wrap
        cols = range(c.col, c.col + c.colspan)
        have = sum(widths[i] for i in cols)
        if need > have:
            for i in cols:
                widths[i] += (need - have) / c.colspan
    return widths


def _row_heights(g: grid_mod.Grid, widths: list[float]) -> dict[int, float]:
    """Heights that show every wrapped text: Excel does not grow a row for text in merged cells."""
    lines = {r: 1 for r in range(g.rows)}
    for c in sorted(g.cells, key=lambda c: c.rowspan):
        if not c.text:
            continue
        room = max(sum(widths[c.col:c.col + c.colspan]) - 1.5, 1.0)
        need = math.ceil(_units(c.text) / room)
        rows = range(c.row, c.row + c.rowspan)
        have = sum(lines[r] for r in rows)
        if need > have:
            extra = need - have
            for k, r in enumerate(rows):
                lines[r] += extra // c.rowspan + (1 if k < extra % c.rowspan else 0)
    return {r: n * LINE_HEIGHT_PT + 3 for r, n in lines.items()}
