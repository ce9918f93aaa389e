"""The codebook: a tree of codes with definitions, colours and shortcuts.

Codes are named by their path — names from the root joined with ``/`` — so a
name may not contain ``/`` and must be unique among its siblings. Every
destructive operation returns what it removed so it can be undone exactly
(``merge`` -> ``unmerge``, ``delete`` -> ``restore``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.core.colors import next_color, normalize_color
from app.core.records import ChangeSet, CodeInfo, CodingInfo, Edit
from app.project import snapshot
from app.project.convert import code_info, coding_info
from app.project.errors import DuplicateError, InUseError, NotFoundError, StaleEditError, UndoRefusedError, ValidationError
from app.storage import models as m

if TYPE_CHECKING:
    from app.project.service import Project

SEPARATOR = "/"
TEXT_FIELDS = ("description", "inclusion", "exclusion", "example")


@dataclass(frozen=True)
class MergeResult:
    """What a merge did, enough to reverse it."""

    source: CodeInfo
    target_id: int
    moved_codings: tuple[int, ...]
    moved_children: tuple[int, ...]
    moved_memos: tuple[int, ...]
    patterns: tuple[tuple[str, str], ...]
    # Coders' rejected suggestions of the source, as they were, and the copies made on the target.
    decisions: tuple[snapshot.Row, ...] = ()
    target_decisions: tuple[int, ...] = ()


@dataclass(frozen=True)
class DeletedCode:
    """A deleted code with its codings and everything the delete cascaded to, enough to restore it."""

    code: CodeInfo
    codings: tuple[CodingInfo, ...]
    patterns: tuple[tuple[str, str], ...]
    memos: tuple[snapshot.Row, ...] = ()
    decisions: tuple[snapshot.Row, ...] = ()


class CodebookManager:
    def __init__(self, project: "Project") -> None:
        self._p = project
        self._db = project.db

    # --- reading ---

    def list(self, include_archived: bool = True) -> list[CodeInfo]:
        """All codes in tree order (depth first, siblings by position)."""
        with self._db.reader() as s:
            rows = list(s.scalars(select(m.Code)))
        return [c for c in _tree_order(rows) if include_archived or not c.archived]

    def get(self, code_id: int) -> CodeInfo:
        for code in self.list():
            if code.id == code_id:
                return code
        raise NotFoundError(f"there is no code with id {code_id}")

    def by_path(self, path: str) -> CodeInfo:
        wanted = _normalize_path(path)
        for code in self.list():
            if code.path == wanted:
                return code
        raise NotFoundError(f"there is no code '{wanted}'")

    def children(self, parent_id: int | None) -> list[CodeInfo]:
        return [c for c in self.list() if c.parent_id == parent_id]

    def usage(self) -> dict[int, int]:
        """Number of codings per code id (codes without codings are absent)."""
        with self._db.reader() as s:
            rows = s.execute(select(m.Coding.code_id, func.count()).group_by(m.Coding.code_id))
            return {code_id: n for code_id, n in rows}

    def counts(self, document_id: int | None = None, coder_ids: Iterable[int] | None = None) -> dict[int, int]:
        """Codings per code id, optionally in one document and/or by some coders only.

        The workspace shows "this document / whole project" counts that respect
        blind coding, so both filters are needed at once.
        """
        query = select(m.Coding.code_id, func.count()).group_by(m.Coding.code_id)
        if document_id is not None:
            query = query.where(m.Coding.document_id == document_id)
        if coder_ids is not None:
            query = query.where(m.Coding.coder_id.in_(list(coder_ids)))
        with self._db.reader() as s:
            return {code_id: n for code_id, n in s.execute(query)}

    def coding_count(self, code_id: int) -> int:
        with self._db.reader() as s:
            return s.scalar(select(func.count()).where(m.Coding.code_id == code_id)) or 0

    # --- creating ---

    def add(
        self,
        name: str,
        parent_id: int | None = None,
        color: str | None = None,
        description: str = "",
        inclusion: str = "",
        exclusion: str = "",
        example: str = "",
        shortcut: str | None = None,
        position: int | None = None,
        uuid: str | None = None,
    ) -> "Edit":

        with self._db.session() as s:
            row = self.add_in(
                s, name, parent_id, color=color, description=description, inclusion=inclusion,
                exclusion=exclusion, example=example, shortcut=shortcut, position=position, uuid=uuid,
            )
            return Edit(row.id, ChangeSet(codes=frozenset({row.id})))

    def add_in(
        self, s: Session, name: str, parent_id: int | None, color: str | None = None, description: str = "",
        inclusion: str = "", exclusion: str = "", example: str = "", shortcut: str | None = None,
        position: int | None = None, uuid: str | None = None,
    ) -> m.Code:
        """Add a code inside the caller's transaction (for bulk operations that are all or nothing)."""
        name = _clean_name(name)
        if parent_id is not None:
            _get(s, parent_id)
        _check_sibling_free(s, parent_id, name)
        if position is None:
            position = _sibling_count(s, parent_id)
        else:
            _open_gap(s, parent_id, position)
        row = m.Code(
            name=name,
            parent_id=parent_id,
            position=position,
            color=normalize_color(color) if color else next_color(list(s.scalars(select(m.Code.color)))),
            description=description or "",
            inclusion=inclusion or "",
            exclusion=exclusion or "",
            example=example or "",
            shortcut=_clean_shortcut(s, shortcut, None),
        )
        if uuid:
            row.uuid = uuid
        s.add(row)
        s.flush()
        self._p.log(s, "add", "code", row.id, name=name, parent_id=parent_id)
        return row

    def ensure_path_in(self, s: Session, path: str) -> int:
        """The id of the code at ``path`` inside the caller's transaction, creating missing levels."""
        parent_id: int | None = None
        for name in _normalize_path(path).split(SEPARATOR):
            found = s.scalar(select(m.Code.id).where(_siblings(parent_id), func.lower(m.Code.name) == name.lower()))
            parent_id = found if found is not None else self.add_in(s, name, parent_id).id
        assert parent_id is not None
        return parent_id

    def add_path(self, path: str, color: str | None = None, description: str = "") -> "Edit":
        """Add the code at ``path``, creating missing parents; refuses a path that exists."""

        parts = _normalize_path(path).split(SEPARATOR)
        existing = {c.path: c.id for c in self.list()}
        if SEPARATOR.join(parts) in existing:
            raise DuplicateError(f"the code '{SEPARATOR.join(parts)}' already exists")
        parent_id: int | None = None
        created: set[int] = set()
        for depth, name in enumerate(parts):
            prefix = SEPARATOR.join(parts[: depth + 1])
            if prefix in existing:
                parent_id = existing[prefix]
                continue
            last = depth == len(parts) - 1
            edit = self.add(
                name, parent_id, color=color if last else None, description=description if last else ""
            )
            parent_id = edit.id
            created.add(edit.id)  # type: ignore[arg-type]
        return Edit(parent_id, ChangeSet(codes=frozenset(created)))

    def ensure_path(self, path: str) -> int:
        """The id of the code at ``path``, creating it (and its parents) if needed."""
        try:
            return self.by_path(path).id
        except NotFoundError:
            return self.add_path(path).id  # type: ignore[return-value]

    # --- editing ---

    def rename(self, code_id: int, name: str, version: int | None = None) -> "Edit":
        name = _clean_name(name)
        with self._db.session() as s:
            row = _get(s, code_id)
            self._check_version(s, row, version)
            _check_sibling_free(s, row.parent_id, name, exclude=code_id)
            old, row.name = row.name, name
            self._p.log(s, "rename", "code", code_id, old=old, new=name)
        return self._edit(code_id, self._subtree_ids(code_id))

    def set_color(self, code_id: int, color: str, version: int | None = None) -> "Edit":
        with self._db.session() as s:
            row = _get(s, code_id)
            self._check_version(s, row, version)
            row.color = normalize_color(color)
            self._p.log(s, "recolour", "code", code_id, color=row.color)
        return self._edit(code_id)

    def describe(self, code_id: int, version: int | None = None, **fields: str) -> "Edit":
        """Set any of description, inclusion, exclusion, example."""
        unknown = set(fields) - set(TEXT_FIELDS)
        if unknown:
            raise ValidationError(f"unknown code field(s): {', '.join(sorted(unknown))}")
        with self._db.session() as s:
            row = _get(s, code_id)
            self._check_version(s, row, version)
            for key, value in fields.items():
                setattr(row, key, value or "")
            self._p.log(s, "describe", "code", code_id, **fields)
        return self._edit(code_id)

    def set_shortcut(self, code_id: int, shortcut: str | None, version: int | None = None) -> "Edit":
        with self._db.session() as s:
            row = _get(s, code_id)
            self._check_version(s, row, version)
            row.shortcut = _clean_shortcut(s, shortcut, code_id)
            self._p.log(s, "shortcut", "code", code_id, shortcut=row.shortcut)
        return self._edit(code_id)

    def archive(self, code_id: int, archived: bool = True, version: int | None = None) -> "Edit":
        with self._db.session() as s:
            row = _get(s, code_id)
            self._check_version(s, row, version)
            row.archived = archived
            self._p.log(s, "archive" if archived else "unarchive", "code", code_id)
        return self._edit(code_id)

    def move(self, code_id: int, parent_id: int | None, position: int | None = None, version: int | None = None) -> "Edit":
        """Reparent and/or reorder a code. A code cannot move under itself or its descendants."""
        with self._db.session() as s:
            row = _get(s, code_id)
            self._check_version(s, row, version)
            if parent_id is not None:
                _get(s, parent_id)
                if parent_id in self._subtree_ids(code_id, s):
                    raise ValidationError("a code cannot be moved under itself or one of its sub-codes")
            if parent_id != row.parent_id:
                _check_sibling_free(s, parent_id, row.name, exclude=code_id)
            old_parent, old_position = row.parent_id, row.position
            _close_gap(s, row.parent_id, row.position, exclude=code_id)
            count = _sibling_count(s, parent_id, exclude=code_id)
            position = count if position is None else max(0, min(position, count))
            _open_gap(s, parent_id, position, exclude=code_id)
            row.parent_id, row.position = parent_id, position
            self._p.log(
                s, "move", "code", code_id, old_parent=old_parent, old_position=old_position,
                parent=parent_id, position=position,
            )
        return self._edit(code_id, self._subtree_ids(code_id))

    # --- merging and deleting ---

    def merge(self, source_id: int, target_id: int) -> MergeResult:
        """Move every coding, sub-code, memo and pattern of ``source`` to ``target``, then remove source."""
        if source_id == target_id:
            raise ValidationError("a code cannot be merged into itself")
        source = self.get(source_id)
        with self._db.session() as s:
            _get(s, target_id)
            if target_id in self._subtree_ids(source_id, s):
                raise ValidationError("a code cannot be merged into one of its own sub-codes")
            children = list(s.scalars(select(m.Code).where(m.Code.parent_id == source_id).order_by(m.Code.position)))
            for child in children:
                _check_sibling_free(s, target_id, child.name)
            codings = tuple(s.scalars(select(m.Coding.id).where(m.Coding.code_id == source_id)))
            memos = tuple(s.scalars(select(m.Memo.id).where(m.Memo.code_id == source_id)))
            patterns = tuple((p.pattern, p.kind) for p in s.scalars(select(m.CodePattern).where(m.CodePattern.code_id == source_id)))
            s.execute(update(m.Coding).where(m.Coding.code_id == source_id).values(code_id=target_id))
            s.execute(update(m.Memo).where(m.Memo.code_id == source_id).values(code_id=target_id))
            base = _sibling_count(s, target_id)
            for offset, child in enumerate(children):
                child.parent_id, child.position = target_id, base + offset
            s.flush()
            s.execute(m.CodePattern.__table__.delete().where(m.CodePattern.code_id == source_id))
            for pattern, kind in patterns:
                s.add(m.CodePattern(code_id=target_id, pattern=pattern, kind=kind))
            decisions, copies = _move_decisions(s, source_id, target_id)
            s.delete(_get(s, source_id))
            s.flush()
            _close_gap(s, source.parent_id, source.position)
            self._p.log(s, "merge", "code", target_id, source=source.path, codings=len(codings))
        return MergeResult(source, target_id, codings, tuple(c.id for c in children), memos, patterns,
                           decisions, copies)

    def unmerge(self, result: MergeResult) -> "Edit":
        """Undo a merge: bring the source code back with its codings, sub-codes, memos and patterns."""
        src = result.source
        with self._db.session() as s:
            _check_sibling_free(s, src.parent_id, src.name)
            _open_gap(s, src.parent_id, src.position)
            row = _row_from_info(src)
            s.add(row)
            s.flush()
            if result.moved_codings:
                s.execute(update(m.Coding).where(m.Coding.id.in_(result.moved_codings)).values(code_id=src.id))
            if result.moved_memos:
                s.execute(update(m.Memo).where(m.Memo.id.in_(result.moved_memos)).values(code_id=src.id))
            for position, child_id in enumerate(result.moved_children):
                child = _get(s, child_id)
                _close_gap(s, child.parent_id, child.position, exclude=child_id)
                child.parent_id, child.position = src.id, position
            _remove_patterns(s, result.target_id, result.patterns)
            for pattern, kind in result.patterns:
                s.add(m.CodePattern(code_id=src.id, pattern=pattern, kind=kind))
            if result.target_decisions:
                s.execute(m.SuggestionDecision.__table__.delete().where(
                    m.SuggestionDecision.id.in_(result.target_decisions)))
            snapshot.revive(s, m.SuggestionDecision, result.decisions)
            self._p.log(s, "unmerge", "code", src.id, target_id=result.target_id)
        return self._edit(src.id, {result.target_id, *result.moved_children})

    def delete(self, code_id: int, delete_codings: bool = False) -> DeletedCode:
        """Delete a code without sub-codes. Refused while codings use it unless ``delete_codings``."""
        code = self.get(code_id)
        with self._db.session() as s:
            if s.scalar(select(func.count()).where(m.Code.parent_id == code_id)):
                raise InUseError(f"'{code.path}' has sub-codes; move or delete them first")
            rows = list(s.scalars(select(m.Coding).where(m.Coding.code_id == code_id)))
            if rows and not delete_codings:
                raise InUseError(
                    f"'{code.path}' is used by {len(rows)} coding(s); delete them too, or merge the code instead"
                )
            codings = tuple(coding_info(r) for r in rows)
            patterns = tuple((p.pattern, p.kind) for p in s.scalars(select(m.CodePattern).where(m.CodePattern.code_id == code_id)))
            # The database cascades these away with the code; keep them for the undo.
            memos = snapshot.take(s, m.Memo, m.Memo.code_id == code_id)
            decisions = snapshot.take(s, m.SuggestionDecision, m.SuggestionDecision.code_id == code_id)
            for r in rows:
                s.delete(r)
            s.execute(m.CodePattern.__table__.delete().where(m.CodePattern.code_id == code_id))
            s.delete(_get(s, code_id))
            s.flush()
            _close_gap(s, code.parent_id, code.position)
            self._p.log(s, "delete", "code", code_id, path=code.path, codings=len(codings), memos=len(memos),
                        rejected_suggestions=len(decisions))
        return DeletedCode(code, codings, patterns, memos, decisions)

    def restore(self, deleted: DeletedCode) -> "Edit":
        """Undo a delete: the code comes back with the same id, uuid, place and codings."""
        code = deleted.code
        with self._db.session() as s:
            _check_sibling_free(s, code.parent_id, code.name)
            _open_gap(s, code.parent_id, code.position)
            s.add(_row_from_info(code))
            s.flush()
            for c in deleted.codings:
                s.add(m.Coding(
                    id=c.id, uuid=c.uuid, document_id=c.document_id, code_id=c.code_id, coder_id=c.coder_id,
                    start=c.start, end=c.end, memo=c.memo, created_at=c.created_at, modified_at=c.modified_at,
                ))
            for pattern, kind in deleted.patterns:
                s.add(m.CodePattern(code_id=code.id, pattern=pattern, kind=kind))
            snapshot.revive(s, m.Memo, deleted.memos)
            snapshot.revive(s, m.SuggestionDecision, deleted.decisions)
            self._p.log(s, "restore", "code", code.id, path=code.path)
        docs = frozenset(c.document_id for c in deleted.codings)
        return replace(self._edit(code.id), changes=ChangeSet(documents=docs, codes=frozenset({code.id})))

    # --- suggestion patterns (used by the NLP suggestions) ---

    def patterns(self, code_id: int) -> list[tuple[str, str]]:
        with self._db.reader() as s:
            rows = s.scalars(select(m.CodePattern).where(m.CodePattern.code_id == code_id).order_by(m.CodePattern.id))
            return [(r.pattern, r.kind) for r in rows]

    def set_patterns(self, code_id: int, patterns: Iterable[tuple[str, str]]) -> "Edit":
        clean = []
        for pattern, kind in patterns:
            pattern = (pattern or "").strip()
            if kind not in ("phrase", "lemma", "word"):
                raise ValidationError(f"pattern kind must be phrase, lemma or word, not '{kind}'")
            if pattern:
                clean.append((pattern, kind))
        with self._db.session() as s:
            _get(s, code_id)
            s.execute(m.CodePattern.__table__.delete().where(m.CodePattern.code_id == code_id))
            for pattern, kind in clean:
                s.add(m.CodePattern(code_id=code_id, pattern=pattern, kind=kind))
            self._p.log(s, "patterns", "code", code_id, count=len(clean))
        return self._edit(code_id)

    # --- concurrency ---

    def _check_version(self, s: Session, row: m.Code, version: int | None) -> None:
        """Refuse an edit made on an older version of the code that another coder changed since.

        The acting coder's own later edits (the rest of their undo stack) also move the version
        on; only a change whose latest author is someone else makes the edit stale.
        """
        if version is not None and version != row.version:
            editor_id = s.scalar(
                select(m.AuditLog.coder_id).where(m.AuditLog.entity == "code", m.AuditLog.entity_id == row.id)
                .order_by(m.AuditLog.id.desc()).limit(1)
            )
            if editor_id is None or editor_id != self._p.acting_coder_id:
                raise StaleEditError(
                    f"{self._last_editor(s, row.id)} changed this code meanwhile; the codebook was reloaded"
                )
        row.version += 1

    def _last_editor(self, s: Session, code_id: int) -> str:
        name = s.scalar(
            select(m.Coder.name).join(m.AuditLog, m.AuditLog.coder_id == m.Coder.id)
            .where(m.AuditLog.entity == "code", m.AuditLog.entity_id == code_id)
            .order_by(m.AuditLog.id.desc()).limit(1)
        )
        return name or "Another coder"

    def undo_add(self, code_id: int, coder_id: int | None, version: int | None = None) -> DeletedCode:
        """Undo "New code": refused once other coders coded with it or another coder changed it."""
        with self._db.reader() as s:
            row = _get(s, code_id)
            if version is not None and version != row.version:
                raise UndoRefusedError(
                    f"{self._last_editor(s, code_id)} changed '{row.name}' since; undoing would lose their edit"
                )
            others = s.execute(
                select(m.Coder.name, func.count()).join(m.Coding, m.Coding.coder_id == m.Coder.id)
                .where(m.Coding.code_id == code_id, m.Coding.coder_id != coder_id).group_by(m.Coder.name)
            ).all()
        if others:
            who = ", ".join(f"{name} ({n})" for name, n in others)
            raise UndoRefusedError(
                f"cannot undo the new code '{row.name}': other coders coded with it since ({who}); "
                f"undoing would delete their codings"
            )
        return self.delete(code_id, delete_codings=True)

    # --- internals ---

    def _subtree_ids(self, code_id: int, session: Session | None = None) -> set[int]:
        if session is None:
            with self._db.reader() as s:
                return self._subtree_ids(code_id, s)
        parents = dict(session.execute(select(m.Code.id, m.Code.parent_id)).all())
        result = {code_id}
        changed = True
        while changed:
            changed = False
            for cid, pid in parents.items():
                if pid in result and cid not in result:
                    result.add(cid)
                    changed = True
        return result

    def _edit(self, code_id: int, codes: Iterable[int] = ()) -> "Edit":

        return Edit(code_id, ChangeSet(codes=frozenset({code_id, *codes})))


