"""Column mapping for a corpus table: pick the text, title, date, outlet, author and URL columns over a preview.

The preview comes from the core (``table_preview.preview_path``); the choice
becomes the ``*_column`` fields of an ``ImportOptions``. Every column not
chosen becomes a document attribute, as the importer does.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QTableView, QVBoxLayout)

from app.core.importers.base import ImportOptions
from app.core.importers.table_preview import TablePreview

ROLES = (("text", "&Text (required)"), ("title", "T&itle"), ("date", "&Date"), ("outlet", "&Outlet"),
         ("author", "&Author"), ("url", "&URL"))
NONE = "(none)"


class PreviewModel(QAbstractTableModel):
    """The preview rows; columns chosen for a role are shown bold with the role in the header."""

    def __init__(self, preview: TablePreview, parent=None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.roles: dict[str, str] = {}  # column name -> role

    def set_roles(self, roles: dict[str, str]) -> None:
        self.roles = dict(roles)
        self.headerDataChanged.emit(Qt.Horizontal, 0, max(len(self.preview.header) - 1, 0))
        if self.preview.rows and self.preview.header:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.preview.rows) - 1, len(self.preview.header) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.preview.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.preview.header)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        value = self.preview.rows[index.row()][index.column()]
        if role == Qt.DisplayRole:
            return " ".join(value.split())[:200]
        if role == Qt.ToolTipRole:
            return value[:2000]
        if role == Qt.FontRole and self.preview.header[index.column()] in self.roles:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal or not 0 <= section < len(self.preview.header):
            return None
        name = self.preview.header[section]
        if role == Qt.DisplayRole:
            return f"{name} → {self.roles[name]}" if name in self.roles else name
        if role == Qt.ForegroundRole and name not in self.roles:
            return QBrush(QColor("gray"))
        return None


class ColumnMappingDialog(QDialog):
    def __init__(self, path: str | Path, preview: TablePreview, base: ImportOptions | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Columns of {Path(path).name}")
        self.resize(900, 480)
        self.base = base or ImportOptions()
        self.preview = preview
        self.model = PreviewModel(preview, self)
        self.boxes: dict[str, QComboBox] = {}
        form = QFormLayout()
        for role, label in ROLES:
            box = QComboBox()
            box.setObjectName(f"column_{role}")
            if role != "text":
                box.addItem(NONE, None)
            for name in preview.header:
                box.addItem(name, name)
            guess = getattr(preview.guessed, role) if preview.guessed else None
            if guess is not None:
                box.setCurrentIndex(box.findData(guess))
            box.currentIndexChanged.connect(self._update)
            form.addRow(label, box)
            self.boxes[role] = box
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(f"First {len(preview.rows)} rows:"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self._update()

    def chosen(self) -> dict[str, str | None]:
        return {role: box.currentData() for role, box in self.boxes.items()}

    def problem(self) -> str | None:
        """Why the mapping cannot be used yet (no text column, one column in two roles), or None."""
        chosen = {r: c for r, c in self.chosen().items() if c}
        if "text" not in chosen:
            return "Choose the column that holds the article text."
        seen: dict[str, str] = {}
        for role, column in chosen.items():
            if column in seen:
                return f"“{column}” is chosen both as {seen[column]} and as {role}."
            seen[column] = role
        return None

    def _update(self) -> None:
        self.model.set_roles({c: r for r, c in self.chosen().items() if c})
        problem = self.problem()
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(problem is None)
        rest = [h for h in self.preview.header if h not in self.model.roles]
        self.note.setText(problem or ("Other columns become document attributes: " + ", ".join(rest) if rest
                                      else "Every column has a role."))

    def options(self) -> ImportOptions:
        """The base options with the chosen columns named."""
        return replace(self.base, **{f"{role}_column": column for role, column in self.chosen().items()})
