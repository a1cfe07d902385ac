"""The 台账 tab's list between its rows and the view: the text filter over every column, the state filter over each
row's state, and the order by each column's sort key."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2


class LedgerFilter(QSortFilterProxyModel):
    """The text filter over every column, and the state filter over the row's state."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFilterKeyColumn(-1)
        self._state = "全部"

    def set_state(self, state: str) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10 on; invalidateFilter is deprecated there
            self.beginFilterChange()
            self._state = state
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._state = state
            self.invalidateFilter()

    def lessThan(self, left, right) -> bool:
        """By the column's sort key; ties in the ledger's own order (收到日期, 编号), so that a list filled anew
        (another's edit shown) keeps its rows in the order the clerk saw."""
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        return a < b if a != b else left.row() < right.row()

    def filterAcceptsRow(self, row: int, parent) -> bool:
        if self._state != "全部" and self.sourceModel().index(row, 0, parent).data(STATE_ROLE) != self._state:
            return False
        return super().filterAcceptsRow(row, parent)
