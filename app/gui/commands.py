"""One QUndoCommand per user edit, each calling one Project method (Orange canvas style).

A command does its work in ``first()`` (run by :meth:`Workspace.run`, so a
refused edit raises before anything is pushed); ``redo()`` after an undo repeats
it, ``undo()`` reverses it through the Project. Deletes and merges keep what the
Project returned (``CodingInfo``, ``DeletedCode``, ``MergeResult``) and undo
from exactly that, so ids, uuids, memos and times come back unchanged.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from app.core.errors import QuotecoderError
from app.core.records import ChangeSet, DocStatus
from app.project.errors import StaleEditError, UndoRefusedError
from app.gui.workspace import Workspace


class ProjectCommand(QUndoCommand):
    """One edit. A step that the Project refuses (a lock, a full disk) changes nothing and is
    reported to the Workspace, which puts the stack back where the data is (see Workspace.undo)."""

    def __init__(self, ws: Workspace, text: str) -> None:
        super().__init__(text)
        self.ws = ws
        self._pushed = False
        self.failed = False  # the last undo/redo step was refused; the data is as it was before it

    def first(self) -> None:
        self.ws.notify(self.do())

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo(); first() already did the work
            self._pushed = True
            return
        self._safely(self.do, "redo")

    def undo(self) -> None:
        self._safely(self.reverse, "undo")

    def _safely(self, step, verb: str) -> None:
        if self.ws.skip_step(self):
            return
        try:
            self.ws.notify(step())
        except (StaleEditError, UndoRefusedError) as exc:
            # Another coder's work is in the way: the step is refused and the command leaves the stack
            # (QUndoStack deletes a command made obsolete in undo/redo), so what remains still matches
            # the project.
            self.setObsolete(True)
            self.ws.refused(f"Could not {self.text().lower()}: {exc}")
        except QuotecoderError as exc:
            self.ws.step_failed(self, f"Could not {verb} “{self.text()}”: {exc}")

    def do(self) -> ChangeSet:
        raise NotImplementedError

    def reverse(self) -> ChangeSet:
        raise NotImplementedError


# --- codings ---

class AddCoding(ProjectCommand):
    def __init__(self, ws: Workspace, document_id: int, code_id: int, start: int, end: int, memo: str = "",
                 label: str = "code") -> None:
        super().__init__(ws, f"Apply {label}")
        self.args = (document_id, code_id, ws.coder_id, start, end, memo)
        self.coding_id: int | None = None
        self.info = None

    def do(self) -> ChangeSet:
        if self.info is not None:
            return self.ws.project.codings.restore(self.info).changes
        edit = self.ws.project.codings.add(*self.args)
        self.coding_id = edit.id
        return edit.changes

    def reverse(self) -> ChangeSet:
        self.info = self.ws.project.codings.delete(self.coding_id)
        return _coding_changes(self.info)


class DeleteCoding(ProjectCommand):
    def __init__(self, ws: Workspace, coding_id: int) -> None:
        super().__init__(ws, "Remove coding")
        self.coding_id = coding_id
        self.info = None

    def do(self) -> ChangeSet:
        self.info = self.ws.project.codings.delete(self.coding_id)
        return _coding_changes(self.info)

    def reverse(self) -> ChangeSet:
        return self.ws.project.codings.restore(self.info).changes


class SetCodingCode(ProjectCommand):
    def __init__(self, ws: Workspace, coding_id: int, code_id: int) -> None:
        super().__init__(ws, "Change coding's code")
        self.coding_id, self.new = coding_id, code_id
        self.old = ws.project.codings.get(coding_id).code_id

    def do(self) -> ChangeSet:
        return self.ws.project.codings.set_code(self.coding_id, self.new).changes

    def reverse(self) -> ChangeSet:
        return self.ws.project.codings.set_code(self.coding_id, self.old).changes


class SetCodingSpan(ProjectCommand):
    def __init__(self, ws: Workspace, coding_id: int, start: int, end: int) -> None:
        super().__init__(ws, "Adjust coding")
        self.coding_id, self.new = coding_id, (start, end)
        info = ws.project.codings.get(coding_id)
        self.old = (info.start, info.end)

    def do(self) -> ChangeSet:
        return self.ws.project.codings.set_span(self.coding_id, *self.new).changes

    def reverse(self) -> ChangeSet:
        return self.ws.project.codings.set_span(self.coding_id, *self.old).changes


class SetCodingMemo(ProjectCommand):
    def __init__(self, ws: Workspace, coding_id: int, memo: str) -> None:
        super().__init__(ws, "Edit coding memo")
        self.coding_id, self.new = coding_id, memo
        self.old = ws.project.codings.get(coding_id).memo

    def do(self) -> ChangeSet:
        return self.ws.project.codings.set_memo(self.coding_id, self.new).changes

    def reverse(self) -> ChangeSet:
        return self.ws.project.codings.set_memo(self.coding_id, self.old).changes


def _coding_changes(info) -> ChangeSet:
    return ChangeSet(documents=frozenset({info.document_id}), codes=frozenset({info.code_id}),
                     codings=frozenset({info.id}))


# --- documents ---

class SetStatus(ProjectCommand):
    def __init__(self, ws: Workspace, document_id: int, status: DocStatus) -> None:
        super().__init__(ws, f"Mark document {status.value}")
        self.document_id, self.new = document_id, status
        self.old = ws.project.documents.status(document_id, ws.coder_id)
        self.coder_id = ws.coder_id

    def do(self) -> ChangeSet:
        return self.ws.project.documents.set_status(self.document_id, self.coder_id, self.new).changes

    def reverse(self) -> ChangeSet:
        return self.ws.project.documents.set_status(self.document_id, self.coder_id, self.old).changes


class UpdateDocument(ProjectCommand):
    """Correct a document's metadata (title, language, outlet, author, URL, date); undo restores the old values."""

    FIELDS = ("title", "language", "outlet", "author", "source_url", "published")

    def __init__(self, ws: Workspace, document_id: int, **fields: object) -> None:
        super().__init__(ws, "Edit document properties")
        self.document_id, self.new = document_id, fields
        info = ws.project.documents.get(document_id)
        self.old = {k: getattr(info, k) for k in fields}

    def do(self) -> ChangeSet:
        return self.ws.project.documents.update(self.document_id, **self.new).changes

    def reverse(self) -> ChangeSet:
        return self.ws.project.documents.update(self.document_id, **self.old).changes


