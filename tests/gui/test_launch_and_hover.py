"""`quotecoder gui --demo` opens the demo project; hovering a highlight or its stripe names code, coder, memo."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.gui.test_workflow import select


LAUNCH_SCRIPT = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.gui.launch import application, launch

application()  # timers need the application object; launch() reuses it
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
code = launch(None, demo=True)
print(json.dumps(dict(seen, code=code)))
"""


def test_launch_demo_opens_a_window_on_the_demo_project(tmp_path):
    """`quotecoder gui --demo`, run in its own process: quitting the event loop must not leak into other tests."""
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run([sys.executable, "-c", LAUNCH_SCRIPT], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"titles": ["demo — Quotecoder"], "docs": 4, "code": 0}
    assert (tmp_path / "data" / "Quotecoder" / "demo.qcp").exists()


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
