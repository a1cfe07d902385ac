"""The main window: one tab per section of the report, titled as the official format titles them."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QTabWidget

from report.about import APP_NAME
from report.definition import Section
from report.formats import format_for_year

from .grid_view import GridView


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        year = datetime.date.today().year - 1
        fmt = format_for_year(year)
        self.setWindowTitle(f"{APP_NAME} — {year} 年度（{fmt.name}）")
        self.tabs = QTabWidget()
        for section in fmt.sections:
            self.tabs.addTab(self._section_widget(section), section.title)
        self.setCentralWidget(self.tabs)
        self.resize(1100, 720)

    def _section_widget(self, section: Section):
        if section.table is not None:
            return GridView(section.table)
        editor = QPlainTextEdit()
        editor.setPlaceholderText("\n".join(section.outline) or f"请在此填写「{section.title}」")
        return editor
