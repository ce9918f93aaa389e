"""The QUndoCommand of the Agreement view: one adjudication, undone through the Project.

Same convention as ``app/gui/commands.py``: the work is done once in
:meth:`first` (so a refused edit raises before anything is pushed), the
``redo()`` that ``QUndoStack.push`` calls is skipped, and later redo/undo go
through ``project.agreement.reapply`` / ``revert`` with the exact codings the
first run wrote and removed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from app.core.errors import QuotecoderError
from app.project import Project
from app.project.adjudication import Adjudication


class AdjudicateCommand(QUndoCommand):
    def __init__(self, project: Project, document_id: int, code_id: int, region: tuple[int, int],
                 spans: Sequence[tuple[int, int]], label: str, consensus_id: int | None = None,
                 on_change: Callable[[int], None] | None = None, on_error: Callable[[str], None] | None = None
                 ) -> None:
        super().__init__(label)
        self.project = project
        self.args = (document_id, code_id, region, list(spans), consensus_id)
        self.result: Adjudication | None = None
        self._pushed = False
        self._on_change = on_change or (lambda doc: None)
        self._on_error = on_error or (lambda message: None)

    def first(self) -> Adjudication:
        self.result = self.project.agreement.adjudicate(*self.args)
        self._on_change(self.result.document_id)
        return self.result

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._safely(self.project.agreement.reapply)

    def undo(self) -> None:
        self._safely(self.project.agreement.revert)

    def _safely(self, step) -> None:
        assert self.result is not None
        try:
            step(self.result)
        except QuotecoderError as exc:
            self._on_error(f"Could not {self.text().lower()}: {exc}")
        self._on_change(self.result.document_id)
