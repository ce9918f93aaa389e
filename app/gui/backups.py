"""The window's side of backups: one rolling backup when a project opens, File › Restore Backup…."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox

from app.core.errors import QuotecoderError
from app.project.backups import DEFAULT_KEEP, list_backups, restore_backup, rolling_backup

KEEP_KEY = "backups/keep"


def keep_setting() -> int:
    return int(QSettings().value(KEEP_KEY, DEFAULT_KEEP, type=int))


class BackupController:
    def __init__(self, window) -> None:
        self.window = window

    def on_open(self, project) -> None:
        """A daily backup of a writable SQLite project; a failure is reported, never fatal."""
        if project.db.path is None or project.read_only:
            return
        try:
            made = rolling_backup(project.db.path, keep=keep_setting())
        except (QuotecoderError, OSError) as exc:
            self.window.statusBar().showMessage(f"No backup was made today: {exc}", 10000)
            return
        if made is not None:
            self.window.statusBar().showMessage(f"Backed up to {made}", 5000)

    def restore_dialog(self) -> None:
        from app.gui.dialogs.restore_backup import RestoreBackupDialog

        window = self.window
        project = window.project
        if project is None or project.db.path is None:
            QMessageBox.information(window, "Restore Backup",
                                    "Backups are kept for project files; a PostgreSQL project is backed up "
                                    "with pg_dump on the server.")
            return
        path, coder_id = project.db.path, window.ws.coder_id
        dialog = RestoreBackupDialog(project.display_name, list_backups(path), window)
        if dialog.exec() != QDialog.Accepted or dialog.chosen() is None:
            return
        backup = dialog.chosen()
        window.close_project()
        try:
            safety = restore_backup(path, backup.path)
        except QuotecoderError as exc:
            QMessageBox.critical(window, "Restore Backup", str(exc))
            window.open_project(path, coder_id=coder_id)
            return
        window.open_project(path, coder_id=coder_id)
        window.statusBar().showMessage(
            f"Restored the backup of {backup.taken:%Y-%m-%d %H:%M}; the project as it was is in {safety.name}", 10000)
