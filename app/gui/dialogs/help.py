"""The About box and the keyboard shortcuts list."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QMessageBox, QTableView, QVBoxLayout

from app import __version__
from app.gui.models.rows import RowsModel


def show_about(parent) -> None:
    QMessageBox.about(
        parent, "About Quotecoder",
        f"<h3>Quotecoder {__version__}</h3>"
        "<p>Read news articles and speeches, highlight quotes, tag them with the themes of a codebook, "
        "compare coders and export the coded segments.</p>"
        "<p>Every edit is saved the moment it is made.</p>",
    )


class ShortcutsDialog(QDialog):
    """A read-only table of (what, keys); built from the window's actions and the codes' shortcuts."""

    def __init__(self, rows: list[tuple[str, str]], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(520, 560)
        self.model = RowsModel(["Action", "Keys"], rows, parent=self)
        table = QTableView()
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)


def native(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.NativeText)
