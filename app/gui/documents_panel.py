"""The documents list: a sortable, filterable table of the project's documents and this coder's progress."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from app.core.records import DocStatus
from app.gui.metadata_filter import MetadataFilter
from app.gui.models.documents import ID_ROLE, NEAR_DUP_COLUMN, DocumentsModel, DocumentsProxy
from app.gui.workspace import Workspace


class DocumentsPanel(QWidget):
    documentActivated = Signal(int)

    def __init__(self, ws: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.model = DocumentsModel(self)
        self.proxy = DocumentsProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit(placeholderText="Filter documents…", clearButtonEnabled=True)
        self.filter.setObjectName("documentsFilter")
        self.filter.textChanged.connect(self.proxy.set_text)
        self.status = QComboBox()
        self.status.addItem("All", None)
        for status in DocStatus:
            self.status.addItem(status.value.capitalize(), status.value)
        self.status.setToolTip("Show only documents with this status (yours)")
        self.status.currentIndexChanged.connect(lambda: self.proxy.set_status(self.status.currentData()))

        self.view = QTableView()
        self.view.setObjectName("documentsView")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setMinimumSectionSize(24)
        for col, width in ((1, 84), (2, 110), (3, 40), (4, 28), (5, 40), (NEAR_DUP_COLUMN, 44)):
            header.setSectionResizeMode(col, QHeaderView.Interactive)
            header.resizeSection(col, width)
        header.setStretchLastSection(False)
        # Outlet and language are one right-click away; the list stays readable in a narrow panel.
        header.setContextMenuPolicy(Qt.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for col in (2, 3, NEAR_DUP_COLUMN):
            self.view.setColumnHidden(col, True)
        self._near_dup_shown_once = False  # shown by default the first time a project has near-duplicates
        self.view.selectionModel().currentRowChanged.connect(self._on_current)

        self.progress = QLabel()
        self.progress.setObjectName("progressLabel")

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        self.meta = MetadataFilter(self.proxy)  # outlet and language
        layout.addWidget(self.meta)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.progress)

    def _header_menu(self, pos) -> None:
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        for col in range(1, self.model.columnCount()):
            action = menu.addAction(self.model.headerData(col, Qt.Horizontal, Qt.ToolTipRole).split(":")[0])
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(col))
            action.toggled.connect(lambda on, c=col: self.view.setColumnHidden(c, not on))
        menu.exec(self.view.horizontalHeader().mapToGlobal(pos))

    def reload(self) -> None:
        p = self.ws.project
        current = self.current_id()
        self.model.reset(p.documents.list(), p.documents.statuses(self.ws.coder_id),
                         p.documents.coding_counts(self.ws.visible_coders()))
        self.meta.populate([self.model.document(r) for r in range(self.model.rowCount())])
        if self.model.has_near_duplicates() and not self._near_dup_shown_once:
            self._near_dup_shown_once = True
            self.view.setColumnHidden(NEAR_DUP_COLUMN, False)
        self._update_progress()
        if current is not None:
            self.select(current, emit=False)

    def set_row_state(self, document_id: int, status: DocStatus | None, count: int | None) -> None:
        self.model.set_row_state(document_id, status, count)
        self._update_progress()

    def _update_progress(self) -> None:
        done, total = self.model.progress()
        self.progress.setText(f"{done} of {total} documents done by {self.ws.coder_name}")

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, document_id: int, emit: bool = True) -> bool:
        row = self.model.row_of(document_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # filtered out: clear the filter so the document can be shown
            self.filter.clear()
            self.status.setCurrentIndex(0)
            self.meta.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not emit:
            self.view.selectionModel().blockSignals(True)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        if not emit:
            self.view.selectionModel().blockSignals(False)
        self.view.scrollTo(index)
        return True

    def step(self, delta: int) -> None:
        """Open the next (+1) or previous (-1) document in the list as shown."""
        rows = self.proxy.rowCount()
        if not rows:
            return
        row = self.view.currentIndex().row()
        row = 0 if row < 0 else max(0, min(rows - 1, row + delta))
        self.view.selectionModel().setCurrentIndex(
            self.proxy.index(row, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)

    def _on_current(self, current, previous) -> None:
        if current.isValid():
            self.documentActivated.emit(current.data(ID_ROLE))
