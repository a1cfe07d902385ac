"""文件 → 汇总多份报告: choose reports of one year and one format (from the database, or exchange files) and the
collecting office; the sums come from report.aggregate.

Mixing years or formats cannot be chosen: the list shows one year-and-format at a time, and a file of another one
is refused with a message. The window stores the result (gui.storing) and opens it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
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

from report import exchange
from report.aggregate import Aggregate, AggregateError, aggregate, is_collectors_own
from report.checks import Finding, check
from report.formats import FORMATS
from report.model import Report
from storage.errors import StorageError

from . import file_dialogs
from .collation import by_pinyin
from .window_size import resize_within_screen

TITLE = "汇总多份报告"
ERROR_COLOUR = QColor("#b00000")


@dataclass
class Entry:
    report: Report
    source: str  # 「数据库」 or the file's name
    status: str = ""
    errors: list[Finding] = field(default_factory=list)
    checked: bool = True  # the clerk's choice, kept while the list shows another year

    @property
    def key(self) -> str:
        """The year and format, as the year-and-format list's item data (Qt compares strings, not tuples)."""
        return f"{self.report.year}|{self.report.format_id}"


def _pair_name(key: str) -> str:
    year, format_id = key.split("|")
    fmt = FORMATS.get(format_id)
    return f"{year} 年度（{fmt.name if fmt else format_id}）"


