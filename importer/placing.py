"""Putting a printed line's values into the cells of the format, and the cells an import ends with.

A plain-text copy loses merged cells and drops empty ones, so a line's values are counted against the cells the
printed grid gives it (fit_values), not read by column position, unless the source keeps the grid's columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from report.definition import Block, Kind, Section
from report.values import ParseError, Value, normalise_text, parse

from .document import UNREAD
from .labels import FormatLabels, RowEntry
from .normalise import label_key
from .notes import ERROR, WARNING, Note, brief

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?(万元|元|件|个|项|次|人次|人|条|篇)?$")
_ZERO_MARKS = {"—", "-", "/", "－", "－－", "——", "--", "无", "／", "∕"}


@lru_cache(maxsize=8192)  # asked of every cell by several passes; a long table repeats its figures
def is_value(token: str) -> bool:
    """A cell that holds a number (or a dash meaning none), as opposed to a label."""
    if token == UNREAD:
        return True
    text = normalise_text(token)
    return bool(text) and (text in _ZERO_MARKS or bool(_NUMBER.match(text)))


# ------------------------------------------------------------------------------------------------ fitting

ZEROS = "zeros"  # fewer numbers than cells, every one 0: each cell taken as 0
TOO_FEW = "too few"  # fewer numbers than cells: which cell each belongs to is lost
TOO_MANY = "too many"  # more numbers than cells
GUESSED = "guessed"  # more values than cells, read one of several possible ways
REFUSED = "refused"  # the reader of a wider line refused it and said why


@dataclass(frozen=True)
class Fit:
    """How a printed line's values stand in its cells."""

    cells: list[str] | None  # one text per cell ("" published blank); None: not fitted
    numbers: list[str]  # the values printed, blanks left out
    how: str = ""  # "" (as printed), or one of ZEROS … REFUSED


Wider = Callable[[list[str], list[int]], "Fit | None"]


def fit_values(values: list[str], width: int, *, keep_blanks: bool, wider: Wider) -> Fit:
    """Count a line's values against the `width` cells the grid prints for it.

    As many numbers as cells fill them in order (the blanks between were lost spans or an empty column); as many
    values, blanks included, keep their places; fewer numbers fit only when all are 0. `keep_blanks`: the source
    gives every cell, so a blank at the end is a blank cell, not a merged cell's padding. `wider(values, filled)`:
    the reading of a line with more values than cells, which depends on the table (None: read it as too few)."""
    values = list(values)
    if not keep_blanks:
        while values and not values[-1]:
            values.pop()
    filled = [k for k, v in enumerate(values) if v]
    numbers = [values[k] for k in filled]
    if not filled:
        return Fit([""] * width, numbers)  # published all blank
    if len(filled) == width:
        return Fit(numbers, numbers)
    if len(values) == width:
        return Fit(values, numbers)  # positions kept; blanks are blank cells
    if len(values) > width:
        fitted = wider(values, filled)
        if fitted is not None:
            return fitted
    if all(is_zero(v) for v in numbers):
        return Fit(["0"] * width, numbers, ZEROS)
    return Fit(None, numbers, TOO_FEW)


def is_zero(text: str) -> bool:
    try:
        return parse(Kind.AMOUNT, text) == 0
    except ParseError:
        return False


def _quiet_parse(kind: Kind, text: str):
    try:
        return parse(kind, text) if text else None
    except ParseError:
        return None


# ------------------------------------------------------------------------------------------------ placing


@dataclass
class Placed:
    value: Value | None  # None: published blank
    where: str
    unread: bool = False  # the source does not determine it (importer.digit_runs): nothing written


