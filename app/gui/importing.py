"""File › Import: pick files or a folder, import them in a worker with a cancellable progress dialog, report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.gui.import_extras import DropImporter, ask_table_columns, show_report
from app.gui.workers import JobFailed, run_with_progress
from app.project.documents import ImportOutcome


def count_files(paths: list[str]) -> int:
    total = 0
    for raw in paths:
        path = Path(raw)
        total += sum(1 for p in path.rglob("*") if p.is_file()) if path.is_dir() else 1
    return total


def summary(outcomes: list[ImportOutcome], cancelled: bool) -> str:
    by = {s: [o for o in outcomes if o.status == s] for s in ("imported", "duplicate", "failed")}
    lines = [f"{len(by['imported'])} imported, {len(by['duplicate'])} already in the project, "
             f"{len(by['failed'])} failed" + (" (cancelled before the end)" if cancelled else "") + "."]
    for o in by["failed"][:20]:
        lines.append(f"• {Path(o.path).name}: {o.error}")
    if len(by["failed"]) > 20:
        lines.append(f"… and {len(by['failed']) - 20} more failures")
    noted = [o for o in by["imported"] if o.notes]
    for o in noted[:10]:  # a guessed encoding or replaced bytes changes the stored text for good: say so
        lines.append(f"• {Path(o.path).name}: note: {'; '.join(o.notes)}")
    if len(noted) > 10:
        lines.append(f"… and {len(noted) - 10} more documents with notes (see the report)")
    return "\n".join(lines)


class ImportController:
    def __init__(self, window) -> None:
        self.window = window
        self.drop = DropImporter(window, self)  # files dropped on the window are imported

    def import_files_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Import documents", str(Path.home()))
        if paths:
            self.run(paths)

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Import a folder", str(Path.home()))
        if folder:
            self.run([folder])

    def run(self, paths: list[str], report: bool = True, options=None) -> list[ImportOutcome] | None:
        window = self.window
        if window.project is None:
            return None
        options = options or ask_table_columns(window, paths)  # tables: the user maps the columns
        if options is None:
            return None
        project = window.project
        try:
            outcomes, cancelled = run_with_progress(
                window, "Importing documents",
                lambda progress, cancelled: project.documents.import_paths(paths, options, progress=progress, cancelled=cancelled),
                total=count_files(paths),
            )
        except JobFailed as exc:
            # Each finished document was committed on its own: show those even though the batch stopped.
            window.view.documents.reload()
            QMessageBox.critical(window, "Import stopped", f"{exc}\n\nDocuments imported before this are kept.")
            return None
        window.view.documents.reload()
        if window.view.doc_id is None and window.view.documents.proxy.rowCount():
            window.view.documents.step(0)
        if report:
            self.report = show_report(window, project, outcomes, summary(outcomes, cancelled))
        window.statusBar().showMessage(summary(outcomes, cancelled).splitlines()[0], 8000)
        return outcomes
