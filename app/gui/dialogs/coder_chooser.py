"""Who is coding? Asked when a project opens; the answer is remembered per project."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListView, QVBoxLayout

from app.core.records import CoderInfo
from app.gui.icons import swatch
from app.gui.models.rows import DATA_ROLE, RowsModel


class CoderChooserDialog(QDialog):
    """Pick an existing coder or type a new name. ``chosen_id`` or ``new_name`` is set on accept."""

    def __init__(self, coders: list[CoderInfo], project_name: str, current: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is coding?")
        self.chosen_id: int | None = None
        self.new_name: str | None = None
        self.model = RowsModel(
            ["Coder"], [(c.name + ("  (consensus)" if c.consensus else ""),) for c in coders],
            data=[c.id for c in coders], decorations=[swatch(c.color) for c in coders], parent=self)
        self.list = QListView()
        self.list.setObjectName("coderList")
        self.list.setModel(self.model)
        ids = [c.id for c in coders]
        if coders:
            self.list.setCurrentIndex(self.model.index(ids.index(current) if current in ids else 0, 0))
        self.list.doubleClicked.connect(lambda _: self.accept())
        self.new = QLineEdit(placeholderText="…or type a new coder's name")
        self.new.textChanged.connect(lambda text: self.list.clearSelection() if text.strip() else None)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Choose who is coding in <b>{project_name}</b>. "
                                "Your codings are kept apart from other coders'."))
        layout.addWidget(self.list)
        layout.addWidget(self.new)
        layout.addWidget(buttons)

    def accept(self) -> None:
        name = self.new.text().strip()
        if name:
            self.new_name = name
        elif self.list.currentIndex().isValid():
            self.chosen_id = self.list.currentIndex().data(DATA_ROLE)
        else:
            return
        super().accept()
