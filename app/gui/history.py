"""Team › History: who did what and when, newest first, filterable by coder, document and action."""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QTableView, QVBoxLayout)

from app.core.records import AuditEntry
from app.project import Project

COLUMNS = ("When", "Coder", "Action", "What", "Id", "Detail")
LIMIT = 2000


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries: list[AuditEntry] = []

    def reset(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.entries)):
            return None
        e = self.entries[index.row()]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            values = (e.at.strftime("%Y-%m-%d %H:%M:%S"), e.coder or "—", e.action, e.entity,
                      "" if e.entity_id is None else str(e.entity_id), _detail(e.detail))
            return values[index.column()]
        return None


def _detail(text: str) -> str:
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return text
    if not isinstance(data, dict):
        return str(data)
    return ", ".join(f"{k}: {v}" for k, v in data.items())


class HistoryWindow(QDialog):
    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("historyWindow")
        self.setWindowTitle(f"History — {project.display_name}")
        self.project = project
        self.model = HistoryModel(self)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.Stretch)
        self.coder = QComboBox()
        self.coder.setObjectName("historyCoder")
        self.document = QComboBox()
        self.document.setObjectName("historyDocument")
        self.document.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.document.setMinimumContentsLength(24)
        self.action = QComboBox()
        self.action.setObjectName("historyAction")
        self.count = QLabel()
        filters = QHBoxLayout()
        for label, combo in (("&Coder", self.coder), ("&Document", self.document), ("&Action", self.action)):
            form = QFormLayout()
            form.addRow(label, combo)
            filters.addLayout(form)
        filters.addStretch(1)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.populate_filters()
        for combo in (self.coder, self.document, self.action):
            combo.currentIndexChanged.connect(self.refresh)
        self.refresh()
        self.resize(900, 520)

    def populate_filters(self) -> None:
        for combo, items in (
            (self.coder, [(c.name, c.name) for c in self.project.coders.list()]),
            (self.document, [(d.title, d.id) for d in self.project.documents.list()]),
            (self.action, [(a, a) for a in self.project.audit.actions()]),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("All", None)
            for text, value in items:
                combo.addItem(text, value)
            combo.blockSignals(False)

    def refresh(self) -> None:
        entries = self.project.audit.entries(limit=LIMIT, coder=self.coder.currentData(),
                                             document_id=self.document.currentData(),
                                             action=self.action.currentData())
        self.model.reset(entries)
        more = " (the newest)" if len(entries) == LIMIT else ""
        self.count.setText(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}{more}")
