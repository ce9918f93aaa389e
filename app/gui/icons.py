"""Icons drawn as small SVGs under ``resources/icons``, tinted to the current palette's text colour."""

from __future__ import annotations

from functools import lru_cache
from app.assets import resource

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer


def _svg(name: str) -> str:
    return resource("icons", f"{name}.svg").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _cached(name: str, color: str) -> QIcon:
    data = QByteArray(_svg(name).replace("currentColor", color).encode("utf-8"))
    renderer = QSvgRenderer(data)
    result = QIcon()
    for size in (16, 24, 32, 48):
        for ratio in (1, 2):
            pixmap = QPixmap(size * ratio, size * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.Antialiasing)
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
            result.addPixmap(pixmap)
    return result


def icon(name: str, color: str | None = None) -> QIcon:
    """The icon ``name`` drawn in ``color`` (default: the palette's window text colour, softened)."""
    if color is None:
        text = QGuiApplication.palette().windowText().color()
        color = QColor(text).name()
    return _cached(name, color)


def swatch(color: str, size: int = 12) -> QPixmap:
    """A rounded colour square for code and coder lists."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setPen(QColor(color).darker(130))
    painter.setBrush(QColor(color))
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 3, 3)
    painter.end()
    return pixmap
