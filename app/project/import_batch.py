"""Storing imported documents many at a time: one transaction and a few bulk inserts per batch.

A document is written whole (its row, attributes, excluded spans, original bytes
and audit entry) or, when the transaction fails, not at all, together with the
rest of its batch. ``store_documents`` is the one place that turns prepared
documents into rows; ``DocumentsManager.add`` stores a batch of one.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.core.importers import ImportedDocument
from app.core.text import normalize_newlines, text_hash
from app.project.errors import ValidationError
from app.storage import models as m
from app.storage.models import utcnow

if TYPE_CHECKING:
    from app.project.service import Project

__all__ = ["store_documents"]


def prepare(doc: ImportedDocument) -> ImportedDocument:
    """``doc`` as it will be stored: newlines normalised, a title; refused when its text is empty."""
    text = normalize_newlines(doc.text)
    if not text.strip():
        raise ValidationError("a document's text must not be empty")
    title = (doc.title or "").strip() or "Untitled"
    if text == doc.text and title == doc.title:
        return doc
    return replace(doc, text=text, title=title)


def store_documents(project: "Project", session: Session, docs: Sequence[ImportedDocument]) -> list[int]:
    """Insert prepared documents (see :func:`prepare`) in ``session``; their ids, in order."""
    if not docs:
        return []
    now = utcnow()
    rows = [
        dict(
            title=doc.title, text=doc.text, text_hash=text_hash(doc.text), length=len(doc.text),
            language=doc.language, source_url=doc.source_url, outlet=doc.outlet, author=doc.author,
            published=doc.published, published_text=doc.published_text, date_ambiguous=doc.date_ambiguous,
            imported_from=doc.source_name, file_hash=doc.file_hash, importer=doc.importer[:64], imported_at=now,
        )
        for doc in docs
    ]
    # RETURNING with sort_by_parameter_order: one statement, the ids in the order of the rows.
    result = session.execute(insert(m.Document).returning(m.Document.id, sort_by_parameter_order=True), rows)
    ids = [row[0] for row in result]
    attributes, spans, originals, log = [], [], [], []
    for document_id, doc in zip(ids, docs):
        attributes += [dict(document_id=document_id, key=str(k)[:200], value=str(v)) for k, v in doc.attributes.items()]
        spans += [dict(document_id=document_id, start=s.start, end=s.end, reason=s.reason)
                  for s in doc.excluded_spans if 0 <= s.start < s.end <= len(doc.text)]
        if doc.original is not None:
            originals.append(dict(document_id=document_id, data=doc.original,
                                  media_type=doc.original_media_type or "application/octet-stream"))
        detail = json.dumps({"title": doc.title, "source": doc.source_name}, ensure_ascii=False, default=str)
        log.append(dict(at=now, coder_id=project.acting_coder_id, action="import", entity="document",
                        entity_id=document_id, detail=detail))
    for model, values in ((m.DocumentAttribute, attributes), (m.ExcludedSpan, spans),
                          (m.DocumentOriginal, originals), (m.AuditLog, log)):
        if values:
            session.execute(insert(model), values)
    return ids
