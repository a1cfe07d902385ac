"""Tables copied one cell per line (some browsers, WPS): putting the printed rows back together.

Such a copy gives every cell of a table as a line of its own, merged cells once, empty cells as empty lines (or
not at all): a row label, then its numbers one per line, then the next label. The row labels of the format are
the anchors: the numbers that follow a label belong to it, and assemble counts them against the cells the grid
prints for that row, as it does for a tab-separated line. Titles, column headers and group labels stay lines
of their own, read as before; numbers after the column headers (section 四, printed across) form a row of
numbers alone.
"""

from __future__ import annotations

from .document import Item, Paragraph, TableRow
from .labels import EXACT, FormatLabels


def rebuild_rows(items: list[Item], labels: FormatLabels, is_value) -> list[Item]:
    """`items` with each run of number paragraphs in a table section joined to the row label above it."""
    table_lines = _table_lines(items, labels)
    spacing = _spacing(items, table_lines)
    out: list[Item] = []
    k = 0
    while k < len(items):
        item = items[k]
        if k not in table_lines or not is_value(item.text):
            out.append(item)
            k += 1
            continue
        end = k
        while end + 1 < len(items) and end + 1 in table_lines and is_value(items[end + 1].text):
            end += 1
        cells: list[str] = []
        for j in range(k, end + 1):
            cells += [""] * max(0, items[j].blank_before - spacing.get(j, 0)) + [items[j].text]
        anchor = out[-1] if out and k - 1 in table_lines and _is_anchor(out[-1], labels, is_value) else None
        first = anchor if anchor is not None else item
        where = first.where if end == k and anchor is None else f"{first.where}至{items[end].where}"
        if anchor is not None:
            out[-1] = TableRow((anchor.text, *cells), where, -1)
        else:
            out.append(TableRow(tuple(cells), where, -1))
        k = end + 1
    return out


def _table_lines(items: list[Item], labels: FormatLabels) -> set[int]:
    """Indices of the paragraphs inside a table section (after its title, before the next section's)."""
    out: set[int] = set()
    in_table = False
    for k, item in enumerate(items):
        if not isinstance(item, Paragraph):
            continue
        match = labels.section_title(item.text)
        if match is not None:
            in_table = match.target.table is not None
            continue
        if in_table:
            out.add(k)
    return out


def _spacing(items: list[Item], table_lines: set[int]) -> dict[int, int]:
    """Per line, the empty lines that only separate cells: a copy that puts an empty line between all cells
    has one more above each line than empty cells. The least count over a table's lines is that separation."""
    out: dict[int, int] = {}
    run: list[int] = []
    for k in range(len(items) + 1):
        if k in table_lines:
            run.append(k)
            continue
        if run:
            least = min((items[j].blank_before for j in run[1:]), default=0)
            out.update({j: least for j in run})
            run = []
    return out


def _is_anchor(item: Item, labels: FormatLabels, is_value) -> bool:
    """A label line the numbers below it belong to: a row's label (exact, or damaged, or its last fragment),
    not a title or a column header."""
    if not isinstance(item, Paragraph) or is_value(item.text):
        return False
    row = labels.row(item.text)
    if row is not None and row.how == EXACT:
        return True
    return labels.block_title(item.text) is None and labels.column(item.text) is None
