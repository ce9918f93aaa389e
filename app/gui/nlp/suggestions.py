"""Suggested codings in the reader: a dashed overlay apart from real codings, and the undoable reject.

Suggestions are drawn as the reader's extra selections (a faint tint with a
dashed underline in the code's colour), so the coding highlights, the stripe
margin and every count stay untouched: a suggestion is not a coding until the
coder accepts it (``commands.AddCoding``), and a rejection is remembered per
coder through ``project.nlp.reject_suggestion`` (undone by ``unreject_suggestion``).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from app.core.records import ChangeSet
from app.gui.commands import ProjectCommand
from app.gui.workspace import Workspace
from app.project.nlp import SuggestedCoding

TINT_ALPHA = 60


class SuggestionOverlay:
    """The suggestions of the open document, drawn on ``reader`` (a ReaderView) when visible."""

    def __init__(self, reader: QPlainTextEdit) -> None:
        self.reader = reader
        self.items: list[SuggestedCoding] = []
        self.colors: dict[int, str] = {}
        self.visible = True

    def set(self, items: list[SuggestedCoding], colors: dict[int, str]) -> None:
        """Replace the suggestions (``colors`` maps code id -> ``#rrggbb``) and redraw."""
        self.items = sorted(items, key=lambda s: (s.start, s.end, s.code_id))
        self.colors = dict(colors)
        self.redraw()

    def clear(self) -> None:
        self.set([], {})

    def set_visible(self, on: bool) -> None:
        self.visible = on
        self.redraw()

    def redraw(self) -> None:
        selections = []
        if self.visible:
            offsets = self.reader.offsets
            for s in self.items:
                sel = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.reader.document())
                cursor.setPosition(offsets.to_utf16(s.start))
                cursor.setPosition(offsets.to_utf16(s.end), QTextCursor.KeepAnchor)
                sel.cursor = cursor
                sel.format = suggestion_format(self.colors.get(s.code_id, "#888888"))
                selections.append(sel)
        self.reader.setExtraSelections(selections)

    def at(self, start: int, end: int | None = None) -> list[SuggestedCoding]:
        """Visible suggestions touching code point ``start`` (or overlapping ``[start, end)``)."""
        if not self.visible:
            return []
        end = start + 1 if end is None or end <= start else end
        return [s for s in self.items if s.start < end and start < s.end]

    def under_cursor(self) -> list[SuggestedCoding]:
        """Suggestions at the reader's cursor or overlapping its selection, shortest first."""
        span = self.reader.selection_cp()
        if span is None:
            pos = self.reader.offsets.to_cp(self.reader.textCursor().position())
            hits = self.at(pos) or (self.at(pos - 1) if pos > 0 else [])
        else:
            hits = self.at(*span)
        return sorted(hits, key=lambda s: (s.end - s.start, s.start))


def suggestion_format(color: str) -> QTextCharFormat:
    """A faint tint and a dashed underline: visibly a proposal, not a coding."""
    fmt = QTextCharFormat()
    tint = QColor(color)
    tint.setAlpha(TINT_ALPHA)
    fmt.setBackground(tint)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
    fmt.setUnderlineColor(QColor(color))
    return fmt


class RejectSuggestion(ProjectCommand):
    """Reject one suggestion for the current coder; undo forgets the rejection."""

    def __init__(self, ws: Workspace, suggestion: SuggestedCoding, label: str = "suggestion") -> None:
        super().__init__(ws, f"Reject suggested {label}")
        self.suggestion = suggestion
        self.coder_id = ws.coder_id
        self.decision_id: int | None = None

    def do(self) -> ChangeSet:
        s = self.suggestion
        self.decision_id = self.ws.project.nlp.reject_suggestion(s.document_id, s.code_id, self.coder_id, s.start, s.end)
        return ChangeSet(documents=frozenset({s.document_id}))

    def reverse(self) -> ChangeSet:
        self.ws.project.nlp.unreject_suggestion(self.decision_id)
        return ChangeSet(documents=frozenset({self.suggestion.document_id}))


class SetPatterns(ProjectCommand):
    """Replace a code's suggestion patterns; undo puts the old ones back."""

    def __init__(self, ws: Workspace, code_id: int, patterns: list[tuple[str, str]]) -> None:
        super().__init__(ws, "Edit suggestion patterns")
        self.code_id, self.new = code_id, list(patterns)
        self.old = ws.project.codebook.patterns(code_id)

    def do(self) -> ChangeSet:
        return self.ws.project.codebook.set_patterns(self.code_id, self.new).changes

    def reverse(self) -> ChangeSet:
        return self.ws.project.codebook.set_patterns(self.code_id, self.old).changes
