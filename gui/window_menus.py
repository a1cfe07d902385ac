"""The main window's actions, menus and tool bar, and keeping them enabled, checked and named as the open
report allows.

Every entry calls a method of the window (gui/main_window.py and the command modules it is made of); nothing here
knows a row or a label of the report.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from export import kinds
from report.about import APP_NAME

from . import icons
from . import menu_texts as T
from .date_field import DateField


def keys_of(action: QAction) -> str:
    """The action's first shortcut as the clerk's keyboard names it, e.g. Ctrl+Z."""
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


class WindowMenus:
    """Part of MainWindow (gui/main_window.py)."""

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcut=None, tip: str = "") -> QAction:
            a = QAction(text, self)
            a.setIconText(T.plain(text))  # the toolbar's button and its tooltip: the words, not (&S) or …
            a.setToolTip(T.plain(text))
            a.triggered.connect(slot)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            if tip:
                a.setStatusTip(tip)
            return a

        self.new_action = action(T.NEW, self.new_report, QKeySequence.StandardKey.New)
        self.open_action = action(T.OPEN, self.pick_report, QKeySequence.StandardKey.Open, "打开数据库中的其他报告")
        self.open_file_action = action(T.OPEN_FILE, self.open_file, "Ctrl+Shift+O",
                                       "打开另存为的年报文件（.json），例如从 U 盘或邮件收到的报告")
        self.open_db_action = action(T.OPEN_DATABASE, self.open_database, tip="换用另一个数据库文件")
        self.connect_action = action(T.CONNECT, self.connect_shared,
                                     tip="连接办公室服务器上的共享数据库（PostgreSQL），与同事共用报告")
        self.save_action = action(T.SAVE, self.save, QKeySequence.StandardKey.Save,
                                  "每处修改在输入时即已保存到数据库；按 Ctrl+S 确认全部写入")
        self.save_as_action = action(T.SAVE_AS, self.save_as, QKeySequence.StandardKey.SaveAs,
                                     "把报告另存为一个年报文件，可用 U 盘或邮件带到别的电脑，用「文件 → 打开文件…」打开")
        self.export_pdf_action = action(T.PDF_BUTTON, lambda: self.export(kinds.PDF),
                                        tip="导出为 PDF 文件，用于公布或打印")
        self.print_action = action(T.PRINT, self.print_report, QKeySequence.StandardKey.Print,
                                   "打印报告，与导出的 PDF 文件逐页相同")
        self.preview_action = action(T.PREVIEW, self.print_preview, tip="查看报告打印出来的每一页")
        self.import_published_action = action(T.IMPORT_PUBLISHED, self.import_published,
                                              tip="从网页、Word、PDF 或文本文件读入已发布的年度报告")
        self.import_clipboard_action = action(T.IMPORT_CLIPBOARD, self.import_from_clipboard,
                                              tip="先在网页上选中年报全文并复制，再选这一项")
        self.check_published_action = action(T.CHECK_PUBLISHED, self.check_published,
                                             tip="把网站上发布的年报（文件或复制的文字）与打开的报告逐格、逐段核对，列出每一处不同")
        self.aggregate_action = action(T.AGGREGATE, self.aggregate_reports,
                                       tip="把同一年度多个机关的报告逐项相加，生成汇总报告")
        self.review_action = action(T.REVIEW, self.review_reports,
                                    tip="按审核清单一次审核多份报告（文件、文件夹或数据库中某一年度的报告），结果保存为工作簿或网页")
        self.signoff_action = action(T.SIGNOFF, self.make_signoff,
                                     tip="按审核清单检查打开的报告，生成一页供经办人、审核人、分管负责人签字的审查单（PDF）")
        self.chart_action = action(T.CHART, self.make_chart,
                                   tip="把打开的报告的主要数据（及往年情况）画成一图读懂（PNG、PDF 或 SVG）")
        self.quit_action = action(T.QUIT, self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = action(T.UNDO, self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = action(T.REDO, self.redo, QKeySequence.StandardKey.Redo)
        # Ctrl+Y as in WPS and Word, Ctrl+Shift+Z as in most Linux programs, whatever the platform's standard.
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        # The toolbar shows these fixed short texts (icon text): what would be undone is in the menu, the
        # tooltip and the status bar, so that no button moves after an edit.
        self.undo_action.setIcon(icons.undo_icon())
        self.redo_action.setIcon(icons.redo_icon())
        self.copy_action = action(T.COPY, self.copy, QKeySequence.StandardKey.Copy)
        self.paste_action = action(T.PASTE, self.paste, QKeySequence.StandardKey.Paste)
        self.final_action = action(T.FINAL, self.toggle_final, tip="定稿后报告不能修改，直到取消定稿")
        self.final_action.setCheckable(True)
        # The toolbar button keeps its icon text 定稿, pressed while 定稿; the menu says 取消定稿.
        self.history_action = action(T.HISTORY, self.show_history,
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
        self.file_menu = file_menu = self.menuBar().addMenu(T.FILE)
        file_menu.addActions([self.new_action, self.open_action, self.open_file_action, self.open_db_action,
                                 self.connect_action])
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addSeparator()
        file_menu.addActions([self.preview_action, self.print_action])
        self.export_menu = file_menu.addMenu(T.EXPORT)
        # Filled when opened, enabled only with a report open; the writers are imported only when used.
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.import_published_action, self.import_clipboard_action, self.check_published_action])
        file_menu.addAction(self.aggregate_action)
        file_menu.addSeparator()
        file_menu.addAction(self.final_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(T.EDIT)
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.copy_action, self.paste_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.history_action)
        edit_menu.addSeparator()
        self._find_dialog = None
        self.find_actions = []  # 查找/替换 and their keys now; their dialog when first used (find_dialog)
        for text, key, slot in (
                (T.FIND, QKeySequence.StandardKey.Find, lambda: self.find_dialog.open_for(replacing=False)),
                (T.REPLACE, QKeySequence("Ctrl+H"), lambda: self.find_dialog.open_for(replacing=True)),
                (T.FIND_NEXT, QKeySequence.StandardKey.FindNext, lambda: self.find_dialog.find(forward=True)),
                (T.FIND_PREVIOUS, QKeySequence.StandardKey.FindPrevious, lambda: self.find_dialog.find(forward=False))):
            a = edit_menu.addAction(text)
            a.setShortcut(QKeySequence(key))
            a.triggered.connect(slot)
            self.find_actions.append(a)
        self.tools_menu = self.menuBar().addMenu(T.TOOLS)
        self.tools_menu.addAction(self.review_action)
        self.tools_menu.addSeparator()
        self.tools_menu.addActions([self.signoff_action, self.chart_action])
        settings_menu = self.menuBar().addMenu(T.SETTINGS)
        self.fonts_action = action(T.FONTS, self.choose_fonts, tip="选择导出 PDF 时使用的字体")
        settings_menu.addAction(self.fonts_action)
        help_menu = self.menuBar().addMenu(T.HELP)
        help_menu.addAction(action(T.ABOUT, self.about))
        for menu in (file_menu, edit_menu, self.tools_menu, settings_menu, help_menu):
            menu.aboutToHide.connect(lambda: QTimer.singleShot(0, self._keys_back))  # gui/window_layout.py

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

    @property
    def find_dialog(self):
        """The 查找/替换 dialog, made once at its first use: loading and building it (gui/find_replace.py) took
        ~35 ms of every start."""
        if self._find_dialog is None:
            from .find_replace import FindReplaceDialog

            self._find_dialog = FindReplaceDialog(self)
        return self._find_dialog

    def _fill_export_menu(self) -> None:
        self.export_menu.clear()
        # 文件 → 另存为… writes the exchange file, under a name a clerk knows
        shown = [kind for kind in kinds.KINDS if kind is not kinds.EXCHANGE]
        # Letters from the suffixes (PDF → P, .docx → D …): the kinds are the exporters', not written here.
        texts = T.lettered([kind.label for kind in shown], [kind.suffix.lstrip(".") for kind in shown])
        for kind, text in zip(shown, texts, strict=True):
            a = self.export_menu.addAction(text)
            a.triggered.connect(lambda _=False, k=kind: self.export(k))
            a.setEnabled(self.document is not None)

    def _update_actions(self) -> None:
        doc = self.document
        has_repo = self.repository is not None
        self.new_action.setEnabled(has_repo and self.repository.rights().create)  # not a reviewer's
        self.open_action.setEnabled(has_repo)
        self.open_file_action.setEnabled(has_repo)
        for a in (self.save_action, self.save_as_action, self.export_pdf_action, self.print_action,
                  self.preview_action, self.signoff_action, self.chart_action, self.check_published_action):
            a.setEnabled(doc is not None)
        for a in (self.import_published_action, self.import_clipboard_action, self.aggregate_action):
            a.setEnabled(has_repo)
        stack = doc.undo_stack if doc else None
        self.undo_action.setEnabled(bool(stack and stack.canUndo()) and not (doc and doc.locked))
        self.redo_action.setEnabled(bool(stack and stack.canRedo()) and not (doc and doc.locked))
        for a, entry, can, text in ((self.undo_action, T.UNDO, stack and stack.canUndo(), stack.undoText() if stack else ""),
                                    (self.redo_action, T.REDO, stack and stack.canRedo(), stack.redoText() if stack else "")):
            name = T.plain(entry)
            described = f"{name}：{text}" if can and text else name
            a.setText(f"{entry} {text}" if can and text else entry)  # the menu entry; the toolbar keeps its icon text
            a.setToolTip(f"{described}（{keys_of(a)}）")
            a.setStatusTip(described)
        self.final_action.setEnabled(doc is not None and doc.report_id is not None and doc.watching is None)
        self.history_action.setEnabled(doc is not None and doc.report_id is not None)
        self.final_action.blockSignals(True)
        self.final_action.setChecked(bool(doc and doc.final))
        self.final_action.blockSignals(False)
        self.final_action.setText(T.NOT_FINAL if doc and doc.final else T.FINAL)
        self.final_action.setToolTip(T.plain(self.final_action.text()))

    def _update_title(self) -> None:
        from .shared_database import where

        doc = self.document
        # A shared database is named (postgresql://login@host/db, never the password): which office's
        # server, as whom. A file needs no naming: there is one per PC.
        database = where(self.repository)
        tail = f"{database} — {APP_NAME}" if database else APP_NAME
        if doc is None:
            self.setWindowTitle(tail)
            return
        r = doc.report
        state = " [已定稿]" if doc.final else " [只读]" if doc.watching else (
            "" if doc.report_id is not None else " [未保存到数据库]")
        self.setWindowTitle(f"{r.agency} — {r.year} 年度报告（{r.format.name}）{state} — {tail}")
