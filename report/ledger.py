"""The application ledger (依申请公开台账): one record per application, and table 三 of a year derived from it.

Table 三 follows from the dates alone: 本年新收 is what was received in the year, 上年结转 what was received before
it and still open on 31 December of the year before, the results what was answered in the year (by category), and
结转下年度 what is still open on 31 December. Every application counted on the left of the 勾稽 rule is either
answered in the year or still open at its end, so the rule holds by construction. Which rows and columns these are
comes from the format (Format.applications); nothing here names a row of the report.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from .definition import AppealRows, Format, Row, group_of, leaves
from .formats import format_for_year
from .values import Value

# The ledger's columns as a clerk reads them (a spreadsheet ledger's header row, the 台账 tab).
FIELD_NAMES = {
    "number": "编号",
    "received": "收到日期",
    "applicant_type": "申请人类型",
    "applicant": "申请人",
    "content": "申请内容",
    "corrections_asked": "补正告知日期",
    "corrections_received": "补正收到日期",
    "extended": "延期",
    "answered": "答复日期",
    "result": "办理结果",
    "fee": "信息处理费",
    "review": "行政复议",
    "suit": "行政诉讼",
}


@dataclass(frozen=True)
class Correction:
    """One 补正: the day the applicant was asked to complete the application, and the day the completed
    application arrived (None: not yet). 条例 第三十条: the time in between does not count towards the deadline."""

    asked: datetime.date
    received: datetime.date | None = None


@dataclass(frozen=True)
class Application:
    number: str  # 编号, the agency's own
    received: datetime.date  # 收到日期
    applicant_type: str  # an applicant column id of the format (自然人, 商业企业 …)
    applicant: str = ""  # 申请人: personal information, never published
    content: str = ""  # 申请内容
    corrections: tuple[Correction, ...] = ()
    extended: bool = False  # 延期 approved (条例 第三十三条第二款)
    answered: datetime.date | None = None  # 答复日期; None while open
    result: str | None = None  # 办理结果: a result row id of the format of the year it was answered
    fee: Decimal = Decimal(0)  # 信息处理费 in 元 (国办函〔2020〕109号)
    review: str = ""  # 行政复议 that followed and its outcome, as the clerk wrote it
    suit: str = ""  # 行政诉讼 that followed and its outcome

    def is_open(self, day: datetime.date) -> bool:
        """Received by `day` and not yet answered at its end."""
        return self.received <= day and (self.answered is None or self.answered > day)


@dataclass(frozen=True, eq=False)
class Shape:
    """What a format's table 三 asks of a ledger: its applicant columns and result rows, in printed order."""

    format: Format
    applicant_columns: tuple[tuple[str, str], ...]  # (column id, label)
    result_rows: tuple[Row, ...]

    @cached_property
    def applicant_ids(self) -> frozenset[str]:
        return frozenset(c for c, _ in self.applicant_columns)

    @cached_property
    def result_ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.result_rows)

    @cached_property
    def applicant_groups(self) -> dict[str, tuple[str, ...]]:
        """Column id -> the labels of the header groups above it, outermost first (「申请人情况」, 「法人或其他组织」):
        how a clerk may qualify a type, 「法人或其他组织-商业企业」."""
        rows = self.format.applications
        assert rows is not None
        paths = {c.column.id: c.column_path[:-1] for c in self.format.cells.values() if c.row.id == rows.new}
        return {cid: paths.get(cid, ()) for cid in self.applicant_ids}

    def applicant_label(self, column_id: str) -> str:
        return dict(self.applicant_columns).get(column_id, column_id)

    def result_text(self, row_id: str) -> str:
        """A result as a clerk reads it: its group's label and its own, 「（三）不予公开：1.属于国家秘密」 (the
        table's heading above all results left out)."""
        for cell in self.format.cells.values():
            if cell.row.id == row_id:
                path = cell.row_path[1:] if len(cell.row_path) > 1 else cell.row_path
                return "：".join(path)
        return row_id

    def result_for(self, row_id: str) -> str | None:
        """The result row of this format that `row_id` counts in: itself, or the coarser row a finer one of
        another format falls under (2021's （六）其他处理 1.–3. are 2019's single （六）其他处理 row)."""
        ids = self.result_ids
        if row_id in ids:
            return row_id
        parent = row_id
        while "." in parent:
            parent = parent.rsplit(".", 1)[0]
            if parent in ids:
                return parent
        return None


_SHAPES: dict[str, Shape] = {}


def shape(fmt: Format) -> Shape:
    """The ledger's view of `fmt` (worked out once per format: deriving calls it for every record)."""
    if fmt.id not in _SHAPES:
        _SHAPES[fmt.id] = _make_shape(fmt)
    return _SHAPES[fmt.id]


def _make_shape(fmt: Format) -> Shape:
    rows = fmt.applications
    if rows is None:
        raise ValueError(f"format {fmt.id} has no table of applications")
    block = fmt.block_of_row(rows.results_total)
    columns = tuple((c.id, c.label) for c in block.leaf_columns() if not c.total)
    results = tuple(r for r in leaves(group_of(block.rows, rows.results_total)) if not r.total)
    return Shape(fmt, columns, results)


