"""The four panels of an open project and the coding gestures that tie them together.

Every edit goes through a command (``commands.py``) run by the Workspace; the
``changed`` signal brings back what the edit touched and this view refreshes
only that: the open document's highlights from the codings that changed, one
row of the documents list, the codebook's counts by difference.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.core.records import ChangeSet, CodeInfo, CodingInfo, DocStatus
from app.core.text import snap_to_words
from app.gui import commands as cmd
from app.gui.codebook_panel import CodebookPanel
from app.gui.documents_panel import DocumentsPanel
from app.gui.excluded import ExcludedOverlay
from app.gui.findbar import FindBar
from app.gui.highlights import make_highlights
from app.gui.reader import ReaderView
from app.gui.segments_panel import SegmentsPanel
from app.gui.workspace import ViewMode, Workspace
from app.project.errors import NotFoundError

BULK_RELOAD = 200  # more changed codings than this: reload the document's codings at once


class _All(set):
    """Marks "every coding of the document changed" (it was reloaded)."""


ALL = _All({-1})


class WorkspaceView(QWidget):
    statusMessage = Signal(str)
    documentOpened = Signal(int)
    propertiesRequested = Signal()  # a double-click on the reader's heading

    def __init__(self, ws: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.doc_id: int | None = None
        self.text = ""
        self.codings: dict[int, CodingInfo] = {}
        self.codes: dict[int, CodeInfo] = {}
        self.all_counts: dict[int, int] = {}
        self.snap_words = False

        self.documents = DocumentsPanel(ws)
        self.reader = ReaderView()
        self.excluded = ExcludedOverlay(self.reader)
        self.findbar = FindBar(self.reader)
        self.codebook = CodebookPanel(ws)
        self.segments = SegmentsPanel(ws)
        self.heading = QLabel()
        self.heading.setObjectName("readerHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.heading.setToolTip("Double-click to correct the title, date and other details")
        self.heading.installEventFilter(self)

        centre = QWidget()
        centre.setObjectName("readerColumn")
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.heading)
        column.addWidget(self.reader, 1)
        column.addWidget(self.findbar)

        self.top = QSplitter(Qt.Horizontal)
        self.top.setObjectName("topSplitter")
        self.top.addWidget(self.documents)
        self.top.addWidget(centre)
        self.top.addWidget(self.codebook)
        self.top.setStretchFactor(1, 1)
        self.top.setSizes([330, 760, 300])
        self.outer = QSplitter(Qt.Vertical)
        self.outer.setObjectName("outerSplitter")
        self.outer.addWidget(self.top)
        self.outer.addWidget(self.segments)
        self.outer.setStretchFactor(0, 1)
        self.outer.setSizes([620, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.outer)

        self.documents.documentActivated.connect(self.open_document)
        self.codebook.codeClicked.connect(self._on_code_clicked)
        self.codebook.selectionChangedIds.connect(self.segments.show_codes)
        self.segments.segmentActivated.connect(self.go_to)
        ws.changed.connect(self.on_changed)
        ws.viewChanged.connect(self.reload_all)

    # --- loading ---

    def load(self) -> None:
        self._reload_codebook()
        self.documents.reload()
        self.segments.reload()
        if self.documents.proxy.rowCount():
            self.documents.step(0)
        else:
            self.reader.set_document(None, "", [])
            self.heading.setText("<b>No documents yet</b> — use File › Import Files… to add some.")

    def reload_all(self) -> None:
        self.ws.reload_coders()
        self._reload_codebook()
        self.documents.reload()
        if self.doc_id is not None:
            self._reload_codings()
        self.segments.reload()

    def _reload_codebook(self) -> None:
        codes = self.ws.project.codebook.list()
        self.codes = {c.id: c for c in codes}
        self.codebook.reload()
        self.all_counts = self.ws.project.codebook.counts(coder_ids=self.ws.visible_coders())
        self._push_counts()

    def open_document(self, document_id: int) -> None:
        self.doc_id = document_id
        self.text = self.ws.project.documents.text(document_id)
        info = self.ws.project.documents.get(document_id)
        self.codings = {c.id: c for c in self.ws.project.codings.for_document(document_id)}
        self.reader.set_document(document_id, self.text, [])
        self.reader.set_highlights(self._highlights())  # needs the new text's offset map, set just above
        self.excluded.set(self.ws.project.documents.excluded_spans(document_id))
        rtl = _mostly_rtl(self.text)
        self.reader.setLayoutDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)
        self._set_heading(info)
        self._push_counts()
        self.documentOpened.emit(document_id)

    def _set_heading(self, info) -> None:
        date = info.published.isoformat() if info.published else info.published_text
        if date and info.date_ambiguous and not info.published:
            date += " (?)"
        meta = " · ".join(x for x in (info.outlet, info.author, date, info.language) if x)
        self.heading.setText(f"<span style='font-size:13pt;font-weight:600'>{_esc(info.title)}</span>"
                             f"<br><span style='color:gray'>{_esc(meta)}</span>")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.heading and event.type() == QEvent.MouseButtonDblClick and self.doc_id is not None:
            self.propertiesRequested.emit()
            return True
        return super().eventFilter(watched, event)

    def _reload_codings(self) -> None:
        self.codings = {c.id: c for c in self.ws.project.codings.for_document(self.doc_id)}
        self.reader.set_highlights(self._highlights())
        self._push_counts()

    def visible_codings(self, codings=None) -> list[CodingInfo]:
        codings = self.codings.values() if codings is None else codings
        visible = self.ws.visible_coders()
        if visible is None:
            return list(codings)
        allowed = set(visible)
        return [c for c in codings if c.coder_id in allowed]

    def _highlights(self, codings=None):
        coders = {c.id: c.name for c in self.ws.coders()}
        several = self.ws.view_mode is not ViewMode.MINE
        styles = {cid: (i if several else 0) for i, cid in enumerate(sorted(coders))}
        codes = {c.id: (c.path, c.color) for c in self.codes.values()}
        return make_highlights(self.visible_codings(codings), self.reader.offsets, codes, coders, styles)

    def _doc_counts(self) -> dict[int, int]:
        return dict(Counter(c.code_id for c in self.visible_codings()))

    def _push_counts(self, doc_counts: dict[int, int] | None = None) -> None:
        self.codebook.model.set_counts(self._doc_counts() if doc_counts is None else doc_counts, self.all_counts)

    # --- coding ---

    def selection(self) -> tuple[int, int] | None:
        span = self.reader.selection_cp()
        if span is not None and self.snap_words:
            span = snap_to_words(self.text, *span)
        return span

    def apply_code(self, code_id: int, span: tuple[int, int] | None = None) -> bool:
        if self.doc_id is None:
            return False
        span = span or self.selection()
        if span is None:
            self.statusMessage.emit("Select some text first, then choose a code.")
            return False
        code = self.codes.get(code_id)
        label = code.name if code else "code"
        ok = self.ws.run(cmd.AddCoding(self.ws, self.doc_id, code_id, span[0], span[1], label=label))
        if ok:
            self.statusMessage.emit(f"Coded {span[1] - span[0]} characters as {code.path if code else label}")
        return ok

    def in_vivo(self) -> bool:
        span = self.selection()
        if span is None or self.doc_id is None:
            self.statusMessage.emit("Select the words that should name the new code.")
            return False
        name = " ".join(self.text[span[0]:span[1]].replace("/", " ").split())[:80]
        stack = self.ws.undo_stack
        stack.beginMacro(f"In-vivo code {name}")
        try:
            add = cmd.AddCode(self.ws, name)
            ok = self.ws.run(add) and self.ws.run(cmd.AddCoding(self.ws, self.doc_id, add.code_id, *span, label=name))
        finally:
            stack.endMacro()
        return ok

    def snap_selection(self) -> None:
        span = self.reader.selection_cp()
        if span is not None:
            self.reader.select_cp(*snap_to_words(self.text, *span))

    def own_highlights_at_cursor(self):
        return [h for h in self.reader.highlights_at_cursor() if h.coder_id == self.ws.coder_id]

    def remove_coding_at_cursor(self) -> bool:
        hits = self.own_highlights_at_cursor()
        if not hits:
            self.statusMessage.emit("There is no coding of yours at the cursor.")
            return False
        hit = min(hits, key=lambda h: h.e16 - h.s16)  # the innermost one
        return self.ws.run(cmd.DeleteCoding(self.ws, hit.id))

    def toggle_done(self) -> None:
        if self.doc_id is None:
            return
        current = self.documents.model.status_of(self.doc_id)
        new = DocStatus.IN_PROGRESS if current is DocStatus.DONE else DocStatus.DONE
        if self.ws.run(cmd.SetStatus(self.ws, self.doc_id, new)):
            self.statusMessage.emit(f"Document marked {new.value}")

    def go_to(self, document_id: int, start: int, end: int) -> None:
        if document_id != self.doc_id:
            if not self.documents.select(document_id):
                return
            if self.doc_id != document_id:
                self.open_document(document_id)
        self.reader.select_cp(start, end)
        self.reader.setFocus()

    def _on_code_clicked(self, code_id: int) -> None:
        if self.reader.textCursor().hasSelection():
            self.apply_code(code_id)

    # --- refreshing after an edit ---

    def on_changed(self, changes: ChangeSet) -> None:
        if self._documents_came_or_went(changes):
            return
        codes = self.ws.project.codebook.list()
        codebook_changed = codes != list(self.codes.values())
        if codebook_changed:
            self.codes = {c.id: c for c in codes}
            self.codebook.reload()
        before = self._doc_counts()
        if codebook_changed and not changes.codings and self.doc_id is not None:
            # A merge undone, a code restored: codings may have changed code without being listed.
            changes = ChangeSet(changes.documents | {self.doc_id}, changes.codes, changes.coders, changes.codings)
        touched = self._refresh_current_codings(changes)
        local = bool(touched)
        after = self._doc_counts()
        if local and not codebook_changed and not (changes.documents - {self.doc_id}):
            for code_id in set(before) | set(after):
                delta = after.get(code_id, 0) - before.get(code_id, 0)
                if delta:
                    self.all_counts[code_id] = self.all_counts.get(code_id, 0) + delta
        else:
            self.all_counts = self.ws.project.codebook.counts(coder_ids=self.ws.visible_coders())
        self._push_counts(after)
        if codebook_changed or touched is ALL:
            self.reader.set_highlights(self._highlights())
        elif local:
            for coding_id in touched:  # only the codings this edit touched
                self.reader.index.remove(coding_id)
            for h in self._highlights([self.codings[i] for i in touched if i in self.codings]):
                self.reader.index.add(h)
            self.reader.highlights_changed()
        for document_id in changes.documents:
            self._refresh_document_row(document_id)
        if self.doc_id is not None and self.doc_id in changes.documents:
            self.excluded.set(self.ws.project.documents.excluded_spans(self.doc_id))
            self._set_heading(self.ws.project.documents.get(self.doc_id))
        if codebook_changed or set(self.segments.code_ids) & set(changes.codes):
            self.segments.reload()

    def _documents_came_or_went(self, changes: ChangeSet) -> bool:
        """A document deleted or brought back (undo): reload the list, keep or move off the open document."""
        listed = {i for i in changes.documents if self.documents.model.row_of(i) is not None}
        existing = {d.id for d in self.ws.project.documents.list()} if changes.documents else set()
        if listed == (changes.documents & existing):
            return False
        current = self.doc_id
        self.doc_id = None
        self._reload_codebook()
        self.documents.reload()
        self.segments.reload()
        if current in existing and self.documents.select(current, emit=False):
            self.open_document(current)
        elif self.documents.proxy.rowCount():
            self.documents.step(0)
        else:
            self.reader.set_document(None, "", [])
            self.codings = {}
            self.heading.setText("<b>No documents</b> — use File › Import Files… to add some.")
        return True

    def _refresh_current_codings(self, changes: ChangeSet) -> set[int]:
        """Bring the open document's codings up to date; return the ids that changed (``ALL``: reloaded)."""
        if self.doc_id is None or (self.doc_id not in changes.documents and not changes.codings):
            return set()
        if len(changes.codings) > BULK_RELOAD or not changes.codings:
            fresh = {c.id: c for c in self.ws.project.codings.for_document(self.doc_id)}
            changed = fresh != self.codings
            self.codings = fresh
            return ALL if changed else set()
        changed: set[int] = set()
        for coding_id in changes.codings:
            try:
                info = self.ws.project.codings.get(coding_id)
            except NotFoundError:
                if self.codings.pop(coding_id, None) is not None:
                    changed.add(coding_id)
                continue
            if info.document_id == self.doc_id:
                if self.codings.get(coding_id) != info:
                    changed.add(coding_id)
                self.codings[coding_id] = info
            elif self.codings.pop(coding_id, None) is not None:
                changed.add(coding_id)
        return changed

    def _refresh_document_row(self, document_id: int) -> None:
        p = self.ws.project
        status = p.documents.status(document_id, self.ws.coder_id)
        if document_id == self.doc_id:
            count = len(self.visible_codings())
        else:
            visible = self.ws.visible_coders()
            count = (p.codings.count(document_id) if visible is None
                     else sum(p.codings.count(document_id, c) for c in visible))
        self.documents.set_row_state(document_id, status, count)
        try:
            self.documents.model.set_document(p.documents.get(document_id))  # metadata may have been corrected
        except NotFoundError:
            return

    # --- remembered layout ---

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("layout/top", self.top.saveState())
        settings.setValue("layout/outer", self.outer.saveState())

    def restore_state(self, settings: QSettings) -> None:
        for key, splitter in (("layout/top", self.top), ("layout/outer", self.outer)):
            state = settings.value(key)
            if state is not None:
                splitter.restoreState(state)

    def set_reader_font(self, font: QFont) -> None:
        self.reader.set_reader_font(font)


def _mostly_rtl(text: str) -> bool:
    sample = text[:2000]
    rtl = sum(1 for ch in sample if "\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc")
    letters = sum(1 for ch in sample if ch.isalpha())
    return letters > 0 and rtl > letters / 2


def _esc(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
