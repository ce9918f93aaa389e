"""Memos, history and deleting documents in the window: the Memos dock, Document › Memo… and
Delete Document…, Team › History…. Installed by the main window; follows its open project."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDockWidget, QLabel, QMessageBox

from app.gui import commands as cmd
from app.gui.dialogs.memo import MemoDialog
from app.gui.history import HistoryWindow
from app.gui.memos_panel import MemosPanel

EMPTY = "Open a project to read and write its memos."


class WorkspaceTools:
    def __init__(self, window) -> None:
        self.window = window
        self.view = None
        self.panel: MemosPanel | None = None
        self.history: HistoryWindow | None = None
        a = window.actions
        a["document_memo"].triggered.connect(self.document_memo)
        a["delete_document"].triggered.connect(self.ask_delete_document)
        a["history"].triggered.connect(self.open_history)
        self.dock = QDockWidget("Memos", window)
        self.dock.setObjectName("memosDock")
        self.dock.setWidget(QLabel(EMPTY))
        window.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        self.dock.hide()
        window.menus["viewMenu"].addAction(self.dock.toggleViewAction())

    @property
    def ws(self):
        return self.view.ws if self.view is not None else None

    def attach(self, view) -> None:
        self.view = view
        self.panel = MemosPanel(view.ws)
        self.panel.setObjectName("memosPanel")
        self.panel.codingRequested.connect(self._show_coding)
        self.dock.setWidget(self.panel)

    def detach(self) -> None:
        if self.history is not None:
            self.history.close()
            self.history = None
        self.view = self.panel = None
        self.dock.setWidget(QLabel(EMPTY))

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 5000)

    def _show_coding(self, coding_id: int) -> None:
        coding = self.ws.project.codings.get(coding_id)
        self.view.go_to(coding.document_id, coding.start, coding.end)

    # --- Document › Memo… ---

    def document_memo(self) -> None:
        if self.view is None or self.view.doc_id is None:
            return
        doc_id = self.view.doc_id
        memos = self.ws.project.memos.list("document", doc_id)
        memo = memos[0] if memos else None
        title = self.ws.project.documents.get(doc_id).title
        dialog = MemoDialog(f"Memo on “{title[:60]}”", memo, len(memos) - 1 if memos else 0, self.window)
        self.memo_dialog = dialog  # tests reach the open dialog here
        if dialog.exec() != QDialog.Accepted:
            return
        text = dialog.value()
        if memo is None and text:
            self.ws.run(cmd.AddMemo(self.ws, "document", doc_id, text))
            self._say("Memo added to the document.")
        elif memo is not None and text != memo.text:
            self.ws.run(cmd.UpdateMemo(self.ws, memo.id, text))
            self._say("Document memo saved.")

    # --- Document › Delete Document… ---

    def ask_delete_document(self) -> None:
        if self.view is None:
            return
        doc_id = self.view.documents.current_id() or self.view.doc_id
        if doc_id is None:
            return
        p = self.ws.project
        title = p.documents.get(doc_id).title
        counts = p.documents.codings_by_coder(doc_id)
        total = sum(counts.values())
        by = "".join(f"<br>· {n} by {name}" for name, n in counts.items())
        box = QMessageBox(QMessageBox.Warning, "Delete document",
                          f"Delete “{title}” and its <b>{total} coding{'s' if total != 1 else ''}</b>?{by}"
                          "<br><br>Its memos go with it. Edit › Undo brings everything back.",
                          QMessageBox.Cancel, self.window)
        box.setObjectName("deleteDocumentBox")
        delete = box.addButton("Delete", QMessageBox.DestructiveRole)
        box.setDefaultButton(QMessageBox.Cancel)
        self.delete_box = box  # tests reach the open box here
        box.exec()
        if box.clickedButton() is delete and self.ws.run(cmd.DeleteDocument(self.ws, doc_id, title)):
            self._say(f"Deleted “{title}” and {total} coding(s). Ctrl+Z undoes it.")

    # --- Team › History… ---

    def open_history(self) -> None:
        if self.ws is None:
            return
        if self.history is None:
            self.history = HistoryWindow(self.ws.project, self.window)
            self.ws.changed.connect(self._refresh_history)
        else:
            self.history.populate_filters()
            self.history.refresh()
        self.history.show()
        self.history.raise_()

    def _refresh_history(self, _changes) -> None:
        if self.history is not None and self.history.isVisible():
            self.history.refresh()


def install(window) -> WorkspaceTools:
    return WorkspaceTools(window)
