"""The Quotes panel: who said what, filterable by speaker; activating a row asks to jump to the quote."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, Signal
from PySide6.QtWidgets import QComboBox, QTableView, QVBoxLayout, QWidget

from app.gui.nlp.models import SPAN_ROLE, QuotesModel

ALL = "All speakers"


class QuotesPanel(QWidget):
    """``jump_requested(document_id, start, end)`` when the user activates a quote."""

    jump_requested = Signal(int, int, int)

    def __init__(self, project, parent=None) -> None:
        super().__init__(parent)
        self._project = project
        self.model = QuotesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(0)
        self.speaker = QComboBox(self)
        self.speaker.setAccessibleName("Speaker filter")
        self.speaker.currentIndexChanged.connect(self._filter)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QTableView.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.speaker)
        layout.addWidget(self.view)
        self.refresh()

    def refresh(self) -> None:
        """Reload quotes and speakers from the project (after an NLP run)."""
        titles = {d.id: d.title for d in self._project.documents.list()}
        self.model.reset(self._project.nlp.quotes(), titles)
        current = self.speaker.currentData()
        self.speaker.blockSignals(True)
        self.speaker.clear()
        self.speaker.addItem(ALL, None)
        for name, count in self._project.nlp.speakers():
            self.speaker.addItem(f"{name} ({count})", name)
        found = self.speaker.findData(current) if current else 0
        self.speaker.setCurrentIndex(max(found, 0))
        self.speaker.blockSignals(False)
        self._filter()

    def _filter(self) -> None:
        name = self.speaker.currentData()
        self.proxy.setFilterRegularExpression(f"^{QRegularExpression.escape(name)}$" if name else "")

    def _activated(self, index) -> None:
        doc_id, start, end = self.proxy.data(index, SPAN_ROLE)
        self.jump_requested.emit(doc_id, start, end)

