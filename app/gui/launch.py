"""Start the desktop app: ``quotecoder gui [PROJECT] [--demo]`` and ``make run`` end here."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.gui.icons import icon
from app.gui.theme import apply_theme, follow_system


def application() -> QApplication:
    """The QApplication, created once, with names (for QSettings), icon and theme."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Quotecoder")
    app.setApplicationName("Quotecoder")
    app.setApplicationDisplayName("Quotecoder")
    mode = lambda: str(QSettings().value("theme", "system"))  # noqa: E731
    apply_theme(app, mode())
    follow_system(app, mode)
    app.setWindowIcon(icon("app", color="#2f5d8a"))
    return app


def launch(project: str | Path | None = None, demo: bool = False) -> int:
    """Open the main window on ``project``, the demo project, or the last project; run until it closes."""
    app = application()
    from app.gui import crash
    from app.gui.mainwindow import MainWindow

    crash.install()
    window = MainWindow()
    window.show()
    target: str | Path | None = project
    if demo and target is None:
        from app.demo import ensure_demo_project

        target = ensure_demo_project()
    if target is None:
        last = QSettings().value("project/last")
        target = str(last) if last else None
    if target is not None:
        window.open_project(target)
    return app.exec()
