"""The main window: one tab per section of the open report, the findings strip below, menus in Chinese.

The window is made of parts by job, each a module of its own: its layout (gui/window_layout.py), its actions and
menus (gui/window_menus.py), and the commands behind them (gui/file_commands.py, gui/edit_commands.py,
gui/import_commands.py, gui/export_commands.py). This module shows a report: its tabs, moving between them and to
a cell, and what the status bar says.

Nothing here knows a row or a label of the report: tabs come from the format's sections, tables from its grid.
"""

from __future__ import annotations

import datetime
import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolButton,
    QWidget,
)

from report import title as report_title
from report.about import APP_NAME, VERSION
from report.ledger import derived_cells, records_appeals, with_fee_sentence
from report.model import PREAMBLE, Report, text_title
from report.prose_numbers import sentence_of
from report.status import Status
from storage.errors import StorageError

from . import preamble_field, settings
from .after_paint import after_first_paint
from .deadline_label import DeadlineLabel
from .document import Document
from .edit_commands import EditCommands
from .edit_wait import wait_for_edits
from .export_commands import ExportCommands
from .file_commands import FileCommands
from .findings_dock import FindingsDock
from .import_commands import ImportCommands
from .ledger_place import LedgerPlace
from .live_report import LiveReport
from .live_window import LiveWindow
from .review_commands import ReviewCommands
from .table_model import TableModel
from .table_view import TableView
from .text_section import TextSection, select_in
from .window_layout import WindowLayout
from .window_menus import WindowMenus

log = logging.getLogger(__name__)


def _tab_tip(index: int, title: str, problems: int) -> str:
    tip = f"本节有 {problems} 个问题，见下方检查结果" if problems else title
    return f"{tip}（Ctrl+{index + 1}）" if index < 9 else tip


