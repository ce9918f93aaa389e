"""Start the desktop app: ``quotecoder gui [PROJECT] [--demo]`` and ``make run`` end here."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
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


def launch(project: str | Path | None = None, demo: bool = False, quit_after_show: bool = False,
           coder: str | None = None) -> int:
    """Open the main window on ``project``, the demo project, or the last project; run until it closes.

    The window is shown first and the project opened right after, from the event loop,
    so the user sees the app at once. ``coder`` codes as that coder without asking
    (created if new). ``quit_after_show`` quits once the project is on
    screen (``quotecoder gui --quit-after-show``, for measuring start-up).
    """
    app = application()
    from app.gui import crash
    from app.gui.mainwindow import MainWindow

    crash.install()
    window = MainWindow()
    window.show()
    target: str | Path | None = project
    if demo and target is None:
        from app.demo import demo_path

        target = demo_path()
    remembered = False
    if target is None:
        last = QSettings().value("project/last")
        target = str(last) if last else None
        remembered = target is not None

    def open_target() -> None:
        if target is not None:
            if demo and not Path(target).exists():
                from app.demo import ensure_demo_project

                ensure_demo_project(Path(target))
            if remembered and coder is None:
                window.team.reopen(str(target))  # a team project asks for its password again
            else:
                window.open_project(target, coder_name=coder)
        if quit_after_show:
            QTimer.singleShot(0, window.close)

    QTimer.singleShot(0, open_target)
    return app.exec()