class AggregateDialog(QDialog):
    def __init__(self, repository, parent: QWidget | None = None, agency: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.repository = repository
        self.entries: list[Entry] = []
        self.shown: list[Entry] = []
        self.result: Aggregate | None = None

        self.pair = QComboBox()
        self.pair.setToolTip("只能汇总同一年度、同一格式的报告")
        self.agency = QComboBox()
        self.agency.setEditable(True)
        self.agency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.agency.addItems(by_pinyin(a.name for a in repository.agencies()))
        self.agency.setCurrentText(agency)
        self.agency.lineEdit().setPlaceholderText("汇总报告的机关名称，例如：某某区人民政府")
        self.agency.setMinimumContentsLength(24)
        form = QFormLayout()
        form.addRow("年度和格式(&Y)：", self.pair)
        form.addRow("汇总机关(&C)：", self.agency)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["机关", "来源", "检查"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._item_changed)
        tools = QHBoxLayout()
        for text, slot in (("全选(&A)", lambda: self._check_all(True)), ("全不选(&N)", lambda: self._check_all(False)),
                           ("添加交换文件(&F)…", self.add_files)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            tools.addWidget(button)
        tools.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("汇总(&G)", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("要汇总的报告（勾选）："))
        layout.addWidget(self.table, 1)
        layout.addLayout(tools)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._load_database()
        self.pair.currentIndexChanged.connect(self._fill)
        self.agency.currentTextChanged.connect(lambda _t: self._fill())
        self._fill_pairs()
        resize_within_screen(self, 760, 520)

    # ------------------------------------------------------------------ the list

    def _load_database(self) -> None:
        try:
            infos = self.repository.reports()
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                # All at once: a few statements instead of a few per report (hundreds on a shared database).
                for info, report in zip(infos, self.repository.load_many([i.id for i in infos]), strict=True):
                    errors = [f for f in check(report) if f.is_error]
                    self.entries.append(Entry(report, "数据库", str(info.status), errors))
            finally:
                QApplication.restoreOverrideCursor()
        except StorageError as e:
            QMessageBox.warning(self, TITLE, f"无法读取数据库中的报告：{e}")

    def _fill_pairs(self, select: str | None = None) -> None:
        keys = sorted({e.key for e in self.entries}, key=lambda k: (-int(k.split("|")[0]), k))
        current = select or self.pair.currentData()
        self.pair.blockSignals(True)
        self.pair.clear()
        for key in keys:
            self.pair.addItem(_pair_name(key), key)
        if current in keys:
            self.pair.setCurrentIndex(keys.index(current))
        self.pair.blockSignals(False)
        self._fill()

    def _collector(self) -> str:
        return self.agency.currentText().strip()

    def _fill(self) -> None:
        key = self.pair.currentData()
        self.shown = sorted((e for e in self.entries if e.key == key), key=lambda e: (e.source != "数据库", e.report.agency))
        collector = self._collector()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.shown))
        for row, entry in enumerate(self.shown):
            own = is_collectors_own(entry.report.agency, collector)
            name = QTableWidgetItem(entry.report.agency + ("（汇总机关本身）" if own else ""))
            if own:
                # The sum is stored as this agency's report: it cannot also be one of the addends.
                name.setFlags(Qt.ItemFlag.ItemIsSelectable)
                name.setCheckState(Qt.CheckState.Unchecked)
                name.setToolTip("汇总结果将保存为该机关的报告，不能同时作为汇总的来源")
            else:
                name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
                name.setCheckState(Qt.CheckState.Checked if entry.checked else Qt.CheckState.Unchecked)
            source = QTableWidgetItem(entry.source + (f"（{entry.status}）" if entry.status else ""))
            found = QTableWidgetItem(f"{len(entry.errors)} 个错误" if entry.errors else "无错误")
            if entry.errors:
                found.setForeground(QBrush(ERROR_COLOUR))
                found.setToolTip("\n".join(f.message for f in entry.errors[:10]))
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, source)
            self.table.setItem(row, 2, found)
        self.table.blockSignals(False)
        self._update_summary()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0 and item.row() < len(self.shown):
            self.shown[item.row()].checked = item.checkState() == Qt.CheckState.Checked
        self._update_summary()

    def _check_all(self, on: bool) -> None:
        for entry in self.shown:
            entry.checked = on
        self._fill()

    def set_checked(self, agencies: set[str]) -> None:
        """Check exactly the rows of these agencies (for keyboard-free use and tests)."""
        for entry in self.shown:
            entry.checked = entry.report.agency in agencies
        self._fill()

    def checked_entries(self) -> list[Entry]:
        collector = self._collector()
        return [e for e in self.shown if e.checked and not is_collectors_own(e.report.agency, collector)]

    def _update_summary(self) -> None:
        chosen = self.checked_entries()
        bad = [e for e in chosen if e.errors]
        if not self.entries:
            text = "数据库中还没有报告。可以点击「添加交换文件…」选择各机关报送的交换文件。"
        elif not chosen:
            text = "请勾选要汇总的报告。"
        else:
            text = f"已选 {len(chosen)} 份报告。"
            if bad:
                text += f"<span style='color:#b00000'>其中 {len(bad)} 份有错误，汇总前会再询问是否计入。</span>"
        self.summary.setText(text)
        self.ok.setEnabled(bool(chosen))

    # ------------------------------------------------------------------ exchange files

    def add_files(self) -> None:
        self.add_paths([str(p) for p in file_dialogs.open_files(self, "添加交换文件", "", "交换文件 (*.json)")])

    def add_paths(self, paths: list[str]) -> None:
        problems: list[str] = []
        added: list[Entry] = []
        for path in paths:
            name = Path(path).name
            try:
                report = exchange.read(path)
            except exchange.ExchangeError as e:
                problems.append(f"{name}：{'；'.join(e.problems[:3])}")
                continue
            entry = Entry(report, name, "", [f for f in check(report) if f.is_error])
            # With nothing chosen yet, the first file decides the year and format; after that, they must agree.
            key = added[0].key if added else self.pair.currentData()
            if key is not None and entry.key != key and (added or self.checked_entries()):
                problems.append(f"{name} 是{_pair_name(entry.key)}的报告，与所选的{_pair_name(key)}报告不同，"
                                "不能一起汇总")
                continue
            added.append(entry)
            self.entries.append(entry)
        if added:
            self._fill_pairs(select=added[0].key)
        if problems:
            QMessageBox.warning(self, TITLE, "以下文件未添加：\n" + "\n".join(problems))

    # ------------------------------------------------------------------ summing

    def accept(self) -> None:
        agency = self._collector()
        chosen = self.checked_entries()
        if not agency:
            QMessageBox.warning(self, TITLE, "请填写汇总报告的机关名称。")
            self.agency.setFocus()
            return
        if not chosen:
            QMessageBox.warning(self, TITLE, "请至少勾选一份要汇总的报告。")
            return
        bad = [e for e in chosen if e.errors]
        if bad:
            box = QMessageBox(QMessageBox.Icon.Warning, TITLE,
                              f"所选报告中有 {len(bad)} 份存在错误（如合计不等于各项之和）：\n"
                              + "\n".join(f"「{e.report.agency}」{len(e.errors)} 个错误" for e in bad[:15])
                              + ("\n……" if len(bad) > 15 else ""), parent=self)
            box.setInformativeText("是否仍按其所填数字计入汇总？")
            include = box.addButton("仍然计入(&I)", QMessageBox.ButtonRole.AcceptRole)
            leave_out = box.addButton("不计入这些报告(&X)", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is leave_out:
                chosen = [e for e in chosen if not e.errors]
                if not chosen:
                    QMessageBox.warning(self, TITLE, "去掉有错误的报告后，没有可汇总的报告。")
                    return
            elif box.clickedButton() is not include:
                return
        try:
            self.result = aggregate([e.report for e in chosen], agency)
        except AggregateError as e:
            QMessageBox.warning(self, TITLE, f"无法汇总：{e}")
            return
        super().accept()
