"""Schema migrations: the Alembic scripts in ``db/``, shipped inside the package as ``app.db``.

``upgrade_to_head`` is called whenever a project is opened. Before it changes
a SQLite project it copies the file aside (with SQLite's online backup, so the
WAL is included). A project whose revision this version does not know was
written by a newer Quotecoder and is refused rather than damaged.

Opening an up-to-date project costs one plain read of the ``alembic_version`` row:
Alembic itself (about a third of a second of imports) loads only when a migration
has to run. ``HEAD_REVISION`` names the newest script in ``db/versions``; a test
checks that it matches what Alembic finds there.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from typing import TYPE_CHECKING

from sqlalchemy import text

from app.assets import migrations_folder
from app.storage.database import Database
from app.storage.errors import DatabaseError, NewerVersionError, ReadOnlyError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = ["NewerVersionError", "HEAD_REVISION", "current_revision", "head_revision", "upgrade_to_head",
           "alembic_config", "alembic_head"]

# The newest revision in db/versions (tests/migrations checks it against Alembic's own view).
HEAD_REVISION = "0003_unique"


def alembic_config() -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    return config


def _scripts() -> "ScriptDirectory":
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return HEAD_REVISION


def alembic_head() -> str:
    """The head as Alembic finds it in the scripts (slow: loads Alembic)."""
    head = _scripts().get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def current_revision(db: Database) -> str | None:
    """The project's schema revision, read from the ``alembic_version`` row; None before the first."""
    if "alembic_version" not in db.table_names():
        return None
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def known_revisions() -> set[str]:
    return {script.revision for script in _scripts().walk_revisions()}


def upgrade_to_head(db: Database, target: str = "head") -> Path | None:
    """Bring the schema to ``target``; return the backup file made first, if any."""
    current = current_revision(db)
    if current == head_revision() and target == "head":
        return None
    refuse_newer(db.display_name, current)
    if db.read_only:
        raise ReadOnlyError(
            f"{db.display_name} was made by an older Quotecoder and needs an upgrade, but it is read-only; "
            f"copy it to a folder you can write to and open the copy"
        )
    from alembic import command

    backup = backup_sqlite(db, current) if current is not None else None
    config = alembic_config()
    with db.engine.connect() as conn:
        if db.is_sqlite:
            # Batch mode rebuilds a table (DROP + rename); with foreign keys on, dropping a table that
            # codings point to fails. SQLite's documented procedure: keys off outside the transaction,
            # then check them all before committing.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()  # ends SQLAlchemy's autobegun (empty) transaction; the pragma stays
        with conn.begin():
            config.attributes["connection"] = conn
            command.upgrade(config, target)
            if db.is_sqlite:
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(
                        f"the upgrade of {db.display_name} would break {len(broken)} reference(s); nothing was changed"
                    )
        if db.is_sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()
    return backup


def refuse_newer(where: str, revision: str | None) -> None:
    """Refuse a schema revision this version does not know: a newer Quotecoder wrote it."""
    if revision is None or revision == head_revision():
        return  # the common case, answered without loading Alembic
    if revision not in known_revisions():
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
