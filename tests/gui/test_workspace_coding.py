"""Coding rough edges: whole-word snapping by default, Enter saves in the code editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog


def test_a_sloppy_drag_is_snapped_to_whole_words_by_default(window, qtbot):
    assert window.actions["snap_words"].isChecked()
    view = window.view
    start = view.text.index("principle of social justice")
    view.reader.select_cp(start + 3, start + len("principle of social jus"))  # "nciple of social jus"
    qtbot.keyClick(view.reader, Qt.Key_1)
    assert [s.text for s in window.project.codings.segments()] == ["principle of social justice"]


def test_enter_on_the_colour_button_saves_the_code_instead_of_opening_the_picker(qtbot):
    from app.gui.dialogs.code_editor import CodeEditorDialog

    dialog = CodeEditorDialog(name="Irony")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.color_button.setFocus()
    qtbot.keyClick(dialog.color_button, Qt.Key_Return)
    assert dialog.result() == QDialog.Accepted and dialog.fields().name == "Irony"
