"""The 编辑 menu's commands: undo and redo said in the status bar, the history of saved changes, copy and paste
to whichever the keyboard is in (a text or a table)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QTextEdit

from storage.errors import StorageError

from .edit_wait import wait_for_edits
from .table_view import TableView
from .window_menus import keys_of


class EditCommands:
    """Part of MainWindow (gui/main_window.py)."""

    def undo(self) -> None:
        if self.document is not None and not self.document.locked:
            stack = self.document.undo_stack
            text = stack.undoText() if stack.canUndo() else ""
            stack.undo()
            if text:  # said where the clerk looks, so that an undo by mistake is noticed
                self.statusBar().showMessage(f"已撤销：{text}（按 {keys_of(self.redo_action)} 重做）", 8000)

    def redo(self) -> None:
        if self.document is not None and not self.document.locked:
            stack = self.document.undo_stack
            text = stack.redoText() if stack.canRedo() else ""
            stack.redo()
            if text:
                self.statusBar().showMessage(f"已重做：{text}", 8000)

    def show_history(self) -> None:
        doc = self.document
        if doc is None or doc.report_id is None or self.repository is None:
            return
        from .history_dialog import HistoryDialog  # deferred: a dialog behind a menu entry is loaded when chosen

        wait_for_edits(self, doc, "查看修改记录")  # the history then ends with the latest edit
        try:
            dialog = HistoryDialog(self.repository, doc.report_id, f"{doc.report.agency} {doc.report.year} 年度",
                                   doc.locked, self)
        except StorageError as e:
            self.show_storage_error(e)
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.restored:
            current = self.tabs.currentIndex()
            if self.open_report(doc.report_id):  # the report changed underneath: show it afresh
                self.tabs.setCurrentIndex(current)
                self.statusBar().showMessage(f"已恢复到 {dialog.restored} 的状态；恢复前的内容仍在修改记录中", 15000)

    def copy(self) -> None:
        focus, view = QApplication.focusWidget(), self.current_view()
        if isinstance(focus, QTextEdit):
            focus.copy()
        elif isinstance(view, TableView):
            view.copy_selection()

    def paste(self) -> None:
        focus, view = QApplication.focusWidget(), self.current_view()
        if isinstance(focus, QTextEdit):
            focus.paste()
        elif isinstance(view, TableView):
            view.paste_text(QApplication.clipboard().text())
