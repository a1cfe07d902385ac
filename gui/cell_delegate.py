"""Typing into a table cell: the line editor, and the delegate that hands its text to the model and decides
where the cursor goes next.

The model's `setData` answers whether it took the value; a refused value (not a number, a negative count …)
keeps the cursor on its cell so the clerk can type it again there, while the model's `refused` signal carries
the reason in Chinese to the status bar.

Every key typed is kept at once (the model's `keep_typing`, one undo step per cell), not only when Enter or Tab
commits: the program promises that a crash or a power cut loses nothing typed. Esc puts back what the cell held.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit, QStyledItemDelegate, QWidget

_Hint = QAbstractItemDelegate.EndEditHint

# The keys that commit a cell and move on, and where to (the view moves the cursor on these hints).
_MOVES = {
    Qt.Key.Key_Return: _Hint.SubmitModelCache,
    Qt.Key.Key_Enter: _Hint.SubmitModelCache,
    Qt.Key.Key_Tab: _Hint.EditNextItem,
    Qt.Key.Key_Backtab: _Hint.EditPreviousItem,
}


class CellEditor(QLineEdit):
    """The editor of one cell, knowing which: the delegate commits it without a round trip through the view."""

    def __init__(self, parent: QWidget, index: QModelIndex) -> None:
        super().__init__(parent)
        self.index = QPersistentModelIndex(index)
        model = index.model()
        cid = model.cell_id(index)
        self.before = model.document.value(cid) if cid is not None else None  # what Esc puts back
        self.typing = object()  # names this editing of the cell: its keys make one undo step
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setFrame(False)
        self.textEdited.connect(self._typed)

    def _typed(self, text: str) -> None:
        if self.index.isValid():
            self.index.model().keep_typing(QModelIndex(self.index), text, self.typing)

    def put_back(self) -> None:
        if self.index.isValid() and self.before is not None:
            self.index.model().put_back(QModelIndex(self.index), self.before, self.typing)


class CellDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option, index) -> QWidget:
        return CellEditor(parent, index)

    def setEditorData(self, editor: QWidget, index) -> None:
        # A repaint of this cell while it is being typed (its total or a finding changed) must not put the
        # stored value back over the keys already typed.
        if isinstance(editor, QLineEdit) and editor.isModified():
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index) -> None:
        # Focus leaving the cell, or 保存 with a cell still open: taken or refused, the cursor stays.
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        # Enter, Tab and Shift+Tab commit and close at once: Qt commits on Enter through a queued call, so keys
        # typed before it runs would land in the wrong cell. Only a value the model took moves the cursor on.
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, CellEditor) and event.key() in _MOVES:
            taken = self.commit(editor)
            if not taken:
                editor.put_back()  # 未填入, as the status bar says: not the last figure kept while typing
            self.closeEditor.emit(editor, _MOVES[event.key()] if taken else _Hint.NoHint)
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, CellEditor) \
                and event.key() == Qt.Key.Key_Escape:
            editor.put_back()  # what was kept while typing is undone, as Esc in a spreadsheet drops the typing
            self.closeEditor.emit(editor, _Hint.RevertModelCache)
            return True
        return super().eventFilter(editor, event)

    def commit(self, editor: CellEditor) -> bool:
        """Hand the typed text to the model; False when it was refused (or the cell is gone)."""
        index = editor.index
        if not index.isValid():
            return False
        return bool(index.model().setData(QModelIndex(index), editor.text(), Qt.ItemDataRole.EditRole))
