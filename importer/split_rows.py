"""A table row that Word or WPS broke over a page: its labels printed in two halves, each half a row of its own
(「（三）不 | 1.属于国」 at the foot of one page, 「予公 | 家秘密」 at the head of the next).

A half of a row whose figures were all printed blank carries nothing to tell it by but its words, so the halves
are joined back cell by cell (by grid column) where the first half's label names no row of the format and the
joined one does. Only sources that give every cell and its column (Word, a ruled PDF) can be joined so."""

from __future__ import annotations

from .document import Item, TableRow
from .labels import EXACT, FormatLabels, RowEntry
from .placing import is_value


def joined_split_rows(items: list[Item], title_lines: set[int], labels: FormatLabels) -> tuple[list[Item], set[int]]:
    """The items with each row broken over a page joined back into one; `title_lines` renumbered to match."""
    out: list[Item] = []
    renumbered: set[int] = set()
    skip = False
    for index, item in enumerate(items):
        if skip:
            skip = False
            continue
        following = items[index + 1] if index + 1 < len(items) else None
        joined = _joined(item, following, labels) if index not in title_lines else None
        if joined is not None:
            skip = True
            item = joined
        if index in title_lines:
            renumbered.add(len(out))
        out.append(item)
    return out, renumbered


def _joined(first: Item, second: Item | None, labels: FormatLabels) -> TableRow | None:
    if not (isinstance(first, TableRow) and isinstance(second, TableRow)) or not first.exact or not second.exact:
        return None
    if not first.columns or first.width != second.width or len(second.columns) != len(second.cells):
        return None
    if any(is_value(c) for c in first.cells) or _names_a_row(first, labels):
        return None
    texts: dict[int, str] = {}
    for row in (first, second):
        for column, text in zip(row.columns, row.cells, strict=True):
            if text and texts.get(column) and (is_value(text) or is_value(texts[column])):
                return None  # figures in both halves: two rows, not one
            texts[column] = texts.get(column, "") + text
    columns = tuple(sorted(texts))
    joined = TableRow(tuple(texts[c] for c in columns), second.where, second.table, exact=True,
                      columns=columns, width=second.width)
    return joined if _names_a_row(joined, labels) else None


def _names_a_row(row: TableRow, labels: FormatLabels) -> bool:
    """Whether the row's last label names a row of the format exactly."""
    words = [c for c in row.cells if c and not is_value(c)]
    match = labels.row(words[-1]) if words else None
    return match is not None and match.how == EXACT and isinstance(match.target, RowEntry)
