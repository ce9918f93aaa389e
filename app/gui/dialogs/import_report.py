"""The import report: imported, duplicates, near-duplicates and failures with reasons, savable as CSV.

Rows are the Project's ``ImportOutcome`` records; an imported document with
``near_duplicate_of`` is reported as a near-duplicate of that document. The CSV
goes through the exporters' sanitising (titles and file names come from the web
and must not become spreadsheet formulas).
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QPushButton, QTableView, QVBoxLayout

from app.core.exchange.safety import SafetyReport

HEADERS = ("status", "file", "document_id", "title", "near_duplicate_of", "near_duplicate_title", "reason")


def kind_of(outcome) -> str:
    if outcome.status == "imported" and outcome.near_duplicate_of is not None:
        return "near-duplicate"
    return outcome.status


def report_rows(outcomes: Sequence, titles: dict[int, str]) -> list[tuple[str, ...]]:
    """One row per outcome in ``HEADERS`` order; ``titles`` names the documents near-duplicates point to."""
    rows = []
    for o in outcomes:
        near = o.near_duplicate_of
        rows.append((kind_of(o), o.path, "" if o.document_id is None else str(o.document_id), o.title or "",
                     "" if near is None else str(near), titles.get(near, "") if near is not None else "",
                     o.error or "; ".join(o.notes)))
    return rows


def write_report_csv(path: str | Path, outcomes: Sequence, titles: dict[int, str]) -> SafetyReport:
    """Write the report as UTF-8 CSV (with BOM, so Excel reads the encoding); formulas defused."""
    from app.core.exchange.csvout import SafeCsvWriter  # the app's one CSV writer; lazy: it brings openpyxl

    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        writer = SafeCsvWriter(fh)
        writer.writerow(HEADERS, "header")
        for n, row in enumerate(report_rows(outcomes, titles), 2):
            writer.writerow(row, f"row {n}")
    return writer.report


class ReportModel(QAbstractTableModel):
    def __init__(self, rows: list[tuple[str, ...]], parent=None) -> None:
        super().__init__(parent)
        self.rows = rows

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index, role=Qt.DisplayRole):
        if index.isValid() and role in (Qt.DisplayRole, Qt.ToolTipRole):
            return self.rows[index.row()][index.column()]
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(HEADERS):
            return HEADERS[section].replace("_", " ").capitalize()
        return None


class ImportReportDialog(QDialog):
    def __init__(self, outcomes: Sequence, titles: dict[int, str], summary: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import finished")
        self.resize(860, 420)
        self.outcomes, self.titles = list(outcomes), dict(titles)
        self.model = ReportModel(report_rows(self.outcomes, self.titles), self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(proxy)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        label = QLabel(summary.splitlines()[0] if summary else "")
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.save_button = QPushButton("Save as &CSV…")
        buttons.addButton(self.save_button, QDialogButtonBox.ActionRole)
        self.save_button.clicked.connect(self.save_dialog)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def save_dialog(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, "Save import report", str(Path.home() / "import-report.csv"),
                                              "CSV (*.csv)")
        if path:
            self.save(path)
        return path or None

    def save(self, path: str | Path) -> SafetyReport:
        return write_report_csv(path, self.outcomes, self.titles)
