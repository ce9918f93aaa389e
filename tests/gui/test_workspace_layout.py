"""Room to read: the reader gets the height, the bottom dock collapses with one key, the layout and the
last open document come back, the stripe margin does not move the text, no clipped lines."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _settle():
    for _ in range(5):
        QApplication.processEvents()


def test_reader_gets_most_of_the_height_and_the_bottom_dock_is_tabbed(window, qtbot):
    window.resize(1024, 700)
    _settle()
    lay = window.layout_keeper
    reader = window.view.reader
    assert reader.height() > 2 * lay.segments_dock.height()
    assert window.tabifiedDockWidgets(lay.segments_dock) == [window.nlp.dock]
    assert lay.segments_dock.widget() is window.view.segments


def test_f12_collapses_and_restores_the_bottom_panel(window, qtbot):
    lay = window.layout_keeper
    _settle()
    before = window.view.reader.height()
    qtbot.keyClick(window.view.reader, Qt.Key_F12)
    _settle()
    assert not lay.segments_dock.isVisible() and not window.nlp.dock.isVisible()
    assert window.view.reader.height() > before
    qtbot.keyClick(window.view.reader, Qt.Key_F12)
    _settle()
    assert lay.segments_dock.isVisible()


def test_side_panes_hide_and_stay_hidden_after_reopening(window, qtbot, demo_path):
    window.actions["show_codebook"].setChecked(False)
    assert not window.view.codebook.isVisible()
    window.nlp.dock.close()  # a closed Quotes dock must stay closed
    second = window.project.documents.list()[1].id
    window.view.documents.select(second)
    assert window.view.doc_id == second
    coder = window.ws.coder_id
    window.close_project()
    assert window.open_project(demo_path, coder_id=coder)
    _settle()
    assert window.view.doc_id == second
    assert not window.view.codebook.isVisible() and not window.actions["show_codebook"].isChecked()
    assert not window.nlp.dock.isVisible() and window.layout_keeper.segments_dock.isVisible()
    window.actions["show_codebook"].setChecked(True)
    assert window.view.codebook.isVisible()


def test_a_second_coding_lane_does_not_move_the_text(window, qtbot):
    from tests.gui.test_workflow import select

    reader = window.view.reader
    left = reader.viewportMargins().left()
    select(window, "principle of social justice")
    qtbot.keyClick(reader, Qt.Key_1)
    select(window, "social justice")
    qtbot.keyClick(reader, Qt.Key_2)
    _settle()
    assert reader.index.lanes >= 2
    assert reader.viewportMargins().left() == left


def test_no_clipped_lines_after_a_restore_and_a_theme_switch(window, qtbot, demo_path):
    from app.gui.theme import apply_theme

    app = QApplication.instance()
    try:
        apply_theme(app, "dark")
        window.resize(1920, 1080)
        _settle()
        coder = window.ws.coder_id
        window.close_project()
        assert window.open_project(demo_path, coder_id=coder)
        _settle()
        reader = window.view.reader
        assert reader.horizontalScrollBar().maximum() == 0
        window.resize(1024, 700)
        _settle()
        assert reader.horizontalScrollBar().maximum() == 0
    finally:
        apply_theme(app, "light")
