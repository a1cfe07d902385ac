"""文件 → 核对已发布的版本…: the copy of the open report that was published (a file of any kind the importer reads,
a 年报文件, or the clipboard) read without storing anything, and every difference from the open report listed:
where, 本报告's value, the published one. Double-click or Enter shows the place in the window.

Not modal, like 批量审核: the clerk goes back and forth between the list and the report. The list follows the
report as it is edited (a difference put right leaves it) and whichever report the window shows; the published
copy stays as read until another is chosen. The importer and report.compare are imported when first used.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from report.model import Report

from . import file_dialogs, settings
from .row_enter import enter_activates_rows

TITLE = "核对已发布的版本"
REFRESH_MS = 300  # after an edit: typing a paragraph does not recompare at every key
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
FIELD_NAMES = {"agency": "机关名称", "year": "年度"}


def file_filter() -> str:
    from importer import KINDS

    from . import report_file

    patterns = " ".join(f"*{s}" for s in (*KINDS, report_file.SUFFIX))
    return (f"已发布的年报 ({patterns});;网页 (*.html *.htm *.mht *.mhtml);;Word 文档 (*.docx);;PDF 文件 (*.pdf);;"
            f"电子表格 (*.xlsx);;文本 (*.txt);;{report_file.SAVE_FILTER};;所有文件 (*)")


class Published:
    """The published copy as read: its report, where it came from, what the reading warns of."""

    def __init__(self, report: Report, source: str, notes: list | None = None,
                 completed: tuple[str, ...] = ()) -> None:
        self.report = report
        self.source = source
        self.notes = notes or []  # importer warnings: a misread figure shows here as a difference too
        self.completed = completed  # parts of the title the copy lacks, taken from the open report


def mismatch(open_report: Report, published: Report) -> str:
    """Why the published copy cannot be the open report's, in Chinese; "" when it may be."""
    problems = []
    if open_report.format_id != published.format_id:
        problems.append(f"格式是{published.format.name}")
    if open_report.agency.strip() != published.agency.strip():
        problems.append(f"机关是「{published.agency}」")
    if open_report.year != published.year:
        problems.append(f"年度是 {published.year} 年")
    return "、".join(problems)


