"""The figures a reader looks at first, taken from a report by walking its format: the applications by result and
by applicant type, section 二's rows, the totals of the tables, and a year-by-year series of several reports.

The 审查单 and the 图解 draw these; nothing here spells a label of the report: rows and columns come from
report/formats, shortened for a chart by rule (numbering and notes in brackets dropped, a unit kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .definition import Block, Column, Format, Row, RowGroup, RowNode, Section, leaves
from .model import Report
from .values import Value, show

# Leading numbering as the formats print it: 一、 （一） 1. 1、 (1)
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])\s*")
_NOTE = re.compile(r"[（(]([^（()）]*)[）)]\s*$")
_UNIT = re.compile(r"单位[：:]\s*([^，,；;）)]+)")


@dataclass(frozen=True)
class Label:
    text: str  # short: no numbering, no note in brackets
    unit: str = ""  # 万元 when the note said 单位：万元


def short_label(label: str) -> Label:
    """「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」 -> 部分公开; 「本年收费金额（单位：万元）」 ->
    本年收费金额, unit 万元."""
    text = _NUMBERING.sub("", label.strip())
    unit = ""
    while (note := _NOTE.search(text)) and note.start() > 0:
        if found := _UNIT.search(note.group(1)):
            unit = unit or found.group(1).strip()
        text = text[: note.start()].rstrip()
    return Label(text or label.strip(), unit)


@dataclass(frozen=True)
class Figure:
    label: str  # short
    value: Value
    unit: str = ""
    cells: tuple[str, ...] = ()  # the cell ids it is read from (one, or the total's)

    @property
    def shown(self) -> str:
        return show(self.value) + self.unit


def _total_column(block: Block) -> Column | None:
    return next((c for c in block.leaf_columns() if c.total), None)


def _applications_block(fmt: Format) -> Block | None:
    if fmt.applications is None:
        return None
    return fmt.block_of_row(fmt.applications.new)


def _results_group(nodes: tuple[RowNode, ...], total_id: str) -> tuple[RowNode, ...] | None:
    """The children of the row group holding the results' total row."""
    for node in nodes:
        if isinstance(node, RowGroup):
            if any(isinstance(c, Row) and c.id == total_id for c in node.children):
                return node.children
            inner = _results_group(node.children, total_id)
            if inner is not None:
                return inner
    return None


def _node_value(report: Report, node: RowNode, column: Column) -> tuple[Value, tuple[str, ...]]:
    ids = tuple(f"{r.id}:{column.id}" for r in leaves((node,)) if not r.total)
    if isinstance(node, Row):
        ids = (f"{node.id}:{column.id}",)
    return sum((report.value(c) for c in ids), 0), ids


def applications_by_result(report: Report) -> list[Figure]:
    """Each result of the year's applications (a row or a group of rows of table 三), in the total column."""
    fmt = report.format
    block = _applications_block(fmt)
    total = _total_column(block) if block else None
    if block is None or total is None or fmt.applications is None:
        return []
    children = _results_group(block.rows, fmt.applications.results_total) or ()
    out = []
    for node in children:
        if isinstance(node, Row) and node.total:
            continue
        value, ids = _node_value(report, node, total)
        out.append(Figure(short_label(node.label).text, value, cells=ids))
    return out


def applications_by_applicant(report: Report) -> list[Figure]:
    """The year's new applications by applicant type (the data columns of table 三)."""
    fmt = report.format
    block = _applications_block(fmt)
    if block is None or fmt.applications is None:
        return []
    row = fmt.applications.new
    return [Figure(short_label(c.label).text, report.value(f"{row}:{c.id}"), cells=(f"{row}:{c.id}",))
            for c in block.leaf_columns() if not c.total]


