"""Codebook gestures: the dialogs that ask, then the commands that do (one undo step each)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QDialog, QInputDialog, QMenu, QMessageBox, QWidget

from app.core.colors import next_color
from app.gui import commands as cmd
from app.gui.dialogs.code_editor import CodeEditorDialog, CodeFields
from app.gui.icons import icon
from app.gui.workspace_view import WorkspaceView


class CodebookActions:
    def __init__(self, view: WorkspaceView, parent: QWidget) -> None:
        self.view, self.ws, self.parent = view, view.ws, parent

    # --- creating and editing ---

    def new_code(self, parent_id: int | None = None, name: str = "") -> int | None:
        parent = self.view.codes.get(parent_id) if parent_id else None
        color = next_color([c.color for c in self.view.codes.values()])
        dialog = CodeEditorDialog(self.parent, parent_path=parent.path if parent else None, color=color, name=name)
        if dialog.exec() != QDialog.Accepted:
            return None
        return self.create(dialog.fields(), parent_id)

    def create(self, f: CodeFields, parent_id: int | None = None) -> int | None:
        stack = self.ws.undo_stack
        stack.beginMacro(f"New code {f.name}")
        try:
            add = cmd.AddCode(self.ws, f.name, parent_id, color=f.color, description=f.description)
            if not self.ws.run(add):
                return None
            extra = {k: v for k, v in (("inclusion", f.inclusion), ("exclusion", f.exclusion),
                                       ("example", f.example)) if v}
            if extra:
                self.ws.run(cmd.DescribeCode(self.ws, add.code_id, **extra))
            if f.shortcut:
                self.ws.run(cmd.SetShortcut(self.ws, add.code_id, f.shortcut))
        finally:
            stack.endMacro()
        self.view.codebook.select(add.code_id)
        return add.code_id

    def edit_code(self, code_id: int) -> None:
        code = self.view.codes.get(code_id)
        if code is None:
            return
        memos = self.ws.project.memos.list("code", code_id)
        dialog = CodeEditorDialog(self.parent, code=code, memo=memos[0].text if memos else "")
        self.code_dialog = dialog  # tests reach the open dialog here
        if dialog.exec() == QDialog.Accepted:
            self.update(code_id, dialog.fields())

    def update(self, code_id: int, f: CodeFields) -> None:
        code = self.view.codes[code_id]
        stack = self.ws.undo_stack
        index_before = stack.index()
        stack.beginMacro(f"Edit code {code.name}")
        texts = {k: getattr(f, k) for k in cmd.DescribeCode.FIELDS if getattr(f, k) != getattr(code, k)}
        steps = [
            (f.name != code.name, lambda v: cmd.RenameCode(self.ws, code_id, f.name, version=v)),
            (f.color != code.color, lambda v: cmd.RecolorCode(self.ws, code_id, f.color, version=v)),
            ((f.shortcut or None) != code.shortcut, lambda v: cmd.SetShortcut(self.ws, code_id, f.shortcut, version=v)),
            (bool(texts), lambda v: cmd.DescribeCode(self.ws, code_id, version=v, **texts)),
        ]
        version = code.version  # the version the user edited: a change by someone else meanwhile is refused
        done = 0
        try:
            for wanted, make in steps:
                if not wanted:
                    continue
                command = make(version)
                if not self.ws.run(command):
                    break
                version, done = command.version, done + 1
            else:
                memos = self.ws.project.memos.list("code", code_id)
                if memos and f.memo != memos[0].text:
                    done += self.ws.run(cmd.UpdateMemo(self.ws, memos[0].id, f.memo))
                elif not memos and f.memo:
                    done += self.ws.run(cmd.AddMemo(self.ws, "code", code_id, f.memo))
        finally:
            stack.endMacro()
        if not done and stack.index() == index_before + 1:
            stack.command(stack.index() - 1).setObsolete(True)  # an empty macro leaves the stack
            stack.undo()

    # --- merge, archive, delete ---

    def merge(self, source_id: int, target_id: int) -> bool:
        return self.ws.run(cmd.MergeCodes(self.ws, source_id, target_id))

    def ask_merge(self, source_id: int) -> None:
        source = self.view.codes[source_id]
        targets = [c for c in self.view.codes.values() if c.id != source_id and not c.path.startswith(source.path + "/")]
        if not targets:
            return
        paths = [c.path for c in targets]
        n = self.ws.project.codebook.coding_count(source_id)
        path, ok = QInputDialog.getItem(
            self.parent, "Merge code",
            f"Merge “{source.path}” ({n} coding{'s' if n != 1 else ''}) into:", paths, 0, False)
        if ok:
            self.merge(source_id, targets[paths.index(path)].id)

    def toggle_archive(self, code_id: int) -> None:
        code = self.view.codes[code_id]
        self.ws.run(cmd.ArchiveCode(self.ws, code_id, not code.archived))

    def ask_delete(self, code_id: int) -> None:
        code = self.view.codes[code_id]
        n = self.ws.project.codebook.coding_count(code_id)
        what = (f"This also deletes the {n} coding{'s' if n != 1 else ''} made with it, by every coder."
                if n else "No codings use it.")
        answer = QMessageBox.question(
            self.parent, "Delete code", f"Delete the code “{code.path}”?\n\n{what}\nYou can undo this with Ctrl+Z.",
            QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
        if answer == QMessageBox.Yes:
            self.ws.run(cmd.DeleteCode(self.ws, code_id))

    # --- the tree's context menu ---

    def context_menu(self, where: QPoint, ids: list[int]) -> None:
        menu = QMenu(self.parent)
        menu.addAction(icon("add"), "New Code…", lambda: self.new_code(None))
        if len(ids) == 1:
            code_id = ids[0]
            code = self.view.codes.get(code_id)
            if code is None:
                return
            if self.view.reader.textCursor().hasSelection() and not code.archived:
                menu.addAction(icon("tag"), f"Apply “{code.name}” to Selection", lambda: self.view.apply_code(code_id))
            menu.addAction(icon("subcode"), "New Sub-code…", lambda: self.new_code(code_id))
            menu.addSeparator()
            menu.addAction(icon("edit"), "Edit…", lambda: self.edit_code(code_id))
            menu.addAction(icon("merge"), "Merge Into…", lambda: self.ask_merge(code_id))
            menu.addAction(icon("archive"), "Restore from Archive" if code.archived else "Archive",
                           lambda: self.toggle_archive(code_id))
            menu.addSeparator()
            menu.addAction(icon("delete"), "Delete…", lambda: self.ask_delete(code_id))
        menu.exec(where)
