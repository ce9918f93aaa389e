"""Coders side by side on one document and one code, with their differences highlighted.

One read-only pane per coder (and one for the consensus layer), each showing
the same text; vertical scrolling is linked so the panes stay aligned line for
line. A coder's spans of the code are tinted; the disagreement regions are
marked in every pane (amber where this coder coded it, hatched where not), and
the current region is outlined. Offsets arrive as code points and cross into Qt
through :class:`app.core.text.OffsetMap` only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from app.core.agreement.segments import DisagreementRegion
from app.core.text import OffsetMap

CODED = QColor("#cfe0f5")
DIFF_CODED = QColor("#ffb74d")
DIFF_NOT = QColor("#ffe0b2")
CURRENT = QColor("#d84315")


class ComparePane(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(f"<b>{title}</b>")
        self.edit = QPlainTextEdit(readOnly=True)
        self.edit.setObjectName(f"pane_{title}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.edit)


class CompareView(QWidget):
    """Set with :meth:`show_document`; step with :meth:`step`; ``currentChanged(index)`` follows the region."""

    currentChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panes: list[ComparePane] = []
        self.names: list[str] = []
        self.regions: list[DisagreementRegion] = []
        self.current = -1
        self._text = ""
        self._map = OffsetMap("")
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._syncing = False

    def show_document(self, text: str, spans: dict[str, Sequence[tuple[int, int]]],
                      regions: Sequence[DisagreementRegion], current: int = 0) -> None:
        """``spans``: pane name -> that coder's spans of the code (code points), in pane order."""
        if list(spans) != self.names:
            self._rebuild(list(spans))
        self._text, self._map = text, OffsetMap(text)
        self._spans = {k: list(v) for k, v in spans.items()}
        self.regions = list(regions)
        for pane in self.panes:
            if pane.edit.toPlainText() != text:
                pane.edit.setPlainText(text)
        self.set_current(min(current, len(self.regions) - 1) if self.regions else -1)

    def _rebuild(self, names: list[str]) -> None:
        for pane in self.panes:
            self._layout.removeWidget(pane)
            pane.hide()
            pane.setParent(None)
            pane.deleteLater()
        self.names, self.panes = names, [ComparePane(n, self) for n in names]
        for pane in self.panes:
            self._layout.addWidget(pane)
            pane.edit.verticalScrollBar().valueChanged.connect(self._sync_scroll)

    def _sync_scroll(self, value: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        for pane in self.panes:
            pane.edit.verticalScrollBar().setValue(value)
        self._syncing = False

    def step(self, delta: int) -> None:
        """Go to the next (+1) or previous (-1) disagreement, wrapping around."""
        if self.regions:
            self.set_current((self.current + delta) % len(self.regions))

    def set_current(self, index: int) -> None:
        self.current = index
        for name, pane in zip(self.names, self.panes):
            pane.edit.setExtraSelections(self._selections(name, pane.edit))
        if 0 <= index < len(self.regions):
            region = self.regions[index]
            for pane in self.panes:
                cursor = pane.edit.textCursor()
                cursor.setPosition(self._map.to_utf16(region.start))
                pane.edit.setTextCursor(cursor)
                pane.edit.centerCursor()
        self.currentChanged.emit(index)

    def selected_span(self) -> tuple[int, int] | None:
        """The text selected in any pane (the focused one first), in code points."""
        ordered = sorted(self.panes, key=lambda p: not p.edit.hasFocus())
        for pane in ordered:
            cursor = pane.edit.textCursor()
            if cursor.hasSelection():
                return self._map.to_cp(cursor.selectionStart()), self._map.to_cp(cursor.selectionEnd())
        return None

    def _selection(self, edit: QPlainTextEdit, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(edit.document())
        cursor.setPosition(self._map.to_utf16(start))
        cursor.setPosition(self._map.to_utf16(end), QTextCursor.KeepAnchor)
        sel.cursor, sel.format = cursor, fmt
        return sel

    def _selections(self, name: str, edit: QPlainTextEdit) -> list[QTextEdit.ExtraSelection]:
        out = []
        coded = QTextCharFormat()
        coded.setBackground(CODED)
        for start, end in self._spans.get(name, ()):
            out.append(self._selection(edit, start, end, coded))
        for i, region in enumerate(self.regions):
            fmt = QTextCharFormat()
            if name in region.coded_by:
                fmt.setBackground(DIFF_CODED)
            elif name in region.not_coded_by:
                fmt.setBackground(QBrush(DIFF_NOT, Qt.BDiagPattern))
            else:  # the consensus pane: just mark where the coders differ
                fmt.setUnderlineStyle(QTextCharFormat.DotLine)
                fmt.setUnderlineColor(DIFF_CODED)
            if i == self.current:
                fmt.setFontUnderline(True)
                fmt.setUnderlineStyle(QTextCharFormat.SingleUnderline)
                fmt.setUnderlineColor(CURRENT)
                fmt.setForeground(CURRENT)
            out.append(self._selection(edit, region.start, region.end, fmt))
        return out
