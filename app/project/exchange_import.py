"""Codebook and REFI-QDA project imports, each one transaction: a broken or clashing file changes nothing.

REFI import maps users to coders, the code tree to codes, text sources to
documents (text normalised as on any import; variables to metadata and
attributes; a text already in the project is not added twice, its codings go to
the copy that is there), codings to codings (those that do not fit are dropped
and counted by reason) and notes to memos. The reader's conversion notes
(UTF-16 or CRLF positions converted, skipped sources...) are passed on.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.core.exchange.model import RefiProject
from app.core.exchange.refi_common import split_document_variables
from app.core.text import SpanError, normalize_newlines, text_hash, validate_span
from app.project.errors import ValidationError
from app.project.exchange_codes import add_code_tree, clean_uuid
from app.storage import models as m
from app.storage.models import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.project.service import Project

__all__ = ["CodebookImport", "RefiImport", "import_codebook", "import_refi"]


@dataclass
class CodebookImport:
    path: Path
    added: int
    reused: int
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        same = f", {self.reused} already there" if self.reused else ""
        return [f"{self.added} code(s) imported from {self.path.name}{same}.", *self.notes]


@dataclass
class RefiImport:
    """Counts of what a REFI-QDA import added or left out, and the conversion notes."""

    path: Path
    origin: str
    documents: int = 0
    duplicate_documents: int = 0
    codes: int = 0
    reused_codes: int = 0
    coders: int = 0
    codings: int = 0
    dropped_codings: int = 0
    memos: int = 0
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        head = (f"Imported from {self.path.name} ({self.origin or 'unknown program'}): {self.documents} document(s)"
                f"{f' ({self.duplicate_documents} already in the project)' if self.duplicate_documents else ''}, "
                f"{self.codes} code(s){f' ({self.reused_codes} existing reused)' if self.reused_codes else ''}, "
                f"{self.coders} coder(s), {self.codings} coding(s)"
                f"{f' ({self.dropped_codings} left out)' if self.dropped_codings else ''}, {self.memos} memo(s).")
        return [head, *self.notes]


def import_codebook(project: "Project", path: Path, suffix: str) -> CodebookImport:
    from app.core.exchange.codebook_xlsx import CodebookFormatError, read_codebook_xlsx
    from app.core.exchange.refi_read import RefiFormatError, read_qdc

    try:
        book = read_codebook_xlsx(path) if suffix == ".xlsx" else read_qdc(path)
    except (CodebookFormatError, RefiFormatError) as exc:
        raise ValidationError(f"{path.name}: {exc}") from None
    with project.db.session() as s:
        tree = add_code_tree(project, s, book.codes, strict=True)
        if tree.clashes:
            shown = "; ".join(tree.clashes[:5]) + (f"; and {len(tree.clashes) - 5} more" if len(tree.clashes) > 5 else "")
            raise ValidationError(f"nothing was imported: {len(tree.clashes)} code(s) in {path.name} clash with the "
                                  f"codebook: {shown}. Rename or remove them, or import into an empty project")
        tree.finish()
        project.log(s, "import", "codebook", None, file=path.name, added=tree.added)
    return CodebookImport(path, tree.added, tree.reused, [*book.notes, *tree.notes])


def import_refi(project: "Project", path: Path) -> RefiImport:
    from app.core.exchange.refi_read import RefiFormatError, read_refi_project

    if not path.is_file():
        raise ValidationError(f"{path} is not a file")
    try:
        refi = read_refi_project(path)
    except RefiFormatError as exc:
        raise ValidationError(f"{path.name} is not a readable REFI-QDA project: {exc}") from None
    report = RefiImport(path, refi.origin, notes=list(refi.conversion_notes))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with project.db.session() as s:
        users = _coders(project, s, refi, report)
        tree = add_code_tree(project, s, refi.codes, strict=False)
        report.codes, report.reused_codes = tree.added, tree.reused
        report.notes.extend(tree.notes)
        docs = _documents(project, s, refi, path, digest, report)
        _codings(s, refi, docs, tree.ids, users, report)
        _memos(s, refi, docs, tree.ids, users, report)
        tree.finish()
        project.log(s, "import", "refi", None, file=path.name, origin=refi.origin, documents=report.documents,
                    codings=report.codings)
    return report


def _coders(project: "Project", s: "Session", refi: RefiProject, report: RefiImport) -> dict[str, int]:
    out: dict[str, int] = {}
    for user in refi.users:
        guid = clean_uuid(user.guid)
        name = " ".join((user.name or "").split())[:200] or f"Coder {user.guid[:8]}"
        row = s.scalar(select(m.Coder).where(m.Coder.uuid == guid)) if guid else None
        row = row or s.scalar(select(m.Coder).where(m.Coder.name == name))
        if row is None:
            taken = guid is not None and s.scalar(select(m.Coder.id).where(m.Coder.uuid == guid)) is not None
            row = project.coders.add_in(s, name, user.color, user.consensus, uuid=None if taken else guid)
            report.coders += 1
        out[user.guid] = row.id
    return out


def _documents(project: "Project", s: "Session", refi: RefiProject, path: Path, digest: str,
               report: RefiImport) -> dict[str, int]:
    out: dict[str, int] = {}
    for src in refi.sources:
        if src.text is None:
            continue  # the reader has noted it
        text = normalize_newlines(src.text)
        if not text.strip():
            report.notes.append(f"Source {src.name!r} has an empty text and was left out")
            continue
        hashed = text_hash(text)
        existing = s.scalar(select(m.Document.id).where(m.Document.text_hash == hashed).limit(1))
        if existing is not None:
            out[src.guid] = existing
            report.duplicate_documents += 1
            report.notes.append(f"Source {src.name!r} has the same text as document {existing}; "
                                "its codings were added to that document")
            continue
        fields, attributes = split_document_variables(src.variables)
        guid = clean_uuid(src.guid)
        if guid and s.scalar(select(m.Document.id).where(m.Document.uuid == guid)) is not None:
            guid = None
        row = m.Document(
            title=(src.name or "").strip() or "Untitled", text=text, text_hash=hashed, length=len(text),
            imported_from=path.name, file_hash=digest, importer="refi-qda", imported_at=utcnow(),
            **{k: v for k, v in fields.items() if k in ("author", "outlet", "source_url", "published", "published_text")},
            language=(str(fields["language"])[:16] if fields.get("language") else None),
        )
        if guid:
            row.uuid = guid
        s.add(row)
        s.flush()
        for key, value in attributes.items():
            s.add(m.DocumentAttribute(document_id=row.id, key=key[:200], value=value))
        if src.description.strip():
            s.add(m.Memo(target="document", document_id=row.id, title="Description", text=src.description))
            report.memos += 1
        project.log(s, "import", "document", row.id, title=row.title, source=path.name)
        out[src.guid] = row.id
        report.documents += 1
    return out


def _codings(s: "Session", refi: RefiProject, docs: dict[str, int], codes: dict[str, int],
             users: dict[str, int], report: RefiImport) -> None:
    dropped: Counter[str] = Counter()
    doc_ids = sorted(set(docs.values()))
    lengths = dict(s.execute(select(m.Document.id, m.Document.length).where(m.Document.id.in_(doc_ids))).all())
    archived = set(s.scalars(select(m.Code.id).where(m.Code.archived.is_(True))))
    seen = set(s.execute(select(m.Coding.document_id, m.Coding.code_id, m.Coding.coder_id, m.Coding.start,
                                m.Coding.end).where(m.Coding.document_id.in_(doc_ids))).all())
    taken = set(s.scalars(select(m.Coding.uuid)))
    for n, c in enumerate(refi.codings, start=1):
        doc, code, coder = docs.get(c.source_guid), codes.get(c.code_guid), users.get(c.user_guid)
        if doc is None:
            dropped["their source was not imported"] += 1
            continue
        if code is None or coder is None:
            dropped["their code or coder is not in the file"] += 1
            continue
        if code in archived:
            dropped["their code is archived in this project"] += 1
            continue
        try:
            validate_span(c.start, c.end, lengths[doc])
        except SpanError:
            dropped["they do not fit the text"] += 1
            continue
        key = (doc, code, coder, c.start, c.end)
        if key in seen:
            dropped["the same coding is already there"] += 1
            continue
        seen.add(key)
        guid = clean_uuid(c.guid)
        row = m.Coding(document_id=doc, code_id=code, coder_id=coder, start=c.start, end=c.end, memo=c.memo or "")
        if guid and guid not in taken:
            row.uuid = guid
            taken.add(guid)
        if c.created is not None:
            row.created_at = c.created
        if c.modified is not None or c.created is not None:
            row.modified_at = c.modified or c.created
        s.add(row)
        report.codings += 1
        if n % 2000 == 0:
            s.flush()
    s.flush()
    report.dropped_codings = sum(dropped.values()) + len(refi.unplaced_codings)
    for why, count in sorted(dropped.items()):
        report.notes.append(f"{count} coding(s) left out because {why}")


def _memos(s: "Session", refi: RefiProject, docs: dict[str, int], codes: dict[str, int],
           users: dict[str, int], report: RefiImport) -> None:
    taken = set(s.scalars(select(m.Memo.uuid)))
    moved = 0
    for note in refi.notes:
        guid = clean_uuid(note.guid)
        if guid in taken:
            continue  # imported before
        row = m.Memo(target="project", title=note.title or "", text=note.text or "",
                     author_id=users.get(note.author_guid or ""))
        if note.target == "source" and note.target_guid in docs:
            row.target, row.document_id = "document", docs[note.target_guid]
        elif note.target == "code" and note.target_guid in codes:
            row.target, row.code_id = "code", codes[note.target_guid]
        elif note.target not in ("project", "none"):
            moved += 1
        if guid:
            row.uuid = guid
            taken.add(guid)
        if note.modified is not None:
            row.modified_at = note.modified
        s.add(row)
        report.memos += 1
    if moved:
        report.notes.append(f"{moved} memo(s) pointed at something that was not imported; they are project memos now")
