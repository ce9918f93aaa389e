"""Start the desktop app: ``quotecoder gui [PROJECT] [--demo]`` and ``make run`` end here."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.gui.icons import icon
from app.gui.theme import apply_theme, follow_system


# PySide6 6.12.0 drops one reference to None each time Python calls a C++ method returning void
# (and to True in a few other calls). Python 3.12+ makes None immortal, so only 3.11 notices: after
# a few thousand calls None's count reaches zero and the interpreter aborts ("none_dealloc").
# Until that release is excluded, hold enough spare references that a long session never gets there.
_BALLAST: list[tuple] = []


def _guard_against_pyside_refcount_leak() -> None:
    import PySide6

    if _BALLAST or sys.version_info >= (3, 12) or not PySide6.__version__.startswith("6.12.0"):
        return
    import ctypes

    for spare in ((None,) * 4_000_000, (True,) * 1_000_000, (False,) * 1_000_000):
        # One extra reference of our own: the spares must outlive interpreter shutdown too, where
        # freeing them would hand back the references PySide took and abort all the same.
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(spare))
        _BALLAST.append(spare)


def application() -> QApplication:
    """The QApplication, created once, with names (for QSettings), icon and theme."""
    _guard_against_pyside_refcount_leak()
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
    from app.gui.mainwindow import MainWindow

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
