"""NLP settings: the spaCy pipeline per language, the glossary of names, and each code's suggestion patterns.

Pipeline choices live in QSettings (``app.gui.nlp.pipeline_choice``) and are
passed to ``project.nlp.process``/``suggestions``. Glossary entries are saved
the moment they are added or removed (they belong to the project, like every
edit). Pattern edits are kept until OK and then applied per code through the
undoable ``SetPatterns`` command when a workspace is given.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget)

from app.core.errors import QuotecoderError
from app.core.nlp.pipelines import BLANK, installed_pipelines
from app.gui.nlp.pipeline_choice import base_language, pipeline_for, set_pipeline_for

AUTOMATIC = "Automatic (best installed)"
RULES_ONLY = "Rules only (no trained pipeline)"
KINDS = ("phrase", "lemma", "word")
LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP")


class RowsModel(QAbstractTableModel):
    """A read-only table of tuples with fixed headers (glossary entries, code patterns)."""

    def __init__(self, headers: tuple[str, ...], parent=None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[tuple] = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = [tuple(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and index.isValid() and index.row() < len(self.rows):
            return str(self.rows[index.row()][index.column()])
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return None


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectRows)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    return view


class NlpSettingsDialog(QDialog):
    def __init__(self, project, parent=None, ws=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("NLP settings")
        self.setMinimumSize(560, 420)
        self.project, self.ws = project, ws
        tabs = QTabWidget()
        tabs.addTab(self._pipelines_tab(), "&Pipelines")
        tabs.addTab(self._glossary_tab(), "&Glossary")
        tabs.addTab(self._patterns_tab(), "Code &patterns")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    # --- pipelines ---

    def _pipelines_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        languages = sorted({base_language(d.language) for d in self.project.documents.list()} | {"en"})
        self.pipeline_boxes: dict[str, QComboBox] = {}
        for language in languages:
            box = QComboBox()
            box.addItem(AUTOMATIC, None)
            box.addItem(RULES_ONLY, BLANK)
            for name, _ in installed_pipelines(language):
                box.addItem(name, name)
            current = pipeline_for(language)
            found = box.findData(current) if current else 0
            if current and found < 0:  # remembered but no longer installed: keep it visible, marked
                box.addItem(f"{current} (not installed)", current)
                found = box.count() - 1
            box.setCurrentIndex(found)
            form.addRow(f"Language “{language}”:", box)
            self.pipeline_boxes[language] = box
        form.addRow(QLabel("Without a trained pipeline, quotes and suggestions still work from rules;\n"
                           "a trained one adds entities and parser-based speaker attribution."))
        return page

    # --- glossary ---

    def _glossary_tab(self) -> QWidget:
        page = QWidget()
        self.glossary_model = RowsModel(("Name", "Alias", "Label"), self)
        self.glossary_view = _table(self.glossary_model)
        self.canonical = QLineEdit(placeholderText="Canonical name, e.g. Kassym-Jomart Tokayev")
        self.aliases = QLineEdit(placeholderText="Aliases, separated by semicolons: Tokayev; the Head of State")
        self.label = QComboBox()
        self.label.addItems(LABELS)
        add = QPushButton("&Add")
        add.clicked.connect(self.add_glossary)
        remove = QPushButton("&Remove Selected")
        remove.clicked.connect(self.remove_glossary)
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(add)
        row.addWidget(remove)
        layout = QVBoxLayout(page)
        layout.addWidget(self.glossary_view)
        layout.addWidget(self.canonical)
        layout.addWidget(self.aliases)
        layout.addLayout(row)
        self._reload_glossary()
        return page

    def _reload_glossary(self) -> None:
        self.glossary_model.set_rows((c, a, lab) for _, c, a, lab in self.project.nlp.glossary())

    def add_glossary(self) -> bool:
        aliases = [a.strip() for a in self.aliases.text().split(";") if a.strip()]
        try:
            self.project.nlp.glossary_add(self.canonical.text(), aliases, self.label.currentText())
        except QuotecoderError as exc:
            QMessageBox.warning(self, "Glossary", str(exc))
            return False
        self.canonical.clear()
        self.aliases.clear()
        self._reload_glossary()
        return True

    def remove_glossary(self) -> int:
        rows = sorted({i.row() for i in self.glossary_view.selectionModel().selectedRows()})
        count = 0
        for canonical, alias, _ in [self.glossary_model.rows[r] for r in rows]:
            count += self.project.nlp.glossary_remove(canonical, None if alias == canonical else alias)
        self._reload_glossary()
        return count

    # --- code patterns ---

    def _patterns_tab(self) -> QWidget:
        page = QWidget()
        self.codes = [c for c in self.project.codebook.list() if not c.archived]
        self.code_box = QComboBox()
        for c in self.codes:
            self.code_box.addItem(c.path, c.id)
        self.pending: dict[int, list[tuple[str, str]]] = {}
        self.pattern_model = RowsModel(("Pattern", "Kind"), self)
        self.pattern_view = _table(self.pattern_model)
        self.pattern = QLineEdit(placeholderText="A word, phrase or lemma: social justice")
        self.kind = QComboBox()
        self.kind.addItems(KINDS)
        add = QPushButton("A&dd Pattern")
        add.clicked.connect(self.add_pattern)
        remove = QPushButton("Remo&ve Pattern")
        remove.clicked.connect(self.remove_pattern)
        row = QHBoxLayout()
        for w in (self.pattern, self.kind, add, remove):
            row.addWidget(w)
        layout = QVBoxLayout(page)
        layout.addWidget(self.code_box)
        layout.addWidget(self.pattern_view)
        layout.addLayout(row)
        layout.addWidget(QLabel("phrase: exact words (any case) · lemma: every form of the word · word: one token"))
        self.code_box.currentIndexChanged.connect(self._show_patterns)
        self._show_patterns()
        return page

    def _current_patterns(self) -> list[tuple[str, str]]:
        code_id = self.code_box.currentData()
        if code_id is None:
            return []
        if code_id not in self.pending:
            self.pending[code_id] = list(self.project.codebook.patterns(code_id))
        return self.pending[code_id]

    def _show_patterns(self) -> None:
        self.pattern_model.set_rows(self._current_patterns())

    def add_pattern(self) -> None:
        text = " ".join(self.pattern.text().split())
        if text and self.code_box.currentData() is not None:
            patterns = self._current_patterns()
            if (text, self.kind.currentText()) not in patterns:
                patterns.append((text, self.kind.currentText()))
            self.pattern.clear()
            self._show_patterns()

    def remove_pattern(self) -> None:
        rows = {i.row() for i in self.pattern_view.selectionModel().selectedRows()}
        patterns = self._current_patterns()
        patterns[:] = [p for i, p in enumerate(patterns) if i not in rows]
        self._show_patterns()

    # --- applying ---

    def accept(self) -> None:
        for language, box in self.pipeline_boxes.items():
            set_pipeline_for(language, box.currentData())
        changed = {cid: p for cid, p in self.pending.items() if p != self.project.codebook.patterns(cid)}
        if changed:
            self._apply_patterns(changed)
        super().accept()

    def _apply_patterns(self, changed: dict[int, list[tuple[str, str]]]) -> None:
        if self.ws is None:
            for code_id, patterns in changed.items():
                self.project.codebook.set_patterns(code_id, patterns)
            return
        from app.gui.nlp.suggestions import SetPatterns

        stack = self.ws.undo_stack
        stack.beginMacro("Edit suggestion patterns")
        try:
            for code_id, patterns in changed.items():
                self.ws.run(SetPatterns(self.ws, code_id, patterns))
        finally:
            stack.endMacro()