def _tree_order(rows: list[m.Code]) -> list[CodeInfo]:
    by_parent: dict[int | None, list[m.Code]] = {}
    for row in rows:
        by_parent.setdefault(row.parent_id, []).append(row)
    out: list[CodeInfo] = []

    def walk(parent_id: int | None, prefix: str, depth: int) -> None:
        for row in sorted(by_parent.get(parent_id, []), key=lambda r: (r.position, r.name.casefold(), r.id)):
            path = f"{prefix}{SEPARATOR}{row.name}" if prefix else row.name
            out.append(code_info(row, path, depth))
            walk(row.id, path, depth + 1)

    walk(None, "", 0)
    return out


def _row_from_info(info: CodeInfo) -> m.Code:
    return m.Code(
        id=info.id, uuid=info.uuid, parent_id=info.parent_id, position=info.position, name=info.name,
        color=info.color, description=info.description, inclusion=info.inclusion, exclusion=info.exclusion,
        example=info.example, shortcut=info.shortcut, archived=info.archived, version=info.version,
    )


def _get(session: Session, code_id: int) -> m.Code:
    row = session.get(m.Code, code_id)
    if row is None:
        raise NotFoundError(f"there is no code with id {code_id}")
    return row


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("a code's name must not be empty")
    if SEPARATOR in name:
        raise ValidationError(f"a code's name must not contain '{SEPARATOR}' (it separates levels of a code path)")
    if len(name) > 500:
        raise ValidationError("a code's name must be at most 500 characters")
    return name


