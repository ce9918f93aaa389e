"""Adjust a coding's start and end (in characters) and edit its memo, with a live preview of the quote."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QSpinBox

from app.core.records import CodingInfo


class CodingEditorDialog(QDialog):
    def __init__(self, coding: CodingInfo, text: str, code_path: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Coding — {code_path}")
        self.setMinimumWidth(520)
        self._text = text
        self.start = QSpinBox(maximum=len(text) - 1, value=coding.start)
        self.end = QSpinBox(minimum=1, maximum=len(text), value=coding.end)
        self.preview = QLabel(wordWrap=True)
        self.preview.setObjectName("quotePreview")
        self.memo = QPlainTextEdit(coding.memo)
        self.memo.setFixedHeight(90)
        self.start.valueChanged.connect(self._update)
        self.end.valueChanged.connect(self._update)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Start", self.start)
        form.addRow("&End", self.end)
        form.addRow("Quote", self.preview)
        form.addRow("&Memo", self.memo)
        form.addRow(self.buttons)
        self._update()

    def _update(self) -> None:
        start, end = self.start.value(), self.end.value()
        ok = start < end
        quote = self._text[start:end] if ok else "(the end must come after the start)"
        if len(quote) > 400:
            quote = quote[:200] + " … " + quote[-200:]
        self.preview.setText(quote)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(ok)

    def values(self) -> tuple[int, int, str]:
        return self.start.value(), self.end.value(), self.memo.toPlainText()
