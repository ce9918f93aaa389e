"""A read-only table model over plain rows of text (shortcut lists, coder lists)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

DATA_ROLE = Qt.UserRole + 1


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: list[str], rows: list[tuple[str, ...]], data: list[Any] | None = None,
                 decorations: list[Any] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._headers, self._rows = list(headers), [tuple(r) for r in rows]
        self._data = list(data) if data is not None else [None] * len(self._rows)
        self._decorations = list(decorations) if decorations is not None else [None] * len(self._rows)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role == Qt.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == DATA_ROLE:
            return self._data[index.row()]
        if role == Qt.DecorationRole and index.column() == 0:
            return self._decorations[index.row()]
        return None
