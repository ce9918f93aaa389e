"""File › Merge Project…: bring copies coded apart into the open project, then reload the views."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from app.core.errors import QuotecoderError
from app.project import Project

if TYPE_CHECKING:
    from app.gui.mainwindow import MainWindow

FILTER = "Quotecoder projects (*.qcp);;All files (*)"


class MergeController:
    def __init__(self, window: "MainWindow") -> None:
        self.window = window
        window.actions["merge_project"].triggered.connect(self.merge_dialog)

    def merge_dialog(self) -> None:
        if self.window.project is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Merge projects into this one", str(Path.home()), FILTER)
        if paths:
            self.merge(paths)

    def merge(self, targets: list[str]) -> bool:
        from app.project.merge import merge_projects

        window = self.window
        progress = QProgressDialog("Merging projects…", "Cancel", 0, len(targets), window)
        progress.setWindowModality(Qt.WindowModal)
        progress.setMinimumDuration(500)  # shown only when the merge is slow

        def step(done: int, total: int) -> None:
            progress.setValue(done)
            QCoreApplication.processEvents()

        sources: list[Project] = []
        try:
            for target in targets:
                sources.append(Project.open(target))
            report = merge_projects(window.project, sources, step, progress.wasCanceled)
        except QuotecoderError as exc:
            QMessageBox.warning(window, "Merge not done", f"{exc}. The project is unchanged.")
            return False
        finally:
            for source in sources:
                source.close()
            progress.close()
        window.ws.reload_coders()
        window.ws.undo_stack.clear()  # undo steps refer to the project as it was before the merge
        window.view.load()
        QMessageBox.information(window, "Projects merged", summary(report))
        return True


def summary(report) -> str:
    lines = [
        f"Documents: {report.documents_added} added, {report.documents_matched} already here",
        f"Codes added: {report.codes_added}; coders added: {report.coders_added}",
        f"Codings: {report.codings_added} added, {report.codings_skipped} already here",
        f"Memos added: {report.memos_added}",
    ]
    lines += [f"Conflict: {c}" for c in report.conflicts]
    if report.backup is not None:
        lines.append(f"A backup of the project before the merge: {report.backup}")
    return "\n".join(lines)