# --- codebook ---

class AddCode(ProjectCommand):
    def __init__(self, ws: Workspace, name: str, parent_id: int | None = None, color: str | None = None,
                 description: str = "") -> None:
        super().__init__(ws, f"New code {name}")
        self.args = (name, parent_id)
        self.kwargs = {"color": color, "description": description}
        self.code_id: int | None = None
        self.deleted = None

    def do(self) -> ChangeSet:
        if self.deleted is not None:
            return self.ws.project.codebook.restore(self.deleted).changes
        edit = self.ws.project.codebook.add(*self.args, **self.kwargs)
        self.code_id = edit.id
        return edit.changes

    def reverse(self) -> ChangeSet:
        self.deleted = self.ws.project.codebook.undo_add(self.code_id, self.ws.coder_id)
        return ChangeSet(codes=frozenset({self.code_id}))


class CodeEdit(ProjectCommand):
    """An edit of one code, made on the version of the code the user saw (optimistic concurrency).

    ``version`` is the code's version the next step (redo or undo) expects: the one the edit was
    made on, then the one this edit produced. If another coder changed the code in between, the
    Project refuses the step with a message naming them, and nothing of theirs is overwritten.
    """

    def __init__(self, ws: Workspace, text: str, code_id: int, version: int | None) -> None:
        super().__init__(ws, text)
        self.code_id = code_id
        self.version = ws.project.codebook.get(code_id).version if version is None else version

    def versioned(self, method, *args, **kwargs) -> ChangeSet:
        changes = method(self.code_id, *args, version=self.version, **kwargs).changes
        self.version = self.ws.project.codebook.get(self.code_id).version
        return changes