def application_totals(report: Report) -> list[Figure]:
    """新收, 上年结转, 办理结果 (total), 结转下年度: the rows named by the format's ApplicationRows, in the total column."""
    fmt = report.format
    block = _applications_block(fmt)
    total = _total_column(block) if block else None
    if block is None or total is None or fmt.applications is None:
        return []
    a = fmt.applications
    labels = {r.id: r.label for r in leaves(block.rows)}
    groups = _group_labels(block.rows)
    out = []
    for row_id in (a.new, a.carried_in, a.results_total, a.carried_out):
        # The results' total row is labelled 总计 within its group: name it by the group (本年度办理结果).
        label = groups.get(row_id) if row_id == a.results_total else labels[row_id]
        cid = f"{row_id}:{total.id}"
        out.append(Figure(short_label(label or labels[row_id]).text, report.value(cid), cells=(cid,)))
    return out


def _group_labels(nodes: tuple[RowNode, ...]) -> dict[str, str]:
    """Total row id -> the label of the group it totals."""
    out: dict[str, str] = {}
    for node in nodes:
        if isinstance(node, RowGroup):
            for child in node.children:
                if isinstance(child, Row) and child.total:
                    out[child.id] = node.label
            out.update(_group_labels(node.children))
    return out


@dataclass(frozen=True)
class RowFigures:
    """One row of a table (section 二 or 四), its short label and its figures column by column."""

    title: str  # the block's title (第二十条第（一）项) or the section's short title
    label: str
    figures: tuple[Figure, ...]


def table_rows(report: Report, section_id: str) -> list[RowFigures]:
    """Every data row of a table section with its figures (total columns included, as printed)."""
    fmt = report.format
    section = fmt.section(section_id)
    if section.table is None:
        return []
    out = []
    for block in section.table.blocks:
        title = block.title or short_label(section.title).text
        for row in block.leaf_rows():
            figures = []
            for c in block.leaf_columns():
                label = short_label(c.label)
                cid = f"{row.id}:{c.id}"
                figures.append(Figure(label.text, report.value(cid), label.unit, (cid,)))
            # A row under a group (行政诉讼 › 复议后起诉) is named with it.
            path = fmt.cells[f"{row.id}:{block.leaf_columns()[0].id}"].row_path
            out.append(RowFigures(title, "·".join(short_label(p).text for p in path), tuple(figures)))
    return out


def _around_applications(fmt: Format) -> tuple[list[Section], list[Section]]:
    """The table sections before table 三 (what was published: 二) and after it (复议、诉讼: 四)."""
    tables = fmt.table_sections
    block = _applications_block(fmt)
    at = next((i for i, s in enumerate(tables) if s.table and block in s.table.blocks), None)
    if at is None:
        return tables, []
    return tables[:at], tables[at + 1:]


def published_figures(report: Report) -> list[RowFigures]:
    """Section 二's rows: what the agency published in the year."""
    before, _ = _around_applications(report.format)
    return [r for s in before for r in table_rows(report, s.id)]


def review_rows(report: Report) -> list[RowFigures]:
    """Section 四's rows (行政复议、行政诉讼)."""
    _, after = _around_applications(report.format)
    return [r for s in after for r in table_rows(report, s.id)]


@dataclass(frozen=True)
class YearPoint:
    year: int
    new: Value  # applications received in the year
    answered: Value  # results total
    review: Value  # the last table's total column summed (复议 and 诉讼 cases)


def year_series(reports: list[Report], last: int = 5) -> list[YearPoint]:
    """The applications and review cases of up to `last` years, oldest first, one point per year (a later
    report of a year in the list wins); each year read through its own format."""
    by_year: dict[int, Report] = {}
    for r in reports:
        by_year[r.year] = r
    out = []
    for year in sorted(by_year)[-last:]:
        r = by_year[year]
        totals = {f.cells[0].split(":")[0]: f.value for f in application_totals(r)}
        a = r.format.applications
        review = sum((f.value for row in review_rows(r) for f in row.figures[-1:]), 0)
        out.append(YearPoint(year, totals.get(a.new, 0) if a else 0, totals.get(a.results_total, 0) if a else 0,
                             review))
    return out


def as_number(value: Value) -> float | int:
    """For drawing only (a chart's bar length): amounts as float, counts as they are."""
    return float(value) if isinstance(value, Decimal) else value
