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
        self._failures: list[tuple[QUndoCommand, str]] = []  # steps refused during one undo()/redo()
        self._stepping = False
        self._skipping: set[int] = set()
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
        if self.project.team.me is not None and coder_id != self.project.team.me.coder_id:
            # In a team project the login decides who is coding (the database would refuse anyway).
            self.error.emit(f"You are logged in as {self.project.team.me.coder}; "
                            "to code as someone else, open the project with their login.")
            return
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

    def undo(self) -> None:
        """Undo the last edit; if the project refuses (locked, disk full), the edit stays done and on the stack."""
        self._step(self.undo_stack.undo, self.undo_stack.redo, "The edit is still in place.")

    def redo(self) -> None:
        """Redo the next edit; if the project refuses, it stays undone and can be redone later."""
        self._step(self.undo_stack.redo, self.undo_stack.undo, "Nothing was changed.")

    def _step(self, forward, back, outcome: str) -> None:
        failures = self._collect(forward)
        if not failures:
            return
        # The stack has moved but the refused command's data has not: step back, doing nothing for the
        # refused command(s) and reversing the siblings of a macro that did succeed, so the stack, the
        # data and the next undo/redo agree again (no duplicate coding on a later redo).
        self._skipping = {id(command) for command, _ in failures}
        try:
            stuck = self._collect(back)
        finally:
            self._skipping = set()
        message = "\n".join(text for _, text in failures)
        if stuck:
            # Not even the way back worked: no command on the stack can be trusted to match the data.
            self.undo_stack.clear()
            outcome = ("Part of the edit could not be put back either, so the undo history was cleared; "
                       "what you see is what the project holds.")
        self.error.emit(f"{message} {outcome}")

    def _collect(self, step) -> list[tuple[QUndoCommand, str]]:
        self._failures, self._stepping = [], True
        try:
            step()
        finally:
            self._stepping = False
        failures, self._failures = self._failures, []
        return failures

    def skip_step(self, command: QUndoCommand) -> bool:
        if id(command) in self._skipping:
            self._skipping.discard(id(command))
            return True
        return False

    def step_failed(self, command: QUndoCommand, message: str) -> None:
        if self._stepping:
            self._failures.append((command, message))
        else:  # an undo stack driven from elsewhere (QUndoView): report at least
            self.error.emit(message)

    def notify(self, changes: ChangeSet) -> None:
        self.changed.emit(changes)

    def refused(self, message: str) -> None:
        """Another coder changed what an edit was made on: say so and reload the codebook."""
        self.error.emit(message)
        self.notify(ChangeSet(codes=frozenset(c.id for c in self.project.codebook.list())))
