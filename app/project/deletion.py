"""Deleting a document with everything attached to it, and bringing it back (undo).

The document's rows in every table that points at it (codings, statuses,
memos, attributes, the original file, excluded spans, NLP results, suggestion
decisions) are kept in a :class:`DeletedDocument` as plain column values, so
``restore`` re-inserts exactly what was there, with the same ids and uuids.
Tables are found from the schema's foreign keys, so a new table that points
at documents is covered without changing this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, delete, func, insert, select

from app.core.records import ChangeSet, Edit
from app.project.errors import NotFoundError
from app.storage import models as m

if TYPE_CHECKING:
    from app.project.service import Project


@dataclass(frozen=True)
class DeletedDocument:
    document_id: int
    title: str
    codings: int
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # table name -> rows, documents first

    @property
    def changes(self) -> ChangeSet:
        codes = frozenset(r["code_id"] for r in self.rows.get("codings", ()))
        return ChangeSet(documents=frozenset({self.document_id}), codes=codes)


def _dependents() -> list[tuple[Table, str]]:
    """(table, column) for every column that references documents.id, in dependency order."""
    out = []
    for table in m.Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "documents" and fk.column.name == "id":
                out.append((table, fk.parent.name))
    return out


def coding_counts(project: "Project", document_id: int) -> dict[str, int]:
    """How many codings each coder has in the document (for the confirmation)."""
    with project.db.reader() as s:
        if s.get(m.Document, document_id) is None:
            raise NotFoundError(f"there is no document with id {document_id}")
        rows = s.execute(
            select(m.Coder.name, func.count(m.Coding.id)).join(m.Coder, m.Coder.id == m.Coding.coder_id)
            .where(m.Coding.document_id == document_id).group_by(m.Coder.name).order_by(m.Coder.name)
        ).all()
    return {name: n for name, n in rows}


def delete_document(project: "Project", document_id: int) -> DeletedDocument:
    documents = m.Document.__table__
    with project.db.session() as s:
        doc = s.execute(select(documents).where(documents.c.id == document_id)).mappings().first()
        if doc is None:
            raise NotFoundError(f"there is no document with id {document_id}")
        rows: dict[str, list[dict[str, Any]]] = {"documents": [dict(doc)]}
        for table, column in _dependents():
            found = s.execute(select(table).where(table.c[column] == document_id)).mappings().all()
            if found:
                rows.setdefault(table.name, []).extend(dict(r) for r in found)
        for table, column in reversed(_dependents()):
            s.execute(delete(table).where(table.c[column] == document_id))
        s.execute(delete(documents).where(documents.c.id == document_id))
        codings = len(rows.get("codings", ()))
        project.log(s, "delete", "document", document_id, title=doc["title"], codings=codings)
    return DeletedDocument(document_id, doc["title"], codings, rows)


def restore_document(project: "Project", deleted: DeletedDocument) -> Edit:
    tables = m.Base.metadata.tables
    with project.db.session() as s:
        s.execute(insert(tables["documents"]), deleted.rows["documents"])
        for table, _column in _dependents():
            found = deleted.rows.get(table.name)
            if found:
                s.execute(insert(table), found)
        project.log(s, "restore", "document", deleted.document_id, title=deleted.title)
    return Edit(deleted.document_id, deleted.changes)
