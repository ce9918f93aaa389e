"""The Project: the one object the CLI and the GUI hold.

``Project.create(target)`` makes a new project (a ``.qcp`` SQLite file or an
empty PostgreSQL database); ``Project.open(target)`` opens one, migrating its
schema first. The work is done by managers — ``documents``, ``codebook``,
``coders``, ``codings``, ``memos``, ``audit`` — each method one unit of work
that validates its input, writes an audit entry in the same transaction, and
returns ids or frozen records.
"""

from __future__ import annotations

import json
import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import __version__
from app.core.records import ChangeSet, Edit
from app.storage import models as m
from app.storage.database import Database, NotAProjectError, ProjectExistsError
from app.storage.migrations import upgrade_to_head

if TYPE_CHECKING:
    from app.project.agreement import AgreementManager
    from app.project.analysis import AnalysisManager
    from app.project.exchange import ExchangeManager
    from app.project.nlp import NlpManager

__all__ = ["Project", "Edit", "PROJECT_SUFFIX"]

PROJECT_SUFFIX = ".qcp"
APPLICATION = "quotecoder"


class Project:
    def __init__(self, db: Database) -> None:
        from app.project.audit import AuditManager
        from app.project.codebook import CodebookManager
        from app.project.coders import CodersManager
        from app.project.codings import CodingsManager
        from app.project.documents import DocumentsManager
        from app.project.live import LiveManager
        from app.project.memos import MemosManager
        from app.project.team import TeamManager

        self.db = db
        # The coder on whose behalf edits are made; recorded in the audit log.
        self.acting_coder_id: int | None = None
        self.migration_backup: Path | None = None
        self.documents = DocumentsManager(self)
        self.codebook = CodebookManager(self)
        self.coders = CodersManager(self)
        self.codings = CodingsManager(self)
        self.memos = MemosManager(self)
        self.audit = AuditManager(self)
        self.team = TeamManager(self)
        self.live = LiveManager(self)

    # Managers whose libraries (NumPy for agreement, openpyxl and the REFI code for exchange)
    # cost more to import than most sessions use: made on first use.

    @cached_property
    def agreement(self) -> "AgreementManager":
        from app.project.agreement import AgreementManager

        return AgreementManager(self)

    @cached_property
    def nlp(self) -> "NlpManager":
        from app.project.nlp import NlpManager

        return NlpManager(self)

    @cached_property
    def analysis(self) -> "AnalysisManager":
        from app.project.analysis import AnalysisManager

        return AnalysisManager(self)

    @cached_property
    def exchange(self) -> "ExchangeManager":
        from app.project.exchange import ExchangeManager

        return ExchangeManager(self)

    # --- opening and closing ---

    @classmethod
    def create(cls, target: str | Path) -> "Project":
        """Create a new, empty project. Refuses to touch anything that already exists."""
        db = Database(target)
        if db.path is not None:
            if db.path.exists():
                raise ProjectExistsError(f"{db.path} already exists; open it, or choose another name")
            if not db.path.parent.is_dir():
                raise NotAProjectError(f"folder {db.path.parent} does not exist")
        else:
            db.check_connection()
            if db.table_names():
                raise ProjectExistsError(
                    f"database {db.display_name} is not empty; create a new database for the project"
                )
        try:
            upgrade_to_head(db)
            with db.session() as s:
                s.add(m.ProjectInfo(key="application", value=APPLICATION))
                s.add(m.ProjectInfo(key="created_by", value=__version__))
        except Exception:
            db.dispose()
            if db.path is not None:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{db.path}{suffix}").unlink(missing_ok=True)
            raise
        return cls(db)

    @classmethod
    def open(cls, target: str | Path, read_only: bool | None = None) -> "Project":
        """Open an existing project, upgrading its schema (after a backup) when needed.

        A SQLite file that cannot be written (or whose folder cannot) opens read-only: browse,
        search and export work, edits raise ReadOnlyError. A file that is refused is left byte for
        byte as it was, with no ``-wal`` or ``-shm`` beside it.
        """
        from app.storage.migrations import refuse_newer

        probe = Database(target)
        if probe.path is not None:
            tables, revision = probe.probe_sqlite()
            if "project_info" in tables and "alembic_version" in tables:
                refuse_newer(probe.display_name, revision)
            if read_only is None:
                read_only = not _writable(probe.path)
        probe.dispose()
        db = Database(target, read_only=bool(read_only)) if read_only else probe
        if db.path is None:
            db.check_connection()
            tables = db.table_names()
        if "project_info" not in tables or "alembic_version" not in tables:
            db.dispose()
            where = db.display_name
            hint = "it is empty; create a project with 'quotecoder init'" if not tables else "it has other tables"
            raise NotAProjectError(f"{where} is not a Quotecoder project ({hint})")
        beside = _beside(db.path)
        project = cls(db)
        try:
            project.migration_backup = upgrade_to_head(db)
            # A team project: the connecting login decides who is coding.
            project.team.identify()
        except Exception:
            db.dispose()
            _remove_new_beside(db.path, beside)
            raise
        return project

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def display_name(self) -> str:
        return self.db.path.stem if self.db.path is not None else self.db.display_name

    @property
    def location(self) -> str:
        return self.db.display_name

    # --- helpers for the managers ---

    def log(self, session: Session, action: str, entity: str, entity_id: int | None, **detail: Any) -> None:
        """Write one audit entry inside the caller's transaction."""
        session.add(
            m.AuditLog(
                coder_id=self.acting_coder_id,
                action=action,
                entity=entity,
                entity_id=entity_id,
                detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else "",
            )
        )

    def info(self, key: str) -> str | None:
        with self.db.reader() as s:
            return s.scalar(select(m.ProjectInfo.value).where(m.ProjectInfo.key == key))


def _writable(path: Path) -> bool:
    """Whether SQLite can write the project: the file itself, and its folder (for -wal and -shm)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _beside(path: Path | None) -> set[Path]:
    if path is None:
        return set()
    return {p for p in (Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()}


def _remove_new_beside(path: Path | None, before: set[Path]) -> None:
    """After a refused open, take away the -wal/-shm files the attempt created (never older ones)."""
    for p in _beside(path) - before:
        p.unlink(missing_ok=True)
