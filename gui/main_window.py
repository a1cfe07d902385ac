"""The main window: one tab per section of the open report, the findings strip below, menus in Chinese.

The document owns the window: the tabs take all extra room, the findings stay a strip of a few lines until the
clerk enlarges them. Size, maximised state, the divider and the section last shown are remembered (settings).

Nothing here knows a row or a label of the report: tabs come from the format's sections, tables from its grid.
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

from export import kinds
from report.about import APP_NAME, VERSION
from report.model import PREAMBLE, Report
from report.status import Status

from . import exports, find_replace, icons, preamble_field, report_file, settings, window_size
from .collation import by_pinyin
from .date_field import DateField
from .document import Document
from .history_dialog import HistoryDialog
from .deadline_label import DeadlineLabel
from .findings_dock import FindingsDock
from .picker import NewReportDialog, ReportPicker
from .table_model import TableModel
from .table_view import TableView
from .text_section import TextSection

log = logging.getLogger(__name__)

def _tab_tip(index: int, title: str, problems: int) -> str:
    tip = f"本节有 {problems} 个问题，见下方检查结果" if problems else title
    return f"{tip}（Ctrl+{index + 1}）" if index < 9 else tip


def _keys(action: QAction) -> str:
    """The action's first shortcut as the clerk's keyboard names it, e.g. Ctrl+Z."""
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


class MainWindow(QMainWindow):
    def __init__(self, repository=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repository = repository
        self.document: Document | None = None
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
        self.ledger_tab = None  # the 台账 tab of the open report, when it is stored
        self.today = datetime.date.today  # what "today" is for the deadline; tests put a fixed day here
        self.deadline_label = DeadlineLabel()
        self.statusBar().addPermanentWidget(self.findings_button)
        self.statusBar().addPermanentWidget(self.deadline_label)
        for squeezable in (self.findings_button, self.deadline_label):  # their texts are in tooltips and the strip
            squeezable.setMinimumWidth(1)
        self.statusBar().addPermanentWidget(self.save_label)
        self._deadline_timer = QTimer(self)  # the day changes while the window stays open over midnight
        self._deadline_timer.setInterval(10 * 60 * 1000)
        self._deadline_timer.timeout.connect(self._update_deadline)
        self._deadline_timer.start()
        self._build_actions()
        self._update_title()
        self._shown_section: str | None = None  # the section whose tab is current, for settling tables left
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_moved)
        self._restore_layout()

    # ------------------------------------------------------------------ the window's layout

    def _restore_layout(self) -> None:
        """As the clerk left it; the first time, the size that fits this screen (maximised on a small one)."""
        geometry = settings.window_value(settings.WINDOW_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen() or QGuiApplication.primaryScreen()
            available = screen.availableGeometry()
            self.setGeometry(window_size.fitted(available))
            if window_size.cramped(available):
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        divider = settings.window_value(settings.WINDOW_SPLITTER)
        self._divider_set = divider is not None and self.body.restoreState(divider)
        self._divider_moved()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._divider_set:  # first start: the findings a strip, the rest the report's
            self._divider_set = True
            total = sum(self.body.sizes()) or self.body.height()
            compact = self._strip_height(total)
            self.body.setSizes([max(0, total - compact), compact])
            self._divider_moved()

    def _save_layout(self) -> None:
        values = {settings.WINDOW_GEOMETRY: self.saveGeometry(), settings.WINDOW_SPLITTER: self.body.saveState()}
        settings.set_window_values(values)

    def _set_page(self, page: QWidget) -> None:
        """Show `page` (the report's tabs, or the note that none is open) above the findings."""
        old, self.page = self.page, page
        self.body.replaceWidget(0, page)
        self.body.setStretchFactor(0, 1)  # the stretch is the widget's own: the new one must be told
        old.hide()
        old.deleteLater()

    def _strip_height(self, total: int) -> int:
        """The findings strip: a few lines, but never more than a quarter of a small window (200 % scaling on a
        1366×768 screen leaves 340 points of height)."""
        return max(self.findings.minimumSizeHint().height(), min(self.findings.compact_height(), total // 4))

    def _findings_enlarged(self) -> bool:
        sizes = self.body.sizes()  # empty until the splitter is first laid out
        return len(sizes) == 2 and sizes[1] > self._strip_height(sum(sizes)) * 3 // 2

    def toggle_findings(self) -> None:
        """放大 the findings to about half the window, or back to a strip of a few lines."""
        sizes = self.body.sizes()
        total = sum(sizes)
        compact = self._strip_height(total)
        wanted = compact if self._findings_enlarged() else max(compact, total * 45 // 100)
        self.body.setSizes([total - wanted, wanted])
        self._divider_moved()

    def _divider_moved(self, *_args) -> None:
        self.findings.set_enlarged(self._findings_enlarged())

    # ------------------------------------------------------------------ menus

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcut=None, tip: str = "") -> QAction:
            a = QAction(text, self)
            a.triggered.connect(slot)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            if tip:
                a.setStatusTip(tip)
            return a

        self.new_action = action("新建报告…", self.new_report, QKeySequence.StandardKey.New)
        self.open_action = action("打开报告…", self.pick_report, QKeySequence.StandardKey.Open, "打开数据库中的其他报告")
        self.open_file_action = action("打开文件…", self.open_file, "Ctrl+Shift+O",
                                       "打开另存为的年报文件（.json），例如从 U 盘或邮件收到的报告")
        self.open_db_action = action("打开数据库…", self.open_database, tip="换用另一个数据库文件")
        self.save_action = action("保存", self.save, QKeySequence.StandardKey.Save,
                                  "每处修改在输入时即已保存到数据库；按 Ctrl+S 确认全部写入")
        self.save_as_action = action("另存为…", self.save_as, QKeySequence.StandardKey.SaveAs,
                                     "把报告另存为一个年报文件，可用 U 盘或邮件带到别的电脑，用「文件 → 打开文件…」打开")
        self.export_pdf_action = action("导出 PDF", lambda: self.export(kinds.PDF),
                                        tip="导出为 PDF 文件，用于公布或打印")
        self.print_action = action("打印…", self.print_report, QKeySequence.StandardKey.Print,
                                   "打印报告，与导出的 PDF 文件逐页相同")
        self.print_action.setIconText("打印")
        self.preview_action = action("打印预览…", self.print_preview, tip="查看报告打印出来的每一页")
        self.import_published_action = action("导入已发布的年报…", self.import_published,
                                              tip="从网页、Word、PDF 或文本文件读入已发布的年度报告")
        self.import_clipboard_action = action("从剪贴板导入已发布的年报", self.import_from_clipboard,
                                              tip="先在网页上选中年报全文并复制，再选这一项")
        self.aggregate_action = action("汇总多份报告…", self.aggregate_reports,
                                       tip="把同一年度多个机关的报告逐项相加，生成汇总报告")
        self.review_action = action("批量审核…", self.review_reports,
                                    tip="按审核清单一次审核多份报告（文件、文件夹或数据库中某一年度的报告），结果保存为工作簿或网页")
        self.quit_action = action("退出", self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = action("撤销", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = action("重做", self.redo, QKeySequence.StandardKey.Redo)
        # Ctrl+Y as in WPS and Word, Ctrl+Shift+Z as in most Linux programs, whatever the platform's standard.
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        # The toolbar shows these fixed short texts (icon text): what would be undone is in the menu, the
        # tooltip and the status bar, so that no button moves after an edit.
        self.undo_action.setIcon(icons.undo_icon())
        self.redo_action.setIcon(icons.redo_icon())
        self.undo_action.setIconText("撤销")
        self.redo_action.setIconText("重做")
        self.copy_action = action("复制", self.copy, QKeySequence.StandardKey.Copy)
        self.paste_action = action("粘贴", self.paste, QKeySequence.StandardKey.Paste)
        self.final_action = action("定稿", self.toggle_final, tip="定稿后报告不能修改，直到取消定稿")
        self.final_action.setCheckable(True)
        self.final_action.setIconText("定稿")  # pressed while 定稿; the menu says 取消定稿
        self.history_action = action("修改记录…", self.show_history,
                                     tip="查看本报告保存过的每一处修改，可恢复到以前的状态")
        for a in (self.undo_action, self.redo_action, self.copy_action, self.paste_action):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(a)
        # Ctrl+1 … Ctrl+9 go to the first … ninth section, as browsers switch tabs.
        self.section_actions = []
        for n in range(1, 10):
            a = QAction(self)
            a.setShortcut(QKeySequence(f"Ctrl+{n}"))
            a.triggered.connect(lambda _=False, i=n - 1: self.go_to_section(i))
            self.addAction(a)
            self.section_actions.append(a)

        # Kept on the window: PySide6 6.8 lets a menu reached through a temporary QAction wrapper die with it.
        self.file_menu = file_menu = self.menuBar().addMenu("文件(&F)")
        file_menu.addActions([self.new_action, self.open_action, self.open_file_action, self.open_db_action])
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addSeparator()
        file_menu.addActions([self.preview_action, self.print_action])
        self.export_menu = file_menu.addMenu("导出")
        # Filled when opened, enabled only with a report open; the writers are imported only when used.
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.import_published_action, self.import_clipboard_action])
        file_menu.addAction(self.aggregate_action)
        file_menu.addSeparator()
        file_menu.addAction(self.final_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.copy_action, self.paste_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.history_action)
        edit_menu.addSeparator()
        self.find_dialog = find_replace.install(self, edit_menu)
        self.tools_menu = self.menuBar().addMenu("工具(&T)")
        self.tools_menu.addAction(self.review_action)
        settings_menu = self.menuBar().addMenu("设置(&S)")
        self.fonts_action = action("导出字体…", self.choose_fonts, tip="选择导出 PDF 时使用的字体")
        settings_menu.addAction(self.fonts_action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        help_menu.addAction(action("关于", self.about))

        bar = QToolBar("工具栏")
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)  # actions without an icon: text
        bar.addActions([self.undo_action, self.redo_action])
        bar.addSeparator()
        bar.addActions([self.save_action, self.print_action, self.export_pdf_action])
        bar.addSeparator()
        bar.addAction(self.final_action)
        bar.addSeparator()
        self.date_field = DateField(today=lambda: self.today())
        bar.addWidget(self.date_field)
        # Last, so that a narrow window (200 % scaling) folds these into the toolbar's »» before the others;
        # both are in the 文件 menu too (Ctrl+O, Ctrl+N).
        bar.addSeparator()
        bar.addActions([self.open_action, self.new_action])
        self.addToolBar(bar)
        self._update_actions()

    def _fill_export_menu(self) -> None:
        self.export_menu.clear()
        for kind in kinds.KINDS:
            if kind is kinds.EXCHANGE:  # 文件 → 另存为… writes it, under a name a clerk knows
                continue
            a = self.export_menu.addAction(kind.label)
            a.triggered.connect(lambda _=False, k=kind: self.export(k))
            a.setEnabled(self.document is not None)

    def _update_actions(self) -> None:
        doc = self.document
        has_repo = self.repository is not None
        self.new_action.setEnabled(has_repo)
        self.open_action.setEnabled(has_repo)
        self.open_file_action.setEnabled(has_repo)
        for a in (self.save_action, self.save_as_action, self.export_pdf_action, self.print_action,
                  self.preview_action):
            a.setEnabled(doc is not None)
        for a in (self.import_published_action, self.import_clipboard_action, self.aggregate_action):
            a.setEnabled(has_repo)
        stack = doc.undo_stack if doc else None
        self.undo_action.setEnabled(bool(stack and stack.canUndo()) and not (doc and doc.locked))
        self.redo_action.setEnabled(bool(stack and stack.canRedo()) and not (doc and doc.locked))
        for a, name, can, text in ((self.undo_action, "撤销", stack and stack.canUndo(), stack.undoText() if stack else ""),
                                   (self.redo_action, "重做", stack and stack.canRedo(), stack.redoText() if stack else "")):
            described = f"{name}：{text}" if can and text else name
            a.setText(f"{name} {text}" if can and text else name)  # the menu entry; the toolbar keeps its icon text
            a.setToolTip(f"{described}（{_keys(a)}）")
            a.setStatusTip(described)
        self.final_action.setEnabled(doc is not None and doc.report_id is not None)
        self.history_action.setEnabled(doc is not None and doc.report_id is not None)
        self.final_action.blockSignals(True)
        self.final_action.setChecked(bool(doc and doc.locked))
        self.final_action.blockSignals(False)
        self.final_action.setText("取消定稿" if doc and doc.locked else "定稿")

    def _update_title(self) -> None:
        doc = self.document
        if doc is None:
            self.setWindowTitle(APP_NAME)
            return
        r = doc.report
        state = " [已定稿]" if doc.locked else ("" if doc.report_id is not None else " [未保存到数据库]")
        self.setWindowTitle(f"{r.agency} — {r.year} 年度报告（{r.format.name}）{state} — {APP_NAME}")

    # ------------------------------------------------------------------ opening a report

    def open_report(self, report_id) -> bool:
        from storage.errors import StorageError

        assert self.repository is not None
        try:
            report = self.repository.load(report_id)
            previous = self.repository.previous_year_report(report_id)
            info = self.repository.info(report_id)
        except StorageError as e:
            self.show_storage_error(e)
            return False
        locked = info.status == Status.FINAL
        self.show_report(report, report_id=report_id, previous=previous, locked=locked)
        return True

    def show_report(self, report: Report, report_id=None, previous: Report | None = None, locked: bool = False) -> None:
        if self.document is not None:
            self.document.flush()
        doc = Document(report, self.repository if report_id is not None else None, report_id, previous, locked, self)
        self.document = doc
        doc.undo_stack.indexChanged.connect(self._stack_changed)
        doc.findingsChanged.connect(self._update_tab_labels)
        doc.saved.connect(self._saved)
        doc.saveFailed.connect(self._save_failed)
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
        self.ledger_tab = None
        if report_id is not None and self.repository is not None:
            self._add_ledger_tab(report)
        self._open_last_section(report)
        self._shown_section = report.format.sections[self.tabs.currentIndex()].id
        self.tabs.currentChanged.connect(self._section_shown)
        self._set_page(self.tabs)
        self.findings.set_document(doc)
        self.date_field.set_document(doc)
        self._update_tab_labels()
        self._update_actions()
        self._update_title()
        self.save_label.setText("已保存" if report_id is not None else "未连接数据库：修改不会保存")
        self._update_deadline()

    def _add_ledger_tab(self, report: Report) -> None:
        """The agency's ledger of applications, after the sections: not a section of the report, but where its
        table 三 comes from."""
        from .ledger_tab import TITLE, LedgerTab

        self.ledger_tab = LedgerTab(self.repository, report.agency, report.year, lambda: self.today(), self)
        self.ledger_tab.reportChanged.connect(self._ledger_derived)
        self.tabs.addTab(self.ledger_tab, TITLE)
        self.tabs.setTabToolTip(self.tabs.count() - 1, "依申请公开台账：每件申请的办理情况和答复期限；表三可由台账生成")

    def _ledger_derived(self, report_id) -> None:
        """Table 三 was derived from the ledger: show the report afresh, on the tab of table 三."""
        doc = self.document
        if doc is not None:
            doc.flush()
        if self.open_report(report_id) and self.document is not None:
            rows = self.document.format.applications
            cell = self.document.format.cells.get(f"{rows.new}:total") if rows else None
            if cell is not None:
                self.tabs.setCurrentWidget(self.section_widgets[cell.section.id])
            self.statusBar().showMessage("已由台账生成表三", 10000)

    def _open_last_section(self, report: Report) -> None:
        from .settings import last_section

        widget = self.section_widgets.get(last_section(report.agency, report.year))
        if widget is not None:
            self.tabs.setCurrentWidget(widget)

    def _section_shown(self, index: int) -> None:
        from .settings import set_last_section

        doc = self.document
        if doc is not None and 0 <= index < len(doc.format.sections):
            if self._shown_section is not None:
                doc.settle(self._shown_section)  # a table left: its balances are judged now
            self._shown_section = doc.format.sections[index].id
            set_last_section(doc.report.agency, doc.report.year, self._shown_section)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """The keyboard left a table for elsewhere in the program (another tab, the text, a dialog): the table
        is settled, and what was held back while it was being typed is shown."""
        doc = self.document
        if doc is None or old is None or new is None:
            return
        for section in doc.format.table_sections:
            view = self.section_widgets.get(section.id)
            if view is not None and (old is view or view.isAncestorOf(old)) \
                    and not (new is view or view.isAncestorOf(new)):
                doc.settle(section.id)

    def go_to_section(self, index: int) -> None:
        """Ctrl+1 … : show the index-th section and put the keyboard there."""
        if self.document is None or not 0 <= index < self.tabs.count():
            return
        self.tabs.setCurrentIndex(index)
        widget = self.tabs.currentWidget()
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
        self.deadline_label.show_for(doc.report if doc else None, self.today(), bool(doc and doc.locked))

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
        from report.prose_numbers import sentence_of

        from .find_replace import select_in

        widget = self.section_widgets.get(section_id)
        if not isinstance(widget, TextSection):
            return self.go_to_cell(section_id)
        self._show_page(widget)
        span = sentence_of(widget.editor.toPlainText(), quote)
        if span is not None:
            select_in(widget.editor, *span)
        widget.editor.setFocus()

    def current_view(self) -> QWidget | None:
        return self.tabs.currentWidget() if self.document is not None else None

    # ------------------------------------------------------------------ status messages

    def _saved(self, when: str) -> None:
        self.save_label.setStyleSheet("")
        self.save_label.setText(f"已保存 {when[:5]}")  # hours and minutes, as a clerk reads a clock

    def _save_failed(self, message: str) -> None:
        self.save_problem = message
        self.save_label.setStyleSheet("color: #b00; font-weight: bold;")
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

    # ------------------------------------------------------------------ edit menu

    def undo(self) -> None:
        if self.document is not None and not self.document.locked:
            stack = self.document.undo_stack
            text = stack.undoText() if stack.canUndo() else ""
            stack.undo()
            if text:  # said where the clerk looks, so that an undo by mistake is noticed
                self.statusBar().showMessage(f"已撤销：{text}（按 {_keys(self.redo_action)} 重做）", 8000)

    def redo(self) -> None:
        if self.document is not None and not self.document.locked:
            stack = self.document.undo_stack
            text = stack.redoText() if stack.canRedo() else ""
            stack.redo()
            if text:
                self.statusBar().showMessage(f"已重做：{text}", 8000)

    def show_history(self) -> None:
        from storage.errors import StorageError

        doc = self.document
        if doc is None or doc.report_id is None or self.repository is None:
            return
        doc.flush()  # the history then ends with the latest edit
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
        focus = QApplication.focusWidget()
        if isinstance(focus, QTextEdit):
            focus.copy()
        elif isinstance(self.current_view(), TableView):
            self.current_view().copy_selection()  # type: ignore[union-attr]

    def paste(self) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QTextEdit):
            focus.paste()
        elif isinstance(self.current_view(), TableView):
            self.current_view().paste_text(QApplication.clipboard().text())  # type: ignore[union-attr]

    # ------------------------------------------------------------------ file menu

    def pick_report(self) -> None:
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
        self.document = None
        self.section_widgets = {}
        self._show_no_report()
        self.findings.set_document(None)
        self.date_field.set_document(None)
        self._update_actions()
        self._update_title()
        self._update_deadline()

    def _show_no_report(self) -> None:
        empty = QLabel("尚未打开报告。\n请从「文件」菜单新建报告或打开已有的报告。")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._set_page(empty)

    def new_report(self) -> None:
        if self.repository is None:
            return
        agency = self.document.report.agency if self.document else ""
        dialog = NewReportDialog(self.repository, self, agency=agency)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created_id is not None and self._release_document():
            self.open_report(dialog.created_id)

    def open_database(self) -> None:
        from storage.errors import StorageError
        from storage.repository import Repository

        start = str(self.repository.path.parent) if self.repository is not None else ""
        path, _ = QFileDialog.getOpenFileName(self, "打开数据库", start, "年报数据库 (*.sqlite *.db);;所有文件 (*)")
        if not path or not self._release_document():
            return
        try:
            repository = Repository.open(Path(path))
        except StorageError as e:
            self.show_storage_error(e)
            return
        self.close_report()
        if self.repository is not None:
            self.repository.close()
        self.repository = repository
        from .app import show_warnings

        show_warnings(self, repository)
        self._update_actions()
        self.open_latest() or self.pick_report()

    def open_latest(self) -> bool:
        """Open the most recently changed report in the database; False if there is none."""
        if self.repository is None:
            return False
        latest = self.repository.latest_report()
        return latest is not None and self.open_report(latest)

    def open_file(self) -> None:
        """文件 → 打开文件…: a report file (gui/report_file.py) into the database, asking before it replaces the
        report of the same agency and year; then shown."""
        from .storing import store_report

        if self.repository is None:
            return
        path = report_file.choose(self)
        if path is None:
            return
        report = report_file.read(self, path)
        if report is None or not self._release_document():
            return
        notes: list[str] = []
        report_id = store_report(self, self.repository, report, title=report_file.OPEN_TITLE, source=path.name,
                                 notes=notes)
        if report_id is None or not self.open_report(report_id):
            return
        self.statusBar().showMessage(f"已打开 {path}：「{report.agency}」{report.year} 年度报告已存入数据库", 10000)
        if notes:
            QMessageBox.information(self, report_file.OPEN_TITLE, "已打开。请注意：\n" + "\n".join(notes))

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
        if doc.flush():
            when = datetime.datetime.now().strftime("%H:%M")
            self.statusBar().showMessage(f"已保存 {when}：全部修改都已写入数据库", 8000)
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, "保存",
                          f"有修改未能保存到数据库：{getattr(self, 'save_problem', '')}", parent=self)
        box.setInformativeText("这些修改暂存在内存中，程序每隔几秒会自动重试。\n"
                               "为防万一，可以把报告另存为年报文件。")
        save_as = box.addButton("另存为…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is save_as:
            return self.save_as()
        return False

    def save_as(self) -> bool:
        """文件 → 另存为…: the report as a file to carry to another PC (gui/report_file.py)."""
        doc = self.document
        if doc is None:
            return False
        self._commit_typing()
        path = report_file.save_as(self, doc.report)
        if path is None:
            return False
        self.statusBar().showMessage(f"已另存为 {path}（在其他电脑上用「文件 → 打开文件…」打开）", 15000)
        return True

    def export(self, kind: kinds.Kind) -> bool:
        """导出: the questions, the file dialog and the write are in gui/exports.py."""
        doc = self.document
        if doc is None:
            return False
        self._commit_typing()
        return exports.export(self, doc.report, exports.errors_of(doc.all_findings), kind) is not None

    def print_preview(self) -> bool:
        """打印预览: the pages of the PDF export (gui/printing.py)."""
        from . import printing
        from export.layout import file_name

        doc = self.document
        if doc is None:
            return False
        self._commit_typing()
        return printing.preview(self, doc.report, file_name(doc.report))

    def print_report(self) -> bool:
        """打印 (Ctrl+P): the print dialog, then exactly the pages of the PDF export."""
        from . import printing
        from export.layout import file_name

        doc = self.document
        if doc is None:
            return False
        self._commit_typing()
        printed = printing.print_report(self, doc.report, file_name(doc.report), exports.errors_of(doc.all_findings))
        if printed:
            self.statusBar().showMessage("已送往打印机", 8000)
        return printed

    def choose_fonts(self) -> None:
        from .font_dialog import FontDialog

        FontDialog(self).exec()

    def import_published(self) -> None:
        from .import_published import TITLE, file_filter, read_file

        if self.repository is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, TITLE, "", file_filter())
        if path:
            self._import_outcome(read_file(path))

    def import_from_clipboard(self) -> None:
        from .import_published import read_clipboard

        if self.repository is not None:
            self._import_outcome(read_clipboard())

    def _import_outcome(self, outcome) -> None:
        """Show what the importer found, store the report if the clerk agrees, open it, and offer next year's."""
        from .import_published import TITLE, ImportResultDialog
        from .storing import store_report

        if outcome.result is None:
            QMessageBox.warning(self, TITLE, f"无法导入{outcome.source}：{outcome.unusable}\n\n数据库未作任何修改。")
            return
        dialog = ImportResultDialog(outcome, by_pinyin(a.name for a in self.repository.agencies()), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or (report := dialog.chosen_report()) is None:
            return
        if not self._release_document():
            return
        notes: list[str] = []
        report_id = store_report(self, self.repository, report, title=TITLE, source=outcome.source, notes=notes)
        if report_id is None or not self.open_report(report_id):
            return
        self.statusBar().showMessage(f"已导入「{report.agency}」{report.year} 年度报告（来自{outcome.source}）", 10000)
        if notes:
            QMessageBox.information(self, TITLE, "已导入。合计按各项之和重新计算：\n" + "\n".join(notes))
        self._offer_next_year(report.agency, report.year)

    def _offer_next_year(self, agency: str, year: int) -> None:
        """After importing last year's report, the usual next step: this year's, started from it."""
        from report.formats import LAST_YEAR

        from .picker import due_year
        from storage.errors import StorageError

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
        from .storing import store_report

        if self.repository is None:
            return
        dialog = AggregateDialog(self.repository, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result is None:
            return
        if not self._release_document():
            return
        result = dialog.result
        report_id = store_report(self, self.repository, result.report, title=TITLE, source="汇总")
        if report_id is not None and self.open_report(report_id):
            self.statusBar().showMessage(
                f"已汇总 {len(result.included)} 个机关的 {result.report.year} 年度报告，"
                f"保存为「{result.report.agency}」的报告", 10000)

    def review_reports(self) -> None:
        from .review_dialog import ReviewDialog

        ReviewDialog(self.repository, self).exec()

    def toggle_final(self, checked: bool) -> None:
        from storage.errors import StorageError

        doc = self.document
        if doc is None or self.repository is None or doc.report_id is None:
            return
        if checked and doc.error_count():
            answer = QMessageBox.question(self, "定稿", f"报告还有 {doc.error_count()} 个错误，仍要定稿吗？")
            if answer != QMessageBox.StandardButton.Yes:
                self._update_actions()
                return
        if not doc.flush():
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

    def about(self) -> None:
        QMessageBox.about(self, "关于", f"<b>{APP_NAME}</b><br>版本 {VERSION}<br><br>"
                          "按《中华人民共和国政府信息公开条例》规定的年度报告格式（2019 年版、2021 年版）"
                          "录入、自动合计、校验并导出政府信息公开工作年度报告。<br>离线运行，不联网。")

    # ------------------------------------------------------------------ closing

    def _release_document(self) -> bool:
        """Save what is open before it goes away; True if nothing typed would be lost."""
        doc = self.document
        if doc is None or doc.flush():
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, "有修改未能保存",
                          "有修改未能保存到数据库（见状态栏中的原因）。\n可以把当前报告另存为年报文件，以免丢失。", parent=self)
        save = box.addButton("另存为…", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("放弃这些修改", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is save:
            return self.save_as()
        if box.clickedButton() is discard:
            doc.abandon()
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._release_document():
            event.ignore()
            return
        self._save_layout()
        event.accept()