def _normalize_path(path: str) -> str:
    parts = [" ".join(p.split()) for p in (path or "").split(SEPARATOR)]
    if not parts or any(not p for p in parts):
        raise ValidationError(f"'{path}' is not a code path; write names from the root joined with '/'")
    return SEPARATOR.join(parts)


def _check_sibling_free(session: Session, parent_id: int | None, name: str, exclude: int | None = None) -> None:
    query = select(m.Code.id).where(
        m.Code.parent_id.is_(None) if parent_id is None else m.Code.parent_id == parent_id,
        func.lower(m.Code.name) == name.lower(),
    )
    if exclude is not None:
        query = query.where(m.Code.id != exclude)
    if session.scalar(query) is not None:
        where = "at the top level" if parent_id is None else "under the same parent"
        raise DuplicateError(f"a code named '{name}' already exists {where}")


def _siblings(parent_id: int | None):
    return m.Code.parent_id.is_(None) if parent_id is None else m.Code.parent_id == parent_id


def _sibling_count(session: Session, parent_id: int | None, exclude: int | None = None) -> int:
    query = select(func.count()).where(_siblings(parent_id))
    if exclude is not None:
        query = query.where(m.Code.id != exclude)
    return session.scalar(query) or 0


def _open_gap(session: Session, parent_id: int | None, position: int, exclude: int | None = None) -> None:
    query = update(m.Code).where(_siblings(parent_id), m.Code.position >= position)
    if exclude is not None:
        query = query.where(m.Code.id != exclude)
    session.execute(query.values(position=m.Code.position + 1))