def shape_for_year(year: int) -> Shape:
    return shape(format_for_year(year))


def problems(app: Application, fmt: Format | None = None) -> list[str]:
    """What makes the record unusable, as Chinese sentences; empty when it is sound. `fmt`: the format of the
    year it was answered in (defaults to the format of that year)."""
    out: list[str] = []
    if not app.number.strip():
        out.append("编号不能为空")
    answered_fmt = fmt or format_for_year((app.answered or app.received).year)
    sh = shape(answered_fmt)
    if app.applicant_type not in sh.applicant_ids:
        out.append(f"申请人类型「{app.applicant_type}」不是表三的申请人类型")
    if app.answered is not None:
        if app.answered < app.received:
            out.append(f"答复日期 {_show(app.answered)} 早于收到日期 {_show(app.received)}")
        if app.result is None:
            out.append("已有答复日期，但未填办理结果")
        elif sh.result_for(app.result) is None:
            out.append(f"办理结果「{app.result}」不是{answered_fmt.name}表三的办理结果")
    elif app.result is not None:
        out.append("已填办理结果，但未填答复日期")
    for c in app.corrections:
        if c.asked < app.received:
            out.append(f"补正告知日期 {_show(c.asked)} 早于收到日期 {_show(app.received)}")
        if c.received is not None and c.received < c.asked:
            out.append(f"补正收到日期 {_show(c.received)} 早于补正告知日期 {_show(c.asked)}")
    if app.fee < 0:
        out.append("信息处理费不能为负数")
    return out


@dataclass
class Derived:
    """Table 三 of a year as the ledger gives it, and the records left out with the reason."""

    year: int
    cells: dict[str, Value]  # every input cell of the table (zeros included); totals are computed as usual
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (编号, reason)
    # Section 四's input cells from the recorded 复议 and 诉讼 (zeros included); empty when the ledger records none
    appeals: dict[str, Value] = field(default_factory=dict)
    fee_count: int = 0  # applications answered in the year with a 信息处理费
    fee_total: Decimal = Decimal(0)  # in 元

    def notes(self) -> list[str]:
        """What the clerk must still do or know, one sentence each: the fees to state in section 六, the records
        left out of the table and why."""
        fees = [f"本年度收取信息处理费 {self.fee_count} 件，共 {self.fee_total} 元（请写入第六部分）"] if self.fee_count else []
        return fees + [f"注意：数据库中台账的申请「{number}」未计入表三：{why}" for number, why in self.skipped]

    def flow(self) -> Flow:
        """The year's applications in the order table 三 tells them: in, carried in, answered, carried out."""
        rows = format_for_year(self.year).applications
        assert rows is not None
        total = {r: sum(v for cid, v in self.cells.items() if cid.startswith(f"{r}:"))
                 for r in (rows.new, rows.carried_in, rows.carried_out)}
        answered = sum(self.cells.values()) - sum(total.values())
        return Flow(int(total[rows.new]), int(total[rows.carried_in]), int(answered), int(total[rows.carried_out]))


    def fee_sentence(self) -> str:
        """The year's 信息处理费 as section 六 states them, none included (a report must say so either way)."""
        basis = "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
        if not self.fee_count:
            return f"本年度{basis}未收取信息处理费。"
        return f"本年度{basis}收取信息处理费 {self.fee_count} 件，共计 {_money(self.fee_total)} 元。"


# A fee sentence as fee_sentence writes it, to be replaced rather than repeated when the figures change.
_FEE_SENTENCE = re.compile(r"本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），[^。\n]*信息处理费[^。\n]*。")


def with_fee_sentence(text: str, sentence: str) -> str:
    """`text` of section 六 stating the fees by `sentence`: one written earlier replaced, else a paragraph of its
    own after the text (a 「无。」 standing alone replaced)."""
    if _FEE_SENTENCE.search(text):
        return _FEE_SENTENCE.sub(lambda _m: sentence, text, count=1)
    body = text.rstrip()
    if body in ("", "无", "无。"):
        return sentence
    return f"{body}\n{sentence}"


def _money(amount: Decimal) -> str:
    """元 as written in prose: 30, 12.5 (no trailing zeros, no exponent)."""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class Flow(NamedTuple):
    new: int  # 本年新收
    carried_in: int  # 上年结转
    answered: int  # 本年办结
    carried_out: int  # 结转下年度

    def __str__(self) -> str:
        return (f"本年新收 {self.new} 件，上年结转 {self.carried_in} 件，本年办结 {self.answered} 件，"
                f"结转下年度 {self.carried_out} 件")


