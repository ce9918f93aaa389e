"""Quick code (Ctrl+K): type part of a code's path, press Enter to apply it."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QLineEdit, QListView, QVBoxLayout

from app.core.records import CodeInfo

ID_ROLE = Qt.UserRole + 1


class QuickCodeDialog(QDialog):
    def __init__(self, codes: list[CodeInfo], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Quick code")
        self.setMinimumSize(420, 320)
        self._codes = [c for c in codes if not c.archived]
        self.chosen: CodeInfo | None = None
        self.source = QStringListModel([c.path for c in self._codes], self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.search = QLineEdit(placeholderText="Type to find a code, Enter to apply")
        self.search.setObjectName("quickSearch")
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._accept_current)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.list.activated.connect(lambda _: self._accept_current())
        self.search.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        self._filter("")

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def eventFilter(self, obj, event) -> bool:
        if obj is self.search and event.type() == event.Type.KeyPress and event.key() in (Qt.Key_Down, Qt.Key_Up):
            row = self.list.currentIndex().row() + (1 if event.key() == Qt.Key_Down else -1)
            if 0 <= row < self.proxy.rowCount():
                self.list.setCurrentIndex(self.proxy.index(row, 0))
            return True
        return super().eventFilter(obj, event)

    def _accept_current(self) -> None:
        index = self.list.currentIndex()
        if not index.isValid():
            return
        self.chosen = self._codes[self.proxy.mapToSource(index).row()]
        self.accept()
