"""A block of text copied from Excel, WPS, Word or a web page, turned into cell values.

Two steps, both pure: `read_block` splits the text into rows of value strings (label cells left out), and
`plan` pairs them with target cells and parses each by its cell's kind, naming every cell that could not take
its value. Where the targets come from (a grid position, a selection) is the caller's business; `targets_from`
gives the usual one: the printed grid read from an anchor cell, right along its data row and down its data rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .calc import wrong_given_totals
from .definition import Format, Kind
from .grid import VALUE, Grid, GridCell
from .values import ParseError, Value, normalise_text, parse, show

_TAB_SPLIT = re.compile(r"\t")
_SPACE_SPLIT = re.compile(r"[ \u00a0\u3000]+")
# A cell that is surely a label: holds a CJK character or a letter once units, bullets and blanks are set aside.
_UNIT_WORDS = re.compile(r"(万元|元|件|个|项|次|人次|人|条|篇|无)$")


def looks_like_value(text: str) -> bool:
    """True for anything `parse` could read as some kind of number, or a blank marker such as — or /."""
    for kind in (Kind.SIGNED, Kind.AMOUNT):
        try:
            parse(kind, text)
            return True
        except ParseError:
            pass
    # A malformed number ("1.2.3", "12a") is still a value the user meant to paste, not a label.
    core = _UNIT_WORDS.sub("", normalise_text(text))
    return bool(core) and not re.search(r"[^\W\d_]", core.replace(".", "").replace("-", "").replace("+", ""))


def read_block(text: str) -> list[list[str]]:
    """Rows of value strings from copied text.

    Cells are split at tabs when the text has any (spreadsheets, web tables in most browsers), otherwise at runs
    of spaces. Leading label cells of a row (row labels, group labels, and the blank cells merged labels leave
    behind) are skipped; a row holding only labels (a header row, a group label on its own line) is dropped.
    Empty lines inside the block are kept as one blank value, as a spreadsheet's empty cell is.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    tabs = "\t" in text
    rows: list[list[str]] = []
    for line in lines:
        cells = _TAB_SPLIT.split(line) if tabs else _SPACE_SPLIT.split(line.strip())
        if not line.strip():
            rows.append([""])
            continue
        cells = [c.strip() for c in cells]
        # Trailing empty cells are spreadsheet padding, not zeros the user meant to type.
        while len(cells) > 1 and cells[-1] == "":
            cells.pop()
        first_value = next((i for i, c in enumerate(cells) if c and looks_like_value(c)), len(cells))
        lead = cells[:first_value]
        if any(c for c in lead):  # at least one real label among the leading cells: drop them all
            cells = cells[first_value:]
        if cells:
            rows.append(cells)
    return rows


def is_vertical_list(block: list[list[str]]) -> bool:
    """One value per line, as a web table copied in some browsers gives it."""
    return len(block) > 1 and all(len(r) == 1 for r in block)


def data_rows(grid: Grid) -> list[list[GridCell]]:
    """The grid's rows that hold values, each as its value cells from left to right (header rows left out)."""
    by_row: dict[int, list[GridCell]] = {}
    for c in grid.cells:
        if c.role == VALUE:
            by_row.setdefault(c.row, []).append(c)
    return [sorted(by_row[r], key=lambda c: c.col) for r in sorted(by_row)]


def targets_from(grid: Grid, row: int, col: int, shape: list[int]) -> list[list[str | None]]:
    """Cell ids for a block whose rows have the given lengths, placed at grid position (row, col).

    Rows go down the grid's data rows (skipping header and title rows between blocks); within a row, values
    go to the value cells from the one covering `col` rightwards, so a cell spanning several printed columns
    takes one value. None where the block runs past the table.
    """
    rows = data_rows(grid)
    start = next((i for i, r in enumerate(rows) if r[0].row >= row), len(rows))
    out: list[list[str | None]] = []
    for i, length in enumerate(shape):
        if start + i >= len(rows):
            out.append([None] * length)
            continue
        cells = [c.cell for c in rows[start + i] if c.col + c.colspan > col]
        out.append([cells[j] if j < len(cells) else None for j in range(length)])
    return out


@dataclass
class PastePlan:
    values: dict[str, Value] = field(default_factory=dict)  # input cells to set
    problems: list[str] = field(default_factory=list)  # Chinese, each naming the cell or the values left out


def plan(fmt: Format, block: list[list[str]], targets: list[list[str | None]], current: dict[str, Value]) -> PastePlan:
    """Parse each pasted string by its target cell's kind.

    A value landing on a computed cell is not stored (the program adds it up itself) but is compared with
    the sum the paste produces, so a pasted table whose printed totals are wrong says so. Values beyond the
    table are counted, not silently lost.
    """
    result = PastePlan()
    outside = 0
    on_totals: list[tuple[str, Value]] = []
    for texts, ids in zip(block, targets, strict=True):  # targets are shaped like the block (targets_from)
        for text, cid in zip(texts, ids, strict=True):
            if cid is None:
                outside += 1
                continue
            cell = fmt.cells[cid]
            try:
                value = parse(cell.kind, text)
            except ParseError as e:
                result.problems.append(f"{cell.label}：{e}，未粘贴")
                continue
            if cell.computed:
                on_totals.append((cid, value))
            else:
                result.values[cid] = value
    if on_totals:
        inputs = {k: v for k, v in current.items() if k not in fmt.computed}
        for cid, (value, total) in wrong_given_totals(fmt, {**inputs, **result.values, **dict(on_totals)}).items():
            result.problems.append(f"{fmt.cells[cid].label}是自动合计项，粘贴的 {show(value)} 未采用，按各项之和为 {show(total)}")
    if outside:
        result.problems.append(f"有 {outside} 个值超出表格范围，未粘贴")
    return result
