"""The result of reviewing many reports, as a workbook (.xlsx) or one self-contained web page (.html).

First a summary: one row per input with 机关, 年度, 格式, 错误数, 警告数 and a column per checklist item; then,
per report, each finding with its rule, cells and message. An input that could not be read is a row saying why.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

from report import checklist
from report.batch import Reviewed
from report.formats import get_format

from .files import write_atomically

SUMMARY_HEADS = ("来源", "机关", "年度", "格式", "错误数", "警告数")
VERDICT_TEXT = {checklist.PASS: "通过", checklist.NOT_APPLICABLE: "不适用"}
KINDS = (".xlsx", ".html")


def _verdict(verdict: tuple[str, int]) -> str:
    state, hits = verdict
    return VERDICT_TEXT.get(state, f"未通过（{hits}）")


def summary_rows(results: list[Reviewed]) -> list[list]:
    rows = []
    for r in results:
        e = r.entry
        if e.report is None:
            rows.append([e.source, f"无法读取：{e.problem}", "", "", "", "", *([""] * len(checklist.ITEMS))])
            continue
        rep = e.report
        rows.append([e.source, rep.agency, rep.year, get_format(rep.format_id).name, r.errors, r.warnings,
                     *(_verdict(r.verdicts[i.id]) for i in checklist.ITEMS)])
    return rows


def _finding_rows(r: Reviewed) -> list[list[str]]:
    rows = []
    for f in r.findings:
        item = checklist.item_of(f.rule)
        rows.append(["错误" if f.is_error else "警告", item.title if item else "", f.rule, "、".join(f.cells), f.message])
    return rows


FINDING_HEADS = ("级别", "审核项", "规则", "单元格", "说明")


def write(results: list[Reviewed], path: str | Path) -> None:
    suffix = Path(path).suffix.lower()
    data = _xlsx(results) if suffix == ".xlsx" else _html(results).encode("utf-8")
    write_atomically(path, data)


def _sheet_title(r: Reviewed, used: set[str]) -> str:
    rep = r.entry.report
    base = f"{rep.agency.strip()}{rep.year}"
    for ch in "[]:*?/\\":
        base = base.replace(ch, "_")
    base = base[:28]
    title, n = base, 2
    while title in used:
        title = f"{base[:25]}-{n}"
        n += 1
    used.add(title)
    return title


def _xlsx(results: list[Reviewed]) -> bytes:
    import openpyxl  # ~0.2 s: only when a workbook is written
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    # An ordinary workbook held in memory: openpyxl's write-only mode writes every sheet to a temporary file of
    # its own, and with a sheet per report the files' creation and deletion cost more than the cells.
    book = openpyxl.Workbook()
    book.remove(book.active)
    bold, failed = Font(bold=True), PatternFill("solid", fgColor="FCE4D6")
    wrapped = Alignment(wrap_text=True, vertical="center")

    def heads(sheet, labels):
        sheet.append(list(labels))
        for cell in sheet[1]:
            cell.font = bold
            cell.alignment = wrapped

    def widths(sheet, values):
        for col, width in enumerate(values, 1):
            sheet.column_dimensions[get_column_letter(col)].width = width

    ws = book.create_sheet("审核汇总")
    widths(ws, (30, 30, 8, 30, 8, 8, *([12] * len(checklist.ITEMS))))
    ws.freeze_panes = "C2"
    heads(ws, [*SUMMARY_HEADS, *(i.title for i in checklist.ITEMS)])
    for n, row in enumerate(summary_rows(results), 2):
        ws.append(row)
        for col, value in enumerate(row, 1):
            if isinstance(value, str) and value.startswith("未通过"):
                ws.cell(n, col).fill = failed
    # What each item checks and on what authority, for the reviewer who signs.
    notes = book.create_sheet("审核项说明")
    widths(notes, (16, 100))
    heads(notes, ["审核项", "依据"])
    for item in checklist.ITEMS:
        notes.append([item.title, item.source])
    used = {"审核汇总", "审核项说明"}
    for r in results:
        if r.entry.report is None:
            continue
        sheet = book.create_sheet(_sheet_title(r, used))
        widths(sheet, (6, 14, 24, 30, 100))
        heads(sheet, FINDING_HEADS)
        for row in _finding_rows(r) or [["", "", "", "", "未发现问题"]]:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_STYLE = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei","SimSun",sans-serif;margin:1.5em;}
table{border-collapse:collapse;margin-bottom:1.5em;}th,td{border:1px solid #999;padding:3px 6px;vertical-align:top;}
th{background:#eee;}td.fail{background:#fce4d6;}td.bad{color:#a00;}"""


def _html(results: list[Reviewed]) -> str:
    e = html.escape
    parts = ["<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>年度报告批量审核结果</title>",
             f"<style>{_STYLE}</style></head><body><h1>年度报告批量审核结果</h1><table><tr>"]
    parts += [f"<th>{e(h)}</th>" for h in (*SUMMARY_HEADS, *(i.title for i in checklist.ITEMS))]
    parts.append("</tr>")
    for row in summary_rows(results):
        cells = []
        for i, v in enumerate(row):
            cls = ' class="fail"' if isinstance(v, str) and v.startswith("未通过") else (
                ' class="bad"' if i == 1 and str(v).startswith("无法读取") else "")
            cells.append(f"<td{cls}>{e(str(v))}</td>")
        parts.append(f"<tr>{''.join(cells)}</tr>")
    parts.append("</table><h2>审核项说明</h2><table><tr><th>审核项</th><th>依据</th></tr>")
    parts += [f"<tr><td>{e(i.title)}</td><td>{e(i.source)}</td></tr>" for i in checklist.ITEMS]
    parts.append("</table>")
    for r in results:
        if r.entry.report is None:
            continue
        rep = r.entry.report
        parts.append(f"<h2>{e(rep.agency)} {rep.year} 年度</h2><p>{e(r.entry.source)}</p>")
        rows = _finding_rows(r)
        if not rows:
            parts.append("<p>未发现问题。</p>")
            continue
        parts.append("<table><tr>" + "".join(f"<th>{h}</th>" for h in FINDING_HEADS) + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>" for row in rows]
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)
