"""Reading the audit log: who changed what, when."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import and_, or_, select

from app.core.records import AuditEntry
from app.storage import models as m

if TYPE_CHECKING:
    from app.project.service import Project


class AuditManager:
    def __init__(self, project: "Project") -> None:
        self._db = project.db

    def entries(self, limit: int | None = 1000, entity: str | None = None, coder: str | None = None,
                document_id: int | None = None, action: str | None = None) -> list[AuditEntry]:
        """The newest entries first, optionally only one coder's, one action's or one document's.

        An entry concerns a document when it is about the document itself or names
        it in its detail (codings, memos and statuses record their ``document_id``).
        """
        log = m.AuditLog
        query = select(log, m.Coder.name).outerjoin(m.Coder, m.Coder.id == log.coder_id).order_by(log.id.desc())
        if entity is not None:
            query = query.where(log.entity == entity)
        if coder is not None:
            query = query.where(m.Coder.name == coder)
        if action is not None:
            query = query.where(log.action == action)
        if document_id is not None:
            named = f'%"document_id": {int(document_id)}'
            query = query.where(or_(
                and_(log.entity == "document", log.entity_id == document_id),
                log.detail.like(named + ",%"), log.detail.like(named + "}%"),
            ))
        if limit is not None:
            query = query.limit(limit)
        with self._db.reader() as s:
            return [
                AuditEntry(r.id, r.at, name, r.action, r.entity, r.entity_id, r.detail)
                for r, name in s.execute(query)
            ]

    def actions(self) -> list[str]:
        """Every action the log holds, for a filter."""
        with self._db.reader() as s:
            return sorted(s.scalars(select(m.AuditLog.action).distinct()))
