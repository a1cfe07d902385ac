"""The column headings of a long table kept in view while its rows scroll (section 三 has 26–28 rows and three
heading rows; on an office screen the headings would otherwise scroll away and with them which column is 自然人
and which 法律服务机构).

A second view of the same model lies over the top of the table's viewport and shows only the heading rows, with
the same spans, column widths and row heights; it follows the table's horizontal scrolling. The table keeps a
cell it scrolls to below it. The grid says how many rows head the table (`Grid.header_rows`, the rows a printed
table repeats on each page).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView


class FrozenHeader(QTableView):
    def __init__(self, table: QTableView, rows: int) -> None:
        super().__init__(table)
        self.table = table
        self.rows = rows
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())  # a selected column shows in its heading too
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        model = table.model()
        for row in range(rows, model.rowCount()):
            self.setRowHidden(row, True)
        table.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        self.sync()

    def set_span(self, row: int, col: int, rowspan: int, colspan: int) -> None:
        if row < self.rows:
            self.setSpan(row, col, min(rowspan, self.rows - row), colspan)

    def height_needed(self) -> int:
        return sum(self.table.rowHeight(r) for r in range(self.rows))

    def sync(self) -> None:
        """Widths, heights and place from the table (after its font or size changed)."""
        for col in range(self.model().columnCount()):
            self.setColumnWidth(col, self.table.columnWidth(col))
        for row in range(self.rows):
            self.setRowHeight(row, self.table.rowHeight(row))
        viewport = self.table.viewport().geometry()
        self.setGeometry(viewport.x(), viewport.y(), viewport.width(), min(self.height_needed(), viewport.height()))
        self.horizontalScrollBar().setValue(self.table.horizontalScrollBar().value())
        self.raise_()

    def uncover(self, index: QModelIndex) -> None:
        """Scroll the table so that a body cell it moved to is not hidden under the headings."""
        if not index.isValid() or index.row() < self.rows:
            return
        hidden = self.height_needed() - self.table.visualRect(index).top()
        if hidden > 0:
            bar = self.table.verticalScrollBar()
            bar.setValue(bar.value() - hidden)
