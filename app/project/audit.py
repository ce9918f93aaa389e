"""Reading the audit log: who changed what, when."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from app.core.records import AuditEntry
from app.storage import models as m

if TYPE_CHECKING:
    from app.project.service import Project


class AuditManager:
    def __init__(self, project: "Project") -> None:
        self._db = project.db

    def entries(self, limit: int = 1000, entity: str | None = None) -> list[AuditEntry]:
        """The newest entries first."""
        query = (
            select(m.AuditLog, m.Coder.name)
            .outerjoin(m.Coder, m.Coder.id == m.AuditLog.coder_id)
            .order_by(m.AuditLog.id.desc())
            .limit(limit)
        )
        if entity is not None:
            query = query.where(m.AuditLog.entity == entity)
        with self._db.reader() as s:
            return [
                AuditEntry(r.id, r.at, name, r.action, r.entity, r.entity_id, r.detail)
                for r, name in s.execute(query)
            ]
