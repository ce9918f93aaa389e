"""Documents: immutable texts with their metadata, per-coder status and import."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Callable, Iterable

from sqlalchemy import func, select

from app.core.importers import ImportedDocument, ImportOptions
from app.core.records import ChangeSet, DocStatus, DocumentInfo, Edit, ExcludedSpanInfo
from app.project.convert import document_info
from app.project.errors import NotFoundError, ValidationError
from app.storage import models as m
from app.storage.models import utcnow

if TYPE_CHECKING:
    from app.project.service import Project

# Metadata a user may correct after import. The text itself never changes.
EDITABLE = ("title", "language", "source_url", "outlet", "author", "published")


class DocumentsManager:
    def __init__(self, project: "Project") -> None:
        self._p = project
        self._db = project.db

    # --- reading ---

    def list(self) -> list[DocumentInfo]:
        """Every document with its attributes, by id (the text is not loaded)."""
        with self._db.reader() as s:
            attrs: dict[int, dict[str, str]] = {}
            for doc_id, key, value in s.execute(
                select(m.DocumentAttribute.document_id, m.DocumentAttribute.key, m.DocumentAttribute.value)
            ):
                attrs.setdefault(doc_id, {})[key] = value
            columns = [c for c in m.Document.__table__.columns if c.name != "text"]
            rows = s.execute(select(*columns).order_by(m.Document.id)).mappings()
            return [document_info(_Row(r), attrs.get(r["id"])) for r in rows]

    def get(self, document_id: int) -> DocumentInfo:
        with self._db.reader() as s:
            row = _get(s, document_id)
            attrs = dict(s.execute(
                select(m.DocumentAttribute.key, m.DocumentAttribute.value)
                .where(m.DocumentAttribute.document_id == document_id)
            ).all())
            return document_info(row, attrs)

    def text(self, document_id: int) -> str:
        with self._db.reader() as s:
            text = s.scalar(select(m.Document.text).where(m.Document.id == document_id))
        if text is None:
            raise NotFoundError(f"there is no document with id {document_id}")
        return text

    def by_title(self, title: str) -> list[DocumentInfo]:
        with self._db.reader() as s:
            ids = list(s.scalars(select(m.Document.id).where(m.Document.title == title).order_by(m.Document.id)))
        return [self.get(i) for i in ids]

    def count(self) -> int:
        with self._db.reader() as s:
            return s.scalar(select(func.count(m.Document.id))) or 0

    def find_by_hash(self, digest: str) -> int | None:
        with self._db.reader() as s:
            return s.scalar(select(m.Document.id).where(m.Document.text_hash == digest).limit(1))

    def excluded_spans(self, document_id: int) -> list[ExcludedSpanInfo]:
        with self._db.reader() as s:
            rows = s.scalars(select(m.ExcludedSpan).where(m.ExcludedSpan.document_id == document_id)
                             .order_by(m.ExcludedSpan.start))
            return [ExcludedSpanInfo(r.id, r.document_id, r.start, r.end, r.reason) for r in rows]

    def add_excluded_span(self, document_id: int, start: int, end: int, reason: str = "boilerplate") -> "Edit":
        """Mark ``[start, end)`` as not part of the article; the text itself is untouched."""

        with self._db.session() as s:
            row = _get(s, document_id)
            if not (0 <= start < end <= row.length):
                raise ValidationError(f"span {start}-{end} does not fit the text ({row.length} characters)")
            span = m.ExcludedSpan(document_id=document_id, start=start, end=end, reason=reason)
            s.add(span)
            s.flush()
            self._p.log(s, "exclude", "document", document_id, start=start, end=end, reason=reason)
            return Edit(span.id, ChangeSet(documents=frozenset({document_id})))

    def remove_excluded_span(self, span_id: int) -> ExcludedSpanInfo:
        """Count a previously excluded part as article text again; returns it (for undo)."""
        with self._db.session() as s:
            row = s.get(m.ExcludedSpan, span_id)
            if row is None:
                raise NotFoundError(f"there is no excluded span with id {span_id}")
            info = ExcludedSpanInfo(row.id, row.document_id, row.start, row.end, row.reason)
            s.delete(row)
            self._p.log(s, "include", "document", info.document_id, start=info.start, end=info.end)
        return info

    def original(self, document_id: int) -> tuple[str, bytes] | None:
        """The bytes the text was extracted from (a saved web page), when they were kept."""
        with self._db.reader() as s:
            row = s.get(m.DocumentOriginal, document_id)
            return (row.media_type, row.data) if row else None

    # --- adding ---

    def add(self, doc: ImportedDocument) -> "Edit":
        """Store one imported document atomically (text, metadata, attributes, original bytes)."""
        from app.project.import_batch import prepare, store_documents

        with self._db.session() as s:
            [document_id] = store_documents(self._p, s, [prepare(doc)])
        return Edit(document_id, ChangeSet(documents=frozenset({document_id})))

    def import_paths(
        self,
        paths: Iterable[str],
        options: ImportOptions | None = None,
        progress: Callable[[int, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        stored: Callable[[list], None] | None = None,
    ) -> list:
        """Import files, folders and zips (see :mod:`app.project.importing`)."""
        from app.project.importing import import_paths

        return import_paths(self._p, paths, options, progress, cancelled, stored)

    # --- editing metadata and status ---

    def update(self, document_id: int, **fields: object) -> "Edit":
        """Correct metadata (title, language, source_url, outlet, author, published)."""

        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise ValidationError(f"cannot change {', '.join(sorted(unknown))}; a document's text never changes")
        if "title" in fields and not str(fields["title"] or "").strip():
            raise ValidationError("a document's title must not be empty")
        if "published" in fields and fields["published"] is not None and not isinstance(fields["published"], date):
            raise ValidationError("the publication date must be a date")
        with self._db.session() as s:
            row = _get(s, document_id)
            before = {k: getattr(row, k) for k in fields}
            for key, value in fields.items():
                setattr(row, key, value)
            if "published" in fields:
                # A date the user set is certain; the source's raw text stays in published_text.
                row.date_ambiguous = False
            self._p.log(s, "update", "document", document_id, before=before, after=fields)
        return Edit(document_id, ChangeSet(documents=frozenset({document_id})))

    def set_attribute(self, document_id: int, key: str, value: str | None) -> "Edit":

        key = (key or "").strip()
        if not key:
            raise ValidationError("an attribute's name must not be empty")
        with self._db.session() as s:
            _get(s, document_id)
            row = s.scalar(select(m.DocumentAttribute).where(
                m.DocumentAttribute.document_id == document_id, m.DocumentAttribute.key == key))
            if value is None:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(m.DocumentAttribute(document_id=document_id, key=key, value=value))
            else:
                row.value = value
            self._p.log(s, "attribute", "document", document_id, key=key, value=value)
        return Edit(document_id, ChangeSet(documents=frozenset({document_id})))

    def status(self, document_id: int, coder_id: int) -> DocStatus:
        with self._db.reader() as s:
            row = s.get(m.DocumentStatus, (document_id, coder_id))
            if row is not None:
                return DocStatus(row.status)
            coded = s.scalar(select(m.Coding.id).where(
                m.Coding.document_id == document_id, m.Coding.coder_id == coder_id).limit(1))
        return DocStatus.IN_PROGRESS if coded is not None else DocStatus.NOT_STARTED

    def statuses(self, coder_id: int) -> dict[int, DocStatus]:
        """Status of every document for one coder: set explicitly, or 'in progress' once coded."""
        with self._db.reader() as s:
            explicit = dict(s.execute(select(m.DocumentStatus.document_id, m.DocumentStatus.status)
                                      .where(m.DocumentStatus.coder_id == coder_id)).all())
            coded = set(s.scalars(select(m.Coding.document_id).where(m.Coding.coder_id == coder_id).distinct()))
            ids = list(s.scalars(select(m.Document.id)))
        out = {}
        for doc_id in ids:
            if doc_id in explicit:
                out[doc_id] = DocStatus(explicit[doc_id])
            else:
                out[doc_id] = DocStatus.IN_PROGRESS if doc_id in coded else DocStatus.NOT_STARTED
        return out

    def set_status(self, document_id: int, coder_id: int, status: DocStatus | str) -> "Edit":

        try:
            status = DocStatus(status)
        except ValueError:
            raise ValidationError(f"status must be one of: {', '.join(s.value for s in DocStatus)}") from None
        with self._db.session() as s:
            _get(s, document_id)
            if s.get(m.Coder, coder_id) is None:
                raise NotFoundError(f"there is no coder with id {coder_id}")
            row = s.get(m.DocumentStatus, (document_id, coder_id))
            if row is None:
                s.add(m.DocumentStatus(document_id=document_id, coder_id=coder_id, status=status.value))
            else:
                row.status, row.modified_at = status.value, utcnow()
            self._p.log(s, "status", "document", document_id, coder_id=coder_id, status=status.value)
        return Edit(document_id, ChangeSet(documents=frozenset({document_id})))

    def coding_counts(self, coder_ids: Iterable[int] | None = None) -> dict[int, int]:
        """Number of codings per document (optionally only by some coders)."""
        query = select(m.Coding.document_id, func.count()).group_by(m.Coding.document_id)
        if coder_ids is not None:
            query = query.where(m.Coding.coder_id.in_(list(coder_ids)))
        with self._db.reader() as s:
            return dict(s.execute(query).all())

    # --- deleting (see app/project/deletion.py) ---

    def codings_by_coder(self, document_id: int) -> dict[str, int]:
        """Codings per coder name in one document: what a delete would remove."""
        from app.project.deletion import coding_counts

        return coding_counts(self._p, document_id)

    def delete(self, document_id: int):
        """Delete a document with its codings, memos and results; returns what ``restore`` needs."""
        from app.project.deletion import delete_document

        return delete_document(self._p, document_id)

    def restore(self, deleted) -> "Edit":
        from app.project.deletion import restore_document

        return restore_document(self._p, deleted)


class _Row:
    """Attribute access over a result mapping, so document_info works without the text column."""

    def __init__(self, mapping) -> None:
        self.__dict__.update(mapping)


def _get(session, document_id: int) -> m.Document:
    row = session.get(m.Document, document_id)
    if row is None:
        raise NotFoundError(f"there is no document with id {document_id}")
    return row


def __getattr__(name: str):
    # ImportOutcome moved to app.project.importing; keep the old import path working.
    if name == "ImportOutcome":
        from app.project.importing import ImportOutcome

        return ImportOutcome
    raise AttributeError(name)
