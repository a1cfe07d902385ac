"""The agency's ledger written out (.xlsx) in the template's columns and lists, so that `ledger import` reads it
back as it was: one row per application, dates as dates, applicant types and results in the words of the
format of the year each was answered, several 补正 separated by 「；」.

The applicant's name is personal information: its column stays (the file keeps the template's shape) but is
filled only when the clerk asks for it (`names`). Nothing else of this program writes it anywhere.
"""

from __future__ import annotations

from pathlib import Path

from report.ledger import Application, shape_for_year

from .ledger_template import COLUMNS, check_name, save, workbook

CORRECTION_SEPARATOR = "；"  # what the template's header note asks for, and the importer splits on


def write(path: str | Path, year: int, applications: list[Application], *, names: bool = False) -> None:
    """`applications` under the template of `year` (its drop-down lists). OutputError (Chinese) when the file
    cannot be written or is not named .xlsx; an existing file is then left as it was."""
    check_name(path)
    book = workbook(year)
    ws = book.worksheets[0]
    ws.title = f"{year}年台账（导出）"
    for r, app in enumerate(applications, 2):
        for c, value in enumerate(_row(app, names), 1):
            ws.cell(row=r, column=c, value=value)
    save(path, book)


def _row(app: Application, names: bool) -> list[object]:
    sh = shape_for_year((app.answered or app.received).year)
    result = sh.result_for(app.result) if app.result else None
    values: dict[str, object] = {
        "number": app.number,
        "received": app.received,
        "applicant_type": sh.applicant_label(app.applicant_type),
        "applicant": app.applicant if names else None,
        "content": app.content or None,
        "corrections_asked": CORRECTION_SEPARATOR.join(c.asked.isoformat() for c in app.corrections) or None,
        "corrections_received": CORRECTION_SEPARATOR.join(c.received.isoformat() for c in app.corrections
                                                          if c.received is not None) or None,
        "extended": "是" if app.extended else "否",
        "answered": app.answered,
        "result": sh.result_text(result or app.result or "") if app.result else None,
        "fee": app.fee if app.fee else None,
        "review": app.review or None,
        "suit": app.suit or None,
    }
    return [values[f] for f in COLUMNS]
