"""Database errors reach users as the project's own errors with what to do, never as driver tracebacks."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import event

import app.storage.database as database
from app.cli import main
from app.project import (
    ConnectionLostError,
    DamagedProjectError,
    DiskFullError,
    LockedError,
    Project,
)
from tests.faults.conftest import document, tmpfs


@pytest.fixture
def short_busy_timeout(monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)


@pytest.fixture
def sqlite_project(tmp_path, short_busy_timeout):
    p = Project.create(tmp_path / "study.qcp")
    yield p
    p.close()


def hold_write_lock(path):
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_errors_module_loads_no_database_library():
    code = ("import sys, app.project.errors; "
            "sys.exit(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')) != [])")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_locked_project_says_another_program_holds_it_and_keeps_the_data(sqlite_project):
    sqlite_project.codebook.add("Before")
    other = hold_write_lock(sqlite_project.db.path)
    try:
        with pytest.raises(LockedError, match="locked by another program.*close it and try again"):
            sqlite_project.codebook.add("During")
    finally:
        other.rollback()
        other.close()
    assert [c.path for c in sqlite_project.codebook.list()] == ["Before"]
    sqlite_project.codebook.add("After")
    assert [c.path for c in sqlite_project.codebook.list()] == ["Before", "After"]


def test_the_cli_reports_a_lock_in_one_line(tmp_path, capsys, short_busy_timeout):
    path = tmp_path / "study.qcp"
    assert main(["init", str(path)]) == 0
    other = hold_write_lock(path)
    try:
        code = main(["codes", str(path), "add", "Theme"])
    finally:
        other.rollback()
        other.close()
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "locked by another program" in err and "Traceback" not in err


def test_a_full_database_is_a_disk_full_error_and_earlier_documents_stay(sqlite_project):
    # SQLite's own page limit gives the very error a full disk gives ("database or disk is full").
    engine = sqlite_project.db.engine
    event.listen(engine, "connect", lambda conn, _rec: conn.execute("PRAGMA max_page_count=60"))
    engine.dispose()
    landed = []
    with pytest.raises(DiskFullError, match="is full; free some space"):
        for i in range(10_000):
            landed.append(sqlite_project.documents.add(document(i, words=200)).id)
    assert landed, "the limit left room for some documents"
    assert [d.id for d in sqlite_project.documents.list()] == landed
    with sqlite3.connect(sqlite_project.db.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.slow
def test_a_real_full_disk_stops_an_import_cleanly(tmp_path, short_busy_timeout):
    with tmpfs(tmp_path / "small", "1m") as disk:
        project = Project.create(disk / "study.qcp")
        landed = []
        try:
            with pytest.raises(DiskFullError, match="is full"):
                for i in range(100_000):
                    landed.append(project.documents.add(document(i, words=400)).id)
            assert [d.id for d in project.documents.list()] == landed
        finally:
            project.close()
        with Project.open(disk / "study.qcp", read_only=True) as again:
            assert [d.id for d in again.documents.list()] == landed


def damage(path, first_page: int = 2) -> None:
    """Overwrite every page after the schema page with noise, as a failing disk or a bad copy would."""
    import random

    data = bytearray(path.read_bytes())
    rng = random.Random(7)
    for offset in range(first_page * 4096, len(data), 4096):
        data[offset:offset + 4096] = rng.randbytes(4096)
    path.write_bytes(data)


@pytest.fixture
def damaged(tmp_path):
    path = tmp_path / "damaged.qcp"
    with Project.create(path) as p:
        for i in range(40):
            p.documents.add(document(i, words=300))
    damage(path)
    return path


def test_a_damaged_file_is_refused_as_damaged_and_left_alone(damaged):
    before = damaged.read_bytes()
    with pytest.raises(DamagedProjectError, match="is damaged.*quotecoder check.*Restore Backup"):
        with Project.open(damaged) as p:
            p.documents.list()
    assert damaged.read_bytes() == before
    assert sorted(x.name for x in damaged.parent.iterdir()) == ["damaged.qcp"]


def test_the_cli_names_a_damaged_file_without_a_traceback(damaged, capsys):
    assert main(["docs", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "Traceback" not in err


def test_a_truncated_file_is_refused_with_nothing_beside_it(tmp_path):
    path = tmp_path / "cut.qcp"
    with Project.create(path) as p:
        for i in range(40):
            p.documents.add(document(i, words=300))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedProjectError, match="cut off"):
        Project.open(path)
    assert path.read_bytes() == data[: len(data) // 2]
    assert sorted(x.name for x in tmp_path.iterdir()) == ["cut.qcp"]


@pytest.mark.pg
def test_a_lost_server_connection_is_named_and_the_next_edit_works(pg_database):
    from sqlalchemy import create_engine, text

    project = Project.create(pg_database)
    admin = create_engine(database.make_url(pg_database), isolation_level="AUTOCOMMIT")
    killed = []

    def kill_own_backend(conn, cursor, statement, *_):
        if statement.startswith("INSERT INTO codes") and not killed:
            killed.append(cursor.connection.info.backend_pid)
            with admin.connect() as c:
                c.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed[0]})

    event.listen(project.db.engine, "before_cursor_execute", kill_own_backend)
    try:
        with pytest.raises(ConnectionLostError, match="lost the connection.*try again"):
            project.codebook.add("Lost")
        assert project.codebook.list() == []
        project.codebook.add("Kept")
        assert [c.path for c in project.codebook.list()] == ["Kept"]
    finally:
        project.close()
        admin.dispose()


@pytest.mark.slow
def test_the_cli_import_on_a_full_disk_stops_in_one_line_and_says_what_landed(tmp_path, capsys):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:03d}.txt").write_text(f"Article {i}. " + " ".join(f"w{i}x{k}" for k in range(400)))
    with tmpfs(tmp_path / "small", "3m") as disk:
        assert main(["init", str(disk / "study.qcp")]) == 0
        capsys.readouterr()
        assert main(["import", str(disk / "study.qcp"), str(folder)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert "is full; free some space" in err
        import re

        landed = int(re.search(r"; (\d+) document\(s\) were imported before the import stopped", err).group(1))
        assert landed > 0
        with Project.open(disk / "study.qcp", read_only=True) as p:
            assert len(p.documents.list()) == landed
