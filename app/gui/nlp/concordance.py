"""The Concordance dialog: search a word, phrase or lemma; a sortable KWIC table; code a row."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from app.gui.nlp.models import SORT_ROLE, SPAN_ROLE, KwicModel
from app.gui.workers import JobFailed, run_with_progress


class ConcordanceDialog(QDialog):
    """``code_requested(document_id, start, end)`` asks the window to code the row's keyword
    (through its undoable command); ``jump_requested`` the same on double-click."""

    code_requested = Signal(int, int, int)
    jump_requested = Signal(int, int, int)

    def __init__(self, project, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Concordance")
        self._project = project
        self.term = QLineEdit(self)
        self.term.setPlaceholderText("Word, phrase or lemma")
        self.lemma = QCheckBox("Lemma", self)
        self.search_button = QPushButton("Search", self)
        self.code_button = QPushButton("Code keyword", self)
        self.model = KwicModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QTableView.SelectRows)
        top = QHBoxLayout()
        for w in (self.term, self.lemma, self.search_button):
            top.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addWidget(self.code_button)
        self.term.returnPressed.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.code_button.clicked.connect(self._code_current)
        self.view.activated.connect(lambda index: self.jump_requested.emit(*self.proxy.data(index, SPAN_ROLE)))

    def search(self) -> None:
        term = self.term.text().strip()
        if not term:
            return
        lemma = self.lemma.isChecked()
        try:
            # Off the GUI thread: a common word over a large corpus takes seconds.
            rows, was_cancelled = run_with_progress(
                self, "Searching the corpus",
                lambda progress, cancelled: self._project.nlp.kwic(term, lemma=lemma, cancelled=cancelled),
            )
        except JobFailed as exc:
            QMessageBox.warning(self, "Concordance", str(exc))
            return
        if was_cancelled or rows is None:
            return
        docs = {d.id: d for d in self._project.documents.list()}
        self.model.reset(rows, {i: d.title for i, d in docs.items()},
                         {i: d.published.isoformat() if d.published else "" for i, d in docs.items()})

    def _code_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.code_requested.emit(*self.proxy.data(index, SPAN_ROLE))
