"""Room to read: the window's layout around the reader.

- Segments and Quotes share one tabbed dock at the bottom that starts small
  (``BOTTOM_HEIGHT``) and collapses or comes back with one key (View › Bottom
  Panel, F12); the Memos dock sits on the right.
- The documents list and the codebook (the reader's side panes) can be hidden
  and restored from the View menu, like every dock.
- The whole layout (``QMainWindow.saveState``) and the last open document of
  each project are kept in QSettings and restored when the project is reopened.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel

BOTTOM_HEIGHT = 170
STATE_VERSION = 2  # bump when the docks change, so an old saved state is not applied to a new layout
EMPTY = "Open a project to list its coded segments."


class WindowLayout:
    def __init__(self, window) -> None:
        self.window = window
        self.view = None
        self.segments_dock = QDockWidget("Segments", window)
        self.segments_dock.setObjectName("segmentsDock")
        self.segments_dock.setWidget(QLabel(EMPTY))
        window.addDockWidget(Qt.BottomDockWidgetArea, self.segments_dock)
        # Side docks (Memos) run the full height; the bottom panel sits under the reader only.
        window.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        window.setCorner(Qt.BottomLeftCorner, Qt.LeftDockWidgetArea)
        self.segments_dock.hide()
        view_menu = window.menus["viewMenu"]
        view_menu.addAction(self.segments_dock.toggleViewAction())
        a = window.actions
        a["toggle_bottom"].triggered.connect(self.toggle_bottom)
        a["show_documents"].toggled.connect(lambda on: self._show_pane("documents", on))
        a["show_codebook"].toggled.connect(lambda on: self._show_pane("codebook", on))

    # --- the bottom docks ---

    def bottom_docks(self) -> list[QDockWidget]:
        docks = [self.segments_dock]
        nlp = getattr(self.window, "nlp", None)
        if nlp is not None:
            docks.append(nlp.dock)
        return docks

    def _tabify(self) -> None:
        docks = self.bottom_docks()
        for other in docks[1:]:
            if self.window.dockWidgetArea(other) == Qt.BottomDockWidgetArea:
                self.window.tabifyDockWidget(docks[0], other)

    def start_small(self) -> None:
        """The bottom panel at its first-start height: the reader gets the rest."""
        self.window.resizeDocks([self.segments_dock], [BOTTOM_HEIGHT], Qt.Vertical)

    def toggle_bottom(self) -> None:
        """Collapse the bottom panel, or bring it back as it was."""
        docks = [d for d in self.bottom_docks() if self.window.dockWidgetArea(d) == Qt.BottomDockWidgetArea]
        visible = [d for d in docks if d.isVisible()]
        if visible:
            self._hidden = visible
            for d in visible:
                d.hide()
        else:
            for d in getattr(self, "_hidden", None) or docks[:1]:
                d.show()

    # --- the reader's side panes ---

    def _show_pane(self, name: str, on: bool) -> None:
        if self.view is not None:
            getattr(self.view, name).setVisible(on)

    # --- following the window's project ---

    def attach(self, view) -> None:
        self.view = view
        self.segments_dock.setWidget(view.segments)
        self.segments_dock.show()
        self._tabify()
        self.segments_dock.raise_()
        settings = QSettings()
        self._last_document = settings.value(self._doc_key())  # read before load() opens the first one
        view.documentOpened.connect(self._remember_document)
        state = settings.value("window/state")
        if state is None or not self.window.restoreState(state, STATE_VERSION):
            self.start_small()
            QTimer.singleShot(0, self.start_small)  # again once the window has its final size
        a = self.window.actions
        for action_id, pane in (("show_documents", view.documents), ("show_codebook", view.codebook)):
            shown = settings.value(f"layout/{action_id}", True, type=bool)
            a[action_id].setChecked(shown)
            pane.setVisible(shown)

    def restore_document(self) -> None:
        """After the view loaded: reopen the document that was open last time in this project."""
        if self.view is None:
            return
        last, self._last_document = getattr(self, "_last_document", None), None
        if last is not None and int(last) != self.view.doc_id:
            self.view.documents.select(int(last))  # gone since: the first document stays open

    def save(self) -> None:
        settings = QSettings()
        settings.setValue("window/state", self.window.saveState(STATE_VERSION))
        for action_id in ("show_documents", "show_codebook"):
            settings.setValue(f"layout/{action_id}", self.window.actions[action_id].isChecked())

    def detach(self) -> None:
        if self.view is not None:
            self.save()
        self.view = None
        self.segments_dock.setWidget(QLabel(EMPTY))
        self.segments_dock.hide()

    def _doc_key(self) -> str:
        location = self.window.project.location if self.window.project is not None else ""
        return "lastDocument/" + hashlib.sha1(location.encode("utf-8")).hexdigest()[:16]

    def _remember_document(self, document_id: int) -> None:
        if self.window.project is not None:
            QSettings().setValue(self._doc_key(), document_id)


def install(window) -> WindowLayout:
    return WindowLayout(window)
