"""The printed grid of a table: every header, label and value cell with its row/column span.

Derived from the format definition alone, so the window and every exporter draw the same merged cells as the
official template: a block's title row, the corner cell, the column tree (leaves reach down to the last header
row), group labels spanning their rows, and row labels reaching right to the first value column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .definition import Block, Column, ColumnGroup, ColumnNode, Row, RowGroup, RowNode, Table

TITLE = "title"  # a block's title row (第二十条第（一）项)
CORNER = "corner"  # the header cell above the row labels
HEADER = "header"  # a column (or column group) label
LABEL = "label"  # a row (or row group) label
VALUE = "value"  # a data cell; `cell` holds its id
BLANK = "blank"  # padding where a block has fewer columns than the table


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    role: str
    text: str = ""
    cell: str | None = None  # the cell id for VALUE
    level: int = 0  # nesting depth of a LABEL or HEADER (0 = outermost)


@dataclass(frozen=True)
class Grid:
    rows: int
    cols: int
    cells: tuple[GridCell, ...]
    header_rows: int  # leading rows to repeat on each printed page (0 when the table has several blocks)

    def at(self, row: int, col: int) -> GridCell | None:
        """The cell whose span covers (row, col)."""
        for c in self.cells:
            if c.row <= row < c.row + c.rowspan and c.col <= col < c.col + c.colspan:
                return c
        return None

    def value_cells(self) -> list[GridCell]:
        return [c for c in self.cells if c.role == VALUE]


@dataclass(frozen=True)
class _HeadGroup:
    """A header over others: a column group, or (side by side) a row's label over its copy of the columns."""

    label: str
    children: tuple[_Head, ...]


@dataclass(frozen=True)
class _HeadLeaf:
    """A header over one value column; it carries the cell id's column and (side by side) row."""

    label: str
    column: Column
    row_id: str | None = None


_Head = _HeadGroup | _HeadLeaf


def _depth(nodes: tuple[_Head | RowNode | ColumnNode, ...]) -> int:
    return max((1 + _depth(n.children) if isinstance(n, (RowGroup, ColumnGroup, _HeadGroup)) and n.children else 1)
               for n in nodes) if nodes else 0


def _width(node: _Head) -> int:
    return sum(_width(c) for c in node.children) if isinstance(node, _HeadGroup) else node.column.span


def _leaves(nodes: tuple[_Head, ...]) -> Iterator[_HeadLeaf]:
    for n in nodes:
        if isinstance(n, _HeadGroup):
            yield from _leaves(n.children)
        else:
            yield n


def _rows_under(group: RowGroup) -> int:
    return sum(_rows_under(n) if isinstance(n, RowGroup) else 1 for n in group.children)


def _column_heads(columns: tuple[ColumnNode, ...], row_id: str | None) -> tuple[_Head, ...]:
    return tuple(
        _HeadGroup(c.label, _column_heads(c.children, row_id)) if isinstance(c, ColumnGroup)
        else _HeadLeaf(c.label, column=c, row_id=row_id)
        for c in columns
    )


def _across_heads(rows: tuple[RowNode, ...], columns: tuple[ColumnNode, ...]) -> tuple[_Head, ...]:
    """Rows laid side by side: each row's label heads a copy of the column tree."""
    return tuple(
        _HeadGroup(r.label, _across_heads(r.children, columns)) if isinstance(r, RowGroup)
        else _HeadGroup(r.label, _column_heads(columns, r.id))
        for r in rows
    )


def data_width(block: Block) -> int:
    heads = _across_heads(block.rows, block.columns) if block.across else _column_heads(block.columns, None)
    return sum(_width(h) for h in heads)


def label_width(block: Block) -> int:
    return 0 if block.across else _depth(block.rows)


def table_grid(table: Table) -> Grid:
    labels = max(label_width(b) for b in table.blocks)
    width = labels + max(data_width(b) for b in table.blocks)
    cells: list[GridCell] = []
    top = 0
    header_rows = 0
    for block in table.blocks:
        top, heads_end = _place_block(block, top, labels, width, cells)
        if len(table.blocks) == 1:
            header_rows = heads_end
    return Grid(rows=top, cols=width, cells=tuple(cells), header_rows=header_rows)


def _place_block(block: Block, top: int, labels: int, width: int, out: list[GridCell]) -> tuple[int, int]:
    if block.title:
        out.append(GridCell(top, 0, 1, width, TITLE, block.title))
        top += 1
    heads = _across_heads(block.rows, block.columns) if block.across else _column_heads(block.columns, None)
    depth = _depth(heads)
    if labels:
        out.append(GridCell(top, 0, depth, labels, CORNER, block.corner or ""))

    def place_head(node: _Head, row: int, col: int, level: int) -> int:
        w = _width(node)
        children = node.children if isinstance(node, _HeadGroup) else ()
        span = 1 if children else depth - level
        out.append(GridCell(row, col, span, w, HEADER, node.label, level=level))
        c = col
        for child in children:
            c += place_head(child, row + 1, c, level + 1)
        return w

    col = labels
    for head in heads:
        col += place_head(head, top, col, 0)
    if col < width:
        out.append(GridCell(top, col, depth, width - col, BLANK))
    top += depth
    header_end = top

    if block.across:
        col = labels
        for leaf in _leaves(heads):
            out.append(GridCell(top, col, 1, leaf.column.span, VALUE, cell=f"{leaf.row_id}:{leaf.column.id}"))
            col += leaf.column.span
        return top + 1, header_end

    value_heads = list(_leaves(_column_heads(block.columns, None)))

    def place_rows(nodes: tuple[RowNode, ...], level: int) -> None:
        for node in nodes:
            if isinstance(node, RowGroup):
                count = _rows_under(node)
                out.append(GridCell(top, level, count, 1, LABEL, node.label, level=level))
                place_rows(node.children, level + 1)
            else:
                _place_row(node, level)

    def _place_row(row: Row, level: int) -> None:
        nonlocal top
        out.append(GridCell(top, level, 1, labels - level, LABEL, row.label, level=level))
        c = labels
        for leaf in value_heads:
            out.append(GridCell(top, c, 1, leaf.column.span, VALUE, cell=f"{row.id}:{leaf.column.id}"))
            c += leaf.column.span
        if c < width:
            out.append(GridCell(top, c, 1, width - c, BLANK))
        top += 1

    place_rows(block.rows, 0)
    return top, header_end
