"""Text that is not part of the article (boilerplate): greyed in the reader, and the undoable mark / unmark.

An excluded span stays in the stored text (no offset moves); the reader draws
it in a muted text colour through its own extra-selection layer, so codings,
suggestions and the stripe margin are untouched. The colour is mixed from the
current palette (text towards base), so it reads as "muted" in light and dark
themes alike, and is recomputed when the palette changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from app.core.records import ChangeSet, ExcludedSpanInfo
from app.gui.commands import ProjectCommand
from app.gui.workspace import Workspace

LAYER = "excluded"
TOOLTIP = "Not part of the article ({reason}): left out of statistics and suggestions"
MUTE = 0.45  # share of the text colour kept; the rest is the background's


def muted_text_color(palette: QPalette) -> QColor:
    """The text colour moved towards the background: quiet, but still readable, in any theme."""
    text, base = palette.color(QPalette.Text), palette.color(QPalette.Base)
    mix = lambda a, b: round(a * MUTE + b * (1 - MUTE))  # noqa: E731
    return QColor(mix(text.red(), base.red()), mix(text.green(), base.green()), mix(text.blue(), base.blue()))


class ExcludedOverlay(QObject):
    """The excluded spans of the open document, drawn greyed on ``reader`` (a ReaderView), with a tooltip."""

    def __init__(self, reader) -> None:
        super().__init__(reader)
        self.reader = reader
        self.spans: list[ExcludedSpanInfo] = []
        self._utf16: list[tuple[int, int, ExcludedSpanInfo]] = []
        reader.tip_providers.append(self.tooltip_at)
        reader.installEventFilter(self)

    def set(self, spans: list[ExcludedSpanInfo]) -> None:
        """Replace the spans (code points) and redraw."""
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        offsets = self.reader.offsets
        self._utf16 = [(offsets.to_utf16(s.start), offsets.to_utf16(s.end), s) for s in self.spans]
        self.redraw()

    def redraw(self) -> None:
        fmt = QTextCharFormat()
        fmt.setForeground(muted_text_color(self.reader.palette()))
        selections = []
        for s16, e16, _span in self._utf16:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.reader.document())
            cursor.setPosition(s16)
            cursor.setPosition(e16, QTextCursor.KeepAnchor)
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        self.reader.set_selection_layer(LAYER, selections)

    def at_utf16(self, pos: int) -> list[ExcludedSpanInfo]:
        return [span for s16, e16, span in self._utf16 if s16 <= pos < e16]

    def at(self, start: int, end: int | None = None) -> list[ExcludedSpanInfo]:
        """Spans touching code point ``start`` (or overlapping ``[start, end)``)."""
        end = start + 1 if end is None or end <= start else end
        return [s for s in self.spans if s.start < end and start < s.end]

    def under_cursor(self) -> list[ExcludedSpanInfo]:
        """Spans overlapping the reader's selection, or under its cursor."""
        span = self.reader.selection_cp()
        if span is not None:
            return self.at(*span)
        return self.at(self.reader.offsets.to_cp(self.reader.textCursor().position()))

    def tooltip_at(self, pos16: int) -> str | None:
        hits = self.at_utf16(pos16)
        if not hits:
            return None
        return "<br>".join(f"<i>{TOOLTIP.format(reason=h.reason or 'boilerplate')}</i>" for h in hits)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange) and self._utf16:
            self.redraw()
        return False


class ExcludeSpan(ProjectCommand):
    """Mark ``[start, end)`` as not part of the article; undo counts it as article text again."""

    def __init__(self, ws: Workspace, document_id: int, start: int, end: int, reason: str = "boilerplate") -> None:
        super().__init__(ws, "Mark as not part of the article")
        self.args = (document_id, start, end, reason)
        self.span_id: int | None = None

    def do(self) -> ChangeSet:
        edit = self.ws.project.documents.add_excluded_span(*self.args)
        self.span_id = edit.id
        return edit.changes

    def reverse(self) -> ChangeSet:
        info = self.ws.project.documents.remove_excluded_span(self.span_id)
        return ChangeSet(documents=frozenset({info.document_id}))


class IncludeSpan(ProjectCommand):
    """Count an excluded span as article text again; undo re-adds the same span (start, end, reason)."""

    def __init__(self, ws: Workspace, span: ExcludedSpanInfo) -> None:
        super().__init__(ws, "Count as article text again")
        self.span_id = span.id
        self.info: ExcludedSpanInfo = span

    def do(self) -> ChangeSet:
        self.info = self.ws.project.documents.remove_excluded_span(self.span_id)
        return ChangeSet(documents=frozenset({self.info.document_id}))

    def reverse(self) -> ChangeSet:
        i = self.info
        edit = self.ws.project.documents.add_excluded_span(i.document_id, i.start, i.end, i.reason)
        self.span_id = edit.id  # a redo removes the re-added row
        return edit.changes
