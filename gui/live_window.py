"""Part of MainWindow (gui/main_window.py): what the window shows of a shared database's liveness — the open
report's lease and watching (gui/live_report.py) with its banner above the tabs, and in the status bar the
server going away (正在重新连接… with the waiting edits counted) and coming back."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from .document import Document
from .live_report import Banner, LiveReport, is_live, page_with_banner

_ALARM = "color: #b00; font-weight: bold;"


class LiveWindow:
    live: LiveReport | None
    _ledger_tab: Any  # gui.ledger_tab.LedgerTab, once made (gui/ledger_place.py)

    def _live_page(self, doc: Document) -> QWidget:
        """The page for a stored report: its tabs, under a banner when the database is shared (then `self.live`
        takes the lease or watches, from `self.live.start()` once the page is shown)."""
        if not is_live(self.repository):
            return self.tabs
        banner = Banner()
        self.live = LiveReport(self.repository, doc, banner, self)
        self.live.status.connect(lambda m: self.statusBar().showMessage(m, 10000))
        self.live.reachable.connect(self._reachable)
        self.live.reshaped.connect(lambda rid=doc.report_id: self.open_report(rid))
        self.live.ledgerSaved.connect(self._ledger_saved)
        return page_with_banner(banner, self.tabs)

    def _ledger_saved(self, applications: list, from_ledger: bool) -> None:
        """The agency's ledger as saved now (someone else changed it): the 台账 tab, once made, shows it where the
        clerk left it; not yet made, it reads the ledger then."""
        if self._ledger_tab is not None:
            self._ledger_tab.show_saved(applications, from_ledger)

    def stop_live(self) -> None:
        """The open report goes away: its lease is given back, the watching stops."""
        if self.live is not None:
            self.live.stop()
            self.live.deleteLater()
            self.live = None

    def _watch_connection(self, doc: Document) -> None:
        self._said_offline = False
        doc.offline.connect(self._offline)
        doc.reconnected.connect(self._reconnected)
        doc.lockedChanged.connect(self._show_read_only)

    def _show_read_only(self, _locked: bool) -> None:
        """Only watched here, or editable again: the save mark says which (a watcher saves nothing)."""
        doc = self.document
        if doc is None or doc.is_offline or doc.has_unsaved:
            return
        self.save_label.setStyleSheet("")
        self._say_saved("只读" if doc.watching else "已保存")
        self.save_label.setToolTip(doc.watching or "")

    def _lease_lost(self) -> bool:
        """A write was refused because the lease went to someone else: read-only from now, the edits kept (the
        banner says what to do). False for any other failure."""
        doc = self.document
        if doc is None or doc.failure_reason != "lease_lost" or self.live is None:
            return False
        self.live.lost()
        self._say_saved(f"未保存！{doc.unsaved_count} 处修改保留在本窗口中")
        return True

    def _offline(self, waiting: int) -> None:
        """The shared database is out of reach: typing goes on, the edits wait here and are counted."""
        self.save_label.setStyleSheet(_ALARM)
        self._say_saved(f"正在重新连接…（{waiting} 处修改未保存）" if waiting else "正在重新连接…")
        self.save_label.setToolTip("与共享数据库的连接中断了：修改暂存在本窗口中，连上后按顺序自动保存；请不要关闭程序")
        if not self._said_offline:
            self._said_offline = True
            self.statusBar().showMessage("与共享数据库的连接中断了，正在重新连接；可以继续录入，修改连上后自动保存", 15000)

    def _say_saved(self, text: str) -> None:
        """The save mark, never cut short: it is what the clerk must read while the server is away (the findings'
        counts and the deadline beside it give way instead)."""
        self.save_label.setText(text)
        metrics = self.save_label.fontMetrics()
        self.save_label.setMinimumWidth(max(metrics.horizontalAdvance(text), metrics.horizontalAdvance("已保存 00:00")) + 8)

    def _reconnected(self, written: int) -> None:
        self._said_offline = False
        self._say_saved("已保存")  # 已保存 and its time follow (Document.saved)
        self.save_label.setToolTip("")
        self.statusBar().showMessage(f"已重新连接共享数据库，{written} 处修改已保存" if written
                                     else "已重新连接共享数据库", 10000)

    def _reachable(self, answering: bool) -> None:
        """The lease's renewal or the watching found the server gone or back (with edits waiting or not)."""
        doc = self.document
        if doc is None:
            return
        if not answering:
            self._offline(doc.unsaved_count)
        elif not doc.is_offline:
            self._said_offline = False
            self.save_label.setToolTip("")
            self.save_label.setStyleSheet("")
            self._say_saved("只读" if doc.watching and not doc.has_unsaved else "已保存" if not doc.has_unsaved
                            else f"{doc.unsaved_count} 处修改未保存")
            self.statusBar().showMessage("已重新连接共享数据库", 10000)