def _close_gap(session: Session, parent_id: int | None, position: int, exclude: int | None = None) -> None:
    query = update(m.Code).where(_siblings(parent_id), m.Code.position > position)
    if exclude is not None:
        query = query.where(m.Code.id != exclude)
    session.execute(query.values(position=m.Code.position - 1))


def _move_decisions(session: Session, source_id: int, target_id: int) -> tuple[tuple, tuple[int, ...]]:
    """Carry the source's rejected suggestions over to the target (merged codes suggest together).

    Returns the source rows as they were and the ids of the copies made on the target; a
    rejection the target already has is not copied twice.
    """
    D = m.SuggestionDecision
    rows = snapshot.take(session, D, D.code_id == source_id)
    have = set(session.execute(select(D.document_id, D.coder_id, D.start, D.end).where(D.code_id == target_id)).all())
    copies = []
    for row in rows:
        values = dict(row)
        key = (values["document_id"], values["coder_id"], values["start"], values["end"])
        if key in have:
            continue
        have.add(key)
        copy = D(document_id=key[0], code_id=target_id, coder_id=key[1], start=key[2], end=key[3],
                 decision=values["decision"])
        session.add(copy)
        session.flush()
        copies.append(copy.id)
    session.execute(D.__table__.delete().where(D.code_id == source_id))
    return rows, tuple(copies)


def _remove_patterns(session: Session, code_id: int, patterns: tuple[tuple[str, str], ...]) -> None:
    for pattern, kind in patterns:
        row = session.scalar(
            select(m.CodePattern).where(
                m.CodePattern.code_id == code_id, m.CodePattern.pattern == pattern, m.CodePattern.kind == kind
            )
        )
        if row is not None:
            session.delete(row)


def _clean_shortcut(session: Session, shortcut: str | None, code_id: int | None) -> str | None:
    shortcut = (shortcut or "").strip() or None
    if shortcut is None:
        return None
    query = select(m.Code.name).where(m.Code.shortcut == shortcut)
    if code_id is not None:
        query = query.where(m.Code.id != code_id)
    other = session.scalar(query)
    if other is not None:
        raise DuplicateError(f"the shortcut {shortcut} is already used by the code '{other}'")
    return shortcut
