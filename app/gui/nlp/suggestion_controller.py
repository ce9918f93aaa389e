"""Suggested codings of the open document: computed off the GUI thread, drawn dashed, accepted or rejected.

A :class:`SuggestionController` lives as long as one WorkspaceView. It
recomputes the suggestions whenever a document opens, the coder or view
changes, or an edit touches the open document or the codebook; a result that
arrives after another request (or after :meth:`stop`) is dropped. Accepting is
the undoable ``AddCoding`` by the current coder, rejecting the undoable
``RejectSuggestion``; neither touches anything else.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMenu

from app.core.records import ChangeSet
from app.gui import commands as cmd
from app.gui.nlp.pipeline_choice import pipeline_for
from app.gui.nlp.suggestions import RejectSuggestion, SuggestionOverlay
from app.gui.workers import JobRunner
from app.gui.workspace_view import WorkspaceView


class _Runner(JobRunner):
    """A suggestion job kept alive (module-wide, not by a window) until its thread has left ``run``."""

    live: set["_Runner"] = set()

    def __init__(self, job) -> None:
        super().__init__(job)
        self.setAutoDelete(False)
        self.exited = False

    def start(self) -> None:
        _Runner.live = {r for r in _Runner.live if not r.exited} | {self}
        QThreadPool.globalInstance().start(self)

    def run(self) -> None:
        try:
            super().run()
        finally:
            self.exited = True


class SuggestionController:
    def __init__(self, view: WorkspaceView, say: Callable[[str], None], visible: bool = True) -> None:
        self.view: WorkspaceView | None = view
        self.ws = view.ws
        self._say = say
        self._generation = 0
        self.overlay = SuggestionOverlay(view.reader)
        self.overlay.visible = visible
        view.documentOpened.connect(self.refresh)
        view.ws.changed.connect(self._on_changed)
        view.ws.viewChanged.connect(self.refresh)

    def stop(self) -> None:
        """The view is going away: drop results still on their way."""
        self._generation += 1
        self.view = None

    def refresh(self, *_args) -> None:
        """Compute the open document's suggestions off the GUI thread and draw them when they arrive."""
        if self.view is None or self.overlay is None:
            return
        self._generation += 1
        generation, doc_id, coder_id = self._generation, self.view.doc_id, self.ws.coder_id
        self.overlay.clear()
        if doc_id is None:
            return
        project = self.ws.project
        language = project.documents.get(doc_id).language
        runner = _Runner(lambda progress, cancelled: project.nlp.suggestions(doc_id, coder_id, pipeline_for(language)))
        runner.signals.finished.connect(lambda items: self._show(generation, doc_id, items))
        runner.signals.failed.connect(lambda message: self._say(f"Suggestions failed: {message.splitlines()[0]}"))
        runner.start()

    def _show(self, generation: int, doc_id: int, items) -> None:
        if generation != self._generation or self.view is None or self.view.doc_id != doc_id:
            return
        self.overlay.set(items, {c.id: c.color for c in self.view.codes.values()})

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.view is not None and (self.view.doc_id in changes.documents or changes.codes):
            self.refresh()

    def set_visible(self, on: bool) -> None:
        self.overlay.set_visible(on)

    def accept(self, suggestion) -> bool:
        code = self.view.codes.get(suggestion.code_id)
        return self.ws.run(cmd.AddCoding(self.ws, suggestion.document_id, suggestion.code_id, suggestion.start,
                                         suggestion.end, label=f"suggested {code.name if code else 'code'}"))

    def reject(self, suggestion) -> bool:
        code = self.view.codes.get(suggestion.code_id)
        return self.ws.run(RejectSuggestion(self.ws, suggestion, code.name if code else "code"))

    def accept_at_cursor(self) -> bool:
        hits = self.overlay.under_cursor() if self.overlay else []
        if not hits:
            self._say("There is no suggestion at the cursor.")
            return False
        return self.accept(hits[0])

    def reject_at_cursor(self) -> bool:
        hits = self.overlay.under_cursor() if self.overlay else []
        if not hits:
            self._say("There is no suggestion at the cursor.")
            return False
        return self.reject(hits[0])

    def add_menu_items(self, menu: QMenu, where) -> None:
        """Accept/Reject entries for the suggestions under the right-click, added to the coding menu."""
        if self.overlay is None or self.view is None:
            return
        reader = self.view.reader
        span = reader.selection_cp()
        if span is None:
            pos = reader.offsets.to_cp(reader.cursorForPosition(reader.viewport().mapFromGlobal(where)).position())
            span = (pos, pos + 1)
        hits = self.overlay.at(*span)
        if hits and not menu.isEmpty():
            menu.addSeparator()
        for s in hits:
            code = self.view.codes.get(s.code_id)
            sub = menu.addMenu(f"Suggested: {code.path if code else '?'} («{s.matched_pattern}»)")
            sub.addAction("Accept", lambda s=s: self.accept(s))
            sub.addAction("Reject", lambda s=s: self.reject(s))
