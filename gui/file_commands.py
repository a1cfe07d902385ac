"""The 文件 menu's own commands: choose, create and close reports and databases, 保存 and 另存为, 定稿; and
what is open saved (or knowingly given up) before it goes away.

Reports that come from elsewhere (a report file, a published report, a 汇总) are in gui/import_commands.py;
导出 and 打印 in gui/export_commands.py.
"""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QAbstractItemView, QDialog, QMessageBox

from report.status import Status
from storage.errors import StorageError

from . import file_dialogs, settings
from .app import show_warnings
from .edit_wait import wait_for_edits
from .shared_database import is_shared

# The dialogs behind the entries (gui/picker.py, gui/report_file.py) are imported when an entry is chosen, not
# when the window is built: the window is shown that much sooner at start.


class FileCommands:
    """Part of MainWindow (gui/main_window.py)."""

    def pick_report(self) -> None:
        from .picker import ReportPicker

        if self.repository is None:
            return
        picker = ReportPicker(self.repository, self)
        accepted = picker.exec() == QDialog.DialogCode.Accepted
        if self.document is not None and self.document.report_id in picker.deleted:
            self.close_report()
        if accepted and picker.chosen_id is not None and self._release_document():
            self.open_report(picker.chosen_id)

    def close_report(self) -> None:
        """Show no report (the open one was deleted, or another database is opened; either way its edits were
        saved or given up first)."""
        if self.document is not None:
            self.document.flush()
            self.document.abandon()  # nothing left to retry against a deleted report or a closed database
            self.document.stop_writing()
        self.stop_live()
        self.document = None
        self.section_widgets = {}
        self._show_no_report()
        self.findings.set_document(None)
        self.date_field.set_document(None)
        self._update_actions()
        self._update_title()
        self._update_deadline()
        self.documentShown.emit()

    def new_report(self) -> None:
        from .picker import NewReportDialog

        if self.repository is None or not self.repository.rights().create:  # a reviewer's: nothing to offer
            return
        agency = self.document.report.agency if self.document else ""
        dialog = NewReportDialog(self.repository, self, agency=agency)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created_id is not None and self._release_document():
            self.open_report(dialog.created_id)

    def open_database(self) -> None:
        from storage.repository import Repository  # deferred: SQLAlchemy, which the window need not load to start

        start = str(self.repository.path.parent) if self.repository is not None and not is_shared(self.repository) else ""
        path = file_dialogs.open_file(self, "打开数据库", start, "年报数据库 (*.sqlite *.db);;所有文件 (*)")
        if path is None or not self._release_document():
            return
        try:
            repository = Repository.open(path)
        except StorageError as e:
            self.show_storage_error(e)
            return
        self.use_repository(repository)
        settings.set_shared_at_start(False)  # the clerk left the shared database: the next start opens the file
        self.open_latest() or self.pick_report()

    def connect_shared(self) -> None:
        """文件 → 连接共享数据库…: the server's database replaces the open one once connected (gui/connect_dialog.py);
        the clerk then picks among the reports the login may see."""
        from .connect_dialog import ConnectDialog

        dialog = ConnectDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.repository is None:
            return
        if not self._release_document():  # kept the open report's unsaved edits: stay where we are
            dialog.repository.close()
            return
        self.use_repository(dialog.repository)
        settings.set_shared_at_start(True)  # the next start without --db comes back here
        self.statusBar().showMessage("已连接 " + str(dialog.repository.path)
                                     + (f"；{dialog.note}" if dialog.note else ""), 15000)
        if dialog.keyring_problem:  # the clerk asked for it: a status line too narrow to read would not do
            QMessageBox.warning(self, "记住密码", dialog.keyring_problem + "。")
        self.pick_report()

    def use_repository(self, repository) -> None:
        """Work on `repository` from now on (a file or a shared server database): the open report's edits were
        saved or given up first (_release_document), and the database before it is closed."""
        self.close_report()
        if self.repository is not None:
            self.repository.close()
        self.repository = repository
        show_warnings(self, repository)
        self._update_actions()
        self._update_title()

    def open_latest(self, review_later: bool = False) -> bool:
        """Open the most recently changed report in the database; False if there is none. `review_later`: see
        MainWindow.show_report."""
        if self.repository is None:
            return False
        latest = self.repository.latest_report()
        return latest is not None and self.open_report(latest, review_later=review_later)

    def _commit_typing(self) -> None:
        """A cell still being typed into is entered first, so that 保存, 另存为, 打印 and 导出 include it."""
        view = self.current_view()
        if not isinstance(view, QAbstractItemView) or view.state() != QAbstractItemView.State.EditingState:
            return
        editor = view.indexWidget(view.currentIndex())  # the open editor of the current cell
        if editor is not None:
            delegate = view.itemDelegateForIndex(view.currentIndex())
            delegate.commitData.emit(editor)
            delegate.closeEditor.emit(editor)

    def save(self) -> bool:
        """Ctrl+S: every edit is saved as it is made; this writes whatever is still pending and says so."""
        doc = self.document
        if doc is None:
            return False
        self._commit_typing()
        if doc.report_id is None:  # no database behind this report: a file is the only way to keep it
            return self.save_as()
        if wait_for_edits(self, doc):
            when = datetime.datetime.now().strftime("%H:%M")
            self.statusBar().showMessage(f"已保存 {when}：全部修改都已写入数据库", 8000)
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, "保存",
                          f"有修改未能保存到数据库：{getattr(self, 'save_problem', '')}", parent=self)
        box.setInformativeText("这些修改暂存在内存中，程序每隔几秒会自动重试。\n"
                               "为防万一，可以把报告另存为年报文件。")
        save_as = box.addButton("另存为(&A)…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is save_as:
            return self.save_as()
        return False

    def save_as(self) -> bool:
        """文件 → 另存为…: the report as a file to carry to another PC (gui/report_file.py)."""
        from . import report_file

        doc = self.document
        if doc is None:
            return False
        self._commit_typing()
        path = report_file.save_as(self, doc.report)
        if path is None:
            return False
        self.statusBar().showMessage(f"已另存为 {path}（在其他电脑上用「文件 → 打开文件…」打开）", 15000)
        return True

    def toggle_final(self, checked: bool) -> None:
        doc = self.document
        if doc is None or self.repository is None or doc.report_id is None:
            return
        if checked and doc.error_count():
            answer = QMessageBox.question(self, "定稿", f"报告还有 {doc.error_count()} 个错误，仍要定稿吗？")
            if answer != QMessageBox.StandardButton.Yes:
                self._update_actions()
                return
        if not wait_for_edits(self, doc, "定稿" if checked else "取消定稿"):
            self.statusBar().showMessage(f"还有 {doc.unsaved_count} 处修改没有保存到数据库，"
                                         f"暂不能{'定稿' if checked else '取消定稿'}；保存后再试", 10000)
            self._update_actions()
            return
        try:
            self.repository.set_status(doc.report_id, Status.FINAL if checked else Status.DRAFT)
        except StorageError as e:
            self.show_storage_error(e)
            self._update_actions()
            return
        doc.set_locked(checked)
        when = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
        self.statusBar().showMessage(f"已于 {when} 定稿，报告不能再修改" if checked else "已取消定稿，可以继续修改", 10000)

    def _release_document(self, doing: str = "") -> bool:
        """Save what is open before it goes away (waiting for a shared database's answer, gui/edit_wait.py); True
        if nothing typed would be lost. A server out of reach: the clerk may wait on, keep the report as a file,
        or knowingly give the edits up; never are they dropped unasked."""
        doc = self.document
        while doc is not None and not wait_for_edits(self, doc, doing):
            shared = doc.writes_in_background
            if shared:
                why = ("与共享数据库的连接中断了" if doc.is_offline
                       else getattr(self, "save_problem", "") or "还没有得到共享数据库的答复")
                text = (f"有 {doc.unsaved_count} 处修改还没有保存到共享数据库（{why}）。\n"
                        "可以继续等待连接恢复，或把当前报告保存为本机的年报文件，以免丢失。")
            else:
                text = "有修改未能保存到数据库（见状态栏中的原因）。\n可以把当前报告另存为年报文件，以免丢失。"
            box = QMessageBox(QMessageBox.Icon.Warning, "有修改未能保存", text, parent=self)
            save = box.addButton("保存到本机文件(&S)…" if shared else "另存为(&A)…", QMessageBox.ButtonRole.AcceptRole)
            wait = box.addButton("继续等待(&W)", QMessageBox.ButtonRole.ActionRole) if shared else None
            discard = box.addButton("放弃这些修改(&D)", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(save)
            box.exec()
            if wait is not None and box.clickedButton() is wait:
                continue
            if box.clickedButton() is save:
                return self.save_as()
            if box.clickedButton() is discard:
                doc.abandon()
                return True
            return False
        return True