class RenameCode(CodeEdit):
    def __init__(self, ws: Workspace, code_id: int, name: str, version: int | None = None) -> None:
        super().__init__(ws, f"Rename code to {name}", code_id, version)
        self.new = name
        self.old = ws.project.codebook.get(code_id).name

    def do(self) -> ChangeSet:
        return self.versioned(self.ws.project.codebook.rename, self.new)

    def reverse(self) -> ChangeSet:
        return self.versioned(self.ws.project.codebook.rename, self.old)


class RecolorCode(CodeEdit):
    def __init__(self, ws: Workspace, code_id: int, color: str, version: int | None = None) -> None:
        super().__init__(ws, "Recolour code", code_id, version)
        self.new = color
        self.old = ws.project.codebook.get(code_id).color

    def do(self) -> ChangeSet:
        return self.versioned(self.ws.project.codebook.set_color, self.new)

    def reverse(self) -> ChangeSet:
        return self.versioned(self.ws.project.codebook.set_color, self.old)


class DescribeCode(CodeEdit):
    FIELDS = ("description", "inclusion", "exclusion", "example")

    def __init__(self, ws: Workspace, code_id: int, version: int | None = None, **fields: str) -> None:
        super().__init__(ws, "Edit code definition", code_id, version)
        self.new = fields
        info = ws.project.codebook.get(code_id)
        self.old = {k: getattr(info, k) for k in fields}

    def do(self) -> ChangeSet:
        return self.versioned(self.ws.project.codebook.describe, **self.new)

    def reverse(self) -> ChangeSet:
        return self.versioned(self.ws.project.codebook.describe, **self.old)


class SetShortcut(CodeEdit):
    def __init__(self, ws: Workspace, code_id: int, shortcut: str | None, version: int | None = None) -> None:
        super().__init__(ws, "Set code shortcut", code_id, version)
        self.new = shortcut
        self.old = ws.project.codebook.get(code_id).shortcut

    def do(self) -> ChangeSet:
        return self.versioned(self.ws.project.codebook.set_shortcut, self.new)

    def reverse(self) -> ChangeSet:
        return self.versioned(self.ws.project.codebook.set_shortcut, self.old)


class ArchiveCode(ProjectCommand):
    def __init__(self, ws: Workspace, code_id: int, archived: bool) -> None:
        super().__init__(ws, "Archive code" if archived else "Restore archived code")
        self.code_id, self.archived = code_id, archived

    def do(self) -> ChangeSet:
        return self.ws.project.codebook.archive(self.code_id, self.archived).changes

    def reverse(self) -> ChangeSet:
        return self.ws.project.codebook.archive(self.code_id, not self.archived).changes


class MoveCode(ProjectCommand):
    def __init__(self, ws: Workspace, code_id: int, parent_id: int | None, position: int | None) -> None:
        super().__init__(ws, "Move code")
        self.code_id, self.new = code_id, (parent_id, position)
        info = ws.project.codebook.get(code_id)
        self.old = (info.parent_id, info.position)

    def do(self) -> ChangeSet:
        return self.ws.project.codebook.move(self.code_id, *self.new).changes

    def reverse(self) -> ChangeSet:
        return self.ws.project.codebook.move(self.code_id, *self.old).changes


class MergeCodes(ProjectCommand):
    def __init__(self, ws: Workspace, source_id: int, target_id: int) -> None:
        super().__init__(ws, "Merge codes")
        self.source_id, self.target_id = source_id, target_id
        self.result = None

    def do(self) -> ChangeSet:
        self.result = self.ws.project.codebook.merge(self.source_id, self.target_id)
        return ChangeSet(codes=frozenset({self.source_id, self.target_id, *self.result.moved_children}),
                         codings=frozenset(self.result.moved_codings))

    def reverse(self) -> ChangeSet:
        return self.ws.project.codebook.unmerge(self.result).changes


