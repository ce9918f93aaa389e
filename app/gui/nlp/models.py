"""Table models over project.nlp results: quotes (speaker, quote, document) and KWIC rows."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

SPAN_ROLE = Qt.UserRole + 1  # (document_id, start, end) of the row
SORT_ROLE = Qt.UserRole + 2


class _Table(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role in (Qt.DisplayRole, Qt.ToolTipRole, SORT_ROLE):
            return self.cell(item, index.column(), role)
        if role == SPAN_ROLE:
            return self.span_of(item)
        return self.extra(item, index.column(), role)

    def extra(self, item: Any, column: int, role: int) -> Any:
        return None

    def cell(self, item: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    def span_of(self, item: Any) -> tuple[int, int, int]:
        raise NotImplementedError


CHECK_ROLE = Qt.UserRole + 3  # True when the row's speaker should be checked by a coder


class QuotesModel(_Table):
    """Rows are ``StoredQuote`` records; ``titles`` maps document ids to titles.

    A detected speaker under confidence 0.8 shows as "name ?" in an alert colour, so a coder
    checks it; the speaker cell is editable, and an edit calls ``on_speaker(quote, name)``
    (the panel turns it into an undoable command) instead of changing the row here.
    """

    headers = ("Speaker", "Quote", "Document")
    on_speaker = None  # callable(quote, name or None)

    def flags(self, index: QModelIndex):
        base = super().flags(index)
        return base | Qt.ItemIsEditable if index.isValid() and index.column() == 0 and self.on_speaker else base

    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or index.column() != 0 or self.on_speaker is None:
            return False
        name = " ".join(str(value or "").split()) or None
        self.on_speaker(self._rows[index.row()], name)
        return True

    def extra(self, q: Any, column: int, role: int) -> Any:
        if role == CHECK_ROLE:
            return q.needs_check
        if role == Qt.EditRole and column == 0:
            return q.speaker or ""
        if role == Qt.ForegroundRole and column == 0 and q.needs_check:
            return QBrush(QColor("#b35900"))
        if role == Qt.FontRole and column == 0 and q.corrected:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def reset(self, quotes: Sequence[Any], titles: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows, self._titles = list(quotes), dict(titles)
        self.endResetModel()

    def cell(self, q: Any, column: int, role: int) -> Any:
        if column == 0:
            name = q.speaker or "(unknown)"
            if role == Qt.ToolTipRole:
                how = "corrected by a coder" if q.corrected else f"detected, confidence {q.confidence:.2f}"
                return f"{name} — {how}" + (" — please check" if q.needs_check else "") + "; edit to correct"
            return f"{name} ?" if q.needs_check else name
        if column == 1:
            return q.text if role == Qt.ToolTipRole else " ".join(q.text.split())
        return self._titles.get(q.document_id, str(q.document_id))

    def span_of(self, q: Any) -> tuple[int, int, int]:
        return (q.document_id, q.start, q.end)


class KwicModel(_Table):
    """Rows are core ``KwicRow`` records; the keyword column sorts case-insensitively, left context from its end."""

    headers = ("Left", "Keyword", "Right", "Document", "Date")

    def reset(self, rows: Sequence[Any], titles: dict[int, str], dates: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows, self._titles, self._dates = list(rows), dict(titles), dict(dates)
        self.endResetModel()

    def cell(self, r: Any, column: int, role: int) -> Any:
        values = (r.left, r.keyword, r.right, self._titles.get(r.doc_id, str(r.doc_id)), self._dates.get(r.doc_id, ""))
        if role == SORT_ROLE:
            if column == 0:
                return r.left[::-1].lower()  # sort by the words nearest the keyword
            return values[column].lower()
        return values[column]

    def span_of(self, r: Any) -> tuple[int, int, int]:
        return (r.doc_id, r.start, r.end)
