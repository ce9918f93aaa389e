"""The reader's context menu: apply a code to the selection, or edit the codings under the cursor."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QDialog, QInputDialog, QMenu, QWidget

from app.gui import commands as cmd
from app.gui.dialogs.coding_editor import CodingEditorDialog
from app.gui.excluded import ExcludeSpan, IncludeSpan
from app.gui.highlights import Highlight
from app.gui.icons import icon, swatch
from app.gui.workspace_view import WorkspaceView


class CodingMenu:
    def __init__(self, view: WorkspaceView, parent: QWidget, actions) -> None:
        self.view, self.ws, self.parent, self.actions = view, view.ws, parent, actions
        self.extras: list = []  # callables (menu, global position) that add their own entries (NLP suggestions)

    def show(self, where: QPoint, hits: list[Highlight]) -> None:
        menu = QMenu(self.parent)
        if self.view.reader.textCursor().hasSelection():
            apply = menu.addMenu(icon("tag"), "Apply Code")
            for code in self.view.codes.values():
                if not code.archived:
                    apply.addAction(swatch(code.color), code.path, lambda c=code.id: self.view.apply_code(c))
            menu.addAction(self.actions["quick_code"])
            menu.addAction(self.actions["in_vivo"])
            menu.addAction(self.actions["snap_selection"])
            menu.addAction(self.reader_copy())
        for h in hits:
            own = h.coder_id == self.ws.coder_id
            sub = menu.addMenu(swatch(h.color), f"{h.code_path} — {h.coder}" + ("" if own else " (read only)"))
            sub.addAction("Select", lambda h=h: self.view.reader.select_cp(h.start, h.end))
            if own:
                sub.addAction("Change Code…", lambda h=h: self.change_code(h.id))
                sub.addAction("Adjust Start, End and Memo…", lambda h=h: self.edit(h.id))
                sub.addAction("Memo…", lambda h=h: self.edit_memo(h.id))
                sub.addAction(icon("delete"), "Remove", lambda h=h: self.ws.run(cmd.DeleteCoding(self.ws, h.id)))
        self._article_items(menu, where)
        for extra in self.extras:
            extra(menu, where)
        if not menu.isEmpty():
            menu.exec(where)

    def _article_items(self, menu: QMenu, where: QPoint) -> None:
        """Mark the selection as boilerplate, or count a greyed span (selected or clicked) as article text again."""
        reader = self.view.reader
        if self.view.doc_id is None:
            return
        span = reader.selection_cp()
        if span is not None:
            greyed = self.view.excluded.at(*span)
        else:
            clicked = reader.cursorForPosition(reader.viewport().mapFromGlobal(where)).position()
            greyed = self.view.excluded.at_utf16(clicked)
        if span is None and not greyed:
            return
        menu.addSeparator()
        if span is not None and not (len(greyed) == 1 and greyed[0].start <= span[0] and span[1] <= greyed[0].end):
            menu.addAction("Mark Selection as Not Part of the Article",
                           lambda: self.ws.run(ExcludeSpan(self.ws, self.view.doc_id, *span)))
        for g in greyed:
            menu.addAction("Count as Article Text Again", lambda g=g: self.ws.run(IncludeSpan(self.ws, g)))

    def reader_copy(self):
        from PySide6.QtGui import QAction

        action = QAction("Copy", self.parent)
        action.triggered.connect(self.view.reader.copy)
        return action

    def change_code(self, coding_id: int) -> None:
        codes = [c for c in self.view.codes.values() if not c.archived]
        paths = [c.path for c in codes]
        current = self.ws.project.codings.get(coding_id).code_id
        start = next((i for i, c in enumerate(codes) if c.id == current), 0)
        path, ok = QInputDialog.getItem(self.parent, "Change code", "New code for this coding:", paths, start, False)
        if ok and codes[paths.index(path)].id != current:
            self.ws.run(cmd.SetCodingCode(self.ws, coding_id, codes[paths.index(path)].id))

    def edit_memo(self, coding_id: int) -> None:
        """The coding's memo alone, with its author (the coding's coder) and times."""
        from app.gui.dialogs.memo import MemoDialog

        memo = next(iter(self.ws.project.memos.list("coding", coding_id)), None)
        code = self.view.codes.get(self.ws.project.codings.get(coding_id).code_id)
        dialog = MemoDialog(f"Memo on a coding of {code.path if code else '?'}", memo, parent=self.parent)
        self.memo_dialog = dialog  # tests reach the open dialog here
        if dialog.exec() == QDialog.Accepted and dialog.value() != (memo.text if memo else ""):
            self.ws.run(cmd.SetCodingMemo(self.ws, coding_id, dialog.value()))

    def edit(self, coding_id: int) -> None:
        coding = self.ws.project.codings.get(coding_id)
        code = self.view.codes.get(coding.code_id)
        dialog = CodingEditorDialog(coding, self.view.text, code.path if code else "?", self.parent)
        if dialog.exec() != QDialog.Accepted:
            return
        start, end, memo = dialog.values()
        stack = self.ws.undo_stack
        stack.beginMacro("Edit coding")
        try:
            if (start, end) != (coding.start, coding.end):
                self.ws.run(cmd.SetCodingSpan(self.ws, coding_id, start, end))
            if memo != coding.memo:
                self.ws.run(cmd.SetCodingMemo(self.ws, coding_id, memo))
        finally:
            stack.endMacro()
