"""Drive the real window: select, code by shortcut and quick code, undo, redo, merge, blind mode, done."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.core.records import DocStatus
from app.gui.workspace import ViewMode


def select(window, needle: str) -> tuple[int, int]:
    """Select ``needle`` in the reader the way Qt finds it; return its code-point span in the stored text."""
    reader = window.view.reader
    cursor = reader.document().find(needle)
    assert not cursor.isNull(), needle
    reader.setTextCursor(cursor)
    start = window.view.text.index(needle)
    return start, start + len(needle)


def db_segments(window, **kw):
    return window.project.codings.segments(**kw)


def test_code_by_shortcut_undo_redo(window, qtbot):
    view = window.view
    social = window.project.codebook.by_path("Social justice")
    span = select(window, "principle of social justice")
    qtbot.keyClick(view.reader, Qt.Key_1)
    segs = db_segments(window)
    assert [(s.code_path, s.start, s.end, s.text, s.coder) for s in segs] == [
        ("Social justice", *span, "principle of social justice", "Aigerim")]
    assert [h.code_id for h in view.reader.index.items] == [social.id]
    assert view.codebook.model._doc_counts == {social.id: 1}
    row = view.documents.model.row_of(view.doc_id)
    assert view.documents.model.index(row, 5).data() == 1

    qtbot.keyClick(view.reader, Qt.Key_Z, Qt.ControlModifier)
    assert db_segments(window) == []
    assert len(view.reader.index) == 0
    assert view.documents.model.index(row, 5).data() == 0

    qtbot.keyClick(view.reader, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    again = db_segments(window)
    assert [(s.id, s.start, s.end) for s in again] == [(segs[0].id, *span)]
    assert len(view.reader.index) == 1


def test_quick_code_by_typing(window, qtbot):
    span = select(window, "institutional modernization")

    def answer():
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "quickCodeDialog"
        qtbot.keyClicks(dialog.search, "instit")
        qtbot.keyClick(dialog.search, Qt.Key_Return)

    QTimer.singleShot(50, answer)
    qtbot.keyClick(window.view.reader, Qt.Key_K, Qt.ControlModifier)
    segs = db_segments(window)
    assert [(s.code_path, s.start, s.end, s.text) for s in segs] == [
        ("Modernization/Institutional reform", *span, "institutional modernization")]


def test_in_vivo_makes_a_code_and_one_undo_removes_both(window, qtbot):
    select(window, "Listening State")
    qtbot.keyClick(window.view.reader, Qt.Key_K, Qt.ControlModifier | Qt.ShiftModifier)
    code = window.project.codebook.by_path("Listening State")
    assert [(s.code_id, s.text) for s in db_segments(window)] == [(code.id, "Listening State")]
    window.ws.undo_stack.undo()
    assert db_segments(window) == []
    assert "Listening State" not in [c.path for c in window.project.codebook.list()]
    window.ws.undo_stack.redo()
    assert [s.text for s in db_segments(window)] == ["Listening State"]


def test_merge_and_undo_merge(window, qtbot):
    p = window.project
    social = p.codebook.by_path("Social justice").id
    unity = p.codebook.by_path("Unity of the people").id
    select(window, "social justice")
    qtbot.keyClick(window.view.reader, Qt.Key_1)
    select(window, "preserve the unity of the people")
    qtbot.keyClick(window.view.reader, Qt.Key_5)
    assert window.codebook_actions.merge(unity, social)
    assert {s.code_path for s in db_segments(window)} == {"Social justice"}
    assert "Unity of the people" not in [c.path for c in p.codebook.list()]
    assert window.view.codebook.model.index_of(unity).isValid() is False
    assert window.view.codebook.model._doc_counts[social] == 2
    window.ws.undo_stack.undo()
    assert sorted(s.code_path for s in db_segments(window)) == ["Social justice", "Unity of the people"]
    assert p.codebook.get(unity).shortcut == "5"
    assert window.view.codebook.model.index_of(unity).isValid()
    assert {h.code_path for h in window.view.reader.index.items} == {"Social justice", "Unity of the people"}


def test_blind_mode_hides_other_coders(window, qtbot):
    p = window.project
    daniyar = p.coders.by_name("Daniyar").id
    aigerim = window.ws.coder_id
    select(window, "social justice")
    qtbot.keyClick(window.view.reader, Qt.Key_1)
    window.switch_coder(daniyar)
    assert window.ws.coder_name == "Daniyar"
    assert "Daniyar" in window.coder_label.text()
    # Blind: Aigerim's coding is neither drawn nor counted anywhere.
    assert len(window.view.reader.index) == 0
    assert window.view.codebook.model._doc_counts == {}
    assert window.view.codebook.model._all_counts == {}
    row = window.view.documents.model.row_of(window.view.doc_id)
    assert window.view.documents.model.index(row, 5).data() == 0
    window.view.codebook.select(p.codebook.by_path("Social justice").id)
    assert window.view.segments.model.rowCount() == 0
    # Daniyar codes the same words; still only his own is shown.
    select(window, "social justice")
    qtbot.keyClick(window.view.reader, Qt.Key_1)
    assert [h.coder for h in window.view.reader.index.items] == ["Daniyar"]
    assert window.view.segments.model.rowCount() == 1
    assert {s.coder for s in db_segments(window)} == {"Aigerim", "Daniyar"}
    # All coders: both, each in its own line style.
    window.set_view(ViewMode.ALL)
    items = window.view.reader.index.items
    assert sorted(h.coder for h in items) == ["Aigerim", "Daniyar"]
    assert len({h.style for h in items}) == 2
    assert window.view.codebook.model._doc_counts[p.codebook.by_path("Social justice").id] == 2
    assert window.view.segments.model.rowCount() == 2
    window.set_view(ViewMode.CHOSEN, {aigerim})
    assert len(window.view.reader.index) == 2


def test_mark_done_shows_progress(window, qtbot):
    doc = window.view.doc_id
    qtbot.keyClick(window.view.reader, Qt.Key_D, Qt.ControlModifier)
    assert window.project.documents.status(doc, window.ws.coder_id) is DocStatus.DONE
    assert "1 of 4 documents done" in window.view.documents.progress.text()
    row = window.view.documents.model.row_of(doc)
    assert window.view.documents.model.index(row, 4).data() == "●"
    window.ws.undo_stack.undo()
    assert window.project.documents.status(doc, window.ws.coder_id) is not DocStatus.DONE
    assert "0 of 4" in window.view.documents.progress.text()


def test_next_document_and_segment_click_opens_document(window, qtbot):
    first = window.view.doc_id
    qtbot.keyClick(window.view.reader, Qt.Key_PageDown, Qt.ControlModifier)
    second = window.view.doc_id
    assert second != first
    qtbot.keyClick(window.view.reader, Qt.Key_PageUp, Qt.ControlModifier)
    assert window.view.doc_id == first
    span = select(window, "social justice")
    qtbot.keyClick(window.view.reader, Qt.Key_1)
    window.view.documents.select(second)
    assert window.view.doc_id == second
    window.view.codebook.select(window.project.codebook.by_path("Social justice").id)
    segments = window.view.segments
    assert segments.model.rowCount() == 1
    segments.view.clicked.emit(segments.proxy.index(0, 3))
    assert window.view.doc_id == first
    assert window.view.reader.selection_cp() == span


def test_codebook_edits_are_undoable(window, monkeypatch):
    from app.gui import commands as cmd

    shown = []
    monkeypatch.setattr("app.gui.mainwindow.QMessageBox.warning", lambda *args: shown.append(args[2]))

    ws, p = window.ws, window.project
    code = p.codebook.by_path("Political neutrality").id
    parent = p.codebook.by_path("Modernization").id
    assert ws.run(cmd.RenameCode(ws, code, "Neutrality"))
    assert ws.run(cmd.RecolorCode(ws, code, "#123456"))
    assert ws.run(cmd.MoveCode(ws, code, parent, 0))
    assert p.codebook.get(code).path == "Modernization/Neutrality"
    assert window.view.codebook.model.index_of(code).parent().data() == "Modernization"
    for _ in range(3):
        ws.undo_stack.undo()
    info = p.codebook.get(code)
    assert (info.path, info.color) == ("Political neutrality", "#4477aa")
    # Deleting a code with codings removes them; undo brings back the same rows.
    select(window, "social justice")
    window.view.apply_code(p.codebook.by_path("Social justice").id)
    before = db_segments(window)
    social = p.codebook.by_path("Social justice").id
    assert ws.run(cmd.DeleteCode(ws, social))
    assert db_segments(window) == [] and len(window.view.reader.index) == 0
    ws.undo_stack.undo()
    assert db_segments(window) == before
    # A refused edit reports and pushes nothing.
    errors = []
    ws.error.connect(errors.append)
    depth = ws.undo_stack.count()
    assert not ws.run(cmd.RenameCode(ws, code, "Social justice"))
    assert errors and ws.undo_stack.count() == depth
    assert shown == errors and "already exists" in shown[0]
