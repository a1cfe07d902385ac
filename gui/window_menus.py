"""The main window's actions, menus and tool bar, and keeping them enabled, checked and named as the open
report allows.

Every entry calls a method of the window (gui/main_window.py and the command modules it is made of); nothing here
knows a row or a label of the report.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from export import kinds
from report.about import APP_NAME

from . import icons
from .date_field import DateField


def keys_of(action: QAction) -> str:
    """The action's first shortcut as the clerk's keyboard names it, e.g. Ctrl+Z."""
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


class WindowMenus:
    """Part of MainWindow (gui/main_window.py)."""

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
        self.connect_action = action("连接共享数据库…", self.connect_shared,
                                     tip="连接办公室服务器上的共享数据库（PostgreSQL），与同事共用报告")
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
        self.check_published_action = action("核对已发布的版本…", self.check_published,
                                             tip="把网站上发布的年报（文件或复制的文字）与打开的报告逐格、逐段核对，列出每一处不同")
        self.aggregate_action = action("汇总多份报告…", self.aggregate_reports,
                                       tip="把同一年度多个机关的报告逐项相加，生成汇总报告")
        self.review_action = action("批量审核…", self.review_reports,
                                    tip="按审核清单一次审核多份报告（文件、文件夹或数据库中某一年度的报告），结果保存为工作簿或网页")
        self.signoff_action = action("审查单…", self.make_signoff,
                                     tip="按审核清单检查打开的报告，生成一页供经办人、审核人、分管负责人签字的审查单（PDF）")
        self.chart_action = action("图解…", self.make_chart,
                                   tip="把打开的报告的主要数据（及往年情况）画成一图读懂（PNG、PDF 或 SVG）")
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
        file_menu.addActions([self.new_action, self.open_action, self.open_file_action, self.open_db_action,
                                 self.connect_action])
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addSeparator()
        file_menu.addActions([self.preview_action, self.print_action])
        self.export_menu = file_menu.addMenu("导出")
        # Filled when opened, enabled only with a report open; the writers are imported only when used.
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.import_published_action, self.import_clipboard_action, self.check_published_action])
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
        self._find_dialog = None
        self.find_actions = []  # 查找/替换 and their keys now; their dialog when first used (find_dialog)
        for text, key, slot in (
                ("查找(&F)…", QKeySequence.StandardKey.Find, lambda: self.find_dialog.open_for(replacing=False)),
                ("替换(&R)…", QKeySequence("Ctrl+H"), lambda: self.find_dialog.open_for(replacing=True)),
                ("查找下一个", QKeySequence.StandardKey.FindNext, lambda: self.find_dialog.find(forward=True)),
                ("查找上一个", QKeySequence.StandardKey.FindPrevious, lambda: self.find_dialog.find(forward=False))):
            a = edit_menu.addAction(text)
            a.setShortcut(QKeySequence(key))
            a.triggered.connect(slot)
            self.find_actions.append(a)
        self.tools_menu = self.menuBar().addMenu("工具(&T)")
        self.tools_menu.addAction(self.review_action)
        self.tools_menu.addSeparator()
        self.tools_menu.addActions([self.signoff_action, self.chart_action])
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
        for kind in kinds.KINDS:
            if kind is kinds.EXCHANGE:  # 文件 → 另存为… writes it, under a name a clerk knows
                continue
            a = self.export_menu.addAction(kind.label)
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
        for a, name, can, text in ((self.undo_action, "撤销", stack and stack.canUndo(), stack.undoText() if stack else ""),
                                   (self.redo_action, "重做", stack and stack.canRedo(), stack.redoText() if stack else "")):
            described = f"{name}：{text}" if can and text else name
            a.setText(f"{name} {text}" if can and text else name)  # the menu entry; the toolbar keeps its icon text
            a.setToolTip(f"{described}（{keys_of(a)}）")
            a.setStatusTip(described)
        self.final_action.setEnabled(doc is not None and doc.report_id is not None and doc.watching is None)
        self.history_action.setEnabled(doc is not None and doc.report_id is not None)
        self.final_action.blockSignals(True)
        self.final_action.setChecked(bool(doc and doc.final))
        self.final_action.blockSignals(False)
        self.final_action.setText("取消定稿" if doc and doc.final else "定稿")

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
