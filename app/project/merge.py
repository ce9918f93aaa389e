"""Merging projects coded apart: ``merge_projects(target, sources)``.

Teams code offline on copies, then bring the copies together. Everything of a
source lands in the target in ONE transaction (a failure changes nothing; a
SQLite target is backed up first). Things are recognised, in order, by:
documents UUID then text hash; codes UUID then path; coders UUID then name.
Codings are unioned (same coder, code, document and span = the same coding),
memos by UUID, document statuses keep the furthest one. Everything copied keeps
its UUID, so merging the same source again adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.project.codebook import SEPARATOR
from app.project.errors import ValidationError
from app.project.service import Project
from app.storage import models as m
from app.storage.migrations import backup_sqlite

STATUS_ORDER = {"not started": 0, "in progress": 1, "done": 2}
COUNTERS = ("documents_added", "documents_matched", "codes_added", "coders_added", "codings_added",
            "codings_skipped", "memos_added")


@dataclass
class MergeReport:
    documents_added: int = 0
    documents_matched: int = 0
    codes_added: int = 0
    coders_added: int = 0
    codings_added: int = 0
    codings_skipped: int = 0
    memos_added: int = 0
    conflicts: list[str] = field(default_factory=list)
    backup: Path | None = None

    def as_json(self) -> dict:
        """Exactly the keys of the ``quotecoder merge --json`` contract."""
        return {**{key: getattr(self, key) for key in COUNTERS}, "conflicts": list(self.conflicts)}


def merge_projects(
    target: Project, sources: list[Project], progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> MergeReport:
    """Merge every source into ``target`` in one transaction; returns what was added and what conflicted."""
    for source in sources:
        if source.location == target.location:
            raise ValidationError(f"{source.location} is the target itself; name another project to merge from")
    report = MergeReport(backup=backup_sqlite(target.db, "merge"))
    with target.db.session() as t:
        for number, source in enumerate(sources, start=1):
            if cancelled is not None and cancelled():
                raise ValidationError("the merge was cancelled; the target project is unchanged")
            with source.db.reader() as s:
                _merge_one(t, s, source.display_name, report)
            if progress is not None:
                progress(number, len(sources))
        target.log(t, "merge", "project", None, sources=[p.location for p in sources], **report.as_json())
    return report


def _merge_one(t: Session, s: Session, name: str, report: MergeReport) -> None:
    coders = _coders(t, s, name, report)
    documents = _documents(t, s, report)
    codes = _codes(t, s, name, report)
    _codings(t, s, documents, codes, coders, report)
    _memos(t, s, documents, codes, coders, report)
    _statuses(t, s, documents, coders, name, report)
    t.flush()


def _coders(t: Session, s: Session, name: str, report: MergeReport) -> dict[int, int]:
    mapping: dict[int, int] = {}
    for row in s.scalars(select(m.Coder).order_by(m.Coder.id)):
        found = t.scalar(select(m.Coder).where(m.Coder.uuid == row.uuid)) or \
            t.scalar(select(m.Coder).where(m.Coder.name == row.name))
        if found is None:
            found = m.Coder(uuid=row.uuid, name=row.name, color=row.color, consensus=row.consensus)
            t.add(found)
            t.flush()
            report.coders_added += 1
        elif found.consensus != row.consensus:
            report.conflicts.append(
                f"coder '{row.name}' is {'the consensus' if row.consensus else 'a plain coder'} in {name} "
                f"but not in the target; the target's role was kept"
            )
        mapping[row.id] = found.id
    return mapping


def _documents(t: Session, s: Session, report: MergeReport) -> dict[int, int]:
    mapping: dict[int, int] = {}
    for row in s.scalars(select(m.Document).order_by(m.Document.id)):
        found = t.scalar(select(m.Document.id).where(m.Document.uuid == row.uuid))
        if found is None:
            for candidate in t.scalars(select(m.Document).where(m.Document.text_hash == row.text_hash)):
                if candidate.text == row.text:
                    found = candidate.id
                    break
        if found is not None:
            report.documents_matched += 1
            mapping[row.id] = found
            continue
        copy = m.Document(**{c.key: getattr(row, c.key) for c in m.Document.__table__.columns if c.key != "id"})
        t.add(copy)
        t.flush()
        for attr in s.scalars(select(m.DocumentAttribute).where(m.DocumentAttribute.document_id == row.id)):
            t.add(m.DocumentAttribute(document_id=copy.id, key=attr.key, value=attr.value))
        report.documents_added += 1
        mapping[row.id] = copy.id
    return mapping


def _paths(session: Session) -> dict[int, tuple[str, m.Code]]:
    rows = {r.id: r for r in session.scalars(select(m.Code))}

    def path(row: m.Code) -> str:
        return row.name if row.parent_id is None else f"{path(rows[row.parent_id])}{SEPARATOR}{row.name}"

    return {cid: (path(r), r) for cid, r in rows.items()}


def _codes(t: Session, s: Session, name: str, report: MergeReport) -> dict[int, int]:
    mapping: dict[int, int] = {}
    source = sorted(_paths(s).values(), key=lambda item: item[0].count(SEPARATOR))  # parents first
    target_by_path = {p.casefold(): r.id for p, r in _paths(t).values()}
    for path, row in source:
        found = t.scalar(select(m.Code).where(m.Code.uuid == row.uuid))
        if found is not None:
            mapping[row.id] = found.id
            if found.name != row.name:
                report.conflicts.append(f"code '{path}' of {name} is named '{found.name}' in the target; kept")
            continue
        found_id = target_by_path.get(path.casefold())
        if found_id is not None:
            mapping[row.id] = found_id
            continue
        parent = mapping.get(row.parent_id) if row.parent_id is not None else None
        siblings = select(m.Code.id).where(m.Code.parent_id.is_(None) if parent is None else m.Code.parent_id == parent)
        copy = m.Code(
            uuid=row.uuid, parent_id=parent, position=len(t.scalars(siblings).all()), name=row.name,
            color=row.color, description=row.description, inclusion=row.inclusion, exclusion=row.exclusion,
            example=row.example, archived=row.archived,
            shortcut=None if t.scalar(select(m.Code.id).where(m.Code.shortcut == row.shortcut)) else row.shortcut,
        )
        t.add(copy)
        t.flush()
        target_by_path[path.casefold()] = copy.id
        report.codes_added += 1
        mapping[row.id] = copy.id
    return mapping


def _codings(t: Session, s: Session, documents: dict, codes: dict, coders: dict, report: MergeReport) -> None:
    rows = t.execute(select(
        m.Coding.document_id, m.Coding.code_id, m.Coding.coder_id, m.Coding.start, m.Coding.end, m.Coding.uuid
    )).all()
    keys = {tuple(r[:5]) for r in rows}
    uuids = {r[5] for r in rows}
    for row in s.scalars(select(m.Coding).order_by(m.Coding.id)):
        key = (documents[row.document_id], codes[row.code_id], coders[row.coder_id], row.start, row.end)
        if key in keys or row.uuid in uuids:
            report.codings_skipped += 1
            continue
        t.add(m.Coding(
            uuid=row.uuid, document_id=key[0], code_id=key[1], coder_id=key[2], start=row.start, end=row.end,
            memo=row.memo, created_at=row.created_at, modified_at=row.modified_at,
        ))
        keys.add(key)
        uuids.add(row.uuid)
        report.codings_added += 1


def _memos(t: Session, s: Session, documents: dict, codes: dict, coders: dict, report: MergeReport) -> None:
    known = set(t.scalars(select(m.Memo.uuid)))
    for row in s.scalars(select(m.Memo).order_by(m.Memo.id)):
        if row.uuid in known:
            continue
        t.add(m.Memo(
            uuid=row.uuid, target=row.target, title=row.title, text=row.text,
            document_id=documents.get(row.document_id) if row.document_id is not None else None,
            code_id=codes.get(row.code_id) if row.code_id is not None else None,
            author_id=coders.get(row.author_id) if row.author_id is not None else None,
            created_at=row.created_at, modified_at=row.modified_at,
        ))
        known.add(row.uuid)
        report.memos_added += 1


def _statuses(t: Session, s: Session, documents: dict, coders: dict, name: str, report: MergeReport) -> None:
    for row in s.scalars(select(m.DocumentStatus)):
        key = (documents[row.document_id], coders[row.coder_id])
        found = t.get(m.DocumentStatus, key)
        if found is None:
            t.add(m.DocumentStatus(document_id=key[0], coder_id=key[1], status=row.status, modified_at=row.modified_at))
        elif STATUS_ORDER.get(row.status, 0) > STATUS_ORDER.get(found.status, 0):
            found.status, found.modified_at = row.status, row.modified_at
