"""Schema migrations: the Alembic scripts in ``db/``, shipped inside the package as ``app.db``.

``upgrade_to_head`` is called whenever a project is opened. Before it changes
a SQLite project it copies the file aside (with SQLite's online backup, so the
WAL is included). A project whose revision this version does not know was
written by a newer Quotecoder and is refused rather than damaged.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.assets import migrations_folder
from app.storage.database import Database
from app.storage.errors import NewerVersionError, ReadOnlyError

__all__ = ["NewerVersionError", "current_revision", "head_revision", "upgrade_to_head", "alembic_config"]



def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    return config


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def known_revisions() -> set[str]:
    return {script.revision for script in _scripts().walk_revisions()}


def upgrade_to_head(db: Database, target: str = "head") -> Path | None:
    """Bring the schema to ``target``; return the backup file made first, if any."""
    current = current_revision(db)
    refuse_newer(db.display_name, current)
    if current == head_revision() and target == "head":
        return None
    if db.read_only:
        raise ReadOnlyError(
            f"{db.display_name} was made by an older Quotecoder and needs an upgrade, but it is read-only; "
            f"copy it to a folder you can write to and open the copy"
        )
    backup = backup_sqlite(db, current) if current is not None else None
    config = alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
    return backup


def refuse_newer(where: str, revision: str | None) -> None:
    """Refuse a schema revision this version does not know: a newer Quotecoder wrote it."""
    if revision is not None and revision not in known_revisions():
        raise NewerVersionError(
            f"{where} was written by a newer version of Quotecoder "
            f"(schema revision {revision}); update Quotecoder to open it"
        )


def backup_sqlite(db: Database, revision: str | None) -> Path | None:
    """Copy a SQLite project aside before a migration touches it."""
    if db.path is None:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = db.path.with_name(f"{db.path.name}.before-{revision}-{stamp}.bak")
    source = sqlite3.connect(db.path)
    try:
        dest = sqlite3.connect(backup)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return backup