class DeleteCode(ProjectCommand):
    def __init__(self, ws: Workspace, code_id: int) -> None:
        super().__init__(ws, "Delete code")
        self.code_id = code_id
        self.deleted = None

    def do(self) -> ChangeSet:
        self.deleted = self.ws.project.codebook.delete(self.code_id, delete_codings=True)
        return ChangeSet(codes=frozenset({self.code_id}),
                         documents=frozenset(c.document_id for c in self.deleted.codings))

    def reverse(self) -> ChangeSet:
        return self.ws.project.codebook.restore(self.deleted).changes


# --- memos and documents (issue 14: app/gui/memos_panel.py, app/gui/workspace_tools.py) ---

class AddMemo(ProjectCommand):
    """A new memo on the project, a document or a code, written by the current coder."""

    def __init__(self, ws: Workspace, target: str, target_id: int | None, text: str) -> None:
        super().__init__(ws, f"Add {target} memo")
        self.args = (target, target_id, text)
        self.memo_id: int | None = None
        self.info = None

    def do(self) -> ChangeSet:
        if self.info is not None:
            return self.ws.project.memos.restore(self.info).changes
        edit = self.ws.project.memos.add(*self.args, author_id=self.ws.coder_id)
        self.memo_id = edit.id
        return edit.changes

    def reverse(self) -> ChangeSet:
        self.info = self.ws.project.memos.delete(self.memo_id)
        return _memo_changes(self.info)


class UpdateMemo(ProjectCommand):
    def __init__(self, ws: Workspace, memo_id: int, text: str) -> None:
        super().__init__(ws, "Edit memo")
        self.memo_id, self.new = memo_id, text
        self.old = ws.project.memos.get(memo_id).text

    def do(self) -> ChangeSet:
        return self.ws.project.memos.update(self.memo_id, self.new).changes

    def reverse(self) -> ChangeSet:
        return self.ws.project.memos.update(self.memo_id, self.old).changes


class DeleteMemo(ProjectCommand):
    def __init__(self, ws: Workspace, memo_id: int) -> None:
        super().__init__(ws, "Delete memo")
        self.memo_id = memo_id
        self.info = None

    def do(self) -> ChangeSet:
        self.info = self.ws.project.memos.delete(self.memo_id)
        return _memo_changes(self.info)

    def reverse(self) -> ChangeSet:
        return self.ws.project.memos.restore(self.info).changes


class DeleteDocument(ProjectCommand):
    """Delete a document with its codings; undo puts back every row exactly (app/project/deletion.py)."""

    def __init__(self, ws: Workspace, document_id: int, title: str) -> None:
        super().__init__(ws, f"Delete document {title[:40]}")
        self.document_id = document_id
        self.deleted = None

    def do(self) -> ChangeSet:
        self.deleted = self.ws.project.documents.delete(self.document_id)
        return self.deleted.changes

    def reverse(self) -> ChangeSet:
        return self.ws.project.documents.restore(self.deleted).changes


def _memo_changes(info) -> ChangeSet:
    if info.target == "document" and info.target_id is not None:
        return ChangeSet(documents=frozenset({info.target_id}))
    if info.target == "code" and info.target_id is not None:
        return ChangeSet(codes=frozenset({info.target_id}))
    return ChangeSet()


# --- quotes ---

class CorrectSpeaker(ProjectCommand):
    """A coder sets the speaker of a detected quote (None: no named speaker); undo restores what was there."""

    def __init__(self, ws: Workspace, quote_id: int, speaker: str | None) -> None:
        super().__init__(ws, f"Set speaker to {speaker or 'none'}")
        self.quote_id, self.speaker = quote_id, speaker
        self.previous: tuple[bool, str | None] = (False, None)
        self.document_id = 0

    def do(self) -> ChangeSet:
        quote, self.previous = self.ws.project.nlp.correct_speaker(self.quote_id, self.speaker)
        self.document_id = quote.document_id
        return ChangeSet(documents=frozenset({quote.document_id}))

    def reverse(self) -> ChangeSet:
        had, name = self.previous
        if had:
            self.ws.project.nlp.correct_speaker(self.quote_id, name)
        else:
            self.ws.project.nlp.clear_speaker_correction(self.quote_id)
        return ChangeSet(documents=frozenset({self.document_id}))
