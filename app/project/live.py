"""What the others just did, as the views need it: change sources and change sets (no Qt).

``project.live.source()`` opens what tells this process about other sessions'
commits (app/storage/live.py: a PostgreSQL listener or a SQLite poller).
:func:`changeset` turns the changes one poll brought into the same
:class:`~app.core.records.ChangeSet` an edit of one's own returns, so a view
refreshes exactly what a teammate touched, the way it does after its own edit.
:meth:`LiveManager.snapshot` is the cheap "what is shown" used when only *that*
something changed is known (SQLite, or a reconnect after a gap).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from app.core.records import ChangeSet, DocStatus
from app.storage.live import Batch, Change, PgListener, SqlitePoller, change_source

if TYPE_CHECKING:
    from app.project.service import Project

__all__ = ["LiveManager", "Snapshot", "changeset", "needs_full_reload", "Batch", "Change", "PgListener",
           "SqlitePoller"]


def changeset(changes: Iterable[Change]) -> ChangeSet:
    """The documents, codes, coders and codings a batch of row changes touched."""
    documents: set[int] = set()
    codes: set[int] = set()
    coders: set[int] = set()
    codings: set[int] = set()
    for c in changes:
        if c.document_id is not None:
            documents.add(c.document_id)
        if c.table == "codings" and c.id is not None:
            codings.add(c.id)
        elif c.table == "codes" and c.id is not None:
            codes.add(c.id)
        elif c.table == "coders" and c.id is not None:
            coders.add(c.id)
    return ChangeSet(frozenset(documents), frozenset(codes), frozenset(coders), frozenset(codings))


def needs_full_reload(changes: Iterable[Change]) -> bool:
    """Documents added or removed, coders changed, a project setting (the blind phase) switched: re-read all."""
    return any(c.table in ("coders", "project_info") or (c.table == "documents" and c.op != "update")
               for c in changes)


@dataclass(frozen=True)
class Snapshot:
    """Per document, one coder's status and the visible coding count: what the document list shows."""

    statuses: dict[int, DocStatus]
    counts: dict[int, int]

    def differing(self, other: "Snapshot") -> set[int]:
        ids = set(self.statuses) | set(other.statuses) | set(self.counts) | set(other.counts)
        return {i for i in ids
                if self.statuses.get(i) != other.statuses.get(i) or self.counts.get(i, 0) != other.counts.get(i, 0)}


class LiveManager:
    def __init__(self, project: "Project") -> None:
        self._p = project

    @property
    def has_notifications(self) -> bool:
        """True on PostgreSQL (every row is announced), False on SQLite (only "something changed")."""
        return not self._p.db.is_sqlite

    def source(self) -> PgListener | SqlitePoller:
        """A connected listener (PostgreSQL) or a poller (SQLite); the caller closes it."""
        return change_source(self._p.db)

    def snapshot(self, coder_id: int, visible_coders: Iterable[int] | None) -> Snapshot:
        """Two queries: the coder's statuses and the visible coding counts of every document."""
        return Snapshot(self._p.documents.statuses(coder_id), self._p.documents.coding_counts(visible_coders))
