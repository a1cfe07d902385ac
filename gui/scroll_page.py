"""A page (a tab of the window, a dialog's fields) whose parts scroll together when the window is smaller than
they need.

At 200 % scaling a 1366×768 screen leaves about 683×384 points: a tab whose parts are laid out one under another
(the preamble's box above 一's editor, the ledger's summary, filter and buttons above its list), or a dialog's
column of fields, would otherwise be taller than the screen, its lower part (and its buttons) out of reach.
Where there is room the parts fill the page as before and no scroll bar shows.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget


def scroll_area(layout: QLayout) -> QScrollArea:
    """A frameless scroll area showing what `layout` holds."""
    area = _FollowingFocus()
    area.setObjectName("pageScroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)  # as large as the page when there is room
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no stop of its own between the fields when tabbing
    content = QWidget()
    content.setLayout(layout)
    area.setWidget(content)
    return area


class _FollowingFocus(QScrollArea):
    """Scrolls to the field the keyboard goes to. Qt's scroll area does so for Tab only: Alt and a label's
    letter (导出字体's 正文字体(&4)) would put the keyboard in a field out of view."""

    def __init__(self) -> None:
        super().__init__()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        content = self.widget()
        if new is None or content is None or not content.isAncestorOf(new):
            return
        port = self.viewport()
        shown = QRect(new.mapTo(port, QPoint(0, 0)), new.size())
        # Only a field that fits and is not all in view: a large editor clicked into stays where it is.
        if not port.rect().contains(shown) and new.height() <= port.height():
            self.ensureWidgetVisible(new)


def scrolling_layout(page: QWidget) -> tuple[QScrollArea, QVBoxLayout]:
    """A frameless scroll area filling `page`, and the layout inside it that the page's parts go in."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    layout = QVBoxLayout()
    area = scroll_area(layout)
    outer.addWidget(area)
    return area, layout
