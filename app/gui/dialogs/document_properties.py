"""Document › Properties…: correct a document's title, language, outlet, author, URL and date.

Only metadata: the text never changes here. The dialog refuses an empty title
or a date that is not ISO (YYYY-MM-DD) with a message beside the buttons and
stays open; :meth:`DocumentPropertiesDialog.changes` gives only the fields that
differ, ready for ``commands.UpdateDocument``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from app.core.records import DocumentInfo

FIELDS = (("title", "&Title:"), ("language", "&Language:"), ("outlet", "&Outlet:"), ("author", "&Author:"),
          ("source_url", "&URL:"), ("published", "&Date:"))


def parse_date(text: str) -> date | None:
    """An ISO date from the field, None when empty; ValueError with a readable message otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"“{text}” is not a date in the form YYYY-MM-DD (for example 2022-04-26).") from None


class DocumentPropertiesDialog(QDialog):
    def __init__(self, info: DocumentInfo, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("documentPropertiesDialog")
        self.setWindowTitle("Document Properties")
        self.info = info
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name, label in FIELDS:
            value = getattr(info, name)
            edit = QLineEdit(value.isoformat() if isinstance(value, date) else (value or ""))
            edit.setObjectName(f"field_{name}")
            edit.setMinimumWidth(380)
            self.edits[name] = edit
            form.addRow(label, edit)
        self.edits["language"].setPlaceholderText("e.g. en, ru, kk")
        self.edits["published"].setPlaceholderText("YYYY-MM-DD, or empty for no date")
        if info.published_text and not info.published:
            self.edits["published"].setToolTip(f"The source wrote: {info.published_text}")
            form.addRow("", QLabel(f"<i>The source wrote “{_esc(info.published_text)}”"
                                   f"{' (ambiguous)' if info.date_ambiguous else ''}.</i>"))
        self.error = QLabel()
        self.error.setObjectName("propertiesError")
        self.error.setStyleSheet("color:#c0392b")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.changes()
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()

    def changes(self) -> dict[str, object]:
        """The fields whose value differs from the document's (ValueError when one is invalid)."""
        out: dict[str, object] = {}
        for name, edit in self.edits.items():
            text = edit.text().strip()
            if name == "published":
                value: object = parse_date(text)
            elif name == "title":
                if not text:
                    raise ValueError("The title must not be empty.")
                value = text
            else:
                value = text or None
            if value != getattr(self.info, name):
                out[name] = value
        return out


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")
