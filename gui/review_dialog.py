"""工具 → 批量审核…: review many reports at once (files, folders, the open database's reports of a year) against
the checklist and write the result as a workbook or a web page, as the `review` command does."""

from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from export.files import OutputError
from report import checklist
from report.checks import ERROR
from report.formats import FIRST_YEAR, LAST_YEAR
from report.model import text_title
from storage.errors import StorageError

from . import file_dialogs, window_size
from .row_enter import enter_activates_rows
from .scroll_page import scroll_area

TITLE = "批量审核"


class ReviewDialog(QDialog):
    # A finding double-clicked: (the reviewed entry, the finding). The main window opens the report there.
    finding_chosen = Signal(object, object)

    def __init__(self, repository, parent=None):
        super().__init__(parent)
        self.repository = repository
        self.setWindowTitle(TITLE)
        window_size.fit_dialog(self, 900, 680)
        outer = QVBoxLayout(self)
        layout = QVBoxLayout()  # all but the buttons, which stay in view when a small screen scrolls the rest
        intro = QLabel("要审核的报告：交换文件（.json）、已发布的年报（网页、Word、PDF、文本）或包含它们的文件夹。"
                                "同一机关上一年度的报告（在所选报告中或数据库中）用于与上年比较。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.inputs = QListWidget()
        self.inputs.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.inputs.setMaximumHeight(120)  # a few lines: the results below need the room
        self.inputs.setMinimumHeight(3 * self.inputs.fontMetrics().height())
        layout.addWidget(self.inputs)
        buttons = QHBoxLayout()
        for text, slot in (("添加文件(&F)…", self.add_files), ("添加文件夹(&D)…", self.add_folder), ("移除(&R)", self.remove)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch()
        layout.addLayout(buttons)
        db_row = QHBoxLayout()
        self.use_db = QCheckBox("同时审核数据库中的年度报告，年度(&Y)：")
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(datetime.date.today().year - 1)
        self.use_db.setEnabled(repository is not None)
        self.use_db.setChecked(repository is not None)
        db_row.addWidget(self.use_db)
        db_row.addWidget(self.year)
        db_row.addStretch()
        layout.addLayout(db_row)
        out_row = QHBoxLayout()
        out_label = QLabel("结果保存为(&T)：")
        out_row.addWidget(out_label)
        self.output = QLineEdit(str(Path.home() / "批量审核结果.xlsx"))
        out_label.setBuddy(self.output)
        out_row.addWidget(self.output)
        browse = QPushButton("浏览(&B)…")
        browse.clicked.connect(self.choose_output)
        out_row.addWidget(browse)
        layout.addLayout(out_row)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["机关", "年度", "错误数", "警告数", "来源"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_findings(row))
        self.table.activated.connect(lambda _index: self._into_findings())  # double-click or Enter on a report
        enter_activates_rows(self.table)
        # The findings of the report chosen above; double-click (or Enter) opens the report at that place.
        self.findings = QTableWidget(0, 4)
        self.findings.setHorizontalHeaderLabels(["级别", "审核项", "位置", "说明"])
        self.findings.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings.setWordWrap(True)
        self.findings.verticalHeader().setVisible(False)
        for col, width in ((0, 48), (1, 100), (2, 240)):
            self.findings.setColumnWidth(col, width)
        self.findings.setToolTip("双击一条问题（或选中后按回车），在窗口中打开该报告并转到该处")
        self.findings.itemActivated.connect(lambda item: self._activate(item.row()))
        enter_activates_rows(self.findings)  # and only that: Enter must not press 开始审核 and review all again
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.findings)
        split.setChildrenCollapsible(False)
        split.setSizes([160, 300])
        layout.addWidget(split, 1)
        self.results: list = []
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        box = QDialogButtonBox()
        self.run_button = box.addButton("开始审核(&S)", QDialogButtonBox.ButtonRole.ActionRole)
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.open_button = box.addButton("打开结果(&O)", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_result)
        box.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        box.rejected.connect(self.reject)
        self.scroll = scroll_area(layout)
        outer.addWidget(self.scroll, 1)
        outer.addWidget(box)
        self.written: Path | None = None

    def add_files(self) -> None:
        from importer import KINDS

        kinds = " ".join(f"*{s}" for s in (".json", *KINDS))
        self._add([str(p) for p in file_dialogs.open_files(self, "选择要审核的报告", "", f"年度报告 ({kinds});;所有文件 (*)")])

    def add_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, "选择包含报告的文件夹")
        if folder is not None:
            self._add([str(folder)])

    def _add(self, paths: list[str]) -> None:
        have = {self.inputs.item(i).text() for i in range(self.inputs.count())}
        self.inputs.addItems([p for p in paths if p not in have])

    def remove(self) -> None:
        for item in self.inputs.selectedItems():
            self.inputs.takeItem(self.inputs.row(item))

    def choose_output(self) -> None:
        path = file_dialogs.save_file(self, "审核结果保存为", self.output.text(), "Excel 工作簿 (*.xlsx);;网页 (*.html)")
        if path is not None:
            self.output.setText(str(path))

    def paths(self) -> list[str]:
        return [self.inputs.item(i).text() for i in range(self.inputs.count())]

    def run(self) -> None:
        # Deferred: the readers, the batch review and the workbook writer load only when a review runs.
        from export import review_book
        from importer import UnusableInput
        from importer.inputs import read_all
        from report.batch import review_all, tally
        from storage.review_inputs import add_previous, year_entries

        out = Path(self.output.text().strip())
        if out.suffix.lower() not in review_book.KINDS:
            QMessageBox.warning(self, TITLE, "审核结果只能保存为 .xlsx 工作簿或 .html 网页，请修改文件名")
            return
        use_db = self.use_db.isChecked() and self.repository is not None
        if not self.paths() and not use_db:
            QMessageBox.warning(self, TITLE, "请先添加要审核的报告文件或文件夹，或勾选审核数据库中的报告")
            return
        if any(Path(p).resolve() == out.resolve() for p in self.paths()):
            QMessageBox.warning(self, TITLE, "结果文件是要审核的文件之一，保存会覆盖它；请另选结果文件")
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            entries = read_all(self.paths(), output=out)
            if use_db:
                add_previous(self.repository, entries)
                entries += year_entries(self.repository, self.year.value())
            if not entries:
                raise UnusableInput(f"没有找到要审核的报告（数据库中也没有 {self.year.value()} 年度的报告）")
            results = review_all(entries)
            review_book.write(results, out)
        except (UnusableInput, StorageError, OutputError) as e:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, TITLE, str(e))
            return
        QGuiApplication.restoreOverrideCursor()
        self._show(results)
        self.written = out
        self.open_button.setEnabled(True)
        self.status.setText(f"{tally(results)}。结果已保存到 {out}")

    def _show(self, results) -> None:
        self.results = list(results)
        self.table.setRowCount(len(results))
        for row, r in enumerate(results):
            rep = r.entry.report
            values = ([rep.agency, str(rep.year), str(r.errors), str(r.warnings)] if rep is not None
                      else [f"无法读取：{r.entry.problem}", "", "", ""])
            for col, value in enumerate([*values, r.entry.source]):
                self.table.setItem(row, col, QTableWidgetItem(value))
        if results:
            self.table.setCurrentCell(0, 0)
        self._show_findings(self.table.currentRow())
        bar = self.scroll.verticalScrollBar()  # a small screen: the results (at the bottom) into view
        bar.setValue(bar.maximum())

    def _show_findings(self, row: int) -> None:
        shown = self.results[row] if 0 <= row < len(self.results) else None
        found = shown.findings if shown is not None else []
        self.findings.setRowCount(len(found))
        fmt = shown.entry.report.format if shown is not None and shown.entry.report is not None else None
        for n, f in enumerate(found):
            item = checklist.item_of(f.rule)
            for col, value in enumerate(("错误" if f.level == ERROR else "警告", item.title if item else f.rule,
                                         _where(fmt, f.cells), f.message)):
                cell = QTableWidgetItem(value)
                cell.setToolTip(_where(fmt, f.cells, full=True) if col == 2 else f.message)
                self.findings.setItem(n, col, cell)
        self.findings.resizeRowsToContents()

    def _into_findings(self) -> None:
        """From a report's row to its first finding, where Enter (or double-click) opens the report there."""
        if self.findings.rowCount():
            self.findings.setCurrentCell(0, 0)
            self.findings.setFocus(Qt.FocusReason.OtherFocusReason)

    def _activate(self, row: int) -> None:
        shown = self.results[self.table.currentRow()] if 0 <= self.table.currentRow() < len(self.results) else None
        if shown is not None and shown.entry.report is not None and 0 <= row < len(shown.findings):
            self.finding_chosen.emit(shown.entry, shown.findings[row])

    def open_result(self) -> None:
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written)))


def _where(fmt, ids, full: bool = False) -> str:
    """Where a finding points, as the clerk reads it: the first place (a cell by its row and column, with its
    section and groups when `full`; a prose section by its title) and how many more."""
    if fmt is None or not ids:
        return ""

    def name(i: str) -> str:
        if i in fmt.cells:
            return fmt.cells[i].label if full else fmt.cells[i].short_label
        return text_title(fmt, i)

    if full:
        return "\n".join(name(i) for i in ids[:12]) + ("\n……" if len(ids) > 12 else "")
    return name(ids[0]) + (f" 等 {len(ids)} 处" if len(ids) > 1 else "")
