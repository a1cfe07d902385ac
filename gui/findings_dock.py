"""The findings panel: the sections still to write (待填写), then every broken rule worth telling yet (see
report/readiness.py), errors first, updated as the clerk types.

A compact strip under the document (a few lines; the window gives it no share of extra room), which the clerk
can enlarge with its 放大 button or by dragging the divider. Its title (the counts) is what the window's status
bar repeats.

Double-clicking a finding asks the window to show its first cell (or, for a finding about prose, the section
whose id comes first among its cells).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from report.checks import ERROR, WARNING
from report.readiness import section_numbers

from .document import Document

CELL_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2
QUOTE_ROLE = Qt.ItemDataRole.UserRole + 3
COMPACT_LINES = 4  # findings shown in the strip before it is enlarged
TO_DO = "to_do"  # the level of the 待填写 row


class FindingsDock(QWidget):
    goToCell = Signal(str)  # cell id, or a prose section's id
    goToText = Signal(str, str)  # a prose section's id and the words a finding quotes from it
    enlargeToggled = Signal()  # 放大 / 缩小 pressed: the window decides the sizes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self.title = QLabel("检查结果")
        self.windowTitleChanged.connect(self.title.setText)  # refresh() names the counts as the title
        self.enlarge_button = QToolButton()
        self.enlarge_button.setAutoRaise(True)
        self.enlarge_button.clicked.connect(self.enlargeToggled)
        self.set_enlarged(False)
        header = QHBoxLayout()
        header.setContentsMargins(4, 0, 0, 0)
        header.addWidget(self.title, 1)
        header.addWidget(self.enlarge_button)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setMinimumHeight(2 * self.list.fontMetrics().height())  # a small window may keep one line
        self.list.itemActivated.connect(self._activated)
        self.list.itemDoubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.list, 1)
        self.setWindowTitle("检查结果")
        self.document: Document | None = None
        style = self.style()
        self._icons = {ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                       WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
                       TO_DO: style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)}

    def compact_height(self) -> int:
        """The strip's height: its title and a few one-line findings."""
        line = max(self.list.fontMetrics().height(), self.list.iconSize().height()) + 6
        header = max(self.title.sizeHint().height(), self.enlarge_button.sizeHint().height())
        return header + COMPACT_LINES * line + 2 * self.list.frameWidth()

    def sizeHint(self) -> QSize:  # the splitter's first layout gives the strip this
        return QSize(super().sizeHint().width(), self.compact_height())

    def set_enlarged(self, enlarged: bool) -> None:
        self.enlarge_button.setText("缩小" if enlarged else "放大")
        self.enlarge_button.setToolTip("把检查结果缩回几行，让报告占满窗口" if enlarged
                                       else "放大检查结果列表（也可拖动上方的分隔线）")

    def set_document(self, document: Document | None) -> None:
        if self.document is not None:
            self.document.findingsChanged.disconnect(self.refresh)
        self.document = document
        if document is not None:
            document.findingsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Rewrite the list in place: items are reused, so typing does not rebuild the panel."""
        doc = self.document
        if doc is None:
            self.list.clear()
            self.setWindowTitle("检查结果")
            return
        if not doc.reviewed:  # shown at start before the first review (gui/document.py review_now)
            self.list.clear()
            self.list.addItem(QListWidgetItem("正在检查…"))
            self.list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
            self.setWindowTitle("检查结果：正在检查…")
            return
        errors = sum(f.is_error for f in doc.findings)
        warnings = len(doc.findings) - errors
        title = f"检查结果：{errors} 个错误、{warnings} 个警告" if doc.findings else "检查结果：未发现问题"
        rows: list[tuple[str, str, str | None, str, str]] = []
        if doc.to_do:  # sections not yet written: work ahead, not a fault
            numbers = section_numbers(doc.format, doc.to_do)
            title += f" · 待填写：{numbers}"
            names = "、".join(f"「{doc.format.section(s).title}」" for s in doc.to_do)
            first = doc.format.section(doc.to_do[0]).title
            rows.append((TO_DO, f"待填写：{numbers}", doc.to_do[0], f"{names}尚未填写。\n双击转到「{first}」", ""))
        if self.windowTitle() != title:
            self.setWindowTitle(title)
        for f in doc.findings:  # check() already puts errors first
            prefix = "错误" if f.is_error else "警告"
            prose = bool(f.cells) and f.cells[0] not in doc.format.cells  # e.g. "s5": a prose section
            go = "\n双击转到正文中的这句话" if prose and f.quote else ("\n双击转到该节正文" if prose else "\n双击转到相应单元格")
            tip = f.message + (go if f.cells else "")
            rows.append((f.level, f"{prefix}：{f.message}", f.cells[0] if f.cells else None, tip,
                         f.quote if prose else ""))
        if not doc.findings:
            rows.append(("", "未发现问题。" if not doc.to_do else "已填写的部分未发现问题。", None, "", ""))
        while self.list.count() > len(rows):
            self.list.takeItem(self.list.count() - 1)
        while self.list.count() < len(rows):
            self.list.addItem(QListWidgetItem())
        for i, (level, text, cell, tip, quote) in enumerate(rows):
            item = self.list.item(i)
            if item.text() != text:
                item.setText(text)
                item.setToolTip(tip)
            if item.data(LEVEL_ROLE) != level:
                item.setData(LEVEL_ROLE, level)
                item.setIcon(self._icons.get(level, QIcon()))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if level else Qt.ItemFlag.NoItemFlags)
            if item.data(CELL_ROLE) != cell:
                item.setData(CELL_ROLE, cell)
            if item.data(QUOTE_ROLE) != quote:
                item.setData(QUOTE_ROLE, quote)

    def _activated(self, item: QListWidgetItem) -> None:
        cell, quote = item.data(CELL_ROLE), item.data(QUOTE_ROLE)
        if cell and quote:
            self.goToText.emit(cell, quote)
        elif cell:
            self.goToCell.emit(cell)
