"""The read-only banner: a strip above the workspace saying that edits are off, and why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar

READ_ONLY_TEXT = ("Read-only: this project cannot be written here, so edits are off. You can browse, search "
                  "and export. To edit, copy the file to a folder you can write to and open the copy.")


def show_read_only(window: QMainWindow, on: bool) -> None:
    """Add (or remove) the banner on ``window``; at most one is ever shown."""
    old = window.findChild(QToolBar, "readOnlyBanner")
    if old is not None:
        window.removeToolBar(old)
        old.deleteLater()
    if not on:
        return
    bar = QToolBar("Read-only", window)
    bar.setObjectName("readOnlyBanner")
    bar.setMovable(False)
    bar.setFloatable(False)
    label = QLabel(READ_ONLY_TEXT)
    label.setObjectName("readOnlyText")
    # One line across the window (a word-wrapped label in a tool bar is laid out narrow and tall).
    label.setToolTip(READ_ONLY_TEXT)
    label.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
    label.setMinimumWidth(1)  # a narrow window cuts the line (the tooltip has it whole) rather than growing
    label.setStyleSheet("QLabel { background: #fff3cd; color: #5c4400; padding: 6px; }")
    bar.addWidget(label)
    window.addToolBarBreak(Qt.TopToolBarArea)
    window.addToolBar(Qt.TopToolBarArea, bar)
