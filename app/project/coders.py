"""Coders: the people (and consensus layers) whose codings the project holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.colors import next_color, normalize_color
from app.core.records import ChangeSet, CoderInfo, Edit
from app.project.convert import coder_info
from app.project.errors import DuplicateError, NotFoundError, ValidationError
from app.storage import models as m

if TYPE_CHECKING:
    from app.project.service import Project


class CodersManager:
    def __init__(self, project: "Project") -> None:
        self._p = project
        self._db = project.db

    def list(self) -> list[CoderInfo]:
        with self._db.reader() as s:
            return [coder_info(r) for r in s.scalars(select(m.Coder).order_by(m.Coder.name))]

    def get(self, coder_id: int) -> CoderInfo:
        with self._db.reader() as s:
            row = s.get(m.Coder, coder_id)
            if row is None:
                raise NotFoundError(f"there is no coder with id {coder_id}")
            return coder_info(row)

    def by_name(self, name: str) -> CoderInfo:
        with self._db.reader() as s:
            row = s.scalar(select(m.Coder).where(m.Coder.name == name))
            if row is None:
                known = ", ".join(s.scalars(select(m.Coder.name).order_by(m.Coder.name))) or "none yet"
                raise NotFoundError(f"there is no coder named '{name}' (coders: {known})")
            return coder_info(row)

    def add(self, name: str, color: str | None = None, consensus: bool = False, uuid: str | None = None) -> "Edit":

        with self._db.session() as s:
            row = self.add_in(s, name, color, consensus, uuid)
            return Edit(row.id, ChangeSet(coders=frozenset({row.id})))

    def add_in(
        self, s: Session, name: str, color: str | None = None, consensus: bool = False, uuid: str | None = None
    ) -> m.Coder:
        """Add a coder inside the caller's transaction."""
        name = _clean_name(name)
        if s.scalar(select(m.Coder.id).where(m.Coder.name == name)) is not None:
            raise DuplicateError(f"a coder named '{name}' already exists")
        used = list(s.scalars(select(m.Coder.color)))
        row = m.Coder(name=name, color=normalize_color(color) if color else next_color(used), consensus=consensus)
        if uuid:
            row.uuid = uuid
        s.add(row)
        s.flush()
        self._p.log(s, "add", "coder", row.id, name=name, consensus=consensus)
        return row

    def ensure(self, name: str) -> int:
        """The id of the coder called ``name``, adding the coder if needed."""
        try:
            return self.by_name(_clean_name(name)).id
        except NotFoundError:
            return self.add(name).id  # type: ignore[return-value]

    def rename(self, coder_id: int, name: str) -> "Edit":

        name = _clean_name(name)
        with self._db.session() as s:
            row = _get(s, coder_id)
            other = s.scalar(select(m.Coder.id).where(m.Coder.name == name, m.Coder.id != coder_id))
            if other is not None:
                raise DuplicateError(f"a coder named '{name}' already exists")
            old, row.name = row.name, name
            self._p.log(s, "rename", "coder", coder_id, old=old, new=name)
        return Edit(coder_id, ChangeSet(coders=frozenset({coder_id})))

    def set_color(self, coder_id: int, color: str) -> "Edit":

        with self._db.session() as s:
            row = _get(s, coder_id)
            row.color = normalize_color(color)
            self._p.log(s, "recolour", "coder", coder_id, color=row.color)
        return Edit(coder_id, ChangeSet(coders=frozenset({coder_id})))

    def count(self) -> int:
        with self._db.reader() as s:
            return s.scalar(select(func.count(m.Coder.id))) or 0


def _get(session, coder_id: int) -> m.Coder:
    row = session.get(m.Coder, coder_id)
    if row is None:
        raise NotFoundError(f"there is no coder with id {coder_id}")
    return row


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError("a coder's name must not be empty")
    if len(name) > 200:
        raise ValidationError("a coder's name must be at most 200 characters")
    return name
