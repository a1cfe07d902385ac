"""The main window's layout: the report above, the findings strip below, sized as the clerk left them.

The document owns the window: the page above takes all extra room, the findings stay a strip of a few lines until
the clerk enlarges them. Size, maximised state and the divider are remembered (settings); the first time, the
window fits the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from . import settings, window_size


class WindowLayout:
    """Part of MainWindow (gui/main_window.py): `self.body` splits `self.page` from `self.findings`."""

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

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._divider_set:  # first start: the findings a strip, the rest the report's
            self._divider_set = True
            total = sum(self.body.sizes()) or self.body.height()
            compact = self._strip_height(total)
            self.body.setSizes([max(0, total - compact), compact])
            self._divider_moved()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            QTimer.singleShot(0, self._keys_back)  # after Qt has given back the focus it kept, if it could

    def _keys_back(self) -> None:
        """After a menu or a dialog, with nowhere for the keys. Alt and a menu's letter pressed while a cell was
        being typed in closes the cell's editor (it loses the keyboard to the menu bar), so the menu bar gets
        nothing to give the keys back to and keeps them: what the clerk typed next went nowhere. The section on
        show takes them."""
        bar = self.menuBar()
        focus = QApplication.focusWidget()
        if self.isActiveWindow() and self.document is not None and (focus is None or focus is bar) \
                and bar.activeAction() is None:
            self._keys_to_shown_section()

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
