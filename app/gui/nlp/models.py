"""Table models over project.nlp results: quotes (speaker, quote, document) and KWIC rows."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

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
        return None

    def cell(self, item: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    def span_of(self, item: Any) -> tuple[int, int, int]:
        raise NotImplementedError


class QuotesModel(_Table):
    """Rows are ``StoredQuote`` records; ``titles`` maps document ids to titles."""

    headers = ("Speaker", "Quote", "Document")

    def reset(self, quotes: Sequence[Any], titles: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows, self._titles = list(quotes), dict(titles)
        self.endResetModel()

    def cell(self, q: Any, column: int, role: int) -> Any:
        if column == 0:
            return q.speaker or "(unknown)"
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
