"""Reports that come from elsewhere into the database: a report file (文件 → 打开文件…), a published report
(导入已发布的年报, from a file or the clipboard), a 汇总 of several agencies' reports. All are stored one way
(`store_and_open`): what is open is saved first, a report of the same agency and year is replaced only when the
clerk agrees and never when it is 定稿 (gui/storing.py), then the stored report is shown.

The import and 汇总 dialogs (and the importer behind them) are imported when first used: starting the window need
not load them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox

from report.deadline import due_year
from report.formats import LAST_YEAR
from report.model import Report
from storage.errors import StorageError

from . import file_dialogs
from .collation import by_pinyin
from .edit_wait import wait_for_edits
from .storing import store_report


class ImportCommands:
    """Part of MainWindow (gui/main_window.py)."""

    def open_file(self) -> None:
        """文件 → 打开文件…: a report file (gui/report_file.py) into the database; then shown."""
        from . import report_file  # deferred, as every dialog behind a menu entry: the window starts sooner

        if self.repository is None:
            return
        path = report_file.choose(self)
        if path is None:
            return
        report = report_file.read(self, path)
        if report is not None:
            self.store_and_open(report, title=report_file.OPEN_TITLE, source=path.name, done="已打开",
                                told=f"已打开 {path}：「{report.agency}」{report.year} 年度报告已存入数据库")

    def import_published(self) -> None:
        from .import_published import TITLE, file_filter, read_file

        if self.repository is None:
            return
        path = file_dialogs.open_file(self, TITLE, "", file_filter())
        if path is not None:
            self._import_outcome(read_file(str(path)))

    def import_from_clipboard(self) -> None:
        from .import_published import read_clipboard

        if self.repository is not None:
            self._import_outcome(read_clipboard())

    def check_published(self) -> None:
        """文件 → 核对已发布的版本…: not modal, so that the differences stay listed while the clerk goes to them."""
        from .published_check import install  # deferred: the importer and the comparison load when first used

        dialog = install(self)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _import_outcome(self, outcome) -> None:
        """Show what the importer found, store the report if the clerk agrees, open it, and offer next year's."""
        from .import_published import TITLE, ImportResultDialog

        if outcome.result is None:
            QMessageBox.warning(self, TITLE, f"无法导入{outcome.source}：{outcome.unusable}\n\n数据库未作任何修改。")
            return
        dialog = ImportResultDialog(outcome, by_pinyin(a.name for a in self.repository.agencies()), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or (report := dialog.chosen_report()) is None:
            return
        if self.store_and_open(report, title=TITLE, source=outcome.source, done="已导入",
                               told=f"已导入「{report.agency}」{report.year} 年度报告（来自{outcome.source}）"):
            self._offer_next_year(report.agency, report.year)

    def _offer_next_year(self, agency: str, year: int) -> None:
        """After importing last year's report, the usual next step: this year's, started from it."""
        following = year + 1
        if following != due_year(self.today()) or following > LAST_YEAR:
            return
        try:
            if self.repository.find_report(agency, following) is not None:
                return
        except StorageError:
            return
        answer = QMessageBox.question(
            self, "以上年报告为基础",
            f"数据库中还没有「{agency}」{following} 年度的报告。\n\n"
            f"是否现在以刚导入的 {year} 年度报告为基础新建 {following} 年度报告？"
            "（上年的结转数、现行有效件数等会自动带入）")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            new_id = self.repository.start_from_previous(agency, following)
        except StorageError as e:
            self.show_storage_error(e)
            return
        self.open_report(new_id)

    def aggregate_reports(self) -> None:
        from .aggregate_dialog import TITLE, AggregateDialog

        if self.repository is None or not self._saved_for("汇总"):
            return
        dialog = AggregateDialog(self.repository, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result is None:
            return
        result = dialog.result
        summed = f"已汇总 {len(result.included)} 个机关的 {result.report.year} 年度报告"

        def show_unstored(_e: StorageError) -> None:
            # A shared database's reviewer reads every report but writes none (nor does a clerk of other
            # agencies write the collector's): the sum is shown, to export, print or 另存为, not stored.
            self.show_report(result.report)
            self.save_label.setText("汇总结果未保存到数据库")
            login = getattr(self.repository, "login", "")
            QMessageBox.information(
                self, TITLE, f"{summed}。\n\n当前登录名{f'（{login}）' if login else ''}没有在数据库中保存"
                f"「{result.report.agency}」报告的权限，汇总结果只显示在窗口中、没有保存：可以导出、打印，"
                "或用「文件 → 另存为…」保存为年报文件。\n\n如需存入数据库，请由有该机关权限的登录名汇总，或联系数据库管理员。")

        self.store_and_open(result.report, title=TITLE, source="汇总", done="已汇总",
                            told=f"{summed}，保存为「{result.report.agency}」的报告", when_denied=show_unstored)

    def _saved_for(self, doing: str) -> bool:
        """The open report's edits saved before `doing` reads the database's reports; when they cannot be (the
        server out of reach, or the clerk stopped waiting), the clerk decides whether to go on without them."""
        doc = self.document
        if wait_for_edits(self, doc, doing):
            return True
        answer = QMessageBox.question(
            self, doing, f"打开的报告还有 {doc.unsaved_count} 处修改没有保存到数据库，{doing}将使用数据库中"
            f"已保存的内容（这些修改仍保留在窗口中，连上后自动保存）。\n\n仍要{doing}吗？")
        return answer == QMessageBox.StandardButton.Yes

    def store_and_open(self, report: Report, *, title: str, source: str, done: str, told: str,
                       when_denied: Callable[[StorageError], None] | None = None) -> bool:
        """The one way a report made elsewhere enters the database: what is open saved first (or knowingly given
        up), the clerk asked before a report of the same agency and year is replaced (gui/storing.py), then the
        stored report shown and `told` in the status bar; totals the storage recomputed are listed after `done`.
        False, with the reason already shown, when nothing was stored or it could not be shown."""
        if not self._release_document():
            return False
        notes: list[str] = []
        report_id = store_report(self, self.repository, report, title=title, source=source, notes=notes,
                                 when_denied=when_denied)
        if report_id is None or not self.open_report(report_id):
            return False
        self.statusBar().showMessage(told, 10000)
        if notes:
            QMessageBox.information(self, title, f"{done}。合计按各项之和重新计算：\n" + "\n".join(notes))
        return True
