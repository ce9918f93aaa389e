"""Faults seen from the window: a refused edit shows a dialog, is not shown as done, and the undo stack
stays true to the data."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

import app.storage.database as database
from tests.gui.test_workflow import db_segments, select


@pytest.fixture
def dialogs(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr("app.gui.mainwindow.QMessageBox.warning", lambda *args: shown.append(args[2]))
    return shown


class Lock:
    """Another program holding the project's write lock (as a sync tool or a second app would)."""

    def __init__(self, window, monkeypatch):
        monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
        window.project.db.engine.dispose()  # new connections pick up the short timeout
        self.path = window.project.db.path
        self.conn = None

    def __enter__(self):
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        self.conn.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, *exc):
        self.conn.rollback()
        self.conn.close()
        self.conn = None


def test_a_locked_project_refuses_a_coding_with_a_dialog_and_pushes_nothing(window, qtbot, dialogs, monkeypatch):
    view = window.view
    select(window, "principle of social justice")
    with Lock(window, monkeypatch):
        qtbot.keyClick(view.reader, Qt.Key_1)
    assert db_segments(window) == []
    assert len(dialogs) == 1 and "locked by another program" in dialogs[0]
    assert window.ws.undo_stack.count() == 0 and not window.actions["undo"].isEnabled()
    assert len(view.reader.index) == 0


def test_a_failed_undo_keeps_the_edit_done_and_a_later_redo_adds_no_duplicate(window, qtbot, dialogs, monkeypatch):
    view, stack = window.view, window.ws.undo_stack
    select(window, "principle of social justice")
    qtbot.keyClick(view.reader, Qt.Key_1)
    assert len(db_segments(window)) == 1
    lock = Lock(window, monkeypatch)
    with lock:
        window.actions["undo"].trigger()
    assert "Could not undo" in dialogs[-1] and "still in place" in dialogs[-1]
    assert len(db_segments(window)) == 1
    assert (stack.index(), stack.canUndo(), stack.canRedo()) == (1, True, False)

    window.actions["undo"].trigger()  # the lock is gone: now it undoes
    assert db_segments(window) == [] and len(view.reader.index) == 0
    with lock:
        window.actions["redo"].trigger()
    assert "Could not redo" in dialogs[-1] and "Nothing was changed" in dialogs[-1]
    assert db_segments(window) == [] and (stack.index(), stack.canRedo()) == (0, True)

    window.actions["redo"].trigger()
    window.actions["undo"].trigger()
    window.actions["redo"].trigger()
    assert len(db_segments(window)) == 1 and len(view.reader.index) == 1
    assert len(dialogs) == 2


def edit_code_macro(ws, code):
    from app.gui import commands as cmd

    ws.undo_stack.beginMacro("Edit code")
    ws.run(cmd.RenameCode(ws, code, "Neutrality"))
    ws.run(cmd.RecolorCode(ws, code, "#123456"))
    ws.undo_stack.endMacro()


def test_a_refused_part_of_a_macro_undo_leaves_every_part_done(window, demo_path, dialogs):
    from app.project import Project

    ws, p = window.ws, window.project
    code = p.codebook.by_path("Political neutrality").id
    edit_code_macro(ws, code)
    with Project.open(demo_path) as other:  # another coder takes the old name meanwhile
        other.codebook.add("Political neutrality")
    window.actions["undo"].trigger()  # the recolour undoes, the rename back is refused
    info = p.codebook.get(code)
    assert (info.name, info.color) == ("Neutrality", "#123456")  # the recolour was stepped forward again
    assert ws.undo_stack.index() == 1 and "already exists" in dialogs[-1] and "still in place" in dialogs[-1]


