"""File > Export…, File > Import REFI-QDA project…, Codebook > Export / Import codebook….

``install(window)`` adds the menu entries to the main window and returns the
:class:`ExchangeController`. Each dialog method only asks for a path (and
options); the work is in the ``*_to`` / ``*_from`` methods, which take a path,
run ``project.exchange`` in a worker with a cancellable progress dialog, and
return what it reported — tests drive those directly.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)

from app.core.errors import QuotecoderError
from app.gui.workers import JobFailed, run_with_progress
from app.project.exchange import ExportOutcome

__all__ = ["ExportOptions", "ExportOptionsDialog", "ExchangeController", "install"]

EXPORT_FILTERS = ("Excel workbook (*.xlsx)", "CSV, one row per coding (*.csv)", "REFI-QDA project (*.qdpx)",
                  "REFI-QDA codebook (*.qdc)")
CODEBOOK_FILTERS = ("Excel codebook (*.xlsx)", "REFI-QDA codebook (*.qdc)")


class ExportOptions(dict):
    """Keyword arguments for ``project.exchange.export`` (coders, codes, documents, include_agreement, bom)."""


class ExportOptionsDialog(QDialog):
    """Which coders, codes and documents to export, and the format's extras."""

    def __init__(self, project, suffix: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export options")
        layout = QVBoxLayout(self)
        box = QGroupBox("Coders")
        coders = QVBoxLayout(box)
        self.coder_boxes: list[tuple[QCheckBox, str]] = []
        for coder in project.coders.list():
            check = QCheckBox(coder.name + (" (consensus)" if coder.consensus else ""))
            check.setChecked(True)
            coders.addWidget(check)
            self.coder_boxes.append((check, coder.name))
        layout.addWidget(box)
        form = QFormLayout()
        self.codes = QLineEdit()
        self.codes.setPlaceholderText("every code — or paths like Economy, Tone/Negative")
        form.addRow("Codes (with sub-codes):", self.codes)
        self.documents = QLineEdit()
        self.documents.setPlaceholderText("every document — or ids like 1, 4, 7")
        form.addRow("Documents:", self.documents)
        layout.addLayout(form)
        self.agreement = QCheckBox("Add an Agreement sheet (two or more coders)")
        self.agreement.setVisible(suffix == ".xlsx")
        self.bom = QCheckBox("Start with a byte-order mark, so Excel reads UTF-8")
        self.bom.setVisible(suffix == ".csv")
        layout.addWidget(self.agreement)
        layout.addWidget(self.bom)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def options(self) -> ExportOptions:
        chosen = [name for check, name in self.coder_boxes if check.isChecked()]
        codes = [c.strip() for c in self.codes.text().split(",") if c.strip()]
        docs = [d.strip() for d in self.documents.text().split(",") if d.strip()]
        return ExportOptions(
            coders=None if len(chosen) == len(self.coder_boxes) else chosen,
            codes=codes or None,
            documents=[int(d) for d in docs if d.isdigit()] or None,
            include_agreement=self.agreement.isChecked(),
            bom=self.bom.isChecked(),
        )


class ExchangeController:
    def __init__(self, window) -> None:
        self.window = window

    # --- dialogs (ask for a path, then call the methods below) ---

    def export_dialog(self) -> None:
        if self.window.project is None:
            return
        path, chosen = QFileDialog.getSaveFileName(self.window, "Export", str(Path.home()), ";;".join(EXPORT_FILTERS))
        if not path:
            return
        path = _with_suffix(path, chosen)
        dialog = ExportOptionsDialog(self.window.project, Path(path).suffix.lower(), self.window)
        if dialog.exec() == QDialog.Accepted:
            self.export_to(path, **dialog.options())

    def import_refi_dialog(self) -> None:
        if self.window.project is None:
            return
        path, _ = QFileDialog.getOpenFileName(self.window, "Import a REFI-QDA project", str(Path.home()),
                                              "REFI-QDA projects (*.qdpx *.qde)")
        if path:
            self.import_refi_from(path)

    def export_codebook_dialog(self) -> None:
        if self.window.project is None:
            return
        path, chosen = QFileDialog.getSaveFileName(self.window, "Export the codebook", str(Path.home()),
                                                   ";;".join(CODEBOOK_FILTERS))
        if path:
            self.export_codebook_to(_with_suffix(path, chosen))

    def import_codebook_dialog(self) -> None:
        if self.window.project is None:
            return
        path, _ = QFileDialog.getOpenFileName(self.window, "Import a codebook", str(Path.home()),
                                              "Codebooks (*.xlsx *.qdc)")
        if path:
            self.import_codebook_from(path)

    # --- the work, in a worker ---

    def export_to(self, path: str | Path, report: bool = True, **options) -> ExportOutcome | None:
        """Export the open project to ``path`` (format by suffix); None when cancelled or failed."""
        project = self.window.project
        if project is None:
            return None

        def job(progress, cancelled):
            from app.core.exchange.xlsx import ExportCancelled  # on use: openpyxl is slow to import

            try:
                return project.exchange.export(
                    path, progress=lambda n, total: progress(n, f"{n:,} of {total:,} codings"),
                    cancelled=cancelled, **options)
            except ExportCancelled:
                return None

        try:
            total = project.exchange.count_codings(options.get("coders"), options.get("codes"), options.get("documents"))
        except QuotecoderError as exc:  # an unknown coder, code or document: say so instead of starting
            return self._failed("Export failed", str(exc))
        outcome = self._run("Exporting", job, total)
        if outcome is not None:
            self._tell(report, "Export finished", [f"Wrote {outcome.path.name}.", *outcome.lines()])
        return outcome

    def import_refi_from(self, path: str | Path, report: bool = True):
        result = self._run("Importing a REFI-QDA project",
                           lambda progress, cancelled: self.window.project.exchange.import_refi(path))
        if result is not None:
            self._refresh()
            self._tell(report, "Import finished", result.lines())
        return result

    def export_codebook_to(self, path: str | Path, report: bool = True) -> ExportOutcome | None:
        outcome = self._run("Exporting the codebook",
                            lambda progress, cancelled: self.window.project.exchange.export_codebook(path))
        if outcome is not None:
            self._tell(report, "Codebook exported", [f"Wrote {outcome.path.name}.", *outcome.lines()])
        return outcome

    def import_codebook_from(self, path: str | Path, report: bool = True):
        result = self._run("Importing a codebook",
                           lambda progress, cancelled: self.window.project.exchange.import_codebook(path))
        if result is not None:
            self._refresh()
            self._tell(report, "Codebook imported", result.lines())
        return result

    # --- helpers ---

    def _run(self, title: str, job, total: int = 0):
        if self.window.project is None:
            return None
        try:
            result, _cancelled = run_with_progress(self.window, title, job, total=total)
        except JobFailed as exc:
            return self._failed(f"{title} failed", str(exc))
        return result

    def _failed(self, title: str, message: str) -> None:
        QMessageBox.critical(self.window, title, message)
        return None

    def _tell(self, report: bool, title: str, lines: list[str]) -> None:
        self.window.statusBar().showMessage(lines[0], 8000)
        if report:
            QMessageBox.information(self.window, title, "\n".join(lines))

    def _refresh(self) -> None:
        view = getattr(self.window, "view", None)
        if view is not None:
            view.reload_all()
            if view.doc_id is None and view.documents.proxy.rowCount():
                view.documents.step(0)


def _with_suffix(path: str, chosen_filter: str) -> str:
    """Add the suffix of the chosen filter when the user typed a name without one."""
    if Path(path).suffix:
        return path
    start = chosen_filter.rfind("*.")
    return path + (chosen_filter[start + 1 : -1] if start != -1 else "")


def install(window) -> ExchangeController:
    """Connect File › Import REFI-QDA Project…, File › Export… and the Codebook menu (declared in actions.py)."""
    controller = ExchangeController(window)
    slots = {
        "import_refi": controller.import_refi_dialog,
        "export": controller.export_dialog,
        "export_codebook": controller.export_codebook_dialog,
        "import_codebook": controller.import_codebook_dialog,
    }
    actions = {action_id: window.actions[action_id] for action_id in slots}
    for action_id, slot in slots.items():
        actions[action_id].triggered.connect(slot)

    def enable() -> None:
        for action in actions.values():
            action.setEnabled(window.project is not None)

    for name in ("fileMenu", "codebookMenu"):
        window.menus[name].aboutToShow.connect(enable)
    enable()
    controller.actions = actions
    return controller