class PublishedCheckDialog(QDialog):
    # A row chosen (double-click, Enter): a report.compare.Difference, or an importer Note naming cells.
    chosen = Signal(object)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window  # the main window: its open document is what is compared
        self.setWindowTitle(TITLE)
        self.published: Published | None = None
        self.rows: list = []  # what each table row stands for
        self._document = None
        layout = QVBoxLayout(self)
        self.head = QLabel()
        self.head.setWordWrap(True)
        self.head.setTextFormat(Qt.TextFormat.RichText)
        self.head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.head)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["位置", "本报告", "已发布"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, 220)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setToolTip("双击一处不同（或选中后按回车），在窗口中转到该单元格或该段文字")
        self.table.itemActivated.connect(self._activated)
        enter_activates_rows(self.table)  # and only that: not 选择文件, the default button
        layout.addWidget(self.table, 1)
        self.file_button = QPushButton("选择文件(&F)…")
        self.file_button.setToolTip("选择已发布的年报：网页、Word、PDF、电子表格、文本或年报文件")
        self.file_button.clicked.connect(self.choose_file)
        self.clipboard_button = QPushButton("核对剪贴板中的内容(&V)")
        self.clipboard_button.setToolTip("先在网站上选中已发布的年报全文（Ctrl+A）并复制（Ctrl+C），再点这里")
        self.clipboard_button.clicked.connect(self.use_clipboard)
        self.copy_button = QPushButton("复制列表(&C)")
        self.copy_button.setToolTip("把上面的说明和每一处不同复制到剪贴板，可粘贴到 Word 或邮件中")
        self.copy_button.clicked.connect(self.copy_list)
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        row = QHBoxLayout()  # where the copy comes from on the left; what to do with the list on the right
        for widget in (self.file_button, self.clipboard_button, None, self.copy_button, close):
            if widget is None:
                row.addStretch(1)
            else:
                row.addWidget(widget)
        layout.addLayout(row)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        window.documentShown.connect(self.follow_document)
        # Within the screen, whatever its size (1366×768 at 200 % leaves 683×384).
        room = window.screen().availableGeometry()
        self.resize(min(900, room.width() - 40), min(520, room.height() - 60))
        self.follow_document()
        self.file_button.setDefault(True)  # Enter anywhere but on a row: choose a file
        self.file_button.setFocus()

    # ------------------------------------------------------------------ the reports compared

    def follow_document(self) -> None:
        """The window shows another report (or the same afresh): compare that one, as edited from now on."""
        if self._document is not None:
            for signal in (self._document.cellsChanged, self._document.textChanged, self._document.dateChanged):
                try:
                    signal.disconnect(self._timer.start)
                except (RuntimeError, TypeError):  # the report it showed is gone with its signals
                    pass
        self._document = doc = self.window_.document
        if doc is not None:
            for signal in (doc.cellsChanged, doc.textChanged, doc.dateChanged):
                signal.connect(self._timer.start)
        self.refresh()

    def _title(self) -> dict | None:
        doc = self.window_.document
        return {"agency": doc.report.agency, "year": doc.report.year} if doc is not None else None

    def choose_file(self) -> None:
        path = file_dialogs.open_file(self, f"{TITLE} — 选择已发布的文件", settings.export_folder(), file_filter())
        if path is not None:
            self.load(self.read_file(path))

    def read_file(self, path: Path) -> Published | None:
        """The published copy in `path`, or None with the reason shown."""
        from . import report_file
        from .import_published import read_file

        if path.suffix.lower() == report_file.SUFFIX:
            from report import exchange

            try:
                return Published(exchange.read(path), path.name)
            except exchange.ExchangeError as e:
                self._refuse(f"无法读取「{path.name}」：它不是本程序可以读取的年报文件。\n\n"
                             + "\n".join(f"• {p}" for p in e.problems))
                return None
        return self._outcome(read_file(str(path), self, self._title()))

    def use_clipboard(self) -> None:
        from .import_published import read_clipboard

        self.load(self._outcome(read_clipboard(self, self._title())))

    def _outcome(self, outcome) -> Published | None:
        from importer import WARNING

        result = outcome.result
        if result is None:
            self._refuse(f"无法读取{_named(outcome.source)}：{outcome.unusable}")
            return None
        if result.report is None:
            why = "\n".join(f"• {n}" for n in result.errors[:6]) + ("\n……" if len(result.errors) > 6 else "")
            self._refuse(f"{_named(outcome.source)}不能读成一份年度报告，无法核对：\n\n{why}")
            return None
        return Published(result.report, outcome.source, [n for n in result.notes if n.level == WARNING],
                         outcome.completed)

    def _refuse(self, message: str) -> None:
        QMessageBox.warning(self, TITLE, message + "\n\n报告和数据库都未作任何修改。")

    def load(self, published: Published | None) -> bool:
        """Compare with `published` from now on, once it is known to be a copy of the open report (a different
        format cannot be compared cell by cell; another agency or year is compared only if the clerk says so)."""
        doc = self.window_.document
        if published is None or doc is None:
            return False
        mine, theirs = doc.report, published.report
        if mine.format_id != theirs.format_id:
            self._refuse(f"{_named(published.source)}是按{theirs.format.name}填写的（{theirs.year} 年度），"
                         f"打开的报告是{mine.format.name}（{mine.year} 年度），两者的表格不同，无法逐格核对。\n"
                         "请确认选择的是这份报告的已发布版本。")
            return False
        if other := mismatch(mine, theirs):
            answer = QMessageBox.question(
                self, TITLE,
                f"{_named(published.source)}的{other}，打开的是「{mine.agency}」{mine.year} 年度报告，"
                "看来不是同一份报告。\n\n仍要逐项核对吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.published = published
        self.refresh()
        self.table.setFocus()
        return True

    # ------------------------------------------------------------------ the list

    def refresh(self) -> None:
        from report.compare import differences

        self._timer.stop()
        doc, published = self.window_.document, self.published
        if doc is None:
            self._show_rows("没有打开的报告。请先打开要核对的报告。", [])
            return
        if published is None:
            self._show_rows(f"选择「{doc.report.agency}」{doc.report.year} 年度报告已经发布的版本："
                            "已发布的文件（网页、Word、PDF、电子表格、文本或年报文件），或在网站上选中全文复制后"
                            "点「核对剪贴板中的内容」。只读取、核对，不会存入数据库。", [])
            return
        found = differences(doc.report, published.report)
        source = _named(published.source)
        if published.completed:
            taken = "、".join(FIELD_NAMES[m] for m in published.completed)
            source += f"（其中没有标题，{taken}按本报告）"
        if found:
            head = f"{source}与本报告有 <b>{len(found)} 处不同</b>："
        else:
            head = f"<b>没有不同</b>：{source}与本报告的表格和文字完全相同（空白和全角、半角不算不同）。"
        if other := mismatch(doc.report, published.report):
            head = f"<span style='color:#b00020'>注意：已发布版本的{other}，与打开的报告不是同一份。</span><br>{head}"
        if published.notes:
            head += (f"<br>读取已发布的版本时另有 {len(published.notes)} 条说明，列在最后"
                     "（如空白的栏按 0 读取、无法确定的数字），核对时请留意。")
        self._show_rows(head, [*found, *published.notes])

    def _show_rows(self, head: str, rows: list) -> None:
        from report.compare import Difference

        self.head.setText(head)
        current = self.table.currentRow()
        self.rows = rows
        fmt = self.window_.document.format if self.window_.document is not None else None
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            if isinstance(row, Difference):
                cells = [row.where, row.left or "（无）", row.right or "（无）"]
                tips = [_go_tip(row), row.left, row.right]
            else:  # an importer's warning about the published copy
                cells = [f"读取说明：{row.where}" if row.where else "读取说明", "", row.message]
                tips = ["读取已发布的版本时的说明" + ("\n双击转到相应单元格" if _note_cell(row, fmt) else ""), "",
                        row.message]
            for col, (text, tip) in enumerate(zip(cells, tips, strict=True)):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                self.table.setItem(n, col, item)
        self.table.resizeRowsToContents()
        self.copy_button.setEnabled(bool(rows))
        if rows:
            self.table.setCurrentCell(min(max(current, 0), len(rows) - 1), 0)

    def _activated(self, item: QTableWidgetItem) -> None:
        if 0 <= item.row() < len(self.rows):
            self.chosen.emit(self.rows[item.row()])

    def copy_list(self) -> None:
        lines = [self.head.text().replace("<b>", "").replace("</b>", "")]
        for n in range(self.table.rowCount()):
            where, mine, theirs = (self.table.item(n, c).text() for c in range(3))
            lines.append(f"{where}\t本报告：{mine}\t已发布：{theirs}" if mine else f"{where}\t{theirs}")
        QGuiApplication.clipboard().setText("\n".join(lines))


def _named(source: str) -> str:
    return source if source == "剪贴板" else f"「{source}」"


def _go_tip(d) -> str:
    from report.compare import CELL, TEXT

    if d.kind == CELL:
        return f"{d.where}\n双击转到该单元格"
    if d.kind == TEXT:
        return f"{d.where}\n双击转到该段文字" if d.left else f"{d.where}\n双击转到该处（本报告没有这段文字）"
    if d.key == "date":
        return f"{d.where}\n双击转到工具栏上的成文日期"
    return f"{d.where}\n本报告的机关名称和年度见窗口标题"


def _note_cell(note, fmt) -> str | None:
    return next((c for c in note.cells if fmt is not None and c in fmt.cells), None)


def show_difference(window, row) -> None:
    """Show in `window` the place a row of the dialog names: a cell, a passage of text selected, the date."""
    from report.compare import CELL, FIELD, TEXT, Difference, passage_span

    doc = window.document
    if doc is None:
        return
    if not isinstance(row, Difference):
        if (cell := _note_cell(row, doc.format)) is not None:
            window.go_to_cell(cell)
    elif row.kind == CELL:
        window.go_to_cell(row.key)
    elif row.kind == TEXT:
        window.go_to_passage(row.key, *passage_span(doc.text(row.key), *row.paragraphs))
    elif row.kind == FIELD and row.key == "date":
        field = window.date_field
        (field.edit if field.edit.isEnabled() else field.dated).setFocus()
    else:
        window.statusBar().showMessage("本报告的机关名称、年度和格式见窗口标题，新建报告时确定，不能在这里修改", 8000)
        return
    window.raise_()
    window.activateWindow()


def install(window: QWidget) -> PublishedCheckDialog:
    """The dialog of `window`, made once and brought back."""
    dialog = getattr(window, "_published_check", None)
    if dialog is None:
        dialog = window._published_check = PublishedCheckDialog(window)
        dialog.chosen.connect(lambda row: show_difference(window, row))
    return dialog
