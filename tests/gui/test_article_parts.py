"""Boilerplate greyed and (un)marked from the reader, near-duplicates and ambiguous dates in the list,
and Document › Properties…, each checked against the database."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from app.core.importers import ImportedDocument
from app.gui.dialogs.document_properties import DocumentPropertiesDialog
from app.gui.excluded import LAYER, muted_text_color
from app.gui.models.documents import NEAR_DUP_COLUMN
from tests.gui.test_workflow import select

TIP = "Not part of the article (boilerplate): left out of statistics and suggestions"


def first_doc(window) -> int:
    doc = min(window.project.documents.list(), key=lambda d: d.id)
    window.view.documents.select(doc.id)
    assert window.view.doc_id == doc.id
    return doc.id


def open_menu(window, pos16: int | None = None) -> QMenu:
    """Right-click in the reader (at UTF-16 position ``pos16`` or on the selection); return the menu it popped up."""
    shown: list[QMenu] = []

    def grab(tries: int = 40) -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            shown.append(popup)
            popup.close()
        elif tries:
            QTimer.singleShot(25, lambda: grab(tries - 1))

    reader = window.view.reader
    cursor = reader.textCursor()
    if pos16 is not None:
        cursor.setPosition(pos16)
    reader.setTextCursor(cursor)
    local = reader.cursorRect(cursor).center()
    QTimer.singleShot(0, grab)
    reader.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Mouse, local, reader.viewport().mapToGlobal(local)))
    assert shown, "a menu was shown"
    return shown[-1]


def trigger(menu: QMenu, text: str) -> None:
    actions = {a.text(): a for a in menu.actions()}
    assert text in actions, sorted(actions)
    actions[text].trigger()


def test_recent_posts_tail_is_greyed_with_its_reason(window):
    doc = first_doc(window)
    view, reader = window.view, window.view.reader
    spans = window.project.documents.excluded_spans(doc)
    tail = max(spans, key=lambda s: s.end)
    assert "Recent Posts" in view.text[tail.start:tail.end]
    layer = reader._layers[LAYER]
    drawn = {(sel.cursor.selectionStart(), sel.cursor.selectionEnd()) for sel in layer}
    assert drawn == {(reader.offsets.to_utf16(s.start), reader.offsets.to_utf16(s.end)) for s in spans}
    grey = layer[0].format.foreground().color()
    assert grey == muted_text_color(reader.palette())
    assert grey != reader.palette().color(QPalette.Text) and grey != reader.palette().color(QPalette.Base)
    assert len(reader.extraSelections()) >= len(layer)
    inside = reader.offsets.to_utf16(view.text.index("Recent Posts", tail.start))
    assert view.excluded.tooltip_at(inside) == f"<i>{TIP}</i>"
    article = reader.offsets.to_utf16(view.text.index("social justice"))
    assert view.excluded.tooltip_at(article) is None


def test_suggestions_do_not_wipe_the_greyed_layer(window):
    first_doc(window)
    reader = window.view.reader
    before = len(reader._layers[LAYER])
    reader.setExtraSelections([])  # what the suggestion overlay does when it clears itself
    assert len(reader.extraSelections()) == before > 0


def test_marking_and_unmarking_boilerplate_is_undoable(window):
    doc = first_doc(window)
    p, view, stack = window.project, window.view, window.ws.undo_stack
    original = p.documents.excluded_spans(doc)
    span = select(window, "principle of social justice")
    trigger(open_menu(window), "Mark Selection as Not Part of the Article")
    after = p.documents.excluded_spans(doc)
    added = [s for s in after if (s.start, s.end) == span]
    assert len(after) == len(original) + 1 and added and added[0].reason == "boilerplate"
    assert len(view.reader._layers[LAYER]) == len(after)
    stack.undo()
    assert p.documents.excluded_spans(doc) == original
    assert len(view.reader._layers[LAYER]) == len(original)
    stack.redo()
    assert [(s.start, s.end) for s in p.documents.excluded_spans(doc)] == sorted(
        [(s.start, s.end) for s in original] + [span])
    stack.undo()

    tail = max(original, key=lambda s: s.end)
    cursor = view.reader.textCursor()
    cursor.clearSelection()
    view.reader.setTextCursor(cursor)
    menu = open_menu(window, view.reader.offsets.to_utf16(tail.start + 5))
    assert "Mark Selection as Not Part of the Article" not in [a.text() for a in menu.actions()]
    trigger(menu, "Count as Article Text Again")
    left = p.documents.excluded_spans(doc)
    assert [s.id for s in left] == [s.id for s in original if s.id != tail.id]
    assert len(view.reader._layers[LAYER]) == len(left)
    stack.undo()
    back = p.documents.excluded_spans(doc)
    assert [(s.start, s.end, s.reason) for s in back] == [(s.start, s.end, s.reason) for s in original]
    stack.redo()
    assert [(s.start, s.end) for s in p.documents.excluded_spans(doc)] == [(s.start, s.end) for s in left]


def test_near_duplicates_and_ambiguous_dates_in_the_list(window, tmp_path):
    docs = window.view.documents
    assert docs.view.isColumnHidden(NEAR_DUP_COLUMN), "no near-duplicates in the demo: the column stays out of the way"
    story = ("Astana hosted a meeting of farmers on Tuesday where the agriculture minister promised fair prices "
             "for grain, new credit lines for small family farms in the northern regions, faster payments for the "
             "harvest delivered to the state food corporation, cheaper diesel during the sowing season, support for "
             "young people who return to their villages, modern storage near the railway stations, and a review of "
             "the export quotas that traders have criticised for two years. Farmers' unions welcomed the plan but "
             "said they would watch closely how the money reaches the fields before the autumn.")
    a, b = tmp_path / "wire1.txt", tmp_path / "wire2.txt"
    a.write_text(story, encoding="utf-8")
    b.write_text(story.replace("Tuesday", "Wednesday"), encoding="utf-8")
    outcomes = window.importer.run([str(a), str(b)], report=False)
    window.project.documents.add(ImportedDocument(
        text="A dated note.", title="Dated note", importer="test", source_name="note", file_hash="note",
        published_text="03/04/2022", date_ambiguous=True))
    window.view.reload_all()
    infos = {d.title: d for d in window.project.documents.list()}
    (near,) = [o for o in outcomes if o.near_duplicate_of is not None]
    first, second = window.project.documents.get(near.near_duplicate_of), window.project.documents.get(near.document_id)
    assert first.near_duplicate_group == second.near_duplicate_group == first.id
    assert not docs.view.isColumnHidden(NEAR_DUP_COLUMN)
    model = docs.model
    cell = model.index(model.row_of(second.id), NEAR_DUP_COLUMN)
    assert cell.data() == f"≈ {first.id}"
    assert first.title in cell.data(Qt.ToolTipRole)
    assert model.index(model.row_of(first.id), NEAR_DUP_COLUMN).data() == ""
    note = model.index(model.row_of(infos["Dated note"].id), 1)
    assert "?" in note.data() and "03/04/2022" in note.data(Qt.ToolTipRole)


def fill_properties(monkeypatch, **values):
    """Answer the Properties dialog with ``values`` (field name -> text); record the dialogs shown."""
    seen: list[DocumentPropertiesDialog] = []

    def fake_exec(dialog):
        seen.append(dialog)
        for name, text in values.items():
            dialog.edits[name].setText(text)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(DocumentPropertiesDialog, "exec", fake_exec)
    return seen


def test_properties_correct_metadata_undoably(window, monkeypatch, qtbot):
    doc = first_doc(window)
    p = window.project
    before = p.documents.get(doc)
    seen = fill_properties(monkeypatch, title="Corrected title", language="ru", outlet="Akorda",
                           author="Press office", source_url="https://akorda.kz/x", published="2022-04-27")
    window.actions["document_properties"].trigger()
    assert seen and seen[0].result() == QDialog.Accepted
    info = p.documents.get(doc)
    assert (info.title, info.language, info.outlet, info.author, info.source_url, info.published) == (
        "Corrected title", "ru", "Akorda", "Press office", "https://akorda.kz/x", date(2022, 4, 27))
    assert p.documents.text(doc) == window.view.text
    assert "Corrected title" in window.view.heading.text()
    assert window.view.documents.model.index(window.view.documents.model.row_of(doc), 0).data() == "Corrected title"
    window.ws.undo_stack.undo()
    assert p.documents.get(doc) == before
    assert before.title in window.view.heading.text()

    seen = fill_properties(monkeypatch, published="")
    qtbot.mouseDClick(window.view.heading, Qt.LeftButton)  # the heading opens the same dialog
    assert seen and p.documents.get(doc).published is None
    window.ws.undo_stack.undo()
    assert p.documents.get(doc).published == before.published


def test_properties_refuse_a_date_that_is_not_iso(window, monkeypatch):
    doc = first_doc(window)
    before = window.project.documents.get(doc)
    seen = fill_properties(monkeypatch, published="26.04.2022")
    depth = window.ws.undo_stack.count()
    window.actions["document_properties"].trigger()
    dialog = seen[0]
    assert dialog.result() != QDialog.Accepted
    assert "YYYY-MM-DD" in dialog.error.text() and "26.04.2022" in dialog.error.text()
    assert window.project.documents.get(doc) == before and window.ws.undo_stack.count() == depth


def test_properties_action_sits_in_the_document_menu(window):
    menus = {m.title().replace("&", ""): m for m in window.menuBar().findChildren(QMenu)}
    assert window.actions["document_properties"] in menus["Document"].actions()
