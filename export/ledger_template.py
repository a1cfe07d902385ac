"""An empty ledger of applications (.xlsx) for a year: the header row `ledger import` reads, and drop-down lists of
the allowed applicant types and results of that year's format, so that what a clerk enters can be read back.

The allowed values live on a second sheet 「可选值」 (a list typed into the validation itself is limited to 255
characters, and the results of table 三 are longer than that). The applicant's name is personal information:
the template has the column, and nothing in this program ever fills one from the database.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from report.formats import FIRST_YEAR, LAST_YEAR, format_for_year
from report.ledger import FIELD_NAMES, shape

from .files import OutputError, write_atomically

SUFFIX = ".xlsx"  # a ledger is an Excel workbook, whatever the report's output kinds are

# Column order of the template: the fields of the ledger, as `ledger import` names them.
COLUMNS = ("number", "received", "applicant_type", "applicant", "content", "corrections_asked",
           "corrections_received", "extended", "answered", "result", "fee", "review", "suit")
WIDTHS = {"content": 40, "result": 44, "applicant": 16, "review": 20, "suit": 20}
HEADER_NOTES = {
    "received": "（年-月-日）",
    "corrections_asked": "（多次用分号隔开）",
    "corrections_received": "（与告知日期依次对应）",
    "answered": "（办结前留空）",
    "fee": "（元）",
}
ROWS_WITH_LISTS = 2000  # the rows below the header that get the drop-down lists


def write(path: str | Path, year: int) -> None:
    """OutputError (Chinese, naming the file) when it cannot be written, or is not named .xlsx; an existing file
    is then left as it was."""
    check_name(path)
    save(path, workbook(year))


def check_name(path: str | Path) -> None:
    if Path(path).suffix.lower() != SUFFIX:
        raise OutputError(f"输出文件应以 {SUFFIX} 结尾：{path}")


def save(path: str | Path, book: Any) -> None:
    data = io.BytesIO()
    book.save(data)
    write_atomically(path, data.getvalue())


def workbook(year: int) -> Any:
    """The template as an openpyxl workbook, its first sheet the ledger (header row only)."""
    import openpyxl  # ~0.2 s: only when a template is written
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sh = shape(format_for_year(year))
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = f"{year}年台账"
    lists = book.create_sheet("可选值")
    choices = {
        "applicant_type": [label for _, label in sh.applicant_columns],
        "result": [sh.result_text(r.id) for r in sh.result_rows],
        "extended": ["否", "是"],
    }
    for col, (f, values) in enumerate(choices.items(), 1):
        lists.cell(row=1, column=col, value=FIELD_NAMES[f]).font = Font(bold=True)
        for i, v in enumerate(values, 2):
            lists.cell(row=i, column=col, value=v)
        lists.column_dimensions[get_column_letter(col)].width = 50 if f == "result" else 16
    lists.sheet_state = "hidden"

    for col, f in enumerate(COLUMNS, 1):
        cell = ws.cell(row=1, column=col, value=FIELD_NAMES[f] + HEADER_NOTES.get(f, ""))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = WIDTHS.get(f, 14)
        if f in choices:
            source = get_column_letter(list(choices).index(f) + 1)
            dv = DataValidation(type="list", formula1=f"=可选值!${source}$2:${source}${len(choices[f]) + 1}",
                                allow_blank=True, showErrorMessage=True, errorTitle="不是可选的值",
                                error=f"请从下拉列表中选择{FIELD_NAMES[f]}")
            dv.add(f"{letter}2:{letter}{ROWS_WITH_LISTS + 1}")
            ws.add_data_validation(dv)
        elif f in ("received", "answered"):
            dv = DataValidation(type="date", operator="between", formula1=f"DATE({FIRST_YEAR},1,1)",
                                formula2=f"DATE({LAST_YEAR},12,31)", allow_blank=True, showErrorMessage=True,
                                errorTitle="不是日期", error="请输入日期，例如 2025-3-1")
            dv.add(f"{letter}2:{letter}{ROWS_WITH_LISTS + 1}")
            ws.add_data_validation(dv)
            for r in range(2, ROWS_WITH_LISTS + 2):
                ws.cell(row=r, column=col).number_format = "yyyy-mm-dd"
        elif f == "number":
            for r in range(2, ROWS_WITH_LISTS + 2):
                ws.cell(row=r, column=col).number_format = "@"  # 编号 such as 0012 keep their zeros
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32
    book.properties.title = f"{year}年政府信息公开申请台账"
    return book
