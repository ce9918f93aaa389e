"""Coded segments of the codes selected in the codebook, across the whole corpus."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from app.gui.models.segments import SegmentsModel, SegmentsProxy
from app.gui.workspace import Workspace


class SegmentsPanel(QWidget):
    segmentActivated = Signal(int, int, int)  # document id, start, end (code points)

    def __init__(self, ws: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.code_ids: list[int] = []
        self.model = SegmentsModel(self)
        self.proxy = SegmentsProxy(self)
        self.proxy.setSourceModel(self.model)

        self.title = QLabel("Select codes in the codebook to list their segments")
        self.title.setObjectName("segmentsTitle")
        self.filter = QLineEdit(placeholderText="Filter by document, quote, memo…", clearButtonEnabled=True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.coder = QComboBox()
        self.coder.setToolTip("Show the segments of one coder")
        self.coder.currentIndexChanged.connect(lambda: self.proxy.set_coder(self.coder.currentData()))

        self.view = QTableView()
        self.view.setObjectName("segmentsView")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for col, mode in enumerate((QHeaderView.Interactive, QHeaderView.Interactive, QHeaderView.ResizeToContents,
                                    QHeaderView.Stretch, QHeaderView.Interactive)):
            header.setSectionResizeMode(col, mode)
        header.resizeSection(0, 170)
        header.resizeSection(1, 220)
        header.resizeSection(4, 140)
        self.view.clicked.connect(self._activate)
        self.view.activated.connect(self._activate)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.filter)
        top.addWidget(self.coder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def show_codes(self, code_ids: list[int]) -> None:
        self.code_ids = list(code_ids)
        self.reload()

    def reload(self) -> None:
        visible = self.ws.visible_coders()
        self._fill_coders(visible)
        if not self.code_ids:
            self.model.reset([], {})
            self.title.setText("Select codes in the codebook to list their segments")
            return
        rows = self.ws.project.codings.segments(code_ids=self.code_ids, coder_ids=visible)
        colors = {c.id: c.color for c in self.ws.project.codebook.list()}
        self.model.reset(rows, colors)
        docs = len({r.document_id for r in rows})
        self.title.setText(f"<b>{len(rows)}</b> segment{'s' if len(rows) != 1 else ''} in {docs} document"
                           f"{'s' if docs != 1 else ''}")

    def _fill_coders(self, visible: list[int] | None) -> None:
        current = self.coder.currentData()
        self.coder.blockSignals(True)
        self.coder.clear()
        self.coder.addItem("All shown coders", None)
        for coder in self.ws.coders():
            if visible is None or coder.id in visible:
                self.coder.addItem(coder.name, coder.name)
        found = self.coder.findData(current)
        self.coder.setCurrentIndex(max(found, 0))
        self.coder.blockSignals(False)
        self.proxy.set_coder(self.coder.currentData())

    def _activate(self, index) -> None:
        seg = self.model.segment(self.proxy.mapToSource(index).row())
        self.segmentActivated.emit(seg.document_id, seg.start, seg.end)