def derive(applications: list[Application], year: int) -> Derived:
    """Table 三 of `year` from the ledger. A record that cannot be placed (see `problems`) is left out entirely,
    on both sides of the 勾稽 rule, and named in `skipped`."""
    fmt = format_for_year(year)
    sh = shape(fmt)
    rows = fmt.applications
    assert rows is not None
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    before = start - datetime.timedelta(days=1)
    columns = [c for c, _ in sh.applicant_columns]
    # Counted by (row, column) index pairs; the cell ids are spelled once at the end (the loop runs per record).
    counted = _counted_rows(sh)
    row_index = {r: i for i, r in enumerate(counted)}
    col_index = {c: i for i, c in enumerate(columns)}
    grid = [[0] * len(columns) for _ in counted]
    new, carried_in, carried_out = row_index[rows.new], row_index[rows.carried_in], row_index[rows.carried_out]
    formats = {year: fmt}  # answered year -> its format, looked up once per year
    out = Derived(year, {})
    for app in applications:
        if app.received > end or (app.answered is not None and app.answered < start):
            continue  # no part of this year
        answered_in_year = app.answered is not None and app.answered <= end
        check_year = app.answered.year if app.answered is not None else app.received.year
        if check_year not in formats:
            formats[check_year] = format_for_year(check_year)
        why = problems(app, formats[check_year])
        if not why and app.applicant_type not in col_index:  # a type of another year's format only
            why = [f"申请人类型「{app.applicant_type}」不是{fmt.name}表三的申请人类型"]
        if why:
            out.skipped.append((app.number, "；".join(why)))
            continue
        col = col_index[app.applicant_type]
        if app.received >= start:
            grid[new][col] += 1
        elif app.is_open(before):
            grid[carried_in][col] += 1
        if answered_in_year:
            result = sh.result_for(app.result or "")
            assert result is not None  # problems() refuses a result this year's table does not count
            grid[row_index[result]][col] += 1
            if app.fee > 0:
                out.fee_count += 1
                out.fee_total += app.fee
        else:
            grid[carried_out][col] += 1
    out.cells = {f"{r}:{c}": grid[i][j] for i, r in enumerate(counted) for j, c in enumerate(columns)}
    if records_appeals(applications):
        skipped = {number for number, _ in out.skipped}
        out.appeals = appeal_cells([a for a in applications if a.number not in skipped], year)
    return out


def records_appeals(applications: list[Application]) -> bool:
    """Whether the ledger records 行政复议 or 行政诉讼 at all: only then is section 四 taken from it (a ledger
    that never notes them says nothing about them, rather than that there were none)."""
    return any(a.review.strip() or a.suit.strip() for a in applications)


def appeal_cells(applications: list[Application], year: int) -> dict[str, Value]:
    """Section 四 of `year` from the recorded outcomes: a review or suit counts in the year its application was
    answered (the ledger has no date of its own for it), in the outcome column its note names; a suit after a
    recorded review is 复议后起诉. Every input cell of the rows, zeros included."""
    rows = format_for_year(year).appeals
    if rows is None:
        return {}
    columns = [c for c, _ in rows.outcomes] + [rows.otherwise]
    counts = {f"{r}:{c}": 0 for r in (rows.review, rows.suit_direct, rows.suit_after_review) for c in columns}
    for app in applications:
        if app.answered is None or app.answered.year != year:
            continue
        review, suit = app.review.strip(), app.suit.strip()
        if review:
            counts[f"{rows.review}:{outcome(review, rows)}"] += 1
        if suit:
            counts[f"{rows.suit_after_review if review else rows.suit_direct}:{outcome(suit, rows)}"] += 1
    return dict(counts)


def outcome(note: str, rows: AppealRows) -> str:
    """The outcome column a clerk's note of a review or suit names."""
    for column, words in rows.outcomes:
        if any(w in note for w in words):
            return column
    return rows.otherwise


def derived_cells(fmt: Format, appeals: bool = False) -> frozenset[str]:
    """The input cells a report "由台账生成" takes from the ledger (shown computed, not typed): table 三's counted
    rows by applicant column and, when the ledger records reviews and suits (`appeals`, records_appeals),
    section 四's rows by outcome: exactly the cells `derive` writes."""
    if fmt.applications is None:
        return frozenset()
    sh = shape(fmt)
    cells = {f"{r}:{c}" for r in _counted_rows(sh) for c, _ in sh.applicant_columns}
    if appeals and fmt.appeals is not None:
        rows = fmt.appeals
        columns = [c for c, _ in rows.outcomes] + [rows.otherwise]
        cells |= {f"{r}:{c}" for r in (rows.review, rows.suit_direct, rows.suit_after_review) for c in columns}
    return frozenset(cells)


DERIVED_TIP = ("由台账生成：按「台账」页中的申请计算，不能直接修改；台账改动后随之更新。"
               "如需手工填写，请在「台账」页点「改为手工填写」。")


def _counted_rows(sh: Shape) -> list[str]:
    rows = sh.format.applications
    assert rows is not None
    return [rows.new, rows.carried_in, *(r.id for r in sh.result_rows), rows.carried_out]


def _show(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
