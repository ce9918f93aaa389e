"""Migrations: from the first revision to head, backups before changes, newer projects refused."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import inspect

from app.project import NewerVersionError, Project
from app.storage.database import Database
from app.storage.migrations import alembic_head, current_revision, head_revision, upgrade_to_head
from app.storage.models import Base

FIRST = "0001"


def _stamp_project(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO project_info (key, value) VALUES ('application', 'quotecoder')")


def test_first_revision_upgrades_to_head_and_matches_the_models(project_target):
    db = Database(project_target)
    upgrade_to_head(db, target=FIRST)
    assert current_revision(db) == FIRST
    _stamp_project(db)
    db.dispose()
    with Project.open(project_target) as project:
        assert current_revision(project.db) == head_revision()
        with project.db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_an_older_sqlite_project_is_backed_up_before_migrating(tmp_path, monkeypatch):
    path = tmp_path / "old.qcp"
    db = Database(path)
    upgrade_to_head(db, target=FIRST)
    _stamp_project(db)
    db.dispose()
    # Pretend the project is one revision behind by rewinding its recorded revision.
    monkeypatch.setattr("app.storage.migrations.head_revision", lambda: "9999")
    monkeypatch.setattr("app.storage.migrations.known_revisions", lambda: {FIRST, "9999"})
    monkeypatch.setattr("alembic.command.upgrade", lambda config, target: None)
    project = Project.open(path)
    backup = project.migration_backup
    project.close()
    assert backup is not None and backup.exists()
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT value FROM project_info WHERE key='application'").fetchone() == ("quotecoder",)
    conn.close()


def test_a_project_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "future.qcp"
    Project.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'f00dfeed'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerVersionError, match="newer version of Quotecoder"):
        Project.open(path)
    assert path.read_bytes() == before


def test_the_declared_head_is_the_newest_script():
    """HEAD_REVISION (read without loading Alembic) names the head Alembic finds in db/versions."""
    assert head_revision() == alembic_head()


def test_opening_an_up_to_date_project_does_not_load_alembic(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "p.qcp"
    Project.create(path).close()
    code = ("import sys\nfrom app.project import Project\n"
            f"Project.open({str(path)!r}).close()\nprint('alembic' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
