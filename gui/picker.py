"""Choosing a report: the reports in the database by agency and year, and starting a new one."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from report.deadline import due_year
from report.formats import FIRST_YEAR, FORMATS, LAST_YEAR, format_for_year
from storage.errors import StorageError

from .collation import by_pinyin, pinyin_key
from .window_size import resize_within_screen


def _when(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M") if value.tzinfo else value.strftime("%Y-%m-%d %H:%M")
    return str(value or "")


class NewReportDialog(QDialog):
    """Agency, year (defaulting to the year due next), the format that year uses, and 以上年报告为基础."""

    def __init__(self, repository, parent: QWidget | None = None, today: datetime.date | None = None,
                 agency: str = "") -> None:
        super().__init__(parent)
        self.repository = repository
        self.setWindowTitle("新建报告")
        self.agency = QComboBox()
        # A login that may not add agencies (a clerk of a shared database) chooses among its own, which are all
        # the server shows it; elsewhere any name may be typed, a new agency being added with the report.
        self.listed_only = not repository.rights().new_agencies
        self.agency.setEditable(not self.listed_only)
        self.agency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        names = by_pinyin(a.name for a in repository.agencies())
        self.agency.addItems(names)
        if self.listed_only:
            self.agency.setCurrentIndex(names.index(agency) if agency in names else 0 if names else -1)
        else:
            self.agency.setCurrentText(agency or (names[0] if names else ""))
            self.agency.lineEdit().setPlaceholderText("例如：某某市人民政府办公室")
        self.agency.setMinimumContentsLength(24)
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(due_year(today))
        self.year.setSuffix(" 年度")
        self.format_label = QLabel()
        self.format_label.setWordWrap(True)
        self.from_previous = QCheckBox("以上年报告为基础(&B)")
        self.from_previous.setToolTip("复制上年报告的文字，并把上年的结转数、现行有效件数等带入本年")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #a33;")

        form = QFormLayout()
        form.addRow("机关名称(&A)：", self.agency)
        form.addRow("报告年度(&Y)：", self.year)
        form.addRow("格式：", self.format_label)
        form.addRow("", self.from_previous)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建(&N)")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.agency.currentTextChanged.connect(self._update)
        self.year.valueChanged.connect(self._update)
        self.created_id = None
        self._update()

    def _update(self) -> None:
        agency, year = self.agency.currentText().strip(), self.year.value()
        self.format_label.setText(format_for_year(year).name)
        has_previous = bool(agency) and self.repository.find_report(agency, year - 1) is not None
        self.from_previous.setEnabled(has_previous)
        self.from_previous.setChecked(has_previous)
        self.from_previous.setText("以上年报告为基础(&B)" + ("" if has_previous else f"（没有 {year - 1} 年度的报告）"))
        exists = bool(agency) and self.repository.find_report(agency, year) is not None
        if exists:
            self.note.setText(f"「{agency}」{year} 年度的报告已经存在，请在报告列表中打开它。")
        elif not agency and self.listed_only:
            self.note.setText("当前登录名没有可以填报的机关，不能新建报告；请数据库管理员为它指定机关（db user add … --agency 机关）。")
        else:
            self.note.setText("")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(agency) and not exists)

    def accept(self) -> None:
        agency, year = self.agency.currentText().strip(), self.year.value()
        try:
            if self.from_previous.isChecked() and self.from_previous.isEnabled():
                self.created_id = self.repository.start_from_previous(agency, year)
            else:
                self.created_id = self.repository.create_report(agency, year)
        except StorageError as e:
            self.note.setText(str(e))
            return
        except ValueError as e:  # e.g. an agency name the storage refuses
            self.note.setText(str(e))
            return
        super().accept()


class ReportPicker(QDialog):
    """Every report in the database by agency (pinyin) and year, newest first; 打开, 新建报告, 删除 (a report
    created by mistake) and, among the deleted ones shown on request, 恢复 — the last three only where the
    database lets the login do them (Repository.rights)."""

    def __init__(self, repository, parent: QWidget | None = None, today: datetime.date | None = None) -> None:
        super().__init__(parent)
        self.repository = repository
        self.today = today
        self.chosen_id = None
        self.deleted: set = set()  # ids deleted here: the window closes one it has open
        self.infos: list = []  # the report of each row
        self.setWindowTitle("选择报告")
        self.agency_filter = QComboBox()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["机关", "年度", "格式", "状态", "最后修改"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.accept)
        top = QHBoxLayout()
        agency_label = QLabel("机关(&A)：")
        agency_label.setBuddy(self.agency_filter)
        top.addWidget(agency_label)
        top.addWidget(self.agency_filter, 1)
        self.show_deleted = QCheckBox("显示已删除的报告(&H)")
        self.show_deleted.toggled.connect(self._fill)
        top.addWidget(self.show_deleted)
        self.new_button = QPushButton("新建报告(&N)…")
        self.new_button.clicked.connect(self.new_report)
        self.delete_button = QPushButton("删除(&D)…")
        self.delete_button.clicked.connect(self.delete)
        self.restore_button = QPushButton("恢复(&R)")
        self.restore_button.clicked.connect(self.restore)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setText("打开(&O)")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        # Only what the login may do is offered (a shared database's reviewer reads, and nothing more).
        self.rights = repository.rights()
        self.new_button.setVisible(self.rights.create)
        self.delete_button.setVisible(self.rights.change)
        self.rights_note = QLabel("当前登录名只能查看报告，不能新建、修改或删除。" if self.rights.read_only
                                  else "当前登录名不能删除或恢复报告。" if not self.rights.change else "")
        self.rights_note.setWordWrap(True)
        self.rights_note.setVisible(bool(self.rights_note.text()))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.rights_note)
        layout.addWidget(self.buttons)
        self.agency_filter.currentIndexChanged.connect(self._fill)
        self._load_agencies()
        resize_within_screen(self, 760, 420)

    def _load_agencies(self) -> None:
        self.agency_filter.blockSignals(True)
        self.agency_filter.clear()
        self.agency_filter.addItem("全部机关", None)
        key = pinyin_key()
        for a in sorted(self.repository.agencies(), key=lambda a: key(a.name)):
            self.agency_filter.addItem(a.name, a.id)
        self.agency_filter.blockSignals(False)
        self._fill()

    def _fill(self, *_args) -> None:
        agency_id = self.agency_filter.currentData()
        key = pinyin_key()
        infos = list(self.repository.reports(agency_id))
        if self.show_deleted.isChecked():
            agency = self.agency_filter.currentText() if agency_id is not None else None
            infos += [r for r in self.repository.deleted_reports() if agency is None or r.agency == agency]
        infos.sort(key=lambda r: (key(r.agency), -r.year, r.deleted_at is not None))
        self.infos = infos
        self.table.setRowCount(len(infos))
        for row, info in enumerate(infos):
            status = f"已删除（{_when(info.deleted_at)}）" if info.deleted_at is not None else str(info.status)
            texts = [info.agency, f"{info.year}", format_for_year(info.year).name if info.format_id is None
                     else _format_name(info.format_id), status,
                     _when(info.updated_at)]
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, info.id)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if infos:
            self.table.selectRow(0)
        self._update_buttons()

    def current(self):
        row = self.table.currentRow()
        return self.infos[row] if 0 <= row < len(self.infos) else None

    def _update_buttons(self) -> None:
        info = self.current()
        live = info is not None and info.deleted_at is None
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(live)
        self.delete_button.setEnabled(live)
        self.restore_button.setVisible(self.show_deleted.isChecked() and self.rights.change)
        self.restore_button.setEnabled(info is not None and info.deleted_at is not None)

    def delete(self) -> None:
        info = self.current()
        if info is None or info.deleted_at is not None or not self.rights.change:
            return
        answer = QMessageBox.question(
            self, "删除报告", f"删除「{info.agency}」{info.year} 年度报告？\n删除的报告仍保留在数据库中，"
            "勾选「显示已删除的报告」后可以恢复。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes and self._stored("删除报告", self.repository.delete_report, info):
            self.deleted.add(info.id)
            self._fill()

    def restore(self) -> None:
        info = self.current()
        if info is None or info.deleted_at is None or not self.rights.change:
            return
        if self._stored("恢复报告", self.repository.restore_deleted, info):
            self.deleted.discard(info.id)
            self._fill()
            self.table.selectRow(next(i for i, r in enumerate(self.infos) if r.id == info.id))

    def _stored(self, title: str, change, info) -> bool:
        """`change(info.id)`; False, with the storage's reason shown, when it is refused."""
        try:
            change(info.id)
        except StorageError as e:
            QMessageBox.warning(self, title, str(e))
            return False
        return True

    def new_report(self) -> None:
        if not self.rights.create:
            return
        current = self.agency_filter.currentText() if self.agency_filter.currentData() is not None else ""
        dialog = NewReportDialog(self.repository, self, today=self.today, agency=current)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.chosen_id = dialog.created_id
            super().accept()

    def accept(self) -> None:
        info = self.current()
        if info is None or info.deleted_at is not None:
            return
        self.chosen_id = info.id
        super().accept()


def _format_name(format_id: str) -> str:
    fmt = FORMATS.get(format_id)
    return fmt.name if fmt else format_id
