"""The project database: SQLAlchemy 2.x typed models.

One schema for SQLite and PostgreSQL, created and upgraded only by the Alembic
migrations in ``db/``. Integer keys inside the database; a
UUID on everything that is exchanged (documents, codes, coders, codings, memos)
so REFI-QDA exchange and project merges can recognise the same thing.

A document's ``text`` never changes after import: codings point into it by
code-point offsets.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import date, datetime, timezone

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false as sa_false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _uuid_column() -> Mapped[str]:
    return mapped_column(String(36), unique=True, nullable=False, default=new_uuid)


class ProjectInfo(Base):
    """Key/value facts about the project itself (name, creating version)."""

    __tablename__ = "project_info"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    title: Mapped[str] = mapped_column(Text, nullable=False)
    # Deferred: a document's metadata is read far more often than its (possibly megabyte) text,
    # which loads on first access inside a session or through an explicit select.
    text: Mapped[str] = mapped_column(Text, nullable=False, deferred=True)
    text_hash: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    length: Mapped[int] = mapped_column(Integer, nullable=False)
    language: Mapped[str | None] = mapped_column(String(16))
    source_url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    published_text: Mapped[str | None] = mapped_column(Text)
    date_ambiguous: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    imported_from: Mapped[str | None] = mapped_column(Text)
    file_hash: Mapped[str | None] = mapped_column(String(64))
    importer: Mapped[str | None] = mapped_column(String(64))
    imported_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=utcnow)
    near_duplicate_group: Mapped[int | None] = mapped_column(Integer, index=True)


class DocumentAttribute(Base):
    __tablename__ = "document_attributes"
    __table_args__ = (UniqueConstraint("document_id", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)
    key: Mapped[str] = mapped_column(String(200), nullable=False)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class DocumentOriginal(Base):
    """The bytes a document was extracted from (a saved web page), so extraction can be redone."""

    __tablename__ = "document_originals"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(100), nullable=False)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class ExcludedSpan(Base):
    """A part of a document's text that is not the article (greyed, left out of statistics)."""

    __tablename__ = "excluded_spans"
    __table_args__ = (CheckConstraint('"start" >= 0 AND "end" > "start"', name="span"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    )
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    reason: Mapped[str] = mapped_column(String(64), nullable=False, default="boilerplate")


class Code(Base):
    __tablename__ = "codes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("codes.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    name: Mapped[str] = mapped_column(String(500), nullable=False)
    color: Mapped[str] = mapped_column(String(7), nullable=False, default="#888888")
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    inclusion: Mapped[str] = mapped_column(Text, nullable=False, default="")
    exclusion: Mapped[str] = mapped_column(Text, nullable=False, default="")
    example: Mapped[str] = mapped_column(Text, nullable=False, default="")
    shortcut: Mapped[str | None] = mapped_column(String(32))
    archived: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # Counts the code's edits (optimistic concurrency): an edit made on an older version is refused.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")


class CodePattern(Base):
    """A word, phrase or lemma that suggests a code (used by the NLP suggestions)."""

    __tablename__ = "code_patterns"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="CASCADE"), nullable=False, index=True)
    pattern: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="phrase")


class Coder(Base):
    __tablename__ = "coders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    color: Mapped[str] = mapped_column(String(7), nullable=False, default="#4477aa")
    consensus: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # The PostgreSQL login role this coder connects as (team projects only; see app/storage/team.py).
    login: Mapped[str | None] = mapped_column(String(63), unique=True)


class Coding(Base):
    __tablename__ = "codings"
    __table_args__ = (
        CheckConstraint('"start" >= 0 AND "end" > "start"', name="span"),
        Index("ix_codings_document_coder", "document_id", "coder_id"),
        # One coding per coder, code and span, whatever number of processes write at once.
        UniqueConstraint("document_id", "code_id", "coder_id", "start", "end"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="RESTRICT"), nullable=False)
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="RESTRICT"), nullable=False, index=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="RESTRICT"), nullable=False, index=True)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    memo: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)


class DocumentStatus(Base):
    """How far one coder is with one document: 'not started', 'in progress' or 'done'."""

    __tablename__ = "document_status"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    modified_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)


class Memo(Base):
    """A memo on the project (no target), a document or a code."""

    __tablename__ = "memos"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    target: Mapped[str] = mapped_column(String(16), nullable=False)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    code_id: Mapped[int | None] = mapped_column(ForeignKey("codes.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("coders.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(Text, nullable=False, default="")
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)


class AuditLog(Base):
    """Who changed what, when. Written in the same transaction as the change."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    coder_id: Mapped[int | None] = mapped_column(ForeignKey("coders.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(32), nullable=False)
    entity: Mapped[str] = mapped_column(String(32), nullable=False)
    entity_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, nullable=False, default="")


# --- NLP results (recomputed only when the pipeline name or version changes) ---


class NlpRun(Base):
    __tablename__ = "nlp_runs"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    pipeline: Mapped[str] = mapped_column(String(100), nullable=False)
    version: Mapped[str] = mapped_column(String(50), nullable=False)
    processed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)


class Sentence(Base):
    __tablename__ = "sentences"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    )
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)


class Quote(Base):
    __tablename__ = "quotes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    )
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    fragment: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=sa_false())


class SpeakerCorrection(Base):
    """A coder's speaker for a detected quote, kept apart from ``quotes`` so it survives a re-run of NLP."""

    __tablename__ = "speaker_corrections"
    __table_args__ = (UniqueConstraint("document_id", "start", "end"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    )
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    speaker: Mapped[str | None] = mapped_column(Text)  # None: the coder says nobody named said it
    corrected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)


class Entity(Base):
    __tablename__ = "entities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    )
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    label: Mapped[str] = mapped_column(String(32), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)


class GlossaryEntry(Base):
    """An alias for a named entity: 'the Head of State' -> 'Kassym-Jomart Tokayev'."""

    __tablename__ = "glossary"
    __table_args__ = (UniqueConstraint("alias"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    canonical: Mapped[str] = mapped_column(Text, nullable=False)
    alias: Mapped[str] = mapped_column(String(500), nullable=False)
    label: Mapped[str] = mapped_column(String(32), nullable=False, default="PERSON")


class SuggestionDecision(Base):
    """A coder's rejection of a suggested coding, so it is not proposed again."""

    __tablename__ = "suggestion_decisions"
    __table_args__ = (UniqueConstraint("document_id", "code_id", "coder_id", "start", "end"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="CASCADE"), nullable=False)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="CASCADE"), nullable=False)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    decision: Mapped[str] = mapped_column(String(16), nullable=False, default="rejected")
