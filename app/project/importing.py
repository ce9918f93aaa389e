"""Importing files into a project: sources -> parsers -> documents, with a report line per item.

The pure work (reading folders and zips, parsing every format, dates, language,
near-duplicate detection) lives in ``app.core.importers``; this module stores
the results. Documents land in batches, each in one transaction, so cancelling
(checked between files, and storing the batch in hand) keeps every finished
document and never a half-written one. A bad file is reported and skipped;
the others land.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable, Iterable

from sqlalchemy import select, update

from app.core.importers import ExcludedSpan, ImportedDocument, ImportFailure, ImportOptions, parse_source
from app.core.importers.sources import SourceProblem, count_files, iter_sources
from app.core.text import text_hash
from app.project.errors import DatabaseError, ValidationError
from app.project.import_batch import prepare, store_documents
from app.storage import models as m

if TYPE_CHECKING:
    from app.core.importers.neardup import NearDuplicateIndex
    from app.project.service import Project

__all__ = ["ImportOutcome", "import_paths", "count_files"]

STATUSES = ("imported", "duplicate", "failed")


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file (or one row of a corpus table) in an import."""

    path: str
    status: str  # "imported", "duplicate" or "failed"
    document_id: int | None = None
    title: str | None = None
    error: str | None = None
    near_duplicate_of: int | None = None
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict:
        return {
            "path": self.path, "status": self.status, "document_id": self.document_id,
            "title": self.title, "error": self.error, "near_duplicate_of": self.near_duplicate_of,
            "notes": list(self.notes),
        }


# A batch is stored in one transaction when it holds this many documents or characters.
BATCH_DOCUMENTS = 100
BATCH_CHARACTERS = 2_000_000


