"""Our own spreadsheet (.xlsx): the report's data it carries, checked against the figures its sheets show.

The sheets lay out the tables for people and carry no prose: what they show is read as any document's tables
(readers/xlsx.py, then the assembler) and only the cells they show, and the title where it is shown, are checked
against the data (importer/verify.py); the texts and the date come from the data, never reported as differing
because a sheet lacks them. A spreadsheet without the data is refused: its sheets alone are not a report.
"""

from __future__ import annotations

import dataclasses

from report.model import Report, text_ids

from .assemble import assemble
from .document import UnusableInput
from .embedded import Embedded, find
from .notes import WARNING, ImportResult, Note
from .readers.damage import check_zip
from .verify import verify


def import_spreadsheet(data: bytes) -> ImportResult:
    check_zip(data, "电子表格", ".xlsx")
    found = find(data, "xlsx")
    if found.report is None:
        why = f"它附带的报告数据无法使用：{found.problem}" if found.problem else "它不带报告数据"
        raise UnusableInput(f"电子表格只能导入本程序导出的文件，{why}；请导入已发布的 Word、PDF 或网页文件")
    from .readers.xlsx import read_xlsx

    carried = found.report
    items = read_xlsx(data)
    try:
        shown = assemble(items)
        if shown.report is None and shown.missing:  # no title the sheets show: the data's, as the sheets give none
            shown = assemble(items, carried.agency if "agency" in shown.missing else None,
                             carried.year if "year" in shown.missing else None)
    except UnusableInput as e:  # the sheets hold no table of the report at all (all deleted, or emptied)
        note = Note(WARNING, "", f"电子表格中显示的内容无法读取（{e}），已按附带的报告数据导入，未能与显示的内容核对")
        return ImportResult(carried, [note], "格式取自电子表格附带的报告数据")
    result = verify(_as_shown(shown, carried), Embedded(carried))
    # Totals are never compared as given (report.compare compares their sums): only figures need the note.
    fmt = carried.format
    unread = [Note(WARNING, "", f"{fmt.cells[cid].label}在电子表格中是公式，文件中没有它的计算结果"
                                "（保存后未在 Excel 或 WPS 中重新计算过），未能与附带的报告数据核对，按附带的数据导入", (cid,))
              for cid in fmt.cells
              if cid in shown.unread_cells and cid not in shown.read_cells and cid not in fmt.computed]
    return dataclasses.replace(result, notes=[*result.notes, *unread])


def _as_shown(shown: ImportResult, carried: Report) -> ImportResult:
    """What the sheets show, completed from the data where they show nothing: the texts and the date (no sheet
    holds them), and every cell the sheets do not determine (a formula without its value, a table not found)."""
    read = shown.report
    if read is None:
        return shown
    if read.format_id != carried.format_id:  # other tables altogether: their cells as shown, the texts still the data's
        report = dataclasses.replace(read, texts={k: v for k, v in carried.texts.items() if k in text_ids(read.format)},
                                     date=carried.date)
        return dataclasses.replace(shown, report=report)
    cells = dict(carried.cells)
    for cid in shown.read_cells:
        if cid in read.cells:
            cells[cid] = read.cells[cid]
        else:
            cells.pop(cid, None)  # a total shown blank: computed, as the assembler leaves it
    report = dataclasses.replace(read, texts=dict(carried.texts), date=carried.date, cells=cells)
    return dataclasses.replace(shown, report=report)
