"""Memos on the project, on documents and on codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from app.core.records import ChangeSet, Edit, MemoInfo
from app.project.convert import memo_info
from app.project.errors import NotFoundError, ValidationError
from app.storage import models as m
from app.storage.models import utcnow

if TYPE_CHECKING:
    from app.project.service import Project

TARGETS = ("project", "document", "code")


class MemosManager:
    def __init__(self, project: "Project") -> None:
        self._p = project
        self._db = project.db

    def add(self, target: str, target_id: int | None, text: str, title: str = "", uuid: str | None = None) -> "Edit":

        if target not in TARGETS:
            raise ValidationError(f"a memo is on the project, a document or a code, not '{target}'")
        if target == "project" and target_id is not None:
            raise ValidationError("a project memo has no target id")
        with self._db.session() as s:
            row = m.Memo(target=target, title=title or "", text=text or "", author_id=self._p.acting_coder_id)
            if target == "document":
                if target_id is None or s.get(m.Document, target_id) is None:
                    raise NotFoundError(f"there is no document with id {target_id}")
                row.document_id = target_id
            elif target == "code":
                if target_id is None or s.get(m.Code, target_id) is None:
                    raise NotFoundError(f"there is no code with id {target_id}")
                row.code_id = target_id
            if uuid:
                row.uuid = uuid
            s.add(row)
            s.flush()
            self._p.log(s, "add", "memo", row.id, target=target, target_id=target_id)
            return Edit(row.id, _changes(target, target_id))

    def list(self, target: str | None = None, target_id: int | None = None) -> list[MemoInfo]:
        query = select(m.Memo).order_by(m.Memo.id)
        if target is not None:
            query = query.where(m.Memo.target == target)
        if target == "document" and target_id is not None:
            query = query.where(m.Memo.document_id == target_id)
        if target == "code" and target_id is not None:
            query = query.where(m.Memo.code_id == target_id)
        with self._db.reader() as s:
            return [memo_info(r) for r in s.scalars(query)]

    def update(self, memo_id: int, text: str, title: str | None = None) -> "Edit":

        with self._db.session() as s:
            row = _get(s, memo_id)
            row.text = text or ""
            if title is not None:
                row.title = title
            row.modified_at = utcnow()
            self._p.log(s, "update", "memo", memo_id)
            return Edit(memo_id, _changes(row.target, row.document_id or row.code_id))

    def delete(self, memo_id: int) -> MemoInfo:
        with self._db.session() as s:
            row = _get(s, memo_id)
            info = memo_info(row)
            s.delete(row)
            self._p.log(s, "delete", "memo", memo_id)
        return info


def _get(session, memo_id: int) -> m.Memo:
    row = session.get(m.Memo, memo_id)
    if row is None:
        raise NotFoundError(f"there is no memo with id {memo_id}")
    return row


def _changes(target: str, target_id: int | None) -> ChangeSet:
    if target == "document" and target_id is not None:
        return ChangeSet(documents=frozenset({target_id}))
    if target == "code" and target_id is not None:
        return ChangeSet(codes=frozenset({target_id}))
    return ChangeSet()
