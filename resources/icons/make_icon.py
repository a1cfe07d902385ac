"""Draws the application icon (app.png, app.ico) with Qt; run once, the outputs are committed.

    QT_QPA_PLATFORM=offscreen python resources/icons/make_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen

HERE = Path(__file__).resolve().parent


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    # A sheet of paper with a folded corner, the red of official documents across its top.
    page = QPainterPath()
    page.moveTo(40 * s, 16 * s)
    page.lineTo(176 * s, 16 * s)
    page.lineTo(216 * s, 56 * s)
    page.lineTo(216 * s, 240 * s)
    page.lineTo(40 * s, 240 * s)
    page.closeSubpath()
    p.fillPath(page, QColor("#fdfdfb"))
    p.setPen(QPen(QColor("#8a8a8a"), 4 * s))
    p.drawPath(page)
    p.fillRect(QRectF(40 * s, 56 * s, 176 * s, 52 * s), QColor("#c8161d"))
    font = QFont("Noto Sans CJK SC")
    font.setPixelSize(int(40 * s))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(QRectF(40 * s, 56 * s, 176 * s, 52 * s), Qt.AlignmentFlag.AlignCenter, "年报")
    # Table lines below the band.
    p.setPen(QPen(QColor("#3a5a8c"), 6 * s))
    for y in (136, 168, 200):
        p.drawLine(int(64 * s), int(y * s), int(192 * s), int(y * s))
    p.drawLine(int(104 * s), int(128 * s), int(104 * s), int(208 * s))
    p.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts need an application
    draw(256).save(str(HERE / "app.png"))
    draw(256).scaled(64, 64, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation).save(
        str(HERE / "app-64.png"))
    if not draw(256).save(str(HERE / "app.ico")):
        print("无法写出 app.ico：此 Qt 没有 ico 图像插件", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