def import_paths(
    project: "Project",
    paths: Iterable[str],
    options: ImportOptions | None = None,
    progress: Callable[[int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    stored: Callable[[list[ImportOutcome]], None] | None = None,
) -> list[ImportOutcome]:
    """Import files, folders and zip archives; ``progress(done, name)`` before each file.

    ``count_files(paths)`` gives the total for a progress bar. Documents are stored in
    batches; a cancel stops after the current batch, which is stored whole. ``stored(outcomes)``
    is called right after each batch is committed, with the documents it stored: the moment
    they are safe (a crash after it loses none of them).
    """
    options = options or ImportOptions()
    paths = [str(p) for p in paths]
    batch = _Batch(project, _known_hashes(project), _near_duplicate_index(project), stored)
    for number, item in enumerate(iter_sources(paths, options), start=1):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(number, item.name)
        if isinstance(item, SourceProblem):
            batch.report(ImportOutcome(item.name, "failed", error=item.reason))
            continue
        try:
            documents = parse_source(item, options)
        except ImportFailure as exc:
            batch.report(ImportOutcome(item.name, "failed", error=str(exc)))
            continue
        for position, doc in enumerate(documents):
            label = doc.source_name or (item.name if len(documents) == 1 else f"{item.name}#{position + 1}")
            batch.add(doc, label)
        if batch.full():
            batch.store()
    batch.store()
    _record_groups(project, batch.index)
    return [_with_group(o, batch.index) for o in batch.outcomes]


class _Batch:
    """Outcomes in file order, and the documents parsed but not stored yet."""

    def __init__(self, project: "Project", known: dict[str, int], index: "NearDuplicateIndex",
                 stored: Callable[[list[ImportOutcome]], None] | None = None) -> None:
        self.project, self.known, self.index, self.stored = project, known, index, stored
        self.outcomes: list[ImportOutcome | None] = []
        self._docs: list[tuple[int, ImportedDocument]] = []  # (position in outcomes, document)
        self._waiting: dict[str, int] = {}  # text hash -> position of its first copy in this batch
        self._copies: list[tuple[int, str]] = []  # (position, hash) of duplicates of a waiting document
        self._characters = 0

    def report(self, outcome: ImportOutcome) -> None:
        self.outcomes.append(outcome)

    def add(self, doc: ImportedDocument, label: str) -> None:
        try:
            doc = prepare(doc)
        except ValidationError as exc:
            return self.report(ImportOutcome(label, "failed", error=str(exc)))
        digest = text_hash(doc.text)
        existing = self.known.get(digest)
        if existing is not None:
            return self.report(ImportOutcome(label, "duplicate", existing, doc.title, f"same text as document {existing}"))
        self.outcomes.append(ImportOutcome(label, "duplicate", title=doc.title))  # completed when stored
        if digest in self._waiting:
            self._copies.append((len(self.outcomes) - 1, digest))
            return
        self._waiting[digest] = len(self.outcomes) - 1
        self._docs.append((len(self.outcomes) - 1, doc))
        self._characters += len(doc.text)

    def full(self) -> bool:
        return len(self._docs) >= BATCH_DOCUMENTS or self._characters >= BATCH_CHARACTERS

    def store(self) -> None:
        if not self._docs:
            return
        try:
            with self.project.db.session() as s:
                ids = store_documents(self.project, s, [doc for _, doc in self._docs])
        except DatabaseError as exc:  # disk full, locked, server gone: every later batch would fail too
            landed = sum(o is not None and o.status == "imported" for o in self.outcomes)
            raise type(exc)(f"{exc}; {landed} document(s) were imported before the import stopped, and "
                            f"importing the same files again skips those as duplicates") from exc
        for (position, doc), document_id in zip(self._docs, ids):
            self.known[text_hash(doc.text)] = document_id
            self.index.add(document_id, doc.text, doc.excluded_spans)
            self.outcomes[position] = ImportOutcome(
                self.outcomes[position].path, "imported", document_id, doc.title, notes=tuple(doc.notes))
        for position, digest in self._copies:
            existing = self.known[digest]
            old = self.outcomes[position]
            self.outcomes[position] = ImportOutcome(old.path, "duplicate", existing, old.title,
                                                    f"same text as document {existing}")
        if self.stored is not None:
            self.stored([self.outcomes[position] for position, _ in self._docs])
        self._docs, self._waiting, self._copies, self._characters = [], {}, [], 0


def _known_hashes(project: "Project") -> dict[str, int]:
    """Text hash -> id of every document already in the project (one query; hashes only)."""
    with project.db.reader() as s:
        known: dict[str, int] = {}
        for digest, document_id in s.execute(select(m.Document.text_hash, m.Document.id).order_by(m.Document.id.desc())):
            known[digest] = document_id  # descending, so the earliest copy wins
        return known


def _near_duplicate_index(project: "Project") -> "NearDuplicateIndex":
    """An index over the documents already in the project (rebuilt per import, not stored)."""
    from app.core.importers.neardup import NearDuplicateIndex  # datasketch brings scipy: import on use

    index = NearDuplicateIndex()
    excluded: dict[int, list[ExcludedSpan]] = {}
    with project.db.reader() as s:
        for doc_id, start, end, reason in s.execute(
            select(m.ExcludedSpan.document_id, m.ExcludedSpan.start, m.ExcludedSpan.end, m.ExcludedSpan.reason)
        ):
            excluded.setdefault(doc_id, []).append(ExcludedSpan(start, end, reason))
        for doc_id, text in s.execute(select(m.Document.id, m.Document.text).order_by(m.Document.id)):
            index.add(doc_id, text, excluded.get(doc_id, ()))
    return index


def _record_groups(project: "Project", index: "NearDuplicateIndex") -> None:
    """Store each group's id (its earliest document) on every member."""
    groups = index.groups()
    if not groups:
        return
    with project.db.session() as s:
        for group, members in groups.items():
            s.execute(update(m.Document).where(m.Document.id.in_(members)).values(near_duplicate_group=group))


def _with_group(outcome: ImportOutcome, index: "NearDuplicateIndex") -> ImportOutcome:
    """The outcome with the group it ended in (groups settle only once every document is in)."""
    if outcome.status != "imported" or outcome.document_id is None:
        return outcome
    group = index.group_of(outcome.document_id)
    if group is None or group == outcome.document_id:
        return outcome
    return replace(outcome, near_duplicate_of=group)
