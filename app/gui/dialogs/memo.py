"""Write or edit one memo (Document › Memo…), showing who wrote it and when."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from app.core.records import MemoInfo


class MemoDialog(QDialog):
    def __init__(self, title: str, memo: MemoInfo | None, others: int = 0, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("memoDialog")
        self.setWindowTitle(title)
        self.setMinimumSize(460, 300)
        if memo is None:
            about = "A new memo, written by you."
        else:
            created = memo.created_at.strftime("%Y-%m-%d %H:%M") if memo.created_at else "?"
            modified = memo.modified_at.strftime("%Y-%m-%d %H:%M") if memo.modified_at else "?"
            about = f"By {memo.author or 'unknown'} · created {created} · modified {modified}"
        if others:
            about += f" · {others} more memo(s) here in View › Memos"
        self.about = QLabel(about)
        self.about.setWordWrap(True)
        self.text = QPlainTextEdit(memo.text if memo else "")
        self.text.setObjectName("memoText")
        self.text.setTabChangesFocus(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def value(self) -> str:
        return self.text.toPlainText().strip()
