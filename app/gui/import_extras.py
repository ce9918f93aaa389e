"""What the import controller adds around a run: column mapping for tables, drag-and-drop, the report dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDialog, QMessageBox

from app.core.errors import QuotecoderError
from app.core.importers.base import ImportOptions
from app.core.importers.table_preview import TABLE_SUFFIXES, preview_path
from app.gui.dialogs.column_mapping import ColumnMappingDialog
from app.gui.dialogs.import_report import ImportReportDialog


def table_paths(paths: list[str]) -> list[str]:
    """The chosen files that are corpus tables (files inside chosen folders are left to well-known names)."""
    return [p for p in paths if Path(p).suffix.lower() in TABLE_SUFFIXES and Path(p).is_file()]


def ask_table_columns(parent, paths: list[str], base: ImportOptions | None = None) -> ImportOptions | None:
    """Options for importing ``paths``: when one is a table, the user maps its columns (None: cancelled).

    The mapping of the first table applies to every table of the import.
    """
    base = base or ImportOptions()
    tables = table_paths(paths)
    if not tables:
        return base
    try:
        preview = preview_path(tables[0], base)
    except (QuotecoderError, OSError) as exc:  # the import itself will report this file's failure
        QMessageBox.warning(parent, "Cannot preview table", f"{Path(tables[0]).name}: {exc}")
        return base
    dialog = ColumnMappingDialog(tables[0], preview, base, parent)
    if dialog.exec() != QDialog.Accepted:
        return None
    return dialog.options()


def show_report(parent, project, outcomes, summary_text: str) -> ImportReportDialog:
    near = {o.near_duplicate_of for o in outcomes if o.near_duplicate_of is not None}
    titles = {d.id: d.title for d in project.documents.list() if d.id in near}
    dialog = ImportReportDialog(outcomes, titles, summary_text, parent)
    dialog.setObjectName("importReport")
    dialog.open()  # window-modal, so a caller (or a test) is not blocked
    return dialog


class DropImporter(QObject):
    """Files dropped on the window are imported (when a project is open)."""

    def __init__(self, window, controller) -> None:
        super().__init__(window)
        self.window, self.controller = window, controller
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    @staticmethod
    def local_paths(mime) -> list[str]:
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()] if mime.hasUrls() else []

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if obj is self.window and kind in (QEvent.DragEnter, QEvent.DragMove):
            if self.window.project is not None and self.local_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif obj is self.window and kind == QEvent.Drop:
            paths = self.local_paths(event.mimeData())
            if self.window.project is not None and paths:
                event.acceptProposedAction()
                self.controller.run(paths)
                return True
        return False
