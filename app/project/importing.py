"""Importing files into a project: sources -> parsers -> documents, with a report line per item.

The pure work (reading folders and zips, parsing every format, dates, language,
near-duplicate detection) lives in ``app.core.importers``; this module stores
the results. Each document lands in its own transaction, so cancelling keeps
every finished document and never a half-written one. A bad file is reported
and skipped; the others land.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

from sqlalchemy import select, update

from app.core.importers import ExcludedSpan, ImportedDocument, ImportFailure, ImportOptions, parse_source
from app.core.importers.sources import SourceProblem, count_files, iter_sources

__all__ = ["ImportOutcome", "import_paths", "count_files"]
from app.core.text import text_hash
from app.project.errors import DatabaseError, ValidationError
from app.storage import models as m

if TYPE_CHECKING:
    from app.core.importers.neardup import NearDuplicateIndex
    from app.project.service import Project

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
        }


def import_paths(
    project: "Project",
    paths: Iterable[str],
    options: ImportOptions | None = None,
    progress: Callable[[int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ImportOutcome]:
    """Import files, folders and zip archives; ``progress(done, name)`` before each file.

    ``count_files(paths)`` gives the total for a progress bar.
    """
    options = options or ImportOptions()
    paths = [str(p) for p in paths]
    index = _near_duplicate_index(project)
    outcomes: list[ImportOutcome] = []
    for number, item in enumerate(iter_sources(paths, options), start=1):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(number, item.name)
        if isinstance(item, SourceProblem):
            outcomes.append(ImportOutcome(item.name, "failed", error=item.reason))
            continue
        try:
            documents = parse_source(item, options)
        except ImportFailure as exc:
            outcomes.append(ImportOutcome(item.name, "failed", error=str(exc)))
            continue
        for position, doc in enumerate(documents):
            label = doc.source_name or (item.name if len(documents) == 1 else f"{item.name}#{position + 1}")
            try:
                outcomes.append(_store(project, doc, label, index))
            except DatabaseError as exc:  # disk full, locked, server gone: every later file would fail too
                landed = sum(o.status == "imported" for o in outcomes)
                raise type(exc)(f"{exc}; {landed} document(s) were imported before the import stopped, and "
                                f"importing the same files again skips those as duplicates") from exc
    _record_groups(project, index)
    return [_with_group(project, o) for o in outcomes]


def _store(project: "Project", doc: ImportedDocument, label: str, index: "NearDuplicateIndex") -> ImportOutcome:
    existing = project.documents.find_by_hash(text_hash(doc.text))
    if existing is not None:
        return ImportOutcome(label, "duplicate", existing, doc.title, f"same text as document {existing}")
    try:
        document_id = project.documents.add(doc).id
    except ValidationError as exc:
        return ImportOutcome(label, "failed", error=str(exc))
    assert document_id is not None
    index.add(document_id, doc.text, doc.excluded_spans)
    return ImportOutcome(label, "imported", document_id, doc.title, notes=tuple(doc.notes))


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


def _with_group(project: "Project", outcome: ImportOutcome) -> ImportOutcome:
    if outcome.status != "imported" or outcome.document_id is None:
        return outcome
    group = project.documents.get(outcome.document_id).near_duplicate_group
    if group is None or group == outcome.document_id:
        return outcome
    return ImportOutcome(outcome.path, outcome.status, outcome.document_id, outcome.title, outcome.error,
                         near_duplicate_of=group, notes=outcome.notes)
