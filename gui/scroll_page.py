"""A page (a tab of the window) whose parts scroll together when the window is smaller than they need.

At 200 % scaling a 1366×768 screen leaves about 683×384 points: a tab whose parts are laid out one under another
(the preamble's box above 一's editor, the ledger's summary, filter and buttons above its list) would otherwise
force the window taller than the screen, its status bar and lower part out of reach. Where there is room the
parts fill the page as before and no scroll bar shows.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


def scrolling_layout(page: QWidget) -> tuple[QScrollArea, QVBoxLayout]:
    """A frameless scroll area filling `page`, and the layout inside it that the page's parts go in."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    area = QScrollArea()
    area.setObjectName("pageScroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)  # as large as the page when there is room
    content = QWidget()
    area.setWidget(content)
    outer.addWidget(area)
    return area, QVBoxLayout(content)
