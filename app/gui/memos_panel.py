"""The Memos panel: every memo of the project (project, documents, codes, codings) with author and times.

Select a memo to read and edit it below the list; Save is one undoable edit.
A coding's memo opens its coding in the reader (its text is edited from the
coding's menu, where the span is too).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from app.core.records import MemoInfo
from app.gui import commands as cmd
from app.gui.workspace import Workspace

COLUMNS = ("On", "Document or code", "Author", "Modified", "Memo")
MEMO_ROLE = Qt.UserRole + 1


class MemosModel(QAbstractTableModel):
    """Rows over ``project.memos.list(include_codings=True)``; names come from the caller's lookups."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.memos: list[MemoInfo] = []
        self.names: dict[tuple[str, int | None], str] = {}

    def reset(self, memos: list[MemoInfo], names: dict[tuple[str, int | None], str]) -> None:
        self.beginResetModel()
        self.memos, self.names = memos, names
        self.endResetModel()

    def row_of(self, target: str, memo_id: int) -> int | None:
        return next((i for i, mo in enumerate(self.memos) if (mo.target, mo.id) == (target, memo_id)), None)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.memos)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.memos)):
            return None
        mo = self.memos[index.row()]
        if role == MEMO_ROLE:
            return mo
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            values = (mo.target, self.names.get((mo.target, mo.target_id), ""), mo.author or "",
                      mo.modified_at.strftime("%Y-%m-%d %H:%M") if mo.modified_at else "",
                      " ".join(mo.text.split()) if role == Qt.DisplayRole else mo.text)
            return values[index.column()]
        return None


class MemosPanel(QWidget):
    codingRequested = Signal(int)  # a coding memo was activated: show the coding

    def __init__(self, ws: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.model = MemosModel(self)
        self.view = QTableView()
        self.view.setObjectName("memosTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self._show_current)
        self.view.doubleClicked.connect(self._activated)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("memoText")
        self.editor.setPlaceholderText("Select a memo to read or edit it, or write a new project memo.")
        self.editor.setTabChangesFocus(True)
        self.about = QLabel()
        self.about.setObjectName("memoAbout")
        self.about.setWordWrap(True)
        self.new_button = QPushButton("New Project Memo")
        self.save_button = QPushButton("Save")
        self.delete_button = QPushButton("Delete")
        self.new_button.clicked.connect(self.new_project_memo)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lower = QWidget()
        box = QVBoxLayout(lower)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.about)
        box.addWidget(self.editor, 1)
        box.addLayout(buttons)
        split = QSplitter(Qt.Vertical)
        split.setObjectName("memosSplitter")
        split.setChildrenCollapsible(False)
        split.addWidget(self.view)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)
        ws.changed.connect(lambda _changes: self.reload())
        self.reload()

    # --- reading ---

    def reload(self) -> None:
        p = self.ws.project
        current = self.current()
        names: dict[tuple[str, int | None], str] = {("project", None): p.display_name}
        names.update({("document", d.id): d.title for d in p.documents.list()})
        names.update({("code", c.id): c.path for c in p.codebook.list()})
        memos = p.memos.list(include_codings=True)
        for mo in memos:
            if mo.target == "coding":
                names[("coding", mo.target_id)] = f"coding {mo.target_id}"
        self.model.reset(memos, names)
        row = self.model.row_of(current.target, current.id) if current is not None else None
        if row is not None:
            self.view.selectRow(row)
        else:
            self._show_current()

    def current(self) -> MemoInfo | None:
        index = self.view.currentIndex()
        return index.data(MEMO_ROLE) if index.isValid() else None

    def select(self, target: str, memo_id: int) -> bool:
        row = self.model.row_of(target, memo_id)
        if row is None:
            return False
        self.view.selectRow(row)
        return True

    def _show_current(self, *_args) -> None:
        mo = self.current()
        editable = mo is not None and mo.target != "coding"
        self.save_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        self.editor.setReadOnly(mo is not None and not editable)
        if mo is None:
            self.about.setText("")
            return
        created = mo.created_at.strftime("%Y-%m-%d %H:%M") if mo.created_at else "?"
        modified = mo.modified_at.strftime("%Y-%m-%d %H:%M") if mo.modified_at else "?"
        where = self.model.names.get((mo.target, mo.target_id), "")
        note = " · edit it from the coding's menu in the reader" if mo.target == "coding" else ""
        self.about.setText(f"<b>{mo.target.capitalize()}</b> {_esc(where)} · by {_esc(mo.author or 'unknown')}"
                           f" · created {created} · modified {modified}{note}")
        self.editor.setPlainText(mo.text)

    def _activated(self, index: QModelIndex) -> None:
        mo = index.data(MEMO_ROLE)
        if mo is not None and mo.target == "coding":
            self.codingRequested.emit(mo.target_id)

    # --- editing (each one undoable command) ---

    def new_project_memo(self) -> None:
        self.view.clearSelection()
        self.view.setCurrentIndex(QModelIndex())
        self.editor.setReadOnly(False)
        self.editor.clear()
        self.about.setText("<b>New project memo</b> — write it, then Save.")
        self.save_button.setEnabled(True)
        self.editor.setFocus()

    def save(self) -> bool:
        text = self.editor.toPlainText().strip()
        mo = self.current()
        if mo is None:
            if not text:
                return False
            command = cmd.AddMemo(self.ws, "project", None, text)
            if not self.ws.run(command):
                return False
            self.select("project", command.memo_id)
            return True
        if mo.target == "coding" or text == mo.text:
            return False
        return self.ws.run(cmd.UpdateMemo(self.ws, mo.id, text))

    def delete(self) -> bool:
        mo = self.current()
        if mo is None or mo.target == "coding":
            return False
        return self.ws.run(cmd.DeleteMemo(self.ws, mo.id))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")
