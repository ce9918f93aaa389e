"""The NLP parts of the main window, driven through real widgets: Quotes dock, Analysis menu, suggestions."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QMenu

from app.core.importers import ImportedDocument
from app.project import Project

SPEECH = (
    "“We have done a lot together over these years,” Tokayev said. “However, time does not stand still.”\n\n"
    "“Our farmers need fair prices for their grain and milk,” Minister Aidarbekov said on Tuesday. "
    "The grain harvest was large this year."
)


@pytest.fixture
def nlp_window(qtbot, tmp_path):
    path = tmp_path / "nlp.qcp"
    with Project.create(path) as p:
        doc_id = p.documents.add(ImportedDocument(text=SPEECH, title="Speech", importer="test", source_name="s.txt",
                                                  file_hash="1" * 64, language="en")).id
        coder = p.coders.ensure("Aigerim")
        farming = p.codebook.add("Farming").id
        p.codebook.set_patterns(farming, [("grain", "word")])
        p.codebook.add("Statements")
    from app.gui.mainwindow import MainWindow
    from app.gui.nlp.integration import install

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_project(path, coder_id=coder)
    nlp = install(w)
    w.ids = {"doc": doc_id, "coder": coder, "farming": farming}
    yield w, nlp
    w.close()


def codings(window):
    return window.project.codings.for_document(window.ids["doc"])


def code_id(window, name):
    return next(c.id for c in window.project.codebook.list() if c.name == name)


def test_run_nlp_fills_the_quotes_dock_and_a_row_jumps_to_the_quote(nlp_window):
    w, nlp = nlp_window
    assert nlp.dock.isVisible() and nlp.panel.model.rowCount() == 0
    nlp.actions["run_nlp"].trigger()
    assert w.project.nlp.run_tag(w.ids["doc"]) is not None
    rows = nlp.panel.proxy.rowCount()
    assert rows >= 2
    speakers = {nlp.panel.proxy.index(r, 0).data() for r in range(rows)}
    assert "Tokayev" in speakers
    row = next(r for r in range(rows) if "farmers" in nlp.panel.proxy.index(r, 1).data())
    nlp.panel.view.activated.emit(nlp.panel.proxy.index(row, 1))
    start, end = w.view.reader.selection_cp()
    assert SPEECH[start:end].startswith("Our farmers need fair prices")
    assert w.view.doc_id == w.ids["doc"]


def test_code_this_quote_codes_the_whole_quote_undoably(nlp_window):
    w, nlp = nlp_window
    nlp.actions["run_nlp"].trigger()
    statements = code_id(w, "Statements")
    w.view.codebook.select(statements)
    inside = SPEECH.index("fair prices")
    w.view.reader.select_cp(inside, inside + 4)
    nlp.actions["code_quote"].trigger()
    [coding] = codings(w)
    assert SPEECH[coding.start:coding.end].startswith("Our farmers need fair prices")
    assert (coding.code_id, coding.coder_id) == (statements, w.ids["coder"])
    w.actions["undo"].trigger()
    assert codings(w) == []


def test_snap_selection_to_sentence_uses_the_stored_sentences(nlp_window):
    w, nlp = nlp_window
    nlp.actions["run_nlp"].trigger()
    inside = SPEECH.index("harvest")
    w.view.reader.select_cp(inside, inside + 3)
    nlp.actions["snap_sentence"].trigger()
    start, end = w.view.reader.selection_cp()
    assert SPEECH[start:end].strip() == "The grain harvest was large this year."


def test_snap_to_sentence_works_before_any_nlp_run(nlp_window):
    w, nlp = nlp_window
    inside = SPEECH.index("harvest")
    w.view.reader.select_cp(inside, inside + 3)
    assert nlp.snap_to_sentence()
    start, end = w.view.reader.selection_cp()
    assert SPEECH[start:end].strip() == "The grain harvest was large this year."


def test_concordance_code_keyword_applies_the_selected_code(nlp_window, qtbot):
    w, nlp = nlp_window
    nlp.actions["concordance"].trigger()
    dialog = nlp.concordance
    assert dialog.isVisible()
    dialog.term.setText("grain")
    dialog.search()
    assert dialog.proxy.rowCount() == 2
    farming = w.ids["farming"]
    w.view.codebook.select(farming)
    dialog.view.setCurrentIndex(dialog.proxy.index(1, 1))
    dialog.code_button.click()
    [coding] = codings(w)
    assert SPEECH[coding.start:coding.end] == "grain" and coding.code_id == farming
    assert w.project.codebook.counts()[farming] == 1
    w.actions["undo"].trigger()
    assert codings(w) == []


def wait_for_suggestions(qtbot, nlp, count):
    qtbot.waitUntil(lambda: len(nlp.overlay.items) == count, timeout=10000)


def test_suggestions_are_drawn_dashed_and_never_counted(nlp_window, qtbot):
    w, nlp = nlp_window
    wait_for_suggestions(qtbot, nlp, 2)
    assert [SPEECH[s.start:s.end] for s in nlp.overlay.items] == ["grain", "grain"]
    selections = w.view.reader.extraSelections()
    assert len(selections) == 2 and selections[0].format.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    assert codings(w) == [] and w.project.codebook.counts().get(w.ids["farming"], 0) == 0
    assert len(w.view.reader.index) == 0  # not among the coding highlights either
    nlp.actions["show_suggestions"].setChecked(False)
    assert w.view.reader.extraSelections() == []
    assert nlp.overlay.at(SPEECH.index("grain")) == []
    nlp.actions["show_suggestions"].setChecked(True)
    assert len(w.view.reader.extraSelections()) == 2


def test_accept_suggestion_becomes_a_coding_and_undo_brings_the_suggestion_back(nlp_window, qtbot):
    w, nlp = nlp_window
    wait_for_suggestions(qtbot, nlp, 2)
    first = SPEECH.index("grain")
    w.view.reader.select_cp(first + 1, first + 1)
    nlp.actions["accept_suggestion"].trigger()
    [coding] = codings(w)
    assert (coding.start, coding.end, coding.code_id, coding.coder_id) == (
        first, first + 5, w.ids["farming"], w.ids["coder"])
    wait_for_suggestions(qtbot, nlp, 1)
    w.actions["undo"].trigger()
    assert codings(w) == []
    wait_for_suggestions(qtbot, nlp, 2)


def test_reject_suggestion_is_remembered_and_undoable(nlp_window, qtbot):
    w, nlp = nlp_window
    wait_for_suggestions(qtbot, nlp, 2)
    second = SPEECH.index("grain", SPEECH.index("grain") + 1)
    w.view.reader.select_cp(second, second + 5)
    nlp.actions["reject_suggestion"].trigger()
    wait_for_suggestions(qtbot, nlp, 1)
    remaining = w.project.nlp.suggestions(w.ids["doc"], w.ids["coder"])
    assert [s.start for s in remaining] == [SPEECH.index("grain")]
    assert codings(w) == []
    w.actions["undo"].trigger()
    wait_for_suggestions(qtbot, nlp, 2)
    assert len(w.project.nlp.suggestions(w.ids["doc"], w.ids["coder"])) == 2


def test_the_reader_context_menu_offers_accept_and_reject(nlp_window, qtbot):
    w, nlp = nlp_window
    wait_for_suggestions(qtbot, nlp, 2)
    first = SPEECH.index("grain")
    w.view.reader.select_cp(first, first + 5)
    menu = QMenu()
    for extra in w.coding_menu.extras:
        extra(menu, w.view.reader.mapToGlobal(w.view.reader.rect().center()))
    [sub] = [a.menu() for a in menu.actions() if a.menu() is not None]
    assert "Farming" in sub.title()
    accept = next(a for a in sub.actions() if a.text() == "Accept")
    accept.trigger()
    assert [(c.start, c.end) for c in codings(w)] == [(first, first + 5)]


def test_the_main_window_has_the_analysis_menu_and_the_quotes_dock_from_the_start(nlp_window):
    w, nlp = nlp_window
    assert w.nlp is nlp
    titles = [a.text().replace("&", "") for a in w.menuBar().actions()]
    assert "Analysis" in titles and titles.index("Analysis") < titles.index("Help")
    w.close_project()
    assert not nlp.dock.isVisible() and not nlp.actions["run_nlp"].isEnabled()


def test_code_all_quotes_by_this_speaker_is_one_undo_step(nlp_window):
    w, nlp = nlp_window
    nlp.actions["run_nlp"].trigger()
    tokayev = w.project.nlp.quotes(w.ids["doc"], speaker="Tokayev")
    assert len(tokayev) == 2  # the quote interrupted by "Tokayev said" is two quotes
    statements = code_id(w, "Statements")
    w.view.codebook.select(statements)
    inside = SPEECH.index("done a lot")
    w.view.reader.select_cp(inside, inside)
    nlp.actions["code_speaker"].trigger()
    spans = sorted((c.start, c.end) for c in codings(w))
    assert spans == sorted((q.start, q.end) for q in tokayev)
    assert all("farmers" not in SPEECH[a:b] for a, b in spans)
    w.actions["undo"].trigger()
    assert codings(w) == []
