"""The window's team side: File › Open Team Project…, the status bar's team label and live-update state.

``Team: DB@HOST · Bob (coder) · blind`` says which server, which login and which
phase this window is in; a second label says when the live connection dropped
(it is retried). Live updates themselves are app/gui/live.py.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow

from app.gui.dialogs.team_open import TeamOpenDialog
from app.gui.live import LiveUpdates
from app.gui.workspace import Workspace
from app.project import Project
from app.project.team_status import TeamStatus, team_status


class TeamStatusBar(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.live: LiveUpdates | None = None
        self.status: TeamStatus | None = None
        self.team_label = QLabel(objectName="teamLabel")
        self.live_label = QLabel(objectName="liveLabel")
        self.live_label.setStyleSheet("color: #b03a2e;")
        for label in (self.live_label, self.team_label):
            label.hide()
            window.statusBar().addPermanentWidget(label)
        self.dialog: TeamOpenDialog | None = None  # tests reach the open dialog here

    # --- opening ---

    def open_dialog(self) -> bool:
        self.dialog = dialog = TeamOpenDialog(self.window)
        if dialog.exec() != QDialog.Accepted:
            return False
        dialog.remember()
        return self.window.open_project(dialog.url(), remember=dialog.safe_url())

    def coder_of(self, project: Project) -> int | None:
        """The coder a team login is (None for SQLite, a plain PostgreSQL project, or the owner)."""
        self.status = team_status(project)
        return self.status.coder_id if self.status else None

    # --- while a project is open ---

    def start(self, ws: Workspace, view) -> None:
        self.stop()
        self.status = team_status(ws.project)
        if self.status is not None:
            self.team_label.setText(self.status.label)
            self.team_label.show()
        self.live = LiveUpdates(ws, lambda: view.doc_id, self)
        self.live.statusChanged.connect(self._show_live)
        self._show_live(self.live.status)

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live.deleteLater()
            self.live = None
        self.team_label.hide()
        self.live_label.hide()

    def _show_live(self, text: str) -> None:
        self.live_label.setText(text)
        self.live_label.setVisible(bool(text))

