"""The first window's size and place: what fits the screen's available area (taskbar excluded) with room for the
window frame, so that the status bar (and 已保存) is on screen on a 1366×768 display."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1360, 860)
# Room for the title bar and borders the window manager adds outside the window (unknown before it is shown).
FRAME = QSize(16, 40)


def fitted(available: QRect, preferred: QSize = PREFERRED, frame: QSize = FRAME) -> QRect:
    """The window's client rectangle: `preferred`, shrunk to fit `available` with its frame, centred there."""
    width = max(1, min(preferred.width(), available.width() - frame.width()))
    height = max(1, min(preferred.height(), available.height() - frame.height()))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    rect.moveTop(max(available.top() + frame.height() - frame.width() // 2, rect.top()))
    return rect


def cramped(available: QRect, preferred: QSize = PREFERRED, frame: QSize = FRAME) -> bool:
    """True when the preferred window does not fit: the window then opens maximised, as Office does there."""
    return available.width() < preferred.width() + frame.width() or available.height() < preferred.height() + frame.height()


def resize_within_screen(widget, width: int, height: int) -> None:
    """A dialog's preferred size, shrunk to its screen's available area (a 1366×768 display at 200 % has 683×384
    to offer), so that its buttons stay on screen; the layout's own minimum still applies."""
    from PySide6.QtGui import QGuiApplication

    parent = widget.parentWidget()
    screen = (parent.screen() if parent is not None else None) or widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    available = screen.availableGeometry()
    widget.resize(max(1, min(width, available.width() - FRAME.width())),
                  max(1, min(height, available.height() - FRAME.height())))


def fit_dialog(dialog: QWidget, width: int, height: int) -> None:
    """Size `dialog` width×height, or less where the screen is smaller (at 200 % scaling a 1366×768 screen has
    683×384 points), leaving room for its title bar."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    dialog.resize(fitted(screen.availableGeometry(), QSize(width, height)).size())
