"""工具 → 审查单… and 图解… for the open report: the reviewer's one-page sheet (export/review_sheet.py) and the
picture of its figures (export/chart.py), asked and written as 导出 does (gui/exports.py): the fonts' findings
first, then where, then an atomic write, then where it went with 打开文件.

The 审查单 compares the report with last year's stored one, as the findings strip does; the 图解 draws the
agency's stored earlier years. The writers (ReportLab's charts, fontTools) are imported when first used.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from export import kinds
from export.kinds import Kind
from report.errors import UserFacingError

from . import file_dialogs, settings

# gui/exports.py (the export's questions, with the PDF fonts module) and export/files.py are imported in the
# methods that use them, at the first 审查单 or 图解: the window is built without them and shown sooner.

log = logging.getLogger(__name__)

SHEET = Kind(".pdf", "审查单", "export.review_sheet")
CHART_KINDS = (Kind(".png", "图解（PNG 图片）", "export.chart"), Kind(".pdf", "图解（PDF 文件）", "export.chart"),
               Kind(".svg", "图解（SVG 图片）", "export.chart"))


class ReviewCommands:
    """Part of MainWindow (gui/main_window.py)."""

    _review_dialog = None

    def review_reports(self) -> None:
        """工具 → 批量审核…: not modal, so that a finding double-clicked there opens its report here while the
        results stay listed; a second call brings the same dialog back."""
        from .review_dialog import ReviewDialog  # deferred, as every dialog behind a menu entry

        dialog = self._review_dialog
        if dialog is None or dialog.repository is not self.repository:
            if dialog is not None:
                dialog.close()
            dialog = self._review_dialog = ReviewDialog(self.repository, self)
            dialog.finding_chosen.connect(self.open_finding)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def open_finding(self, entry, finding) -> bool:
        """A finding of 批量审核: its report opened (the stored one of the same agency and year, else the file's
        report stored first, asked as 打开文件… asks) and shown at the cell or section the finding names."""
        report = entry.report
        if report is None or self.repository is None:
            return False
        try:
            report_id = self.repository.find_report(report.agency, report.year)
        except UserFacingError as e:
            QMessageBox.warning(self, "打开报告", str(e))
            return False
        if report_id is None:
            if not self.store_and_open(report, title="打开审核的报告", source=Path(entry.source).name,
                                       done=f"已把「{report.agency}」{report.year} 年的报告存入数据库",
                                       told=f"已打开审核的报告「{report.agency}」{report.year} 年（已存入数据库）"):
                return False
        elif self.document is None or self.document.report_id != report_id:
            if not self._release_document() or not self.open_report(report_id):
                return False
            if not entry.source.startswith("数据库"):
                # The file reviewed and the stored report may differ: say which one is shown.
                self.statusBar().showMessage(f"打开的是数据库中「{report.agency}」{report.year} 年的报告；审核的是文件 "
                                             f"{entry.source}，两者可能不同", 15000)
        cells = [c for c in finding.cells if c in self.document.format.cells] or list(finding.cells)
        if cells:
            self.go_to_cell(cells[0])
        self.raise_()
        self.activateWindow()
        return True

    def make_signoff(self) -> Path | None:
        """工具 → 审查单…: the checklist's verdicts and the figures on one page, with lines for signatures."""
        doc = self.document
        if doc is None:
            return None
        self._commit_typing()
        from export import review_sheet

        from . import exports

        report = doc.report
        made = self._render(SHEET, lambda: review_sheet.render(report, doc.previous, exports.writer_options(
            kinds.PDF).get("fonts")))
        if made is None:
            return None
        name = f"{report.agency}{report.year}年度政府信息公开工作年度报告审查单"
        return self._save(SHEET, made, name, (SHEET,))

    def make_chart(self) -> Path | None:
        """工具 → 图解…: the report's figures, and the agency's stored earlier years, as one picture."""
        doc = self.document
        if doc is None:
            return None
        self._commit_typing()
        from export import chart

        from . import exports

        report = doc.report
        history = []
        if self.repository is not None and doc.report_id is not None:
            from storage.review_inputs import earlier_reports

            try:
                history = earlier_reports(self.repository, report.agency, report.year, chart.HISTORY_YEARS - 1)
            except UserFacingError as e:  # the picture of this year is still worth having
                self.statusBar().showMessage(f"未能读取往年的报告：{e}", 15000)
        name = f"{report.agency}{report.year}年度政府信息公开工作年度报告图解"
        path = self._ask_path(CHART_KINDS, name)
        if path is None:
            return None
        kind = next(k for k in CHART_KINDS if k.suffix == path.suffix.lower())
        fonts = exports.writer_options(kinds.PDF).get("fonts")
        made = self._render(kind, lambda: chart.render(report, kind.suffix, history, fonts))
        if made is None or not self._write(kind, made[0], path):
            return None
        exports.done(self, path, kind)
        return path

    # ---- shared steps ------------------------------------------------------------------------------------

    def _render(self, kind: Kind, render) -> tuple[bytes, list] | None:
        """The file's bytes, once the clerk has agreed to any font findings; None if refused or failed."""
        from . import exports

        try:
            with exports._Busy():
                data, notes = render()
        except UserFacingError as e:
            QMessageBox.warning(self, f"{kind.name}未能生成", str(e))
            return None
        except Exception as e:  # a writer's bug must not take the clerk's window (and typing) with it
            log.exception("rendering the %s failed", kind.name)
            QMessageBox.warning(self, f"{kind.name}未能生成", f"生成{kind.name}时程序内部出错：{e}\n详细信息已写入日志文件。")
            return None
        if notes:
            listed = exports._listed("字体", notes)
            if not exports.go_on_anyway(self, f"生成{kind.name}", f"{kind.name}的字体有 {len(notes)} 处需要注意。",
                                        listed, "生成", [n.message for n in notes] if len(notes) > exports.SHOWN else None):
                return None
        return data, notes

    def _ask_path(self, choices: tuple[Kind, ...], name: str) -> Path | None:
        folder = settings.export_folder()
        filters = ";;".join(k.filter for k in choices)
        path = file_dialogs.save_file(self, f"保存{choices[0].name.split('（')[0]}",
                                      folder / f"{name}{choices[0].suffix}", filters)
        if path is None:
            return None
        settings.set_export_folder(path.parent)
        return path

    def _save(self, kind: Kind, made: tuple[bytes, list], name: str, choices: tuple[Kind, ...]) -> Path | None:
        from . import exports

        path = self._ask_path(choices, name)
        if path is None or not self._write(kind, made[0], path):
            return None
        exports.done(self, path, kind)
        return path

    def _write(self, kind: Kind, data: bytes, path: Path) -> bool:
        from export.files import write_atomically

        from . import exports

        existed = path.is_file()
        try:
            with exports._Busy():
                write_atomically(path, data)
        except UserFacingError as e:
            keep = "原有的同名文件保持不变。" if existed else "没有写出任何文件。"
            QMessageBox.warning(self, f"{kind.name}未能保存", f"{e}\n\n{keep}")
            return False
        return True
