"""The NLP parts of the main window: the Quotes dock, the Analysis menu, the suggestion overlay.

``install(window)`` adds them to a MainWindow once; the controller follows the
window's project by watching its central widget: when a WorkspaceView arrives
it attaches (Quotes panel, suggestions on each opened document), when the
welcome page comes back it detaches. Every edit goes through an undoable
command on the workspace's stack (``AddCoding``, ``RejectSuggestion``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDockWidget, QHeaderView, QLabel

from app.gui.dialogs.quick_code import QuickCodeDialog
from app.gui.nlp.concordance import ConcordanceDialog
from app.gui.nlp.pipeline_choice import group_by_language, pipeline_for
from app.gui.nlp.quotes_panel import QuotesPanel
from app.gui.nlp.suggestion_controller import SuggestionController
from app.gui.nlp.suggestions import SuggestionOverlay
from app.gui.workers import JobFailed, run_with_progress
from app.gui.workspace_view import WorkspaceView

ACTION_IDS = ("run_nlp", "concordance", "code_quote", "code_speaker", "snap_sentence", "show_suggestions",
              "accept_suggestion", "reject_suggestion", "nlp_settings")  # declared in app/gui/actions.py


class NlpController(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.view: WorkspaceView | None = None
        self.panel: QuotesPanel | None = None
        self.suggestions: SuggestionController | None = None
        self.concordance: ConcordanceDialog | None = None
        self.actions: dict[str, QAction] = {action_id: window.actions[action_id] for action_id in ACTION_IDS}
        a = self.actions
        a["show_suggestions"].setChecked(QSettings().value("nlp/showSuggestions", True, type=bool))
        a["run_nlp"].triggered.connect(self.run_nlp)
        a["concordance"].triggered.connect(self.open_concordance)
        a["code_quote"].triggered.connect(self.code_quote)
        a["snap_sentence"].triggered.connect(self.snap_to_sentence)
        a["code_speaker"].triggered.connect(self.code_speaker)
        a["show_suggestions"].toggled.connect(self.set_suggestions_visible)
        a["accept_suggestion"].triggered.connect(self.accept_at_cursor)
        a["reject_suggestion"].triggered.connect(self.reject_at_cursor)
        a["nlp_settings"].triggered.connect(self.settings_dialog)
        self.menu = window.menus["analysisMenu"]
        self.dock = QDockWidget("Quotes", window)
        self.dock.setObjectName("quotesDock")
        self.dock.setWidget(QLabel("Open a project, then Analysis › Run NLP on the Corpus…"))
        window.addDockWidget(Qt.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        window.menus["viewMenu"].addAction(self.dock.toggleViewAction())
        window.installEventFilter(self)
        self._enable()

    # --- following the window's project ---

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.ChildAdded:
            child = event.child()
            if isinstance(child, WorkspaceView) and child is not self.view:
                self.attach(child)
            elif self.view is not None and self.window.project is None:
                self.detach()
        return False

    def attach(self, view: WorkspaceView) -> None:
        self.detach()
        self.view = view
        self.suggestions = SuggestionController(view, self._say, self.actions["show_suggestions"].isChecked())
        self.panel = QuotesPanel(view.ws.project, ws=view.ws)
        self.panel.setObjectName("quotesPanel")
        self.panel.jump_requested.connect(self.jump)
        header = self.panel.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.Stretch)  # the quote gets the room, not the title
        header.resizeSection(0, 180)
        header.resizeSection(2, 260)
        self.dock.setWidget(self.panel)
        self.dock.show()
        menu = getattr(self.window, "coding_menu", None)
        if menu is not None and hasattr(menu, "extras"):
            menu.extras.append(self.suggestions.add_menu_items)
        self._enable()

    def detach(self) -> None:
        if self.suggestions is not None:
            self.suggestions.stop()  # results of a suggestion job still running are dropped
        if self.concordance is not None:
            self.concordance.close()
            self.concordance = None
        self.view = self.panel = self.suggestions = None
        self.dock.setWidget(QLabel("Open a project, then Analysis › Run NLP on the Corpus…"))
        self.dock.hide()
        self._enable()

    def _enable(self) -> None:
        for action_id, action in self.actions.items():
            if action_id != "show_suggestions":
                action.setEnabled(self.view is not None)

    @property
    def ws(self):
        return self.view.ws if self.view is not None else None

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 5000)

    # --- NLP over the corpus ---

    def run_nlp(self) -> bool:
        if self.view is None:
            return False
        project = self.ws.project
        groups = group_by_language(project.documents.list())
        total = sum(len(ids) for ids in groups.values())

        def job(progress, cancelled):
            base, reports = 0, []
            for language, ids in groups.items():
                def step(done, _total, base=base, language=language):
                    progress(base + done, f"{base + done} of {total} documents ({language})")
                reports.append(project.nlp.process(ids, pipeline_for(language), step, cancelled))
                base += len(ids)
                if reports[-1].cancelled:
                    break
            return reports

        try:
            reports, cancelled = run_with_progress(self.window, "Running NLP on the corpus", job, total=total)
        except JobFailed as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(self.window, "NLP failed", str(exc))
            return False
        processed = sum(r.processed for r in reports or [])
        skipped = sum(r.skipped for r in reports or [])
        self.panel.refresh()
        self.refresh_suggestions()
        self._say(f"NLP: {processed} documents processed, {skipped} already up to date"
                  + (" (cancelled)" if cancelled else "") + f"; {self.panel.model.rowCount()} quotes")
        return not cancelled

    def jump(self, document_id: int, start: int, end: int) -> None:
        if self.view is not None:
            self.view.go_to(document_id, start, end)

    # --- gestures on the reader ---

    def _current_code(self) -> int | None:
        code_id = self.view.codebook.current_id()
        if code_id is not None:
            return code_id
        dialog = QuickCodeDialog(list(self.view.codes.values()), self.window)
        if dialog.exec() == QDialog.Accepted and dialog.chosen is not None:
            return dialog.chosen.id
        return None

    def _cursor_span(self) -> tuple[int, int] | None:
        if self.view is None or self.view.doc_id is None:
            return None
        span = self.view.reader.selection_cp()
        if span is None:
            pos = self.view.reader.offsets.to_cp(self.view.reader.textCursor().position())
            span = (pos, pos)
        return span

    def quote_at_cursor(self):
        span = self._cursor_span()
        if span is None:
            return None
        a, b = span
        hits = [q for q in self.ws.project.nlp.quotes(self.view.doc_id) if q.start <= max(a, b - 1) and a < q.end
                or q.start <= a <= q.end]
        return min(hits, key=lambda q: q.end - q.start) if hits else None

    def code_quote(self) -> bool:
        quote = self.quote_at_cursor()
        if quote is None:
            self._say("There is no detected quote at the cursor (run NLP on the corpus first).")
            return False
        code_id = self._current_code()
        return code_id is not None and self.view.apply_code(code_id, (quote.start, quote.end))

    def code_speaker(self) -> int:
        """Code every quote of this document whose speaker is the speaker of the quote at the cursor (one undo step)."""
        quote = self.quote_at_cursor()
        if quote is None or not quote.speaker:
            self._say("Put the cursor in a quote with a known speaker first.")
            return 0
        code_id = self._current_code()
        if code_id is None:
            return 0
        coded = {(c.code_id, c.start, c.end) for c in self.view.codings.values() if c.coder_id == self.ws.coder_id}
        todo = [q for q in self.ws.project.nlp.quotes(self.view.doc_id, speaker=quote.speaker)
                if (code_id, q.start, q.end) not in coded]
        stack = self.ws.undo_stack
        stack.beginMacro(f"Code {len(todo)} quotes by {quote.speaker}")
        try:
            done = sum(1 for q in todo if self.view.apply_code(code_id, (q.start, q.end)))
        finally:
            stack.endMacro()
        self._say(f"Coded {done} quotes by {quote.speaker}")
        return done

    def snap_to_sentence(self) -> bool:
        span = self._cursor_span()
        if span is None:
            return False
        sentence = self.ws.project.nlp.sentence_at(self.view.doc_id, *span)
        if sentence is None:
            from app.core.nlp.sentences import sentence_spans

            info = self.ws.project.documents.get(self.view.doc_id)
            hit = [(a, b) for a, b in sentence_spans(self.view.text, (info.language or "en").split(",")[0], "blank")
                   if a < max(span[1], span[0] + 1) and span[0] < b]
            sentence = (hit[0][0], hit[-1][1]) if hit else None
        if sentence is None:
            return False
        self.view.reader.select_cp(*sentence)
        return True

    def open_concordance(self) -> None:
        if self.view is None:
            return
        if self.concordance is None:
            self.concordance = ConcordanceDialog(self.ws.project, self.window)
            self.concordance.setObjectName("concordanceDialog")
            self.concordance.resize(900, 520)
            self.concordance.jump_requested.connect(self.jump)
            self.concordance.code_requested.connect(self.code_keyword)
        self.concordance.show()
        self.concordance.raise_()

    def code_keyword(self, document_id: int, start: int, end: int) -> bool:
        """Apply the codebook's selected code to a concordance row's keyword (undoable)."""
        if self.view is None:
            return False
        code_id = self._current_code()
        if code_id is None:
            return False
        self.view.go_to(document_id, start, end)
        return self.view.doc_id == document_id and self.view.apply_code(code_id, (start, end))

    # --- suggestions (suggestion_controller.py) ---

    @property
    def overlay(self) -> SuggestionOverlay | None:
        return self.suggestions.overlay if self.suggestions is not None else None

    def refresh_suggestions(self) -> None:
        if self.suggestions is not None:
            self.suggestions.refresh()

    def set_suggestions_visible(self, on: bool) -> None:
        QSettings().setValue("nlp/showSuggestions", on)
        if self.suggestions is not None:
            self.suggestions.set_visible(on)

    def accept_at_cursor(self) -> bool:
        return self.suggestions is not None and self.suggestions.accept_at_cursor()

    def reject_at_cursor(self) -> bool:
        return self.suggestions is not None and self.suggestions.reject_at_cursor()


    def settings_dialog(self) -> None:
        if self.view is None:
            return
        from app.gui.nlp.settings_dialog import NlpSettingsDialog

        dialog = NlpSettingsDialog(self.ws.project, self.window, self.ws)
        if dialog.exec() == QDialog.Accepted:
            self.refresh_suggestions()


def install(window) -> NlpController:
    """Add the Analysis menu and the Quotes dock to ``window`` (once)."""
    existing = getattr(window, "nlp", None)
    if isinstance(existing, NlpController):
        return existing
    controller = NlpController(window)
    window.nlp = controller
    if getattr(window, "view", None) is not None:
        controller.attach(window.view)
        if window.view.doc_id is not None:
            controller.refresh_suggestions()
    return controller
