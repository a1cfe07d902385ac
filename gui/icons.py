"""Toolbar icons drawn in code: the same shapes on every system (Windows and a bare Kylin have no icon theme Qt can
read, and the package carries no SVG plugin for themes that are drawings), sharp at any display scaling."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

SIZES = (16, 24, 32, 48, 64)
COLOUR = QColor("#2b5797")


def _arrow(size: int, mirrored: bool, colour: QColor) -> QPixmap:
    """A curved arrow turning back to the left (撤销), or to the right when mirrored (重做)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if mirrored:
        painter.translate(size, 0)
        painter.scale(-1, 1)
    s = size / 16.0
    pen = QPen(colour, 1.8 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    path = QPainterPath(QPointF(4.5 * s, 6.5 * s))
    path.lineTo(9.5 * s, 6.5 * s)
    path.arcTo(QRectF(6.5 * s, 6.5 * s, 7 * s, 7 * s), 90, -180)
    path.lineTo(6 * s, 13.5 * s)
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([QPointF(1.5 * s, 6.5 * s), QPointF(6 * s, 2.5 * s), QPointF(6 * s, 10.5 * s)]))
    painter.end()
    return pixmap


def _drawn(mirrored: bool) -> QIcon:
    icon = QIcon()
    grey = QColor("#a0a0a0")
    for size in SIZES:
        icon.addPixmap(_arrow(size, mirrored, COLOUR), QIcon.Mode.Normal)
        icon.addPixmap(_arrow(size, mirrored, grey), QIcon.Mode.Disabled)
    return icon


def undo_icon() -> QIcon:
    return _drawn(mirrored=False)


def redo_icon() -> QIcon:
    return _drawn(mirrored=True)
