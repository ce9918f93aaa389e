"""The Quotes panel: who said what, filterable by speaker; activating a row asks to jump to the quote.

Speakers detected with confidence under 0.8 are marked "?" so a coder checks them ("Only
speakers to check" lists just those); editing a speaker cell corrects it with one undoable
command, and the correction survives re-running NLP.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QTableView, QVBoxLayout, QWidget

from app.gui.nlp.models import CHECK_ROLE, SPAN_ROLE, QuotesModel


class _QuoteFilter(QSortFilterProxyModel):
    """Speaker filter (exact name, column 0's edit text) and, optionally, only rows to check."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.name: str | None = None
        self.only_check = False

    def set(self, name: str | None, only_check: bool) -> None:
        self.name, self.only_check = name, only_check
        self.invalidate()

    def filterAcceptsRow(self, row: int, parent) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        if self.only_check and not self.sourceModel().data(index, CHECK_ROLE):
            return False
        return self.name is None or self.sourceModel().data(index, Qt.EditRole) == self.name

ALL = "All speakers"


class QuotesPanel(QWidget):
    """``jump_requested(document_id, start, end)`` when the user activates a quote."""

    jump_requested = Signal(int, int, int)

    def __init__(self, project, parent=None, ws=None) -> None:
        super().__init__(parent)
        self._project = project
        self._ws = ws
        self.model = QuotesModel(self)
        if ws is not None:
            self.model.on_speaker = self.correct_speaker
            ws.changed.connect(lambda _changes: self.refresh())
        self.proxy = _QuoteFilter(self)
        self.proxy.setSourceModel(self.model)
        self.only_check = QCheckBox("Only speakers to check", self)
        self.only_check.setToolTip("Quotes whose speaker was detected with confidence under 0.8")
        self.only_check.toggled.connect(self._filter)
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
        layout.addWidget(self.only_check)
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
        self.proxy.set(self.speaker.currentData(), self.only_check.isChecked())

    def correct_speaker(self, quote, name: str | None) -> bool:
        """Set ``quote``'s speaker to ``name`` as one undoable command."""
        from app.gui.commands import CorrectSpeaker

        if self._ws is None or name == quote.speaker:
            return False
        return self._ws.run(CorrectSpeaker(self._ws, quote.id, name))

    def _activated(self, index) -> None:
        doc_id, start, end = self.proxy.data(index, SPAN_ROLE)
        self.jump_requested.emit(doc_id, start, end)

