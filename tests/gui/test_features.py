"""Coder prompt, find, coding edits from the reader, shortcuts list and overrides, remembered settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.gui import commands as cmd
from app.project import Project
from tests.gui.test_workflow import db_segments, select


def test_opening_asks_who_is_coding_and_remembers(qtbot, demo_path):
    from app.gui.mainwindow import MainWindow

    def answer():
        dialog = QApplication.activeModalWidget()
        qtbot.keyClicks(dialog.new, "Zhanna")
        dialog.accept()

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    QTimer.singleShot(50, answer)
    assert w.open_project(demo_path)
    assert w.ws.coder_name == "Zhanna" and "Zhanna" in w.coder_label.text()
    w.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.open_project(demo_path)  # no dialog this time: remembered for this project
    assert again.ws.coder_name == "Zhanna"
    again.close()
    with Project.open(demo_path) as p:
        assert "Zhanna" in [c.name for c in p.coders.list()]


def test_find_selects_the_next_match(window, qtbot):
    reader = window.view.reader
    qtbot.keyClick(reader, Qt.Key_F, Qt.ControlModifier)
    bar = window.view.findbar
    assert bar.isVisible()
    qtbot.keyClicks(bar.edit, "social justice")
    start, end = reader.selection_cp()
    assert window.view.text[start:end].lower() == "social justice"
    qtbot.keyClick(bar.edit, Qt.Key_Return)
    later = reader.selection_cp()
    assert later[0] > start and window.view.text[later[0]:later[1]].lower() == "social justice"
    qtbot.keyClick(bar, Qt.Key_Escape)
    assert not bar.isVisible()


def test_remove_recode_resize_and_memo(window, qtbot):
    ws, p = window.ws, window.project
    span = select(window, "principle of social justice")
    qtbot.keyClick(window.view.reader, Qt.Key_1)
    (seg,) = db_segments(window)
    unity = p.codebook.by_path("Unity of the people").id
    assert ws.run(cmd.SetCodingCode(ws, seg.id, unity))
    assert ws.run(cmd.SetCodingSpan(ws, seg.id, span[0] + len("principle of "), span[1]))
    assert ws.run(cmd.SetCodingMemo(ws, seg.id, "key claim"))
    (after,) = db_segments(window)
    assert (after.code_path, after.text, after.memo) == ("Unity of the people", "social justice", "key claim")
    (h,) = window.view.reader.index.items
    assert (h.code_path, h.memo, h.start) == ("Unity of the people", "key claim", after.start)
    # The cursor inside the coding, Ctrl+Backspace removes it; undo brings it back unchanged.
    window.view.reader.select_cp(after.start + 2, after.start + 3)
    qtbot.keyClick(window.view.reader, Qt.Key_Backspace, Qt.ControlModifier)
    assert db_segments(window) == []
    ws.undo_stack.undo()
    assert db_segments(window) == [after]
    for _ in range(3):
        ws.undo_stack.undo()
    (original,) = db_segments(window)
    assert (original.code_path, original.start, original.end, original.memo) == ("Social justice", *span, "")


def test_shortcuts_list_and_user_override(window, qtbot):
    rows = dict(window.shortcut_rows())
    assert rows["Quick Code"] == "Ctrl+K"
    assert rows["Apply Social justice"] == "1"
    # Actions added by the Analysis menu are listed too.
    assert rows["Accept Suggestion"] == "Ctrl+Shift+A"
    window.actions.set_override("quick_code", "Ctrl+J")
    window.actions.apply_shortcuts()
    assert window.actions["quick_code"].shortcut().toString() == "Ctrl+J"
    assert QSettings().value("shortcuts/quick_code") == "Ctrl+J"


def test_font_and_layout_are_remembered(window, qtbot, demo_path):
    from app.gui.mainwindow import MainWindow

    font = window.view.reader.font()
    font.setPointSize(17)
    QSettings().setValue("reader/font", font.toString())
    window.view.top.setSizes([200, 900, 300])
    sizes = window.view.top.sizes()
    coder = window.ws.coder_id
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert again.open_project(demo_path, coder_id=coder)
    assert again.view.reader.font().pointSize() == 17
    restored = again.view.top.sizes()
    assert (restored[0], restored[2]) == (sizes[0], sizes[2])  # the side panels keep their widths
    assert QSettings().value("project/last") == str(demo_path)
    again.close()
