"""Render resources/icons/app.svg into the PNG sizes a Linux desktop wants: ``python -m tools.desktop_icons``.

The PNGs are committed (resources/desktop/icons/NxN/quotecoder.png) so that installing the
desktop files needs no Qt; run this again after changing the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(out: Path = ROOT / "resources" / "desktop" / "icons") -> list[Path]:
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "app.svg"))
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format_ARGB32)
        image.fill(Qt.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out / f"{size}x{size}" / "quotecoder.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(target))
        written.append(target)
    return written


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    for path in render():
        print(path.relative_to(ROOT))
