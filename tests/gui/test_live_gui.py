"""Live updates in the window: what another Project object (another coder, another window) commits shows up.

The other side is a second, independent Project on the same SQLite file or PostgreSQL
database; the window must pick its edit up by itself (timer or socket notifier).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from sqlalchemy import text

from app.core.importers import ImportedDocument
from app.core.records import DocStatus
from app.gui.mainwindow import MainWindow
from app.gui.workspace import ViewMode
from app.project import Project

WAIT_MS = 3000
TEXT = "The minister said the reform was overdue. Critics said it came too late."


def _open_window(qtbot, target: str, coder_id: int) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.open_project(target, coder_id=coder_id)
    return w


def _shown_coding_ids(w: MainWindow) -> set[int]:
    return {h.id for h in w.view.reader.index.items}


def _code_name(w: MainWindow, code_id: int) -> str:
    return w.view.codebook.model.index_of(code_id).data()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def shared(request, tmp_path: Path):
    """(target, the other side's Project, doc, code, aigerim, bob) on one SQLite file or one PG database."""
    target = str(tmp_path / "shared.qcp") if request.param == "sqlite" else request.getfixturevalue("pg_database")
    other = Project.create(target)
    doc = other.documents.add(ImportedDocument(text=TEXT, title="Speech", importer="test", source_name="s.txt",
                                               file_hash="1" * 64)).id
    code = other.codebook.add("Reform").id
    aigerim, bob = other.coders.add("Aigerim").id, other.coders.add("Bob").id
    yield target, other, doc, code, aigerim, bob
    other.close()


def test_another_coders_coding_appears_when_the_view_shows_that_coder(qtbot, shared):
    target, other, doc, code, aigerim, bob = shared
    w = _open_window(qtbot, target, aigerim)
    assert w.view.doc_id == doc
    hidden = other.codings.add(doc, code, bob, 4, 12).id  # Bob's, while Aigerim sees only her own
    mine = other.codings.add(doc, code, aigerim, 18, 24).id  # Aigerim's, from another window
    qtbot.waitUntil(lambda: mine in _shown_coding_ids(w), timeout=WAIT_MS)
    assert hidden not in _shown_coding_ids(w)
    w.set_view(ViewMode.ALL)
    assert hidden in _shown_coding_ids(w)
    later = other.codings.add(doc, code, bob, 42, 49).id
    qtbot.waitUntil(lambda: later in _shown_coding_ids(w), timeout=WAIT_MS)
    other.codings.delete(later)
    qtbot.waitUntil(lambda: later not in _shown_coding_ids(w), timeout=WAIT_MS)
    w.close()


def test_a_renamed_code_is_renamed_and_a_document_marked_done_is_marked(qtbot, shared):
    target, other, doc, code, aigerim, _bob = shared
    w = _open_window(qtbot, target, aigerim)
    other.codebook.rename(code, "Reform agenda")
    qtbot.waitUntil(lambda: _code_name(w, code) == "Reform agenda", timeout=WAIT_MS)
    other.documents.set_status(doc, aigerim, DocStatus.DONE)
    qtbot.waitUntil(lambda: w.view.documents.model.status_of(doc) is DocStatus.DONE, timeout=WAIT_MS)
    assert "1 of 1 documents done" in w.view.documents.progress.text()
    w.close()


def test_two_windows_on_one_project_see_each_others_edits(qtbot, shared):
    target, _other, doc, code, aigerim, bob = shared
    a = _open_window(qtbot, target, aigerim)
    b = _open_window(qtbot, target, bob)
    b.set_view(ViewMode.ALL)
    a.view.apply_code(code, (0, 12))
    new = a.project.codings.for_document(doc, [aigerim])[0].id
    qtbot.waitUntil(lambda: new in _shown_coding_ids(b), timeout=WAIT_MS)
    a.close()
    b.close()


@pytest.mark.pg
def test_a_dropped_connection_shows_in_the_status_bar_and_is_retried(qtbot, pg_database):
    project = Project.create(pg_database)
    aigerim = project.coders.add("Aigerim").id
    code = project.codebook.add("Reform").id
    w = _open_window(qtbot, pg_database, aigerim)
    live = w.team.live_label
    assert not live.isVisible()
    with project.db.engine.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND application_name = 'quotecoder live'"))
    qtbot.waitUntil(lambda: live.isVisible() and "lost" in live.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not live.isVisible(), timeout=WAIT_MS)
    project.codebook.rename(code, "Heard again")  # heard on the new connection
    qtbot.waitUntil(lambda: _code_name(w, code) == "Heard again", timeout=WAIT_MS)
    w.close()
    project.close()


@pytest.mark.pg
def test_open_team_project_remembers_everything_but_the_password(qtbot, pg_database, monkeypatch):
    from app.gui.dialogs.team_open import recent_team_projects
    from sqlalchemy.engine import make_url

    Project.create(pg_database).close()
    url = make_url(pg_database)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()

    def fill() -> None:
        d = w.team.dialog
        d.host.setText(url.host)
        d.port.setValue(url.port or 5432)
        d.database.setText(url.database)
        d.user.setText(url.username)
        d.password.setText("s3cret-not-kept")
        d.accept()

    # A plain (not yet team) PostgreSQL project asks who is coding: the real dialog, answered with a new name.
    from app.gui.dialogs.coder_chooser import CoderChooserDialog

    def choose(dialog) -> int:
        dialog.new.setText("Aigerim")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CoderChooserDialog, "exec", choose)
    QTimer.singleShot(0, fill)
    assert w.team.open_dialog() is True and w.project is not None
    assert w.ws.coder_name == "Aigerim"
    label = w.team.team_label
    assert label.isVisible() and label.text() == f"Team: {url.database}@{url.host} · {url.username}"
    settings = QSettings()
    assert settings.value("team/database") == url.database and settings.value("team/user") == url.username
    assert recent_team_projects() == [f"postgresql://{url.username}@{url.host}:{url.port or 5432}/{url.database}"]
    assert "s3cret" not in str(settings.value("project/last"))
    settings.sync()
    assert "s3cret" not in Path(settings.fileName()).read_text()
    w.close()
