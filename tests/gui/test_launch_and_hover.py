"""`quotecoder gui --demo` opens the demo project; hovering a highlight or its stripe names code, coder, memo."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.gui.test_workflow import select


def test_launch_demo_opens_a_window_on_the_demo_project(qtbot, tmp_path, monkeypatch):
    import app.demo
    from app.gui.launch import launch

    monkeypatch.setattr(app.demo, "demo_path", lambda: tmp_path / "user-data" / "demo.qcp")
    seen = {}

    def look_and_quit():
        windows = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible()]
        seen["titles"] = [w.windowTitle() for w in windows]
        seen["docs"] = windows[0].view.documents.model.rowCount() if windows and windows[0].view else 0
        for w in windows:
            w.close()
        QApplication.instance().quit()

    def choose_coder():
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            dialog.accept()  # the first coder in the list
            QTimer.singleShot(300, look_and_quit)  # runs inside app.exec(), after the project opened
            return
        QTimer.singleShot(20, choose_coder)

    QTimer.singleShot(20, choose_coder)
    assert launch(None, demo=True) == 0
    assert (tmp_path / "user-data" / "demo.qcp").exists()
    assert seen["titles"] == ["demo — Quotecoder"] and seen["docs"] == 4


def test_hover_shows_code_coder_and_memo(window, qtbot):
    from app.gui import commands as cmd

    select(window, "principle of social justice")
    qtbot.keyClick(window.view.reader, Qt.Key_1)
    (seg,) = window.project.codings.segments()
    window.ws.run(cmd.SetCodingMemo(window.ws, seg.id, "core claim"))
    reader = window.view.reader
    reader.select_cp(seg.start + 3, seg.start + 3)
    point = reader.cursorRect().center()
    QApplication.sendEvent(reader.viewport(), QHelpEvent(QEvent.ToolTip, point, reader.viewport().mapToGlobal(point)))
    text = QToolTip.text()
    assert "Social justice" in text and "Aigerim" in text and "core claim" in text
    QToolTip.hideText()
    reader.viewport().repaint()
    reader.stripe.repaint()
    ((rect, h),) = reader.stripe.bars
    assert h.id == seg.id
    QApplication.sendEvent(reader.stripe, QHelpEvent(QEvent.ToolTip, rect.center(), reader.stripe.mapToGlobal(rect.center())))
    assert "Social justice" in QToolTip.text()
