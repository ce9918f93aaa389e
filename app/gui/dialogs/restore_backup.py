"""File › Restore Backup…: the project's automatic backups, newest first; choose one to put back."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListView, QVBoxLayout

from app.project.backups import BackupInfo


class BackupsModel(QAbstractListModel):
    def __init__(self, backups: list[BackupInfo], parent=None) -> None:
        super().__init__(parent)
        self.backups = backups

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.backups)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.backups):
            return None
        backup = self.backups[index.row()]
        if role == Qt.DisplayRole:
            return f"{backup.taken:%Y-%m-%d %H:%M}  ({backup.size / 1024:,.0f} KB)"
        if role == Qt.ToolTipRole:
            return str(backup.path)
        return None


class RestoreBackupDialog(QDialog):
    def __init__(self, project_name: str, backups: list[BackupInfo], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore Backup")
        self.resize(460, 360)
        intro = QLabel(f"Put an earlier copy of <b>{project_name}</b> back in its place. The project as it is "
                       f"now is backed up first, so you can return to it from this list.")
        intro.setWordWrap(True)
        self.model = BackupsModel(backups, self)
        self.list = QListView()
        self.list.setObjectName("backupList")
        self.list.setModel(self.model)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.restore_button = self.buttons.addButton("Restore", QDialogButtonBox.AcceptRole)
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.selectionModel().currentChanged.connect(lambda *_: self.restore_button.setEnabled(True))
        self.list.doubleClicked.connect(lambda _: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        if not backups:
            layout.addWidget(QLabel("There are no backups of this project yet. One is made each day it is opened."))
        layout.addWidget(self.buttons)

    def chosen(self) -> BackupInfo | None:
        index = self.list.currentIndex()
        return self.model.backups[index.row()] if index.isValid() else None
