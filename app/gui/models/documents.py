"""Documents table: title, date, outlet, language, this coder's status, number of (visible) codings, near-duplicates.

An ambiguous date (stored as the source wrote it, never guessed) shows with a
"?" and the raw text as its tooltip. A document in a near-duplicate group other
than the group's first member shows "≈ <first id>", the first's title on hover.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from app.core.records import DocStatus, DocumentInfo
from app.gui.models import refilter

COLUMNS = ("Title", "Date", "Outlet", "Language", "Status", "Codings", "Near-duplicate")
HEADER_TIPS = ("Title", "Publication date", "Outlet", "Language", "Your status: ○ not started, ◐ in progress, ● done",
               "Number of codings shown", "Near-duplicate: ≈ n is the same story as document n")
NEAR_DUP_COLUMN = 6
ID_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2
STATUS_ROLE = Qt.UserRole + 3

_STATUS_ORDER = {DocStatus.NOT_STARTED: 0, DocStatus.IN_PROGRESS: 1, DocStatus.DONE: 2}
_STATUS_MARK = {DocStatus.NOT_STARTED: "○", DocStatus.IN_PROGRESS: "◐", DocStatus.DONE: "●"}


class DocumentsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._docs: list[DocumentInfo] = []
        self._row_of: dict[int, int] = {}
        self._status: dict[int, DocStatus] = {}
        self._counts: dict[int, int] = {}

    # --- filling ---

    def reset(self, docs: list[DocumentInfo], status: dict[int, DocStatus], counts: dict[int, int]) -> None:
        self.beginResetModel()
        self._docs = list(docs)
        self._row_of = {d.id: i for i, d in enumerate(self._docs)}
        self._status, self._counts = dict(status), dict(counts)
        self.endResetModel()

    def set_document(self, doc: DocumentInfo) -> None:
        """Show corrected metadata of one document (its row keeps its place)."""
        row = self._row_of.get(doc.id)
        if row is None:
            return
        self._docs[row] = doc
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def near_duplicate_of(self, doc: DocumentInfo) -> DocumentInfo | None:
        """The first document of ``doc``'s near-duplicate group, unless that is ``doc`` itself."""
        group = doc.near_duplicate_group
        if group is None or group == doc.id:
            return None
        row = self._row_of.get(group)
        return self._docs[row] if row is not None else None

    def has_near_duplicates(self) -> bool:
        return any(d.near_duplicate_group is not None and d.near_duplicate_group != d.id for d in self._docs)

    def set_row_state(self, document_id: int, status: DocStatus | None = None, count: int | None = None) -> None:
        row = self._row_of.get(document_id)
        if row is None:
            return
        if status is not None:
            self._status[document_id] = status
        if count is not None:
            self._counts[document_id] = count
        self.dataChanged.emit(self.index(row, 4), self.index(row, 5))

    def document(self, row: int) -> DocumentInfo:
        return self._docs[row]

    def row_of(self, document_id: int) -> int | None:
        return self._row_of.get(document_id)

    def status_of(self, document_id: int) -> DocStatus:
        return self._status.get(document_id, DocStatus.NOT_STARTED)

    def progress(self) -> tuple[int, int]:
        """(done, total) for this coder."""
        done = sum(1 for d in self._docs if self._status.get(d.id) is DocStatus.DONE)
        return done, len(self._docs)

    # --- the model ---

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.DisplayRole:
                return ("Title", "Date", "Outlet", "Lang", "✓", "#", "≈")[section]
            if role == Qt.ToolTipRole:
                return HEADER_TIPS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self._docs):
            return None
        doc = self._docs[index.row()]
        col = index.column()
        status = self._status.get(doc.id, DocStatus.NOT_STARTED)
        if role == Qt.DisplayRole:
            if col == 0:
                return doc.title
            if col == 1:
                return _date_text(doc)
            if col == 2:
                return doc.outlet or ""
            if col == 3:
                return doc.language or ""
            if col == 4:
                return _STATUS_MARK[status]
            if col == 5:
                return self._counts.get(doc.id, 0)
            if col == NEAR_DUP_COLUMN:
                return f"≈ {doc.near_duplicate_group}" if self.near_duplicate_of(doc) else ""
        elif role == SORT_ROLE:
            if col == 1:
                return doc.published.isoformat() if doc.published else ""
            if col == 4:
                return _STATUS_ORDER[status]
            if col == 5:
                return self._counts.get(doc.id, 0)
            if col == NEAR_DUP_COLUMN:
                return doc.near_duplicate_group if self.near_duplicate_of(doc) else 0
            return (self.data(index, Qt.DisplayRole) or "").casefold()
        elif role == ID_ROLE:
            return doc.id
        elif role == STATUS_ROLE:
            return status.value
        elif role == Qt.ToolTipRole:
            if col == 1 and doc.date_ambiguous and not doc.published:
                return (f"Ambiguous date, as the source wrote it: {doc.published_text or '?'}\n"
                        "Correct it in Document › Properties…")
            first = self.near_duplicate_of(doc) if col == NEAR_DUP_COLUMN else None
            if first is not None:
                return f"Near-duplicate of “{first.title}” (document {first.id})"
            parts = [doc.title]
            if doc.author:
                parts.append(f"by {doc.author}")
            if doc.source_url:
                parts.append(doc.source_url)
            parts.append(f"{doc.length:,} characters · your status: {status.value}")
            return "\n".join(parts)
        elif role == Qt.TextAlignmentRole and col == 5:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        elif role == Qt.TextAlignmentRole and col in (4, NEAR_DUP_COLUMN):
            return int(Qt.AlignCenter)
        elif role == Qt.ForegroundRole and col == 4 and status is DocStatus.DONE:
            return QColor("#2e8b57")
        return None


class DocumentsProxy(QSortFilterProxyModel):
    """Filter text over title, date, outlet and language, plus an optional status filter."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self._status: str | None = None
        self._needle = ""
        self._meta: dict[str, str] = {}  # DocumentInfo field -> wanted value ("" = has none)

    def set_text(self, text: str) -> None:
        needle = text.casefold().strip()
        refilter(self, lambda: setattr(self, "_needle", needle))

    def set_status(self, status: str | None) -> None:
        refilter(self, lambda: setattr(self, "_status", status))

    def set_meta(self, field: str, value: str | None) -> None:
        """Keep only documents whose ``field`` (outlet, language) is ``value``; None lifts the condition."""
        if self._meta.get(field) != value:
            refilter(self, lambda: self._meta.update({field: value}) if value is not None else self._meta.pop(field))

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        model = self.sourceModel()
        if self._meta and any((getattr(model.document(row), f) or "") != v for f, v in self._meta.items()):
            return False
        if self._status is not None and model.index(row, 0, parent).data(STATUS_ROLE) != self._status:
            return False
        if not self._needle:
            return True
        return any(self._needle in str(model.index(row, c, parent).data() or "").casefold() for c in range(4))


def _date_text(doc: DocumentInfo) -> str:
    if doc.published:
        return doc.published.isoformat()
    if doc.date_ambiguous:
        return f"? {doc.published_text}" if doc.published_text else "?"
    return doc.published_text or ""
