"""Codings: a code applied by a coder to ``[start, end)`` of a document's text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.records import ChangeSet, CodingInfo, Edit, SegmentInfo
from app.core.text import SpanError, validate_span
from app.project.codebook import CodebookManager
from app.project.convert import coding_info
from app.project.errors import NotFoundError, ValidationError
from app.storage import models as m
from app.storage.models import utcnow

if TYPE_CHECKING:
    from app.project.service import Project


@dataclass(frozen=True)
class NewCoding:
    """One coding to add in a batch (see ``CodingsManager.add_many``)."""

    document_id: int
    code_id: int
    coder_id: int
    start: int
    end: int
    memo: str = ""


class CodingsManager:
    def __init__(self, project: "Project") -> None:
        self._p = project
        self._db = project.db

    # --- adding ---

    def add(
        self,
        document_id: int,
        code_id: int,
        coder_id: int,
        start: int,
        end: int,
        memo: str = "",
        uuid: str | None = None,
        coding_id: int | None = None,
    ) -> "Edit":
        """Apply a code to a span. Returns the new coding's id and what changed."""

        new = NewCoding(document_id, code_id, coder_id, start, end, memo or "")
        try:
            with self._db.session() as s:
                row = self.insert_in(s, new, uuid, coding_id)
                self._p.log(s, "add", "coding", row.id, document_id=document_id, code_id=code_id, start=start, end=end)
                edit = Edit(row.id, _changes(row))
        except IntegrityError:
            raise self._refused([new]) from None
        return edit

    def add_many(self, codings: Iterable[NewCoding]) -> list[int]:
        """Add many codings in one transaction: all of them, or none when one is invalid."""
        ids: list[int] = []
        batch = list(codings)
        try:
            with self._db.session() as s:
                for number, new in enumerate(batch, start=1):
                    try:
                        row = self.insert_in(s, new, None, None)
                    except ValidationError as exc:
                        raise ValidationError(f"coding {number}: {exc}") from None
                    ids.append(row.id)
                self._p.log(s, "add_many", "coding", None, count=len(ids))
        except IntegrityError:
            raise self._refused(batch) from None
        return ids

    def _refused(self, attempted: list[NewCoding]) -> ValidationError:
        """The database refused a write that the checks let through: another process got there first."""
        with self._db.reader() as s:
            for new in attempted:
                existing = s.execute(
                    select(m.Coding.id, m.Code.name).join(m.Code, m.Code.id == m.Coding.code_id).where(
                        m.Coding.document_id == new.document_id, m.Coding.code_id == new.code_id,
                        m.Coding.coder_id == new.coder_id, m.Coding.start == new.start, m.Coding.end == new.end,
                    )
                ).first()
                if existing is not None:
                    return ValidationError(
                        f"this coder already coded {new.start}-{new.end} with '{existing.name}' (coding {existing.id})"
                    )
        return ValidationError(
            "the coding could not be stored: its document, code or coder was changed meanwhile; reload and try again"
        )

    def insert_in(self, s: Session, new: NewCoding, uuid: str | None = None, coding_id: int | None = None) -> m.Coding:
        """Validate and add one coding inside the caller's transaction."""
        length = s.scalar(select(m.Document.length).where(m.Document.id == new.document_id))
        if length is None:
            raise NotFoundError(f"there is no document with id {new.document_id}")
        code = s.get(m.Code, new.code_id)
        if code is None:
            raise NotFoundError(f"there is no code with id {new.code_id}")
        if code.archived:
            raise ValidationError(f"the code '{code.name}' is archived; restore it before coding with it")
        if s.get(m.Coder, new.coder_id) is None:
            raise NotFoundError(f"there is no coder with id {new.coder_id}")
        try:
            validate_span(new.start, new.end, length)
        except SpanError as exc:
            raise ValidationError(str(exc)) from None
        duplicate = s.scalar(
            select(m.Coding.id).where(
                m.Coding.document_id == new.document_id, m.Coding.code_id == new.code_id,
                m.Coding.coder_id == new.coder_id, m.Coding.start == new.start, m.Coding.end == new.end,
            )
        )
        if duplicate is not None:
            raise ValidationError(
                f"this coder already coded {new.start}-{new.end} with '{code.name}' (coding {duplicate})"
            )
        row = m.Coding(
            document_id=new.document_id, code_id=new.code_id, coder_id=new.coder_id,
            start=new.start, end=new.end, memo=new.memo,
        )
        if uuid:
            row.uuid = uuid
        if coding_id is not None:
            row.id = coding_id
        s.add(row)
        s.flush()
        return row

    # --- reading ---

    def get(self, coding_id: int) -> CodingInfo:
        with self._db.reader() as s:
            return coding_info(_get(s, coding_id))

    def for_document(self, document_id: int, coder_ids: Iterable[int] | None = None) -> list[CodingInfo]:
        """Codings of one document, by start offset (optionally only some coders')."""
        query = select(m.Coding).where(m.Coding.document_id == document_id)
        if coder_ids is not None:
            query = query.where(m.Coding.coder_id.in_(list(coder_ids)))
        with self._db.reader() as s:
            return [coding_info(r) for r in s.scalars(query.order_by(m.Coding.start, m.Coding.end, m.Coding.id))]

    def iter_all(self, batch: int = 5000) -> Iterator[CodingInfo]:
        """Every coding, streamed in id order (for exports of large projects)."""
        last = 0
        while True:
            with self._db.reader() as s:
                rows = list(s.scalars(select(m.Coding).where(m.Coding.id > last).order_by(m.Coding.id).limit(batch)))
            if not rows:
                return
            for row in rows:
                yield coding_info(row)
            last = rows[-1].id

    def count(self, document_id: int | None = None, coder_id: int | None = None) -> int:
        query = select(func.count(m.Coding.id))
        if document_id is not None:
            query = query.where(m.Coding.document_id == document_id)
        if coder_id is not None:
            query = query.where(m.Coding.coder_id == coder_id)
        with self._db.reader() as s:
            return s.scalar(query) or 0

    def segments(
        self,
        document_id: int | None = None,
        code_ids: Iterable[int] | None = None,
        coder_ids: Iterable[int] | None = None,
        include_subcodes: bool = False,
    ) -> list[SegmentInfo]:
        """Coded segments with their quoted text (cut in SQL, so no document text is loaded whole)."""
        paths = {c.id: c.path for c in CodebookManager(self._p).list()}
        code_filter: set[int] | None = None
        if code_ids is not None:
            code_filter = set(code_ids)
            if include_subcodes:
                code_filter = {cid for cid, path in paths.items() if any(
                    cid == wanted or path.startswith(paths[wanted] + "/") for wanted in code_filter if wanted in paths
                )}
        quoted = func.substr(m.Document.text, m.Coding.start + 1, m.Coding.end - m.Coding.start)
        c = m.Coding
        query = (
            select(c.id, c.document_id, m.Document.title, c.code_id, c.coder_id, m.Coder.name, c.start, c.end,
                   quoted, c.memo, c.created_at, c.modified_at)
            .join(m.Document, m.Document.id == c.document_id)
            .join(m.Coder, m.Coder.id == c.coder_id)
        )
        conditions = []
        if document_id is not None:
            conditions.append(c.document_id == document_id)
        if code_filter is not None:
            conditions.append(c.code_id.in_(code_filter))
        if coder_ids is not None:
            conditions.append(c.coder_id.in_(list(coder_ids)))
        if conditions:
            query = query.where(and_(*conditions))
        query = query.order_by(c.document_id, c.start, c.end, c.id)
        # Plain column tuples, not ORM objects: listing 10,000 segments stays fast.
        with self._db.reader() as s:
            return [
                SegmentInfo(
                    id=cid, document_id=doc, document_title=title, code_id=code, code_path=paths.get(code, "?"),
                    coder_id=coder_id, coder=coder, start=start, end=end, text=text, memo=memo,
                    created_at=created, modified_at=modified,
                )
                for cid, doc, title, code, coder_id, coder, start, end, text, memo, created, modified
                in s.execute(query)
            ]

    # --- editing ---

    def set_memo(self, coding_id: int, memo: str) -> "Edit":
        return self._update(coding_id, "memo", memo=memo or "")

    def set_code(self, coding_id: int, code_id: int) -> "Edit":
        with self._db.reader() as s:
            code = s.get(m.Code, code_id)
            if code is None:
                raise NotFoundError(f"there is no code with id {code_id}")
            if code.archived:
                raise ValidationError(f"the code '{code.name}' is archived; restore it before coding with it")
        return self._update(coding_id, "recode", code_id=code_id)

    def set_span(self, coding_id: int, start: int, end: int) -> "Edit":
        with self._db.reader() as s:
            row = _get(s, coding_id)
            length = s.scalar(select(m.Document.length).where(m.Document.id == row.document_id))
        try:
            validate_span(start, end, length or 0)
        except SpanError as exc:
            raise ValidationError(str(exc)) from None
        return self._update(coding_id, "resize", start=start, end=end)

    def _update(self, coding_id: int, action: str, **values: object) -> "Edit":

        try:
            with self._db.session() as s:
                row = _get(s, coding_id)
                before = {k: getattr(row, k) for k in values}
                old_code = row.code_id
                for key, value in values.items():
                    setattr(row, key, value)
                row.modified_at = utcnow()
                self._p.log(s, action, "coding", coding_id, document_id=row.document_id, before=before, after=values)
                target = NewCoding(row.document_id, row.code_id, row.coder_id, row.start, row.end)
                s.flush()
                changes = _changes(row)
                if old_code != row.code_id:
                    changes = changes | ChangeSet(codes=frozenset({old_code}))
        except IntegrityError:
            raise self._refused([target]) from None
        return Edit(coding_id, changes)

    def delete(self, coding_id: int) -> CodingInfo:
        """Remove a coding; returns it, so ``restore`` can bring it back (undo)."""
        with self._db.session() as s:
            row = _get(s, coding_id)
            info = coding_info(row)
            s.delete(row)
            self._p.log(s, "delete", "coding", coding_id, document_id=info.document_id, code_id=info.code_id)
        return info

    def restore(self, info: CodingInfo) -> "Edit":
        """Re-insert a deleted coding with its id, uuid, memo and times."""

        new = NewCoding(info.document_id, info.code_id, info.coder_id, info.start, info.end, info.memo)
        try:
            with self._db.session() as s:
                row = self.insert_in(s, new, info.uuid, info.id)
                if info.created_at is not None:
                    row.created_at = info.created_at
                if info.modified_at is not None:
                    row.modified_at = info.modified_at
                self._p.log(s, "restore", "coding", row.id, document_id=row.document_id)
                edit = Edit(row.id, _changes(row))
        except IntegrityError:
            raise self._refused([new]) from None
        return edit


def _get(session: Session, coding_id: int) -> m.Coding:
    row = session.get(m.Coding, coding_id)
    if row is None:
        raise NotFoundError(f"there is no coding with id {coding_id}")
    return row


def _changes(row: m.Coding) -> ChangeSet:
    return ChangeSet(
        documents=frozenset({row.document_id}), codes=frozenset({row.code_id}), codings=frozenset({row.id})
    )
