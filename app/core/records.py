"""Frozen records that the Project service hands out.

They are plain values — no ORM objects, no database sessions — so the CLI, the
GUI, exporters and statistics can hold them as long as they like. Offsets are
code points of the document text, half-open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

__all__ = [
    "ChangeSet",
    "CodeInfo",
    "CoderInfo",
    "CodingInfo",
    "DocStatus",
    "DocumentInfo",
    "MemoInfo",
    "AuditEntry",
    "SegmentInfo",
    "ExcludedSpanInfo",
]


class DocStatus(str, Enum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    uuid: str
    title: str
    length: int  # code points
    text_hash: str
    language: str | None = None
    source_url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    published_text: str | None = None
    date_ambiguous: bool = False
    imported_from: str | None = None
    file_hash: str | None = None
    importer: str | None = None
    imported_at: datetime | None = None
    near_duplicate_group: int | None = None
    attributes: dict[str, str] = field(default_factory=dict, hash=False, compare=True)


@dataclass(frozen=True)
class ExcludedSpanInfo:
    id: int
    document_id: int
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class CodeInfo:
    id: int
    uuid: str
    name: str
    path: str  # names from the root joined with "/"
    parent_id: int | None
    position: int  # order among siblings
    color: str  # "#rrggbb"
    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""
    shortcut: str | None = None
    archived: bool = False
    depth: int = 0
    version: int = 1  # bumped by every edit; an edit made on an older version is refused

    @property
    def path_parts(self) -> list[str]:
        return self.path.split("/")


@dataclass(frozen=True)
class CoderInfo:
    id: int
    uuid: str
    name: str
    color: str
    consensus: bool = False


@dataclass(frozen=True)
class CodingInfo:
    id: int
    uuid: str
    document_id: int
    code_id: int
    coder_id: int
    start: int
    end: int
    memo: str = ""
    created_at: datetime | None = None
    modified_at: datetime | None = None


@dataclass(frozen=True)
class SegmentInfo:
    """A coding with what a reader of a segment list needs: names and the quoted text."""

    id: int
    document_id: int
    document_title: str
    code_id: int
    code_path: str
    coder_id: int
    coder: str
    start: int
    end: int
    text: str  # exactly document_text[start:end]
    memo: str = ""
    created_at: datetime | None = None
    modified_at: datetime | None = None


@dataclass(frozen=True)
class MemoInfo:
    id: int
    uuid: str
    target: str  # "project", "document", "code" or "coding"
    target_id: int | None
    title: str
    text: str
    author_id: int | None = None
    modified_at: datetime | None = None
    created_at: datetime | None = None
    author: str | None = None  # the author's name, when the query joined it


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    coder: str | None
    action: str
    entity: str
    entity_id: int | None
    detail: str


@dataclass(frozen=True)
class ChangeSet:
    """What one edit touched, so views refresh only that."""

    documents: frozenset[int] = frozenset()
    codes: frozenset[int] = frozenset()
    coders: frozenset[int] = frozenset()
    codings: frozenset[int] = frozenset()

    def __or__(self, other: "ChangeSet") -> "ChangeSet":
        return ChangeSet(
            self.documents | other.documents,
            self.codes | other.codes,
            self.coders | other.coders,
            self.codings | other.codings,
        )


@dataclass(frozen=True)
class Edit:
    """What one edit returns: the id it created or touched, and what views must refresh."""

    id: int | None
    changes: ChangeSet = field(default_factory=ChangeSet)


@dataclass(frozen=True)
class TeamMember:
    """A coder of a team project with the PostgreSQL login they connect as."""

    coder_id: int
    coder: str
    role: str | None  # coder, adjudicator, lead; None for a coder without a login (a consensus layer)
    login: str | None
    url: str | None  # postgresql://LOGIN@HOST:PORT/DB, without a password
    password: str | None = field(default=None, repr=False, compare=False)  # only when just generated
