"""The 台账 tab: the agency's ledger of applications (all years), each open one with its answer deadline, those due
soon or overdue marked; filtered and sorted by any column. A spreadsheet ledger is brought in from here, and table
三 of the open report's year is derived from the whole ledger (storage.Repository.import_ledger).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QToolBar,
    QWidget,
)

from export.files import OutputError
from report.ledger import FIELD_NAMES, Application, derive, records_appeals, shape_for_year
from report.ledger_deadlines import State, deadline
from report.workdays import Calendar, CalendarError, parse
from storage.errors import StorageError

from . import file_dialogs, settings
from .ledger_filter import SORT_ROLE, STATE_ROLE, LedgerFilter
from .ledger_place import TITLE
from .scroll_page import scrolling_layout

ANSWERED = "已办结"
FIELDS = ("number", "received", "applicant_type", "applicant", "content", "corrections_asked", "extended",
          "answered", "result", "fee")
HEADERS = [FIELD_NAMES[f] if f != "corrections_asked" else "补正" for f in FIELDS] + ["答复期限"]
COLOURS = {State.OVERDUE: QColor("#f8d7da"), State.DUE_SOON: QColor("#fff3cd")}
MAX_LISTED = 15  # bad rows listed in a message box; the rest are counted


def _calendar() -> tuple[Calendar, str]:
    """The shipped calendar with the clerk's own arrangements; a saved text that no longer reads (the settings
    file edited by hand) is set aside with its reason rather than stopping the tab."""
    try:
        return Calendar(parse(settings.holiday_text())), ""
    except CalendarError as e:
        return Calendar(), str(e)


def _day(d: datetime.date | None) -> str:
    return d.isoformat() if d else ""


class LedgerTab(QWidget):
    reportChanged = Signal(object)  # the report id whose table 三 was derived anew
    feeSentence = Signal(str)  # the year's 信息处理费 as a sentence for section 六, the clerk having agreed
    ledgerChanged = Signal(object, str)  # the report id shown anew (table 三 followed the ledger, or detached), why

    def __init__(self, repository, agency: str, year: int, today: Callable[[], datetime.date],
                 parent: QWidget | None = None, report_id=None) -> None:
        super().__init__(parent)
        self.repository, self.agency, self.year, self.today = repository, agency, year, today
        self.report_id = report_id  # the open report, whose table 三 may follow the ledger
        self.from_ledger = False
        self.applications: dict[str, Application] = {}  # by 编号, as listed
        self.calendar, self.calendar_problem = _calendar()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("筛选：编号、申请人、内容、结果……")
        self.filter.setClearButtonEnabled(True)
        self.state = QComboBox()
        self.state.addItems(["全部", State.OPEN.value, State.DUE_SOON.value, State.OVERDUE.value,
                             State.WAITING.value, ANSWERED])
        self.state.setToolTip("按办理状态筛选")
        # A tool bar rather than a row of buttons: when the window is narrow the rest fold into its » menu, so
        # the tab never makes the window wider than the clerk left it.
        self.report_locked: str | None = None  # why the open report may not be changed here (set_report_locked)
        self._report_actions: dict = {}  # action -> its own tooltip
        self.actions_bar = QToolBar()
        self.actions_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for text, slot, tip in (
            ("新增申请(&N)…", self.add_application, ""),
            ("修改(&M)…", self.edit_application, "修改选中的申请（也可双击）"),
            ("删除(&D)", self.delete_application, ""),
            ("从电子表格导入台账(&I)…", self.import_sheet,
             f"读入台账（.xlsx），存入「{agency}」的台账，并按日期重新生成 {year} 年度报告的表三"),
            ("由台账生成表三(&G)", self.derive_table, f"按台账中已有的申请重新生成 {year} 年度报告的表三"),
            ("信息处理费写入第六部分(&W)…", self.state_fees,
             f"把 {year} 年度收取信息处理费的件数和金额（国办函〔2020〕109号）写成一句话，写入报告的第六部分"),
            ("改为手工填写(&K)…", self.detach, "表三（及第四部分）不再由台账生成：现有数字保持不变，之后可以直接修改"),
            ("导出台账(&X)…", self.export_ledger, "把本机关的整个台账导出为 .xlsx（与空白台账的列相同，可以再导入）"),
            ("生成空白台账(&B)…", self.write_template, ""),
            ("节假日安排(&J)…", self.edit_holidays, "答复期限按工作日计算：填写程序未内置年份的节假日和调休安排"),
        ):
            action = self.actions_bar.addAction(text)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            # A toolbar's buttons take no keyboard focus: Alt and the letter, while the keyboard is on this tab
            # (its letters are none of the menu bar's F E T S H).
            action.setShortcut(QKeySequence.mnemonic(text))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            if tip:
                action.setToolTip(tip)
            if slot == self.detach:
                self.detach_action = action
            if slot in (self.import_sheet, self.derive_table, self.detach):  # these change the report itself
                self._report_actions[action] = tip

        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels(HEADERS)
        self.proxy = LedgerFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().hide()
        self.view.doubleClicked.connect(lambda _i: self.edit_application())
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.state.currentTextChanged.connect(self.proxy.set_state)

        bar = QHBoxLayout()
        filter_label = QLabel("筛选(&L)")
        filter_label.setBuddy(self.filter)
        bar.addWidget(filter_label)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.state)
        _area, layout = scrolling_layout(self)  # a small window scrolls the tab rather than outgrow the screen
        layout.addWidget(self.summary)
        layout.addLayout(bar)
        layout.addWidget(self.actions_bar)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)  # Ctrl+7 (or whichever) puts the keyboard in the list of applications
        self.reload()

    def reload(self) -> None:
        try:
            applications = self.repository.applications(self.agency)
            self.from_ledger = self.report_id is not None and self.repository.from_ledger(self.report_id)
        except StorageError as e:
            self.summary.setText(f"无法读取台账：{e}")
            return
        self.fill(applications)

    def show_saved(self, applications: list[Application], from_ledger: bool) -> None:
        """The ledger as someone else saved it (a shared database): shown where the clerk left the list — the
        selected application (if still there), the order, the column widths and the scroll kept."""
        if from_ledger == self.from_ledger and applications == list(self.applications.values()):
            return
        self.from_ledger = from_ledger
        chosen = self.selected()
        column = max(self.view.currentIndex().column(), 0)
        scrolled = self.view.horizontalScrollBar().value(), self.view.verticalScrollBar().value()
        self.fill(applications, keep_layout=True)
        if chosen is not None:
            self._select(chosen.number, column)
        self.view.horizontalScrollBar().setValue(scrolled[0])
        self.view.verticalScrollBar().setValue(scrolled[1])

    def fill(self, applications: list[Application], *, keep_layout: bool = False) -> None:
        """The list anew; `keep_layout`: in the order and column widths the clerk left it (else by deadline,
        the columns fitted)."""
        today = self.today()
        self.applications = {a.number: a for a in applications}
        self.model.removeRows(0, self.model.rowCount())
        counts = {s: 0 for s in State}
        for app in applications:
            sh = shape_for_year((app.answered or app.received).year)
            if app.is_open(today):
                d = deadline(app, today, self.calendar)
                state, limit, key = d.state, d.text, _day(d.due) or "9999"  # waiting for a 补正: after the dated
                counts[state] += 1
            else:
                state, limit, key = None, ANSWERED, "99999"  # after the open ones
            corrections = "；".join(f"{_day(c.asked)}→{_day(c.received) or '待补正'}" for c in app.corrections)
            texts = [app.number, _day(app.received), sh.applicant_label(app.applicant_type), app.applicant,
                     app.content, corrections, "是" if app.extended else "", _day(app.answered),
                     sh.result_text(sh.result_for(app.result) or app.result) if app.result else "", f"{app.fee} 元" if app.fee else "", limit]
            keys = texts[:9] + [f"{app.fee:020.2f}", key]
            row = []
            for text, sort_key in zip(texts, keys, strict=True):
                item = QStandardItem(text)
                item.setData(sort_key, SORT_ROLE)
                item.setData(state.value if state else ANSWERED, STATE_ROLE)
                item.setToolTip(text if len(text) > 20 else "")
                if state in COLOURS:
                    item.setBackground(QBrush(COLOURS[state]))
                row.append(item)
            self.model.appendRow(row)
        if not keep_layout:
            self.view.sortByColumn(len(HEADERS) - 1, Qt.SortOrder.AscendingOrder)
            self.view.resizeColumnsToContents()
            for col in (HEADERS.index(FIELD_NAMES["content"]), HEADERS.index(FIELD_NAMES["result"])):
                self.view.setColumnWidth(col, min(self.view.columnWidth(col), 260))
        open_count = sum(counts.values())
        if not applications:
            self._enable()
            self.summary.setText(f"「{self.agency}」的台账中还没有申请。可以从电子表格导入台账"
                                 f"（先「生成空白台账」看看需要哪些列）。")
            return
        unknown = "" if self.calendar.knows(today.year) else \
            f"（程序中没有 {today.year} 年的节假日安排，期限暂按周一至周五计算；可在「节假日安排」中填写）"
        if self.calendar_problem:
            unknown += f"（保存的节假日安排无法读取：{self.calendar_problem}）"
        year = derive(applications, self.year)
        fees = (f"{self.year} 年度收取信息处理费 {year.fee_count} 件，共 {year.fee_total} 元（写入第六部分）。"
                if year.fee_count else f"{self.year} 年度未收取信息处理费。")
        self.summary.setText(
            f"「{self.agency}」的台账共 {len(applications)} 件申请；办理中 {open_count} 件，"
            f"其中即将到期 {counts[State.DUE_SOON]} 件、已超期 {counts[State.OVERDUE]} 件、"
            f"等待补正 {counts[State.WAITING]} 件。{fees}{unknown}{self._tie()}")

    def set_report_locked(self, why: str | None) -> None:
        """The open report is read-only in this window (another clerk edits it, a reviewer's, 定稿), for `why`; None:
        editable. What would change the report itself (table 三 derived, or back to hand entry) is then refused;
        the ledger itself stays editable (table 三 of a report that follows it follows it, as always)."""
        self.report_locked = why
        self._enable()

    def _enable(self) -> None:
        for action, tip in self._report_actions.items():
            action.setEnabled(self.report_locked is None and (action is not self.detach_action or self.from_ledger))
            action.setToolTip(f"{tip}（{self.report_locked}）" if self.report_locked else tip)

    def _tie(self) -> str:
        self._enable()
        if self.from_ledger:
            four = "和第四部分" if records_appeals(list(self.applications.values())) else ""
            return f"\n{self.year} 年度报告的表三{four}由台账生成（只读），随台账更新。"
        return ""

    # ------------------------------------------------------------------------------------------ actions

    def import_sheet(self) -> None:
        from importer.ledger_sheet import LedgerSheetError, read  # deferred: the spreadsheet reader, ~0.2 s to load
        path = file_dialogs.open_file(self, "导入台账", "", "Excel 工作簿 (*.xlsx)")
        if path is None:
            return
        try:
            sheet = read(path)
        except LedgerSheetError as e:
            QMessageBox.warning(self, "导入台账", f"{e}\n\n数据库未作任何修改。")
            return
        if sheet.bad_rows:
            listed = "\n".join(sheet.bad_rows[:MAX_LISTED])
            more = f"\n……另有 {len(sheet.bad_rows) - MAX_LISTED} 行" if len(sheet.bad_rows) > MAX_LISTED else ""
            QMessageBox.warning(self, "导入台账", f"「{sheet.sheet}」中有 {len(sheet.bad_rows)} 行无法读取：\n\n"
                                f"{listed}{more}\n\n台账未导入，数据库未作任何修改；请改正后重新导入。")
            return
        if not sheet.applications:
            QMessageBox.warning(self, "导入台账", f"「{sheet.sheet}」的表头下没有任何申请。")
            return
        try:  # as saved now: a colleague may have added some of them since the list was read
            stored = {a.number for a in self.repository.applications(self.agency)}
        except StorageError as e:
            QMessageBox.warning(self, "导入台账", f"无法读取台账：{e}\n\n数据库未作任何修改。")
            return
        same = sum(a.number in stored for a in sheet.applications)
        replaced = (f"其中 {same} 件的编号已在台账中，将以表格中的内容替换台账中现有的（包括同事刚保存的修改；"
                    f"表格中申请人为空的保留原有姓名）。\n\n" if same else "")
        answer = QMessageBox.question(
            self, "导入台账",
            f"读入了 {len(sheet.applications)} 件申请。\n\n{replaced}导入后将按整个台账重新生成 {self.year} 年度报告的"
            f"表三（表三中现有的数字将被替换，替换前的数字仍在修改记录中）。是否导入？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            report_id, derived, _replaced = self.repository.import_ledger(self.agency, self.year, sheet.applications,
                                                                          source=path.name)
        except StorageError as e:
            QMessageBox.warning(self, "导入台账", f"{e}\n\n数据库未作任何修改。")
            return
        self.reload()
        self.reportChanged.emit(report_id)

    def selected(self) -> Application | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.applications.get(self.proxy.index(index.row(), 0).data())

    def add_application(self) -> None:
        self._edit(None)

    def edit_application(self) -> None:
        app = self.selected()
        if app is None:
            QMessageBox.information(self, TITLE, "请先选中要修改的申请。")
            return
        self._edit(app)

    def _edit(self, app: Application | None) -> None:
        from . import ledger_clash  # deferred: the tab is built with every report shown

        saved = ledger_clash.edit(self, self.repository, self.agency, app, self.today(), self.reload)
        if saved is not None:
            self.reload()
            self._select(saved.number)
            self._followed()

    def delete_application(self) -> None:
        app = self.selected()
        if app is None:
            QMessageBox.information(self, TITLE, "请先选中要删除的申请。")
            return
        from . import ledger_clash

        deleted = ledger_clash.delete(self, self.repository, self.agency, app.number)
        self.reload()
        if deleted:
            self._followed()

    def _followed(self) -> None:
        """Storage derived table 三 anew with the ledger change: the window shows the report's new figures."""
        if self.from_ledger:
            four = "和第四部分" if records_appeals(list(self.applications.values())) else ""
            self.ledgerChanged.emit(self.report_id, f"{self.year} 年度报告的表三{four}已随台账更新")

    def state_fees(self) -> None:
        """Offer the year's fee sentence for section 六 (not 表二's 行政事业性收费); the window writes it in."""
        sentence = derive(list(self.applications.values()), self.year).fee_sentence()
        answer = QMessageBox.question(
            self, "信息处理费写入第六部分",
            f"按台账，{self.year} 年度的信息处理费情况为：\n\n{sentence}\n\n把这句话写入报告的第六部分？"
            f"（已写过的同一句话会被替换；可以撤销。信息处理费不计入表二的行政事业性收费。）")
        if answer == QMessageBox.StandardButton.Yes:
            self.feeSentence.emit(sentence)

    def detach(self) -> None:
        """The report's table 三 back to hand entry, after a confirmation; its figures stay as they are."""
        if not self.from_ledger:
            return
        answer = QMessageBox.question(
            self, "改为手工填写",
            f"{self.year} 年度报告的表三（台账记有行政复议、行政诉讼时也包括第四部分）目前由台账生成，不能直接修改。\n\n"
            f"改为手工填写后，现有的数字保持不变、"
            f"可以直接修改，但不再随台账更新（以后可以再点「由台账生成表三」）。是否改为手工填写？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.repository.detach_from_ledger(self.report_id)
        except StorageError as e:
            QMessageBox.warning(self, "改为手工填写", f"{e}\n\n数据库未作任何修改。")
            return
        self.ledgerChanged.emit(self.report_id, f"{self.year} 年度报告已改为手工填写")

    def _select(self, number: str, column: int | None = None) -> None:
        """Select the application's row; `column`: its cell in that column becomes current, the list not scrolled
        to it (the caller puts the scroll back)."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data() == number:
                if column is None:
                    self.view.selectRow(row)
                else:
                    self.view.selectionModel().setCurrentIndex(
                        self.proxy.index(row, column),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                return

    def derive_table(self) -> None:
        """Table 三 of the open report's year from the ledger as stored (imported while another year was open)."""
        answer = QMessageBox.question(
            self, "由台账生成表三",
            f"按台账重新生成 {self.year} 年度报告的表三？\n\n表三中现有的数字将被替换（替换前的数字仍在修改记录中）；"
            f"之后表三由台账生成、不能直接修改，随台账更新（可以改回手工填写）。")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            report_id, _derived, _replaced = self.repository.import_ledger(self.agency, self.year, [])
        except StorageError as e:
            QMessageBox.warning(self, "由台账生成表三", f"{e}\n\n数据库未作任何修改。")
            return
        self.reportChanged.emit(report_id)

    def edit_holidays(self) -> None:
        from .holiday_dialog import HolidayDialog  # deferred, as the application dialog

        dialog = HolidayDialog(settings.holiday_text(), self)
        if dialog.exec() != HolidayDialog.DialogCode.Accepted:
            return
        settings.set_holiday_text(dialog.text())
        self.calendar, self.calendar_problem = Calendar(dialog.days), ""
        self.reload()

    def export_ledger(self) -> None:
        """The whole ledger to .xlsx; the applicants' names only when the clerk ticks the box (off by default)."""
        from export.ledger_sheet import write  # deferred: the spreadsheet writer
        from export.ledger_template import SUFFIX

        path = file_dialogs.save_file(self, "导出台账", f"{self.agency}依申请公开台账{SUFFIX}", f"Excel 工作簿 (*{SUFFIX})")
        if path is None:
            return
        names = self.ask_names()
        if names is None:
            return
        try:
            write(path, self.year, list(self.applications.values()), names=names)
        except OutputError as e:
            QMessageBox.warning(self, "导出台账", str(e))
            return
        said = "，含申请人姓名（个人信息，请妥善保管，不要公开）" if names else "，不含申请人姓名"
        QMessageBox.information(self, "导出台账", f"已导出 {len(self.applications)} 件申请{said}：\n{path}")

    def ask_names(self) -> bool | None:
        """Whether to write the applicants' names; None when the clerk cancels."""
        box = QMessageBox(QMessageBox.Icon.Question, "导出台账",
                          "申请人姓名是个人信息，导出的台账默认不含姓名（再导入时，数据库中已有的姓名保持不变）。",
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, self)
        check = QCheckBox("包含申请人姓名（仅供内部使用，不得公开）")
        box.setCheckBox(check)
        if box.exec() != QMessageBox.StandardButton.Ok:
            return None
        return check.isChecked()

    def write_template(self) -> None:
        from export.ledger_template import SUFFIX, write  # deferred: the spreadsheet writer

        path = file_dialogs.save_file(self, "生成空白台账", f"{self.year}年依申请公开台账{SUFFIX}", f"Excel 工作簿 (*{SUFFIX})")
        if path is None:
            return
        try:
            write(path, self.year)
        except OutputError as e:
            QMessageBox.warning(self, "生成空白台账", str(e))

