"""Codebook tree: names with colour swatches, counts in this document and in the project; drag to move."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from app.core.records import CodeInfo
from app.gui.icons import swatch

MIME = "application/x-quotecoder-code-id"
COLUMNS = ("Code", "Doc", "All")
ID_ROLE = Qt.UserRole + 1
PATH_ROLE = Qt.UserRole + 2


class _Node:
    __slots__ = ("code", "parent", "children", "row")

    def __init__(self, code: CodeInfo | None, parent: "_Node | None") -> None:
        self.code, self.parent, self.children, self.row = code, parent, [], 0


class CodebookModel(QAbstractItemModel):
    """``move_requested(code_id, parent_id, position)`` is called on drop; the model itself never writes."""

    def __init__(self, move_requested: Callable[[int, int | None, int | None], None] | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self._root = _Node(None, None)
        self._nodes: dict[int, _Node] = {}
        self._doc_counts: dict[int, int] = {}
        self._all_counts: dict[int, int] = {}
        self._move_requested = move_requested

    # --- filling ---

    def reset(self, codes: list[CodeInfo]) -> None:
        self.beginResetModel()
        self._root = _Node(None, None)
        self._nodes = {}
        for code in codes:  # tree order: parents come before children
            parent = self._nodes.get(code.parent_id, self._root) if code.parent_id is not None else self._root
            node = _Node(code, parent)
            node.row = len(parent.children)
            parent.children.append(node)
            self._nodes[code.id] = node
        self.endResetModel()

    def set_counts(self, doc_counts: dict[int, int], all_counts: dict[int, int]) -> None:
        """New counts; only the rows whose numbers changed are announced."""
        changed = {cid for cid in set(doc_counts) | set(self._doc_counts) if doc_counts.get(cid) != self._doc_counts.get(cid)}
        changed |= {cid for cid in set(all_counts) | set(self._all_counts) if all_counts.get(cid) != self._all_counts.get(cid)}
        self._doc_counts, self._all_counts = dict(doc_counts), dict(all_counts)
        for code_id in changed:
            node = self._nodes.get(code_id)
            if node is not None:
                self.dataChanged.emit(self.createIndex(node.row, 1, node), self.createIndex(node.row, 2, node))

    def code(self, code_id: int) -> CodeInfo | None:
        node = self._nodes.get(code_id)
        return node.code if node else None

    def codes(self) -> list[CodeInfo]:
        return [n.code for n in self._nodes.values()]

    def index_of(self, code_id: int) -> QModelIndex:
        node = self._nodes.get(code_id)
        return self._index_of(node) if node else QModelIndex()

    def _index_of(self, node: _Node) -> QModelIndex:
        if node is self._root or node is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def _node(self, index: QModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    # --- the model ---

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index=QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        return self._index_of(index.internalPointer().parent)

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ToolTipRole:
                return ("Code", "Codings in this document", "Codings in the whole project")[section]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        code: CodeInfo = index.internalPointer().code
        col = index.column()
        if role == Qt.DisplayRole:
            if col == 0:
                return code.name
            counts = self._doc_counts if col == 1 else self._all_counts
            n = counts.get(code.id, 0)
            return str(n) if n else ""
        if role == Qt.DecorationRole and col == 0:
            return swatch(code.color)
        if role == ID_ROLE:
            return code.id
        if role == PATH_ROLE:
            return code.path
        if role == Qt.ToolTipRole:
            lines = [f"<b>{_esc(code.path)}</b>"]
            if code.shortcut:
                lines.append(f"Shortcut: {_esc(code.shortcut)}")
            for label, text in (("Definition", code.description), ("Include", code.inclusion),
                                ("Exclude", code.exclusion), ("Example", code.example)):
                if text:
                    lines.append(f"<i>{label}:</i> {_esc(text)}")
            if code.archived:
                lines.append("<i>Archived: not offered for coding</i>")
            return "<br>".join(lines)
        if role == Qt.ForegroundRole and code.archived:
            return QColor("#888888")
        if role == Qt.FontRole and col == 0 and code.archived:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.TextAlignmentRole and col > 0:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    # --- drag and drop ---

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.ItemIsDropEnabled
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled | Qt.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropActions:
        return Qt.MoveAction

    def supportedDragActions(self) -> Qt.DropActions:
        return Qt.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = sorted({i.internalPointer().code.id for i in indexes if i.isValid()})
        mime = QMimeData()
        mime.setData(MIME, ",".join(map(str, ids)).encode())
        return mime

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data.hasFormat(MIME) and action == Qt.MoveAction

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent) or self._move_requested is None:
            return False
        raw = bytes(data.data(MIME)).decode()
        ids = [int(x) for x in raw.split(",") if x]
        parent_node = self._node(parent)
        parent_id = parent_node.code.id if parent_node.code else None
        for offset, code_id in enumerate(ids):
            node = self._nodes.get(code_id)
            position = None if row < 0 else row + offset
            if node is not None and node.parent is parent_node and position is not None and node.row < position:
                position -= 1  # removing the code from above the drop point shifts the gap up
            self._move_requested(code_id, parent_id, position)
        return False  # the Project did the move; the view reloads from the change signal


class CodebookProxy(QSortFilterProxyModel):
    """Filter by name or path, keeping the ancestors of matches visible."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(False)  # counts change often; names only on reset, which re-filters anyway
        self.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.setFilterRole(PATH_ROLE)
        self.setFilterKeyColumn(0)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
