"""Enter on a list's row in a dialog does what double-click does (go to that place), and nothing else.

An item view activates its current row on Enter but then lets the key go on to its dialog, which presses the
dialog's default button as well (批量审核's 开始审核 would review everything again). The filter activates the row
itself and keeps the key.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _RowEnter(QObject):
    def eventFilter(self, view, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in _ENTER:
            index = view.currentIndex()
            if index.isValid():
                view.activated.emit(index)  # as a double-click does: a QTableWidget says itemActivated too
            return True  # an empty list: Enter does nothing rather than press a button
        return False


def enter_activates_rows(view: QAbstractItemView) -> None:
    """From now on Enter on `view` emits its `activated` for the current row and goes no further."""
    view.installEventFilter(_RowEnter(view))