class CellPlacer:
    """The cells found so far, and what the tables' headers said about them (元 for 万元, which columns)."""

    def __init__(self, labels: FormatLabels, notes: list[Note]):
        self.labels = labels
        self.notes = notes
        self.placed: dict[str, Placed] = {}
        self.yuan_columns: set[str] = set()  # cell-column ids whose header says 元
        self.headers: dict[str, list[tuple[str, ...]]] = {}  # section id -> header rows

    def row(self, entry: RowEntry, values: list[str], where: str, positioned: bool = False, exact: bool = False,
            columns: list[int] | None = None) -> None:
        """Count the row's values against the cells the grid prints for it, and place them.

        `positioned`: the values already stand in their cells' order, blanks included (one per cell). `exact`: the
        source gives every cell (TableRow.exact). `columns`: the source column of each value, when the source's
        table is laid out as the official grid."""
        cells = list(entry.cells)
        width = len(cells)
        by_column = self._by_column(cells, values, columns) if columns is not None else None
        if by_column is not None:
            values, positioned = by_column, True
        name = entry.row.label
        if positioned:
            chosen = values
        else:
            fit = fit_values(values, width, keep_blanks=exact, wider=lambda v, f: self._slide(cells, v, f))
            numbers = " ".join(fit.numbers)
            if fit.how == TOO_MANY:
                self.notes.append(Note(ERROR, where, f"「{name}」一行有 {len(fit.numbers)} 个数，"
                                                     f"但这一行只有 {width} 栏：{brief(numbers)}", tuple(cells)))
                return
            if fit.how == TOO_FEW:
                self.notes.append(Note(ERROR, where, f"「{name}」一行应有 {width} 栏，只找到 {len(fit.numbers)} 个数（{brief(numbers)}），"
                                                     "空白格已丢失，无法确定各数所在的栏", tuple(cells)))
                return
            if fit.how == GUESSED:
                basis = "最后一个数为合计" if self._total_last(cells) else "数字紧接行名"
                self.notes.append(Note(WARNING, where, f"「{name}」一行的空白格与栏目对不齐，按{basis}推定各数所在的栏，请核对",
                                       tuple(cells)))
            elif fit.how == ZEROS:
                self.notes.append(Note(WARNING, where, f"「{name}」一行只有 {len(fit.numbers)} 个数（都是 0），其余各栏按 0 导入", tuple(cells)))
            assert fit.cells is not None
            chosen = fit.cells
        self._write(cells, chosen, name, where)

    def _slide(self, cells: list[str], values: list[str], filled: list[int]) -> Fit:
        """More values than cells: blank cells of another table's width around the numbers. The numbers stand
        side by side in the row's cells, next to the label, or (a row ending in its total) ending at the last."""
        numbers = [values[k] for k in filled]
        width = len(cells)
        if len(filled) > width:
            return Fit(None, numbers, TOO_MANY)
        starts = [s for s in range(len(values) - width + 1) if filled[0] >= s and filled[-1] < s + width]
        start = starts[-1] if self._total_last(cells) else starts[0]
        return Fit(values[start:start + width], numbers, GUESSED if len(starts) > 1 else "")

    def _total_last(self, cells: list[str]) -> bool:
        return any(self.labels.format.cells[c].column.total for c in cells[-1:])

    def _by_column(self, cells: list[str], values: list[str], columns: list[int]) -> list[str] | None:
        """The row's values in its cells' order, each by the column it stands in; None when a number stands in a
        column that is none of the row's cells (the table only looks like the grid)."""
        wanted = {self.labels.cell_columns[c]: c for c in cells}
        out: dict[str, str] = {}
        for column, text in zip(columns, values, strict=True):
            if column in wanted:
                out[wanted[column]] = text
            elif text:
                return None
        return [out.get(c, "") for c in cells]

    def _write(self, cells: list[str], chosen: list[str], name: str, where: str) -> None:
        fmt = self.labels.format
        placed, notes = self.placed, self.notes
        blanks_data: list[str] = []
        blanks_total: list[str] = []
        for cid, text in zip(cells, chosen, strict=True):
            if text == UNREAD:
                placed.setdefault(cid, Placed(None, where, unread=True))
                continue
            if cid in placed:
                if placed[cid].value != _quiet_parse(fmt.cells[cid].kind, text):
                    notes.append(Note(ERROR, where, f"{fmt.cells[cid].label}在{placed[cid].where}已经出现过，两处数字不同", (cid,)))
                continue
            if not text:
                (blanks_total if cid in fmt.computed else blanks_data).append(cid)
                placed[cid] = Placed(None, where)
                continue
            kind = fmt.cells[cid].kind
            if kind is Kind.AMOUNT and cid.split(":")[1] in self.yuan_columns and not normalise_text(text).endswith("元"):
                text = text + "元"
            try:
                placed[cid] = Placed(parse(kind, text), where)
            except ParseError as e:
                notes.append(Note(ERROR, where, f"{fmt.cells[cid].label}：{e}", (cid,)))
        if blanks_data:
            columns = "、".join(fmt.cells[c].column.label for c in blanks_data)
            notes.append(Note(WARNING, where, f"「{name}」一行的{columns}栏是空白，按 0 导入", tuple(blanks_data)))
        if blanks_total:
            columns = "、".join(fmt.cells[c].column.label for c in blanks_total)
            notes.append(Note(WARNING, where, f"「{name}」一行的合计（{columns}栏）是空白，将由程序计算", tuple(blanks_total)))

    # ------------------------------------------------------------------------------------- a line across

    def across(self, section: Section, tokens: list[str], where: str, exact: bool = False,
               only_if_as_wide: bool = False) -> bool | None:
        """A line of numbers only: the one printed row of a block laid out across (section 四). None: the
        section has no such block (or, `only_if_as_wide`, the line is not one); False: refused, a note says why;
        True: placed."""
        lab = self.labels
        across = [(b, ids) for b, s, ids in lab.across if s is section]
        if not across:
            return None
        block, ids = across[0]
        width = len(ids)
        if only_if_as_wide and (len(tokens) != width or any(c in self.placed for c in ids)):
            return None
        name = section.title
        fit = fit_values(tokens, width, keep_blanks=exact,
                         wider=lambda v, f: self._extra_column(v, f, width, exact, section, block, where))
        if fit.how == REFUSED:
            return False
        if fit.how == TOO_FEW:
            self.notes.append(Note(ERROR, where, f"「{name}」的数字行应有 {width} 栏，只找到 {len(fit.numbers)} 个数，无法确定各数所在的栏"))
            return False
        if fit.how == ZEROS:
            self.notes.append(Note(WARNING, where, f"「{name}」的数字行只有 {len(fit.numbers)} 个数（都是 0），其余各栏按 0 导入"))
        chosen = fit.cells
        assert chosen is not None
        for row in block.leaf_rows():
            entry = next(r for r in lab.rows if r.row is row)
            row_cells = [c for c in ids if c.startswith(row.id + ":")]
            row_values = [chosen[ids.index(c)] for c in row_cells]
            self.row(RowEntry(entry.row, entry.section, entry.block, entry.groups, tuple(row_cells), entry.order),
                     row_values, where, positioned=True)
        return True

    def _extra_column(self, values: list[str], filled: list[int], width: int, exact: bool, section: Section,
                      block: Block, where: str) -> Fit | None:
        """More numbers (or cells) than the format's: the header says which columns are the format's; the rest is
        an extra column. None (read as too few) for a line that only lost its positions."""
        if not (len(filled) > width or exact):
            return None
        name = section.title
        numbers = [values[k] for k in filled]
        positions = header_positions(self.headers.get(section.id, []), block)
        blank = {k for k in positions if k >= len(values) or not values[k]}
        if len(positions) != width or not set(filled) >= set(positions) - blank:
            if not all(is_zero(v) for v in numbers):
                self.notes.append(Note(ERROR, where, f"「{name}」的数字行有 {len(filled)} 个数，表格只有 {width} 栏，且无法从表头确定多出的是哪一栏"))
                return Fit(None, numbers, REFUSED)
            # Which column is the extra one is unknown (a one-cell-per-line copy has no positions), but with every
            # number 0 each choice gives the same report: nothing is guessed.
            self.notes.append(Note(WARNING, where, f"「{name}」的数字行有 {len(filled)} 个数，表格只有 {width} 栏，"
                                                   "无法确定多出的是哪一栏；这些数都是 0，按 0 导入"))
            return Fit(["0"] * width, numbers)
        extra = [k for k in filled if k not in positions]
        which = "、".join(str(k + 1) for k in extra)
        if any(not is_zero(values[k]) for k in extra):
            self.notes.append(Note(ERROR, where, f"「{name}」第 {which} 栏没有对应的表头，但其中有非零的数，无法确定它们属于哪一栏"))
            return Fit(None, numbers, REFUSED)
        self.notes.append(Note(WARNING, where, f"「{name}」第 {which} 栏没有表头（多出的一栏），其中的 0 未导入"))
        return Fit([values[k] if k < len(values) else "" for k in positions], numbers)

    # ------------------------------------------------------------------------------------------ the end

    def cells(self, pictures: frozenset[str] = frozenset()) -> dict[str, Value]:
        """The report's cells: every value placed, 0 for a data cell published blank; a note for each table or
        row not found. `pictures`: the table sections that show a picture, said of a table not found there."""
        labels, placed, notes = self.labels, self.placed, self.notes
        fmt = labels.format
        out: dict[str, Value] = {}
        for cid, p in placed.items():
            if p.unread:
                continue
            if p.value is not None:
                out[cid] = p.value
            elif cid not in fmt.computed:
                out[cid] = 0 if fmt.cells[cid].kind is not Kind.AMOUNT else parse(Kind.AMOUNT, "0")
        for section in fmt.table_sections:
            rows = [r for r in labels.rows if r.section is section]
            missing = [r for r in rows if not any(c in placed for c in r.cells)]
            covered = {c for n in notes for c in n.cells}  # e.g. （六）'s rows when it was printed as one row
            missing_inputs = [r for r in missing if not r.row.total and not set(r.cells) & covered]
            if len(missing) == len(rows):
                if section.id in pictures:
                    notes.append(Note(ERROR, "", f"「{section.title}」的表格是一张图片，程序无法读取图片中的数字；"
                                                 "请找该报告的 Word、PDF 或文字版本导入，或在程序中照原文录入这一节"))
                else:
                    notes.append(Note(ERROR, "", f"找不到「{section.title}」的表格"))
                continue  # its total rows are missing with it: not said again
            elif missing_inputs:
                names = "、".join(f"「{r.row.label}」" for r in missing_inputs)
                count = "一" if len(missing_inputs) == 1 else f" {len(missing_inputs)} "
                notes.append(Note(WARNING, "", f"「{section.title}」中找不到{names}这{count}行，按 0 导入",
                                  tuple(c for r in missing_inputs for c in r.cells)))
            for r in missing:
                if r.row.total:
                    notes.append(Note(WARNING, "", f"「{section.title}」中找不到合计行「{r.row.label}」，将由程序计算", r.cells))
        return out


def header_positions(headers: list[tuple[str, ...]], block: Block) -> list[int]:
    """Positions, in the flattened header rows, of the block's leaf column labels (each leaf once per row)."""
    leaf_keys = {label_key(c.label) for c in block.leaf_columns()}
    return sorted({k for row in headers for k, text in enumerate(row) if text and label_key(text) in leaf_keys})