def test_when_not_even_the_way_back_works_the_history_is_cleared(window, monkeypatch, dialogs):
    ws, p = window.ws, window.project
    code = p.codebook.by_path("Political neutrality").id
    edit_code_macro(ws, code)
    lock = Lock(window, monkeypatch)
    ws.changed.connect(lambda _changes: lock.conn is None and lock.__enter__())  # locked after the first step
    try:
        window.actions["undo"].trigger()
    finally:
        lock.__exit__()
    info = p.codebook.get(code)
    assert (info.name, info.color) == ("Neutrality", "#4477aa")
    assert ws.undo_stack.count() == 0 and "history was cleared" in dialogs[-1]


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_shows_a_dialog_with_details_and_is_logged(window, qtbot, tmp_path, monkeypatch):
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.gui import crash

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    crash.install()

    def broken_slot():
        raise ZeroDivisionError("the bug in a slot")

    QTimer.singleShot(0, broken_slot)

    def boxes():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]

    qtbot.waitUntil(lambda: len(boxes()) == 1)
    box = boxes()[0]
    assert box.text() == "Something went wrong; your work up to the last edit is saved."
    assert "ZeroDivisionError: the bug in a slot" in box.detailedText() and "broken_slot" in box.detailedText()
    log = tmp_path / "state" / "Quotecoder" / "log" / "quotecoder.log"
    assert str(log) in box.informativeText()
    assert "ZeroDivisionError: the bug in a slot" in log.read_text(encoding="utf-8")
    box.close()
    assert window.isVisible()  # the app lives on


def test_a_read_only_project_opens_with_a_banner_and_refuses_edits(qtbot, demo_path, dialogs):
    from PySide6.QtWidgets import QLabel, QToolBar

    from app.gui.mainwindow import MainWindow
    from app.project import Project
    from tests.faults.conftest import read_only_folder

    with Project.open(demo_path) as p:
        aigerim = p.coders.by_name("Aigerim").id
    with read_only_folder(demo_path.parent) as folder:
        w = MainWindow()
        qtbot.addWidget(w)
        w.show()
        assert w.open_project(folder / demo_path.name, coder_id=aigerim)
        banner = w.findChild(QToolBar, "readOnlyBanner")
        assert banner is not None
        qtbot.waitUntil(banner.isVisible)
        assert "edits are off" in w.findChild(QLabel, "readOnlyText").text()
        assert w.view.documents.model.rowCount() > 0
        select(w, "principle of social justice")
        w.view.apply_code(w.project.codebook.by_path("Social justice").id)
        assert db_segments(w) == [] and w.ws.undo_stack.count() == 0
        assert len(dialogs) == 1 and "edits are off" in dialogs[0]
        w.close_project()
        qtbot.waitUntil(lambda: w.findChild(QToolBar, "readOnlyBanner") is None)
        w.close()


def test_opening_backs_up_and_restore_backup_puts_the_copy_back(window, demo_path, qtbot, monkeypatch):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDialog

    from app.gui.dialogs.restore_backup import RestoreBackupDialog
    from app.project.backups import list_backups

    [backup] = list_backups(demo_path)  # made when the window opened the project
    select(window, "principle of social justice")
    window.view.apply_code(window.project.codebook.by_path("Social justice").id)
    assert len(db_segments(window)) == 1

    seen = {}

    def choose_first(dialog):
        seen["rows"] = dialog.model.rowCount()
        dialog.list.setCurrentIndex(dialog.model.index(0, 0))
        assert dialog.restore_button.isEnabled()
        return QDialog.Accepted

    monkeypatch.setattr(RestoreBackupDialog, "exec", choose_first)
    window.actions["restore_backup"].trigger()
    assert seen["rows"] == 1
    assert window.project is not None and db_segments(window) == []  # reopened on the restored copy
    assert "Restored the backup" in window.statusBar().currentMessage()
    assert [b.path for b in list_backups(demo_path)][1] == backup.path  # the state before restoring was kept

    QSettings().setValue("backups/keep", 0)
    window.backups.on_open(window.project)
    assert len(list_backups(demo_path)) == 2  # off: nothing new, nothing pruned


def test_undoing_delete_code_in_the_window_brings_back_its_memo(window, dialogs):
    from app.gui import commands as cmd

    ws, p = window.ws, window.project
    social = p.codebook.by_path("Social justice").id
    memo = p.memos.add("code", social, "Appeals to fairness and equal shares.", title="Definition").id
    assert ws.run(cmd.DeleteCode(ws, social))
    assert p.memos.list("code", social) == []
    window.actions["undo"].trigger()
    assert [(m.id, m.text) for m in p.memos.list("code", social)] == [(memo, "Appeals to fairness and equal shares.")]
    assert window.view.codebook.model.index_of(social).isValid() and dialogs == []
