"""ORM rows -> the frozen records of app.core.records. Nothing outside app.project sees a row."""

from __future__ import annotations

from app.core.records import CodeInfo, CoderInfo, CodingInfo, DocumentInfo, MemoInfo
from app.storage import models as m


def document_info(row: m.Document, attributes: dict[str, str] | None = None) -> DocumentInfo:
    return DocumentInfo(
        id=row.id,
        uuid=row.uuid,
        title=row.title,
        length=row.length,
        text_hash=row.text_hash,
        language=row.language,
        source_url=row.source_url,
        outlet=row.outlet,
        author=row.author,
        published=row.published,
        published_text=row.published_text,
        date_ambiguous=row.date_ambiguous,
        imported_from=row.imported_from,
        file_hash=row.file_hash,
        importer=row.importer,
        imported_at=row.imported_at,
        near_duplicate_group=row.near_duplicate_group,
        attributes=dict(attributes or {}),
    )


def code_info(row: m.Code, path: str, depth: int) -> CodeInfo:
    return CodeInfo(
        id=row.id,
        uuid=row.uuid,
        name=row.name,
        path=path,
        parent_id=row.parent_id,
        position=row.position,
        color=row.color,
        description=row.description,
        inclusion=row.inclusion,
        exclusion=row.exclusion,
        example=row.example,
        shortcut=row.shortcut,
        archived=row.archived,
        depth=depth,
        version=row.version,
    )


def coder_info(row: m.Coder) -> CoderInfo:
    return CoderInfo(id=row.id, uuid=row.uuid, name=row.name, color=row.color, consensus=row.consensus)


def coding_info(row: m.Coding) -> CodingInfo:
    return CodingInfo(
        id=row.id,
        uuid=row.uuid,
        document_id=row.document_id,
        code_id=row.code_id,
        coder_id=row.coder_id,
        start=row.start,
        end=row.end,
        memo=row.memo,
        created_at=row.created_at,
        modified_at=row.modified_at,
    )


def memo_info(row: m.Memo) -> MemoInfo:
    target_id = row.document_id if row.target == "document" else row.code_id if row.target == "code" else None
    return MemoInfo(
        id=row.id,
        uuid=row.uuid,
        target=row.target,
        target_id=target_id,
        title=row.title,
        text=row.text,
        author_id=row.author_id,
        modified_at=row.modified_at,
        created_at=row.created_at,
    )
