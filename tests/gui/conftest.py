"""GUI fixtures: real widgets on the offscreen platform, settings kept in a temporary folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.core.importers import ImportedDocument
from app.project import Project


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    """QSettings in a temporary INI file, so tests never read or write the user's settings."""
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    from app.gui.launch import application

    application()
    QSettings().clear()
    yield
    QSettings().clear()
    _close_top_level_widgets()


def _close_top_level_widgets() -> None:
    """Close what a test left open (dialogs, tool windows): a stray active window would
    swallow the next test's keyboard shortcuts, which only reach the active window."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
    QCoreApplication.processEvents()


@pytest.fixture
def demo_path(tmp_path):
    from app.demo import ensure_demo_project

    return ensure_demo_project(tmp_path / "demo.qcp")


@pytest.fixture
def window(qtbot, demo_path):
    """The main window on the demo project, coding as Aigerim."""
    from app.gui.mainwindow import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    with Project.open(demo_path) as p:
        aigerim = p.coders.by_name("Aigerim").id
    assert w.open_project(demo_path, coder_id=aigerim)

    def active() -> bool:
        w.raise_()
        w.activateWindow()
        return QApplication.activeWindow() is w

    # Keyboard shortcuts reach only the active window; activation can take a few event rounds.
    qtbot.waitUntil(active, timeout=3000)
    yield w
    w.close()


def add_document(path, text: str, title: str) -> int:
    with Project.open(path) as p:
        return p.documents.add(ImportedDocument(text=text, title=title, importer="test", source_name=title,
                                                file_hash=title)).id


from pg_cluster import pg_cluster, team_db  # noqa: E402,F401  (private PostgreSQL for Team › Coders…)
