"""The 台账 tab's place in the window: the tab is there from the start, its contents (gui/ledger_tab.py, with the
agency's applications read and laid out, ~20 ms of every start) are made when the clerk first opens the tab or
something asks for them (`ledger_tab`). Until then a light page holds the tab's place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

TITLE = "台账"
TIP = "依申请公开台账：每件申请的办理情况和答复期限；表三可由台账生成"


class LedgerPlace:
    """Part of MainWindow (gui/main_window.py)."""

    _ledger_tab = None  # the LedgerTab of the open report, once made
    _ledger_page: QWidget | None = None  # what holds its place until then

    @property
    def ledger_tab(self):
        """The 台账 tab of the open report (made now if it was not yet); None when the report is not stored."""
        if self._ledger_tab is None and self._ledger_page is not None:
            self._make_ledger_tab()
        return self._ledger_tab

    def _forget_ledger_tab(self) -> None:
        self._ledger_tab = self._ledger_page = None

    def _add_ledger_tab(self, report) -> None:
        """The agency's ledger of applications, after the sections: not a section of the report, but where its
        table 三 comes from."""
        self._forget_ledger_tab()
        page = QLabel("正在读取台账…")
        page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._ledger_page = page
        self.tabs.addTab(page, TITLE)
        self.tabs.setTabToolTip(self.tabs.count() - 1, TIP)
        self.tabs.currentChanged.connect(self._ledger_tab_chosen)

    def _ledger_tab_chosen(self, index: int) -> None:
        page = self._ledger_page
        if page is not None and index >= 0 and self.tabs.widget(index) is page:
            # Made once this change of tab is over: the tabs are not changed while they say which is current.
            QTimer.singleShot(0, lambda: self._make_ledger_tab() if self._ledger_page is page else None)

    def _make_ledger_tab(self) -> None:
        from .ledger_tab import LedgerTab  # deferred: see the module's docstring

        page, doc = self._ledger_page, self.document
        assert page is not None and doc is not None
        self._ledger_page = None
        tab = LedgerTab(self.repository, doc.report.agency, doc.report.year, lambda: self.today(), self,
                        report_id=doc.report_id)
        tab.reportChanged.connect(self._ledger_derived)
        tab.ledgerChanged.connect(self._ledger_changed)
        tab.feeSentence.connect(self._state_fees)
        tab.set_report_locked(doc.locked_reason() if doc.locked else None)
        doc.lockedChanged.connect(lambda locked: tab.set_report_locked(doc.locked_reason() if locked else None))
        self._ledger_tab = tab
        index, current = self.tabs.indexOf(page), self.tabs.currentIndex()
        self.tabs.blockSignals(True)  # the page taking its place is not the clerk changing tabs
        try:
            self.tabs.insertTab(index, tab, TITLE)
            self.tabs.setTabToolTip(index, TIP)
            self.tabs.removeTab(index + 1)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        page.deleteLater()
