"""The state the panels share: the open project, who is coding, whose codings are shown, the undo stack.

Widgets never talk to each other directly. An edit is a command (``commands.py``)
run through :meth:`Workspace.run`; the command reports what it changed on
``changed`` and every panel refreshes only what concerns it.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.core.errors import QuotecoderError
from app.core.records import ChangeSet, CoderInfo
from app.project import Project
from app.project.errors import StaleEditError


class ViewMode(str, Enum):
    MINE = "mine"  # blind coding: only this coder's codings exist for the UI
    ALL = "all"
    CHOSEN = "chosen"


class Workspace(QObject):
    changed = Signal(object)  # ChangeSet
    viewChanged = Signal()  # coder or view mode changed: everything that counts codings refreshes
    error = Signal(str)

    def __init__(self, project: Project, coder_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.coder_id = coder_id
        self.view_mode = ViewMode.MINE
        self.chosen: set[int] = set()
        self.undo_stack = QUndoStack(self)
        self._coders: dict[int, CoderInfo] = {}
        self.reload_coders()
        project.acting_coder_id = coder_id

    # --- coders and view modes ---

    def reload_coders(self) -> None:
        self._coders = {c.id: c for c in self.project.coders.list()}

    def coders(self) -> list[CoderInfo]:
        return list(self._coders.values())

    def coder(self, coder_id: int) -> CoderInfo | None:
        return self._coders.get(coder_id)

    @property
    def coder_name(self) -> str:
        info = self._coders.get(self.coder_id)
        return info.name if info else "?"

    def set_coder(self, coder_id: int) -> None:
        self.reload_coders()
        self.coder_id = coder_id
        self.project.acting_coder_id = coder_id
        self.viewChanged.emit()

    def set_view(self, mode: ViewMode, chosen: set[int] | None = None) -> None:
        self.view_mode = ViewMode(mode)
        if chosen is not None:
            self.chosen = set(chosen)
        self.viewChanged.emit()

    def visible_coders(self) -> list[int] | None:
        """Coder ids whose codings the UI may show or count; None means everyone's."""
        if self.view_mode is ViewMode.ALL:
            return None
        if self.view_mode is ViewMode.CHOSEN:
            return sorted(self.chosen | {self.coder_id})
        return [self.coder_id]

    def shows_coder(self, coder_id: int) -> bool:
        visible = self.visible_coders()
        return visible is None or coder_id in visible

    # --- edits ---

    def run(self, command: QUndoCommand) -> bool:
        """Apply a command once (errors become a message, nothing is pushed), then put it on the stack."""
        try:
            command.first()  # type: ignore[attr-defined]
        except StaleEditError as exc:
            self.refused(str(exc))  # not pushed: the stack holds only edits that happened
            return False
        except QuotecoderError as exc:
            self.error.emit(str(exc))
            return False
        self.undo_stack.push(command)
        return True

    def notify(self, changes: ChangeSet) -> None:
        self.changed.emit(changes)

    def refused(self, message: str) -> None:
        """Another coder changed what an edit was made on: say so and reload the codebook."""
        self.error.emit(message)
        self.notify(ChangeSet(codes=frozenset(c.id for c in self.project.codebook.list())))
