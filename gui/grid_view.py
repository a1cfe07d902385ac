"""A table section drawn as the official grid (merged header and label cells), from the format definition."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from report import grid as g
from report.definition import Table


class GridView(QTableWidget):
    def __init__(self, table: Table) -> None:
        layout = g.table_grid(table)
        super().__init__(layout.rows, layout.cols)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for cell in layout.cells:
            item = QTableWidgetItem("0" if cell.role == g.VALUE else cell.text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if cell.role == g.VALUE:
                item.setData(Qt.ItemDataRole.UserRole, cell.cell)
            self.setItem(cell.row, cell.col, item)
            if cell.rowspan > 1 or cell.colspan > 1:
                self.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)
        self.resizeColumnsToContents()
