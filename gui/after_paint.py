"""Running something once a window has been painted: the first review at start comes after the report is on
screen, not before it.

Qt paints a top-level window while it handles the window's update request; an event filter sees that request
just before, and a zero timer started there fires once the painting is done (and after whatever the clerk typed
meanwhile). The filter removes itself after the first paint.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterPaint(QObject):
    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
            self.deleteLater()
        return False


def after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Call `then` once `window` has next been painted (when it is first shown, for a window not shown yet)."""
    window.installEventFilter(_AfterPaint(window, then))