class MainWindow(WindowLayout, WindowMenus, LiveWindow, LedgerPlace, FileCommands, EditCommands, ImportCommands,
                 ExportCommands, ReviewCommands, QMainWindow):
    documentShown = Signal()  # another report (or none, or the same afresh) is shown: what compares with it follows

    def __init__(self, repository=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repository = repository
        self.document: Document | None = None
        self.live: LiveReport | None = None  # the open report's lease and watching, on a shared database
        self.section_widgets: dict[str, QWidget] = {}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.findings = FindingsDock(self)
        self.findings.goToCell.connect(self.go_to_cell)
        self.findings.goToText.connect(self.go_to_text)
        self.findings.enlargeToggled.connect(self.toggle_findings)
        # The report above, the findings strip below; only the report grows with the window.
        self.body = QSplitter(Qt.Orientation.Vertical)
        self.body.setObjectName("bodySplitter")
        self.body.setChildrenCollapsible(False)
        self.page = QWidget()  # what is above the findings: replaced by _set_page
        self.body.addWidget(self.page)
        self.body.addWidget(self.findings)
        self.body.setStretchFactor(0, 1)
        self.body.setStretchFactor(1, 0)
        self.body.splitterMoved.connect(self._divider_moved)
        self.setCentralWidget(self.body)
        self._show_no_report()
        self.findings_button = QToolButton()  # the findings' counts in the status bar; a click enlarges them
        self.findings_button.setAutoRaise(True)
        self.findings_button.setToolTip("显示或缩小下方的检查结果")
        self.findings_button.clicked.connect(self.toggle_findings)
        self.findings.windowTitleChanged.connect(self.findings_button.setText)
        self.findings_button.setText(self.findings.windowTitle())
        self.save_label = QLabel()
        # 已保存 and its time are never squeezed: narrow windows (200 % scaling) shorten the others instead.
        self.save_label.setContentsMargins(0, 0, 6, 0)
        self.save_label.setMinimumWidth(self.save_label.fontMetrics().horizontalAdvance("已保存 00:00") + 8)
        self.today = datetime.date.today  # what "today" is for the deadline; tests put a fixed day here
        self.deadline_label = DeadlineLabel()
        self.statusBar().addPermanentWidget(self.findings_button)
        self.statusBar().addPermanentWidget(self.deadline_label)
        for squeezable in (self.findings_button, self.deadline_label):  # their texts are in tooltips and the strip
            squeezable.setMinimumWidth(1)
        self.statusBar().addPermanentWidget(self.save_label)
        # A message (已导出到 …) is drawn in what the permanent widgets leave: while it shows, the count and the
        # deadline (both also in the findings strip and the tooltips) step aside, or a narrow window cut it off.
        self.statusBar().messageChanged.connect(
            lambda message: [w.setVisible(not message) for w in (self.findings_button, self.deadline_label)])
        self._deadline_timer = QTimer(self)  # the day changes while the window stays open over midnight
        self._deadline_timer.setInterval(10 * 60 * 1000)
        self._deadline_timer.timeout.connect(self._update_deadline)
        self._deadline_timer.start()
        self._build_actions()
        self._update_title()
        self._shown_section: str | None = None  # the section whose tab is current, for settling tables left
        # Of tab 一's two editors (导语 above 一's text), whether the preamble's was in use last: 查找 starts there.
        self.preamble_in_use = False
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_moved)
        self._restore_layout()

    def open_report(self, report_id, review_later: bool = False) -> bool:
        assert self.repository is not None
        try:
            report = self.repository.load(report_id)
            previous = self.repository.previous_year_report(report_id)
            info = self.repository.info(report_id)
        except StorageError as e:
            self.show_storage_error(e)
            return False
        locked = info.status == Status.FINAL
        self.show_report(report, report_id=report_id, previous=previous, locked=locked, review_later=review_later)
        return True

    def show_report(self, report: Report, report_id=None, previous: Report | None = None, locked: bool = False,
                    review_later: bool = False) -> None:
        """`review_later`: the report is reviewed once the window has been painted with it (at start: see
        Document.review_now), not before it is shown."""
        old = self.document
        if old is not None:
            old.flush()
            if not old.has_unsaved and not old.writing:
                old.stop_writing()  # else it goes on retrying what it keeps, as a report replaced always did
        self.stop_live()
        doc = Document(report, self.repository if report_id is not None else None, report_id, previous, locked, self,
                       review_later=review_later)
        if report_id is not None and self.repository is not None:
            doc.derived = self._derived_cells(report, report_id)
        self.document = doc
        doc.undo_stack.indexChanged.connect(self._stack_changed)
        doc.findingsChanged.connect(self._update_tab_labels)
        doc.saved.connect(self._saved)
        doc.saveFailed.connect(self._save_failed)
        self._watch_connection(doc)
        doc.lockedChanged.connect(self._locked_changed)
        doc.dateChanged.connect(self._update_deadline)  # a dated report is not counted down any more
        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        self.section_widgets = {}
        for section in report.format.sections:
            if section.table is not None:
                model = TableModel(doc, section, self)
                view = TableView(model)
                model.refused.connect(self._refused)
                view.pasted.connect(self._pasted)
                view.message.connect(lambda m: self.statusBar().showMessage(m, 8000))
                widget: QWidget = view
            else:
                widget = TextSection(doc, section)
                widget.revisited.connect(lambda w=widget: self._show_prose(w))
                if section is report.format.sections[0]:  # the preamble is edited on tab 一, above 一's text
                    preamble = preamble_field.add_to(widget)
                    preamble.revisited.connect(lambda w=preamble: self._show_prose(w))
                    self.section_widgets[PREAMBLE] = preamble
            self.section_widgets[section.id] = widget
            self.tabs.addTab(widget, section.title)
            self.tabs.setTabToolTip(self.tabs.count() - 1, _tab_tip(self.tabs.count() - 1, section.title, 0))
        self._forget_ledger_tab()
        if report_id is not None and self.repository is not None:
            self._add_ledger_tab(report)
        self._open_last_section(report)
        self._shown_section = report.format.sections[self.tabs.currentIndex()].id
        self.tabs.currentChanged.connect(self._section_shown)
        self._set_page(self._live_page(doc) if report_id is not None else self.tabs)
        first = self.section_widgets.get(report.format.sections[0].id)
        if isinstance(first, TextSection) and isinstance(self.section_widgets.get(PREAMBLE), TextSection):
            preamble_field.order_tabbing(first, self.section_widgets[PREAMBLE])
        self.findings.set_document(doc)
        self.date_field.set_document(doc)
        self._update_tab_labels()
        self._update_actions()
        self._update_title()
        self.save_label.setText("已保存" if report_id is not None else "未连接数据库：修改不会保存")
        self._update_deadline()
        if not doc.reviewed:
            # A no-op if it was needed (and made) before; none for a report replaced meanwhile.
            after_first_paint(self, lambda: doc.review_now() if self.document is doc else None)
        # A report just shown takes the keys: else Qt gives them to the first toolbar button and what the clerk
        # types at once after the start (or after opening a report) goes nowhere.
        self._keys_to_shown_section()
        self.documentShown.emit()
        if self.live is not None:
            self.live.start()  # after the page is shown: a read-only report says so in its banner at once

    def _ledger_derived(self, report_id) -> None:
        """Table 三 was derived from the ledger: show the report afresh, on the tab of table 三."""
        wait_for_edits(self, self.document)
        if self.open_report(report_id) and self.document is not None:
            rows = self.document.format.applications
            cell = self.document.format.cells.get(f"{rows.new}:total") if rows else None
            if cell is not None:
                self.tabs.setCurrentWidget(self.section_widgets[cell.section.id])
            self.statusBar().showMessage("已由台账生成表三", 10000)

    def _ledger_changed(self, report_id, message: str) -> None:
        """The ledger or the report's tie to it changed (table 三 followed it, or was detached): the report
        shown afresh, staying on the 台账 tab."""
        wait_for_edits(self, self.document)
        if self.open_report(report_id) and self.ledger_tab is not None:
            self.tabs.setCurrentWidget(self.ledger_tab)
            self.statusBar().showMessage(message, 10000)

    def _state_fees(self, sentence: str) -> None:
        """The ledger's fee sentence into the section that states fees, as one undoable edit, and shown there."""
        doc = self.document
        section = doc.format.fees_section if doc is not None else None
        if doc is None or section is None:
            return
        if doc.locked:
            self.statusBar().showMessage(doc.locked_reason(), 8000)
            return
        doc.set_text(section, with_fee_sentence(doc.text(section), sentence), merge=False)
        self.go_to_text(section, sentence)
        self.statusBar().showMessage(f"已把信息处理费的情况写入「{text_title(doc.format, section)}」（可撤销）", 8000)

    def _derived_cells(self, report: Report, report_id) -> frozenset[str]:
        """The cells the report takes from the ledger when it is 由台账生成 (read-only in the tables)."""
        try:
            if not self.repository.from_ledger(report_id):
                return frozenset()
            return derived_cells(report.format, records_appeals(self.repository.applications(report.agency)))
        except StorageError as e:
            self.show_storage_error(e)
            return frozenset()

    def _open_last_section(self, report: Report) -> None:
        widget = self.section_widgets.get(settings.last_section(report.agency, report.year))
        if widget is not None:
            self.tabs.setCurrentWidget(widget)

    def _section_shown(self, index: int) -> None:
        doc = self.document
        if doc is not None and 0 <= index < len(doc.format.sections):
            if self._shown_section is not None:
                doc.settle(self._shown_section)  # a table left: its balances are judged now
            self._shown_section = doc.format.sections[index].id
            settings.set_last_section(doc.report.agency, doc.report.year, self._shown_section)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """The keyboard left a table for elsewhere in the program (another tab, the text, a dialog): the table
        is settled, and what was held back while it was being typed is shown."""
        doc = self.document
        if doc is None or new is None:
            return
        self._note_prose_editor(new)
        if old is None:
            return
        for section in doc.format.table_sections:
            view = self.section_widgets.get(section.id)
            if view is not None and (old is view or view.isAncestorOf(old)) \
                    and not (new is view or view.isAncestorOf(new)):
                doc.settle(section.id)

    def _note_prose_editor(self, new: QWidget) -> None:
        preamble = self.section_widgets.get(PREAMBLE)
        if not isinstance(preamble, TextSection):
            return
        if new is preamble.editor:
            self.preamble_in_use = True
        elif isinstance(self.current_view(), TextSection) and new is self.current_view().editor:
            self.preamble_in_use = False

    def go_to_section(self, index: int) -> None:
        """Ctrl+1 … : show the index-th section and put the keyboard there."""
        if self.document is None or not 0 <= index < self.tabs.count():
            return
        self.tabs.setCurrentIndex(index)
        self._keys_to_shown_section()

    def _keys_to_shown_section(self) -> None:
        """Put the keyboard in the section on show (its text or table), where typing goes into the report."""
        widget = self.tabs.currentWidget()
        if widget is not None and widget is self._ledger_page:  # the 台账 made now: the keys go into its list
            widget = self.ledger_tab
        if widget is not None:
            (widget.editor if isinstance(widget, TextSection) else widget).setFocus()

    def _show_prose(self, widget: TextSection) -> None:
        """Undo or redo changed a text: show it where it changed, as a text editor would."""
        self._show_page(widget)
        widget.editor.setFocus()
        widget.editor.ensureCursorVisible()

    def _show_page(self, widget: QWidget) -> None:
        """Show the tab that holds `widget` (the preamble's box sits inside tab 一)."""
        page: QWidget | None = widget
        while page is not None and self.tabs.indexOf(page) < 0:
            page = page.parentWidget()
        if page is not None:
            self.tabs.setCurrentWidget(page)

    def _stack_changed(self, _index: int) -> None:
        self._update_actions()

    def _locked_changed(self, _locked: bool) -> None:
        self._update_actions()
        self._update_title()
        self._update_deadline()

    def _update_deadline(self) -> None:
        doc = self.document
        self.deadline_label.show_for(doc.report if doc else None, self.today(), bool(doc and doc.final))

    def _update_tab_labels(self) -> None:
        if self.document is None:
            return
        counts = self.document.problem_counts()
        for i, section in enumerate(self.document.format.sections):
            n = counts.get(section.id, 0)
            text = f"{section.title}（{n}）" if n else section.title
            if self.tabs.tabText(i) != text:  # a tab bar relayout costs a frame: only when the count changes
                self.tabs.setTabText(i, text)
                self.tabs.setTabToolTip(i, _tab_tip(i, section.title, n))

    def go_to_cell(self, cell_id: str) -> None:
        """Show a cell, or the text of a prose section when given its id (findings about prose name it)."""
        if self.document is None:
            return
        widget = self.section_widgets.get(cell_id)
        if isinstance(widget, TextSection):
            self._show_page(widget)
            widget.editor.setFocus()
            return
        if cell_id not in self.document.format.cells:
            return
        section = self.document.format.cells[cell_id].section
        view = self.section_widgets.get(section.id)
        if isinstance(view, TableView):
            self.tabs.setCurrentWidget(view)
            view.select_cell(cell_id)

    def go_to_text(self, section_id: str, quote: str) -> None:
        """Show a prose section with the sentence holding `quote` selected (or the section, if it is gone)."""
        widget = self.section_widgets.get(section_id)
        if not isinstance(widget, TextSection):
            return self.go_to_cell(section_id)
        self._show_page(widget)
        span = sentence_of(widget.editor.toPlainText(), quote)
        if span is not None:
            select_in(widget.editor, *span)
        widget.editor.setFocus()

    def go_to_passage(self, section_id: str, start: int, end: int) -> None:
        """Show a prose section (or the preamble) with characters [start, end) of its text selected."""
        widget = self.section_widgets.get(section_id)
        if not isinstance(widget, TextSection):
            return self.go_to_cell(section_id)
        self._show_page(widget)
        select_in(widget.editor, start, end)
        widget.editor.setFocus()

    def current_view(self) -> QWidget | None:
        return self.tabs.currentWidget() if self.document is not None else None

    def _saved(self, when: str) -> None:
        problem, self.save_problem = getattr(self, "save_problem", ""), ""
        if problem and self.statusBar().currentMessage() == problem:
            # The failure said beside 已保存 would contradict it: what waited is written now.
            self.statusBar().showMessage("之前未能保存的修改现已保存", 10000)
        self.save_label.setStyleSheet("")
        self.save_label.setText(f"已保存 {when[:5]}")  # hours and minutes, as a clerk reads a clock

    def _save_failed(self, message: str) -> None:
        self.save_problem = message
        self.save_label.setStyleSheet("color: #b00; font-weight: bold;")
        if self._lease_lost():
            return
        self.save_label.setText("未保存！修改暂存在内存中，正在重试")
        self.statusBar().showMessage(message, 15000)

    def _refused(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def _pasted(self, summary: str, problems: list) -> None:
        self.statusBar().showMessage(summary + ("：" + "；".join(problems) if problems else ""), 15000)
        if problems:
            box = QMessageBox(QMessageBox.Icon.Information, "粘贴", summary + "。", QMessageBox.StandardButton.Ok, self)
            box.setInformativeText("以下单元格未能粘贴：")
            box.setDetailedText("\n".join(problems))
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.setModal(False)
            box.show()
            self.paste_box = box

    def show_storage_error(self, e: Exception, doing: str = "") -> None:
        text = str(e)
        backup = getattr(e, "backup", None)
        if backup:
            text += f"\n\n最近的自动备份：{backup}"
        QMessageBox.critical(self, "数据库错误", f"{doing}{text}")

    def _show_no_report(self) -> None:
        empty = QLabel("尚未打开报告。\n请从「文件」菜单新建报告或打开已有的报告。")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._set_page(empty)

    def about(self) -> None:
        QMessageBox.about(self, "关于", f"<b>{APP_NAME}</b><br>版本 {VERSION}<br><br>"
                          "按《中华人民共和国政府信息公开条例》规定的年度报告格式（2019 年版、2021 年版）"
                          f"录入、自动合计、校验并导出{report_title.NAME}。<br>离线运行，不联网。")

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._release_document("关闭窗口"):
            event.ignore()
            return
        if self.document is not None:
            self.document.stop_writing()
        self.stop_live()
        self._save_layout()
        event.accept()
