"""The codebook panel: the code tree with counts, a filter and the codebook editing gestures."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLineEdit, QToolButton, QTreeView, QVBoxLayout, QWidget

from app.gui.icons import icon
from app.gui.models.codebook import ID_ROLE, CodebookModel, CodebookProxy
from app.gui.workspace import Workspace


class CodebookPanel(QWidget):
    codeClicked = Signal(int)  # apply to the selection, when there is one
    selectionChangedIds = Signal(list)
    editRequested = Signal(int)
    contextRequested = Signal(object, list)  # global point, selected ids

    def __init__(self, ws: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.model = CodebookModel(self._move_requested, self)
        self.proxy = CodebookProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit(placeholderText="Filter codes…", clearButtonEnabled=True)
        self.filter.setObjectName("codebookFilter")
        self.filter.textChanged.connect(self._on_filter)

        self.view = QTreeView()
        self.view.setObjectName("codebookView")
        self.view.setModel(self.proxy)
        self.view.setHeaderHidden(False)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.view.setDragDropMode(QAbstractItemView.InternalMove)
        self.view.setDefaultDropAction(Qt.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setContextMenuPolicy(Qt.CustomContextMenu)
        self.view.customContextMenuRequested.connect(
            lambda pos: self.contextRequested.emit(self.view.viewport().mapToGlobal(pos), self.selected_ids()))
        header = self.view.header()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for col in (1, 2):  # fixed: sizing to contents would re-read every row at each count change
            header.setSectionResizeMode(col, QHeaderView.Fixed)
            header.resizeSection(col, 48)
        header.setStretchLastSection(False)
        self.view.clicked.connect(lambda index: self.codeClicked.emit(index.data(ID_ROLE)))
        self.view.doubleClicked.connect(lambda index: self.editRequested.emit(index.data(ID_ROLE)))
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.selectionChangedIds.emit(self.selected_ids()))

        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.buttons)

    def add_button(self, name: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(name))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        button.setObjectName(f"codebook_{name}")
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)

    def reload(self) -> None:
        selected = self.selected_ids()
        self.model.reset(self.ws.project.codebook.list())
        self.view.expandAll()
        for code_id in selected:
            self.select(code_id, clear=False)

    def selected_ids(self) -> list[int]:
        rows = self.view.selectionModel().selectedRows(0)
        return [r.data(ID_ROLE) for r in rows]

    def current_id(self) -> int | None:
        ids = self.selected_ids()
        return ids[0] if ids else None

    def select(self, code_id: int, clear: bool = True) -> None:
        from PySide6.QtCore import QItemSelectionModel

        index = self.proxy.mapFromSource(self.model.index_of(code_id))
        if not index.isValid():
            return
        flags = QItemSelectionModel.Select | QItemSelectionModel.Rows
        if clear:
            flags |= QItemSelectionModel.Clear
        self.view.selectionModel().select(index, flags)
        self.view.setCurrentIndex(index) if clear else None

    def _on_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.view.expandAll()

    def _move_requested(self, code_id: int, parent_id: int | None, position: int | None) -> None:
        from app.gui.commands import MoveCode

        self.ws.run(MoveCode(self.ws, code_id, parent_id, position))
