"""Coded segments of the selected codes across the corpus: code, document, coder, quoted text, memo."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from app.core.records import SegmentInfo
from app.gui.icons import swatch
from app.gui.models import refilter

COLUMNS = ("Code", "Document", "Coder", "Quote", "Memo")
SEGMENT_ROLE = Qt.UserRole + 1


class SegmentsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[SegmentInfo] = []
        self._colors: dict[int, str] = {}

    def reset(self, rows: list[SegmentInfo], colors: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows, self._colors = list(rows), dict(colors)
        self.endResetModel()

    def segment(self, row: int) -> SegmentInfo:
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        seg = self._rows[index.row()]
        col = index.column()
        if role == Qt.DisplayRole:
            return (seg.code_path, seg.document_title, seg.coder, _one_line(seg.text), _one_line(seg.memo))[col]
        if role == Qt.ToolTipRole:
            if col == 3:
                return f"{seg.text}\n\n{seg.document_title}, characters {seg.start}–{seg.end}"
            if col == 4 and seg.memo:
                return seg.memo
            return None
        if role == Qt.DecorationRole and col == 0:
            return swatch(self._colors.get(seg.code_id, "#999999"))
        if role == SEGMENT_ROLE:
            return seg.id
        return None


class SegmentsProxy(QSortFilterProxyModel):
    """Text filter over code, document title, coder, quote and memo; an optional coder filter."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self._coder: str | None = None

    def set_coder(self, coder: str | None) -> None:
        refilter(self, lambda: setattr(self, "_coder", coder))

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        if self._coder is not None and self.sourceModel().index(row, 2, parent).data() != self._coder:
            return False
        return super().filterAcceptsRow(row, parent)


def _one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
