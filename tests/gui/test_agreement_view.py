"""The Agreement view with real widgets: compute in the worker, read the table, step, adjudicate, undo."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor, QUndoStack  # noqa: E402

from app.gui.agreement import AgreementWindow  # noqa: E402
from app.gui.agreement.models import GOOD, POOR, CheckListModel  # noqa: E402

TEXT1 = "The minister spoke. Reform is needed now.\n\nCritics disagreed. They said no."
TEXT2 = "Second 😀 article: reform again, and more reform."


@pytest.fixture
def setup(project, add_text):
    d1, d2 = add_text(TEXT1, "One"), add_text(TEXT2, "Two")
    reform = project.codebook.add_path("Politics/Reform").id
    crit = project.codebook.add_path("Criticism").id
    a, b = project.coders.add("Ann").id, project.coders.add("Ben").id
    add = project.codings.add
    add(d1, reform, a, 20, 41); add(d1, reform, b, 20, 38)
    add(d1, crit, a, 43, 61); add(d1, crit, b, 43, 61)
    add(d2, reform, a, 18, 30); add(d2, reform, b, 41, 47)
    return {"docs": (d1, d2), "reform": reform, "crit": crit, "coders": (a, b)}


@pytest.fixture
def window(qtbot, project, setup):
    stack = QUndoStack()
    w = AgreementWindow(project, setup["coders"][0], stack)
    qtbot.addWidget(w)
    w.show()
    return w


def compute(qtbot, window):
    with qtbot.waitSignal(window.stats.modelReset, timeout=20_000):
        qtbot.mouseClick(window.compute, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.compute.isEnabled(), timeout=5000)


def cell(model, row, col, role=Qt.DisplayRole):
    return model.data(model.index(row, col), role)


def test_models_pass_the_model_tester(qtmodeltester, window, qtbot):
    qtmodeltester.check(window.coders)
    qtmodeltester.check(window.documents)
    compute(qtbot, window)
    qtmodeltester.check(window.stats)
    qtmodeltester.check(window.regions)
    standalone = CheckListModel([(1, "one"), (2, "two")], [2])
    qtmodeltester.check(standalone)
    assert standalone.checked() == [2]


def test_table_shows_every_statistic_coloured_and_na(qtbot, window, project, setup):
    compute(qtbot, window)
    stats = window.stats
    headers = [stats.headerData(c, Qt.Horizontal) for c in range(stats.columnCount())]
    assert headers == ["Code", "Units", "Coded: Ann", "Coded: Ben", "% agree", "Cohen κ", "Fleiss κ",
                       "Kripp. α", "α 95% CI", "Gwet AC1", "u-α"]
    assert stats.rowCount() == 3  # two codes and the overall row
    assert cell(stats, 0, 0) == "Politics/Reform" and cell(stats, 1, 0) == "Criticism"
    alpha_col = headers.index("Kripp. α")
    crit_alpha = cell(stats, 1, alpha_col, Qt.UserRole)
    assert crit_alpha == pytest.approx(1.0) and cell(stats, 1, alpha_col, Qt.BackgroundRole) == GOOD
    reform_alpha = cell(stats, 0, alpha_col, Qt.UserRole)
    assert reform_alpha < 0.667 and cell(stats, 0, alpha_col, Qt.BackgroundRole) == POOR
    assert cell(stats, 0, headers.index("α 95% CI")) == "n/a"  # no bootstrap asked for
    json_alpha = project.agreement.report(["Ann", "Ben"]).report.to_json()["codes"][0]["krippendorff_alpha"]
    assert cell(stats, 0, alpha_col) == f"{json_alpha:.3f}"


def test_drill_down_steps_through_disagreements_across_documents(qtbot, window, setup):
    d1, d2 = setup["docs"]
    compute(qtbot, window)
    window.table.selectRow(0)  # Politics/Reform
    regions = window.regions.rows
    assert [(r.document, r.start, r.end, r.coded_by) for r in regions] == [
        (d1, 38, 41, ("Ann",)), (d2, 18, 30, ("Ann",)), (d2, 41, 47, ("Ben",))]
    assert window.compare.names == ["Ann", "Ben"]
    ann, ben = window.compare.panes
    assert ann.edit.toPlainText() == TEXT1 == ben.edit.toPlainText()
    qtbot.keyClick(window, Qt.Key_F8)
    assert window.current_region().document == d2
    # The emoji takes two UTF-16 units: the panes' cursor sits at the region's UTF-16 position.
    assert ann.edit.textCursor().position() == 18 + 1
    qtbot.mouseClick(window.next_button, Qt.LeftButton)
    assert window.current_region().start == 41
    qtbot.mouseClick(window.next_button, Qt.LeftButton)  # wraps around
    assert window.current_region().document == d1


def test_adjudication_writes_consensus_and_undo_restores_the_database(qtbot, window, project, setup):
    d1, d2 = setup["docs"]
    reform = setup["reform"]
    compute(qtbot, window)
    window.table.selectRow(0)
    qtbot.mouseClick(window.accept_a, Qt.LeftButton)
    consensus = [c for c in project.coders.list() if c.consensus]
    assert [c.name for c in consensus] == ["Consensus"]
    cid = consensus[0].id
    assert [(c.start, c.end, c.code_id) for c in project.codings.for_document(d1, [cid])] == [(20, 41, reform)]
    assert window.compare.names == ["Ann", "Ben", "Consensus"]  # the consensus pane appears

    qtbot.mouseClick(window.accept_b, Qt.LeftButton)  # replaces, not adds
    assert [(c.start, c.end) for c in project.codings.for_document(d1, [cid])] == [(20, 38)]

    window.step(1)  # d2: accept an edited span selected in Ben's pane
    pane = window.compare.panes[1].edit
    cursor = pane.textCursor()
    cursor.setPosition(19)  # after the emoji (2 UTF-16 units): code point 18
    cursor.setPosition(25, QTextCursor.KeepAnchor)
    pane.setTextCursor(cursor)
    qtbot.mouseClick(window.accept_edit, Qt.LeftButton)
    assert [(c.start, c.end) for c in project.codings.for_document(d2, [cid])] == [(18, 24)]
    assert TEXT2[18:24] == "reform"

    stack = window.undo_stack
    assert stack.count() == 3
    stack.undo()
    assert project.codings.for_document(d2, [cid]) == []
    stack.undo()
    assert [(c.start, c.end) for c in project.codings.for_document(d1, [cid])] == [(20, 41)]
    stack.undo()
    assert project.codings.for_document(d1, [cid]) == []
    stack.redo()
    assert [(c.start, c.end) for c in project.codings.for_document(d1, [cid])] == [(20, 41)]


def test_no_qualifying_documents_is_reported_not_raised(qtbot, project, add_text):
    project.coders.add("X"); project.coders.add("Y")
    add_text("Nobody coded this.", "Lonely")
    w = AgreementWindow(project, None, QUndoStack())
    qtbot.addWidget(w)
    qtbot.mouseClick(w.compute, Qt.LeftButton)
    assert "no document is marked done or coded by all of X, Y" in w.status.text()
    assert w.compute.isEnabled() and w.stats.rowCount() == 0


def test_cancel_stops_the_computation_and_says_so(qtbot, window):
    window.bootstrap.setValue(window.bootstrap.maximum())  # long enough to cancel midway
    window.start()
    window._cancel()
    qtbot.waitUntil(lambda: window.compute.isEnabled(), timeout=20_000)
    assert window.status.text() == "Cancelled."
    assert window.result is None
