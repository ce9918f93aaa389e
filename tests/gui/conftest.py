"""GUI fixtures: real widgets on the offscreen platform, settings kept in a temporary folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings

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
    w.activateWindow()
    yield w
    w.close()


def add_document(path, text: str, title: str) -> int:
    with Project.open(path) as p:
        return p.documents.add(ImportedDocument(text=text, title=title, importer="test", source_name=title,
                                                file_hash=title)).id
