"""Rows exactly as they were, so an undo can put back what an edit (or its cascade) removed.

``take`` copies every column of the matching rows (ids, uuids and times included);
``revive`` inserts them again. Deleting a code cascades to its memos and to coders'
rejected suggestions; the codebook snapshots those first, so Ctrl+Z restores everything.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

Row = tuple[tuple[str, Any], ...]


def take(session: Session, model: type, *where) -> tuple[Row, ...]:
    columns = [c.key for c in model.__table__.columns]
    rows = session.scalars(select(model).where(*where).order_by(*model.__table__.primary_key.columns))
    return tuple(tuple((key, getattr(row, key)) for key in columns) for row in rows)


def revive(session: Session, model: type, rows: tuple[Row, ...], **override: Any) -> None:
    for row in rows:
        session.add(model(**{**dict(row), **override}))
