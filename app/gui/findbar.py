"""Find in document (Ctrl+F): a slim bar under the reader; Enter finds the next match, Esc closes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from app.gui.icons import icon


class FindBar(QWidget):
    def __init__(self, reader, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.reader = reader
        self.edit = QLineEdit(placeholderText="Find in document", clearButtonEnabled=True)
        self.edit.setObjectName("findEdit")
        self.edit.returnPressed.connect(self.find_next)
        self.edit.textChanged.connect(lambda _: self._find(forward=True, from_start=True))
        self.case = QCheckBox("Match case")
        self.info = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.edit, 1)
        for name, tip, slot in (("previous", "Previous match (Shift+F3)", self.find_previous),
                                ("next", "Next match (F3)", self.find_next)):
            button = QToolButton(autoRaise=True, toolTip=tip)
            button.setIcon(icon(name))
            button.clicked.connect(slot)
            layout.addWidget(button)
        layout.addWidget(self.case)
        layout.addWidget(self.info)
        close = QToolButton(autoRaise=True, text="✕", toolTip="Close (Esc)")
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        selected = self.reader.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) < 80:
            self.edit.setText(selected)
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.reader.setFocus()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def find_next(self) -> None:
        self._find(forward=True)

    def find_previous(self) -> None:
        self._find(forward=False)

    def _find(self, forward: bool, from_start: bool = False) -> bool:
        needle = self.edit.text()
        if not needle:
            self.info.setText("")
            return False
        flags = QTextDocument.FindFlag(0)
        if not forward:
            flags |= QTextDocument.FindBackward
        if self.case.isChecked():
            flags |= QTextDocument.FindCaseSensitively
        if from_start:
            cursor = self.reader.textCursor()
            cursor.setPosition(min(cursor.selectionStart(), cursor.position()))
            self.reader.setTextCursor(cursor)
        found = self.reader.find(needle, flags)
        if not found:  # wrap around
            cursor = self.reader.textCursor()
            cursor.movePosition(QTextCursor.Start if forward else QTextCursor.End)
            self.reader.setTextCursor(cursor)
            found = self.reader.find(needle, flags)
        self.info.setText("" if found else "No match")
        return found
