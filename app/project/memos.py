"""Memos on the project, on documents, on codes and on codings.

Project, document and code memos are rows of their own (``memos``), with an
author and their own times. A coding's memo is stored with the coding (one
memo per coding, exchanged as the REFI-QDA selection's Description), so its id
is the coding's id, its author is the coding's coder (in a team project only
that coder may write it) and its times are the coding's.
"""

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
ALL_TARGETS = TARGETS + ("coding",)


class MemosManager:
    def __init__(self, project: "Project") -> None:
        self._p = project
        self._db = project.db

    def add(self, target: str, target_id: int | None, text: str, title: str = "", uuid: str | None = None,
            author_id: int | None = None) -> "Edit":
        """Write a memo; ``author_id`` defaults to the acting coder."""
        if target == "coding":
            return self._add_to_coding(target_id, text, author_id)
        if target not in TARGETS:
            raise ValidationError(f"a memo is on the project, a document, a code or a coding, not '{target}'")
        if target == "project" and target_id is not None:
            raise ValidationError("a project memo has no target id")
        author = self._p.acting_coder_id if author_id is None else author_id
        with self._db.session() as s:
            if author is not None and s.get(m.Coder, author) is None:
                raise NotFoundError(f"there is no coder with id {author}")
            row = m.Memo(target=target, title=title or "", text=text or "", author_id=author)
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
            self._p.log(s, "add", "memo", row.id, **_where(target, target_id))
            return Edit(row.id, _changes(target, target_id))

    def _add_to_coding(self, coding_id: int | None, text: str, author_id: int | None) -> "Edit":
        if not (text or "").strip():
            raise ValidationError("a coding's memo needs some text")
        with self._db.reader() as s:
            row = s.get(m.Coding, coding_id) if coding_id is not None else None
            if row is None:
                raise NotFoundError(f"there is no coding with id {coding_id}")
            if author_id is not None and author_id != row.coder_id:
                owner = s.get(m.Coder, row.coder_id)
                raise ValidationError(
                    f"coding {coding_id} belongs to {owner.name if owner else 'another coder'}; "
                    "a coding's memo is written by its coder"
                )
            if row.memo:
                raise ValidationError(f"coding {coding_id} already has a memo (a coding has one); edit it in the app")
        return self._p.codings.set_memo(coding_id, text)

    def get(self, memo_id: int) -> MemoInfo:
        with self._db.reader() as s:
            return memo_info(_get(s, memo_id))

    def list(self, target: str | None = None, target_id: int | None = None,
             include_codings: bool = False) -> list[MemoInfo]:
        """Memos by id, with their author's name; codings' memos only when asked for (or ``target="coding"``)."""
        if target is not None and target not in ALL_TARGETS:
            raise ValidationError(f"a memo is on the project, a document, a code or a coding, not '{target}'")
        out: list[MemoInfo] = []
        with self._db.reader() as s:
            if target != "coding":
                query = (select(m.Memo, m.Coder.name).outerjoin(m.Coder, m.Coder.id == m.Memo.author_id)
                         .order_by(m.Memo.id))
                if target is not None:
                    query = query.where(m.Memo.target == target)
                if target == "document" and target_id is not None:
                    query = query.where(m.Memo.document_id == target_id)
                if target == "code" and target_id is not None:
                    query = query.where(m.Memo.code_id == target_id)
                out += [_named(memo_info(r), name) for r, name in s.execute(query)]
            if target == "coding" or (target is None and include_codings):
                query = (select(m.Coding, m.Coder.name).join(m.Coder, m.Coder.id == m.Coding.coder_id)
                         .where(m.Coding.memo != "").order_by(m.Coding.id))
                if target_id is not None:
                    query = query.where(m.Coding.id == target_id)
                out += [_coding_memo(r, name) for r, name in s.execute(query)]
        return out

    def update(self, memo_id: int, text: str, title: str | None = None) -> "Edit":

        with self._db.session() as s:
            row = _get(s, memo_id)
            row.text = text or ""
            if title is not None:
                row.title = title
            row.modified_at = utcnow()
            self._p.log(s, "update", "memo", memo_id, **_where(row.target, row.document_id or row.code_id))
            return Edit(memo_id, _changes(row.target, row.document_id or row.code_id))

    def delete(self, memo_id: int) -> MemoInfo:
        with self._db.session() as s:
            row = _get(s, memo_id)
            info = memo_info(row)
            s.delete(row)
            self._p.log(s, "delete", "memo", memo_id, **_where(info.target, info.target_id))
        return info

    def restore(self, info: MemoInfo) -> "Edit":
        """Undo a delete: the memo comes back with its id, uuid, author and times."""
        with self._db.session() as s:
            row = m.Memo(id=info.id, uuid=info.uuid, target=info.target, title=info.title, text=info.text,
                         author_id=info.author_id)
            if info.target == "document":
                row.document_id = info.target_id
            elif info.target == "code":
                row.code_id = info.target_id
            if info.created_at is not None:
                row.created_at = info.created_at
            if info.modified_at is not None:
                row.modified_at = info.modified_at
            s.add(row)
            s.flush()
            self._p.log(s, "restore", "memo", row.id, **_where(info.target, info.target_id))
            return Edit(row.id, _changes(info.target, info.target_id))


def _where(target: str, target_id: int | None) -> dict[str, object]:
    """The audit detail of a memo: a document memo names its document (the History filter finds it)."""
    if target == "document":
        return {"document_id": target_id, "target": target}
    return {"target": target, "target_id": target_id}


def _named(info: MemoInfo, name: str | None) -> MemoInfo:
    from dataclasses import replace

    return replace(info, author=name)


def _coding_memo(row: m.Coding, coder: str) -> MemoInfo:
    return MemoInfo(id=row.id, uuid=row.uuid, target="coding", target_id=row.id, title="", text=row.memo,
                    author_id=row.coder_id, modified_at=row.modified_at, created_at=row.created_at, author=coder)


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
