"""The window's team side: File › Open Team Project…, the status bar's team label and live-update state.

``Team: DB@HOST · Bob (coder) · blind`` says which server, which login and which
phase this window is in; a second label says when the live connection dropped
(it is retried). Live updates themselves are app/gui/live.py.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow

from app.gui.dialogs.team_open import TeamOpenDialog, recent_team_projects
from app.gui.live import LiveUpdates
from app.gui.workspace import Workspace
from app.project import Project
from app.project.team_status import TeamStatus, team_status


class TeamStatusBar(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.live: LiveUpdates | None = None
        self._ws: Workspace | None = None
        self.status: TeamStatus | None = None
        self.team_label = QLabel(objectName="teamLabel")
        self.live_label = QLabel(objectName="liveLabel")
        self.live_label.setStyleSheet("color: #b03a2e;")
        for label in (self.live_label, self.team_label):
            label.hide()
            window.statusBar().addPermanentWidget(label)
        self.dialog: TeamOpenDialog | None = None  # tests reach the open dialog here

    # --- opening ---

    def open_dialog(self, url: str | None = None) -> bool:
        """Ask for the connection (filled in from ``url``, a remembered team project, when given) and open it."""
        self.dialog = dialog = TeamOpenDialog(self.window)
        if url is not None:
            dialog.fill_from(url)
        if dialog.exec() != QDialog.Accepted:
            return False
        dialog.remember()
        return self.window.open_project(dialog.url(), remember=dialog.safe_url())

    def reopen(self, target: str) -> bool:
        """The last project at start-up: a remembered team project asks for its password again."""
        if target in recent_team_projects():
            return self.open_dialog(target)
        return self.window.open_project(target)

    def coder_of(self, project: Project) -> int | None:
        """The coder a team login is (None for SQLite, a plain PostgreSQL project, or the owner)."""
        self.status = team_status(project)
        return self.status.coder_id if self.status else None

    # --- while a project is open ---

    def start(self, ws: Workspace, view) -> None:
        self.stop()
        self._ws = ws
        self._show_team()
        ws.viewChanged.connect(self._show_team)  # a switched blind phase re-reads the view, and this label
        self.live = LiveUpdates(ws, lambda: view.doc_id, self)
        self.live.statusChanged.connect(self._show_live)
        self._show_live(self.live.status)

    def _show_team(self) -> None:
        self.status = team_status(self._ws.project)
        if self.status is not None:
            self.team_label.setText(self.status.label)
        self.team_label.setVisible(self.status is not None)

    def stop(self) -> None:
        if self._ws is not None:
            self._ws.viewChanged.disconnect(self._show_team)
            self._ws = None
        if self.live is not None:
            self.live.stop()
            self.live.deleteLater()
            self.live = None
        self.team_label.hide()
        self.live_label.hide()

    def _show_live(self, text: str) -> None:
        self.live_label.setText(text)
        self.live_label.setVisible(bool(text))

