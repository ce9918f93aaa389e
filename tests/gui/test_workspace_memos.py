"""Memos, history and document delete, driven through the real window (offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton


def _answer_modal(qtbot, fill):
    """Run ``fill(dialog)`` on the next modal dialog once it is up."""
    def later():
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        fill(dialog)

    QTimer.singleShot(80, later)


def _type_and_save(qtbot, text):
    def fill(dialog):
        dialog.text.setPlainText("")
        qtbot.keyClicks(dialog.text, text)
        dialog.accept()
    return fill


def test_document_memo_from_the_menu_is_saved_shown_and_undoable(window, qtbot, qtmodeltester):
    p = window.project
    doc = window.view.doc_id
    _answer_modal(qtbot, _type_and_save(qtbot, "Check the date against the archive."))
    window.actions["document_memo"].trigger()
    memos = p.memos.list("document", doc)
    assert [(m.text, m.author) for m in memos] == [("Check the date against the archive.", "Aigerim")]

    panel = window.tools.panel
    qtmodeltester.check(panel.model)
    window.tools.dock.show()
    assert panel.select("document", memos[0].id)
    assert panel.editor.toPlainText() == "Check the date against the archive."
    assert "Aigerim" in panel.about.text() and "created" in panel.about.text()

    # Editing again goes through the same dialog; the old text is shown first.
    def edit(dialog):
        assert dialog.text.toPlainText() == "Check the date against the archive."
        dialog.text.setPlainText("Date checked.")
        dialog.accept()

    _answer_modal(qtbot, edit)
    window.actions["document_memo"].trigger()
    assert [m.text for m in p.memos.list("document", doc)] == ["Date checked."]
    window.actions["undo"].trigger()
    assert [m.text for m in p.memos.list("document", doc)] == ["Check the date against the archive."]
    window.actions["undo"].trigger()
    assert p.memos.list("document", doc) == []
    assert panel.model.row_of("document", memos[0].id) is None
    window.actions["redo"].trigger()
    assert [m.id for m in p.memos.list("document", doc)] == [memos[0].id]


def test_project_memo_in_the_panel_save_and_delete_with_undo(window, qtbot):
    p = window.project
    panel = window.tools.panel
    window.tools.dock.show()
    qtbot.mouseClick(panel.new_button, Qt.LeftButton)
    qtbot.keyClicks(panel.editor, "Code speeches before articles.")
    qtbot.mouseClick(panel.save_button, Qt.LeftButton)
    project_memos = p.memos.list("project")
    assert [(m.text, m.author) for m in project_memos] == [("Code speeches before articles.", "Aigerim")]
    assert panel.current().id == project_memos[0].id
    panel.editor.setPlainText("Code speeches first.")
    qtbot.mouseClick(panel.save_button, Qt.LeftButton)
    assert p.memos.get(project_memos[0].id).text == "Code speeches first."
    qtbot.mouseClick(panel.delete_button, Qt.LeftButton)
    assert p.memos.list("project") == []
    window.actions["undo"].trigger()
    assert p.memos.get(project_memos[0].id).text == "Code speeches first."


def test_code_memo_lives_in_the_code_editor(window, qtbot):
    p = window.project
    code = p.codebook.by_path("Social justice")

    def fill(dialog):
        assert dialog.memo.toPlainText() == ""
        qtbot.keyClicks(dialog.memo, "Irony counts too.")
        dialog.accept()

    _answer_modal(qtbot, fill)
    window.codebook_actions.edit_code(code.id)
    assert [m.text for m in p.memos.list("code", code.id)] == ["Irony counts too."]
    assert p.codebook.get(code.id).name == "Social justice"  # nothing else changed

    def check(dialog):
        assert dialog.memo.toPlainText() == "Irony counts too."
        dialog.reject()

    _answer_modal(qtbot, check)
    window.codebook_actions.edit_code(code.id)
    window.actions["undo"].trigger()
    assert p.memos.list("code", code.id) == []


def test_coding_memo_from_its_menu_shows_on_hover_and_in_the_panel(window, qtbot):
    from tests.gui.test_workflow import select

    view = window.view
    select(window, "principle of social justice")
    qtbot.keyClick(view.reader, Qt.Key_1)
    coding = window.project.codings.segments()[0].id
    _answer_modal(qtbot, _type_and_save(qtbot, "A slogan."))
    window.coding_menu.edit_memo(coding)
    assert window.project.codings.get(coding).memo == "A slogan."
    hit = next(h for h in view.reader.index.items if h.id == coding)
    assert hit.memo == "A slogan."
    panel = window.tools.panel
    row = panel.model.row_of("coding", coding)
    assert row is not None and panel.model.index(row, 2).data() == "Aigerim"
    window.actions["undo"].trigger()
    assert window.project.codings.get(coding).memo == ""


def test_history_window_filters_by_coder_document_and_action(window, qtbot, qtmodeltester):
    from tests.gui.test_workflow import select

    view = window.view
    doc = view.doc_id
    select(window, "principle of social justice")
    qtbot.keyClick(view.reader, Qt.Key_1)
    window.actions["history"].trigger()
    history = window.tools.history
    qtbot.waitExposed(history)
    qtmodeltester.check(history.model)
    assert history.model.rowCount() >= 2
    history.coder.setCurrentIndex(history.coder.findText("Aigerim"))
    assert {e.coder for e in history.model.entries} == {"Aigerim"}
    assert history.model.index(0, 2).data() == "add" and history.model.index(0, 3).data() == "coding"
    history.action.setCurrentIndex(history.action.findText("import"))
    assert history.model.rowCount() == 0  # Aigerim imported nothing
    history.coder.setCurrentIndex(0)
    assert history.model.rowCount() > 0 and {e.action for e in history.model.entries} == {"import"}
    history.action.setCurrentIndex(0)
    history.document.setCurrentIndex(history.document.findData(doc))
    rows = history.model.entries
    assert rows and all(e.entity_id == doc or f'"document_id": {doc}' in e.detail for e in rows)
    # It follows new edits while open.
    before = history.model.rowCount()
    window.actions["undo"].trigger()
    assert history.model.rowCount() == before + 1 and history.model.entries[0].action == "delete"


def test_delete_document_confirms_with_counts_and_undo_brings_it_back(window, qtbot):
    from tests.gui.test_workflow import select

    p = window.project
    view = window.view
    doc = view.doc_id
    title = p.documents.get(doc).title
    select(window, "principle of social justice")
    qtbot.keyClick(view.reader, Qt.Key_1)
    n_docs = len(p.documents.list())

    def cancel(box):
        assert "1 coding" in box.text() and "1 by Aigerim" in box.text()
        box.button(QMessageBox.Cancel).click()

    _answer_modal(qtbot, cancel)
    window.actions["delete_document"].trigger()
    assert len(p.documents.list()) == n_docs

    def confirm(box):
        next(b for b in box.findChildren(QPushButton) if b.text() == "Delete").click()

    _answer_modal(qtbot, confirm)
    window.actions["delete_document"].trigger()
    assert doc not in {d.id for d in p.documents.list()}
    assert view.documents.model.row_of(doc) is None
    assert view.doc_id != doc and view.doc_id is not None  # the reader moved to another document
    assert p.codings.segments(document_id=doc) == []
    window.actions["undo"].trigger()
    assert p.documents.get(doc).title == title
    assert view.documents.model.row_of(doc) is not None
    assert [s.text for s in p.codings.segments(document_id=doc)] == ["principle of social justice"]
    view.documents.select(doc)
    assert view.doc_id == doc and len(view.reader.index) == 1
