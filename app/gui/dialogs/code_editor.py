"""Create or edit a code: name, colour, shortcut, definition, inclusion, exclusion, example."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QColorDialog, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit,
                               QPushButton)

from app.core.records import CodeInfo
from app.gui.icons import swatch


@dataclass(frozen=True)
class CodeFields:
    name: str
    color: str
    shortcut: str | None
    description: str
    inclusion: str
    exclusion: str
    example: str
    memo: str = ""  # the code's memo (app/project/memos.py), beside its definition


class CodeEditorDialog(QDialog):
    def __init__(self, parent=None, code: CodeInfo | None = None, parent_path: str | None = None,
                 color: str = "#4477aa", name: str = "", memo: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit code — {code.path}" if code else
                            (f"New sub-code of {parent_path}" if parent_path else "New code"))
        self.setMinimumWidth(520)
        self.color = code.color if code else color
        self.name = QLineEdit(code.name if code else name)
        self.name.setObjectName("codeName")
        self.color_button = QPushButton()
        self.color_button.clicked.connect(self._pick_color)
        self._show_color()
        self.shortcut = QLineEdit(code.shortcut or "" if code else "")
        self.shortcut.setPlaceholderText("a key such as 6, or Alt+J")
        self.shortcut.setToolTip("Press this key with text selected to apply the code")
        self.texts = {}
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Colour", self.color_button)
        form.addRow("&Shortcut", self.shortcut)
        for key, label in (("description", "&Definition"), ("inclusion", "&Include when"),
                           ("exclusion", "E&xclude when"), ("example", "Exa&mple")):
            edit = QPlainTextEdit(getattr(code, key) if code else "")
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
            self.texts[key] = edit
            form.addRow(label, edit)
        self.memo = QPlainTextEdit(memo)
        self.memo.setObjectName("codeMemo")
        self.memo.setTabChangesFocus(True)
        self.memo.setFixedHeight(64)
        self.memo.setPlaceholderText("Your notes on this code: doubts, decisions, examples to discuss")
        form.addRow("M&emo", self.memo)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _show_color(self) -> None:
        self.color_button.setIcon(swatch(self.color, 14))
        self.color_button.setText(self.color)

    def _pick_color(self) -> None:
        color = QColorDialog.getColor(QColor(self.color), self, "Code colour")
        if color.isValid():
            self.color = color.name()
            self._show_color()

    def fields(self) -> CodeFields:
        return CodeFields(
            self.name.text().strip(), self.color, self.shortcut.text().strip() or None,
            *(self.texts[k].toPlainText().strip() for k in ("description", "inclusion", "exclusion", "example")),
            self.memo.toPlainText().strip(),
        )
