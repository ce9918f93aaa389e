"""Pick the coders whose codings are shown next to yours ("chosen coders" view)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from app.core.records import CoderInfo


class CoderPickerDialog(QDialog):
    def __init__(self, coders: list[CoderInfo], me: int, chosen: set[int], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Show coders")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Show the codings of these coders besides yours:"))
        self.boxes: dict[int, QCheckBox] = {}
        for coder in coders:
            if coder.id == me:
                continue
            box = QCheckBox(coder.name)
            box.setChecked(coder.id in chosen)
            self.boxes[coder.id] = box
            layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> set[int]:
        return {cid for cid, box in self.boxes.items() if box.isChecked()}
