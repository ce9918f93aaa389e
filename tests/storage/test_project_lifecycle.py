"""Creating and opening projects, and refusing what is not one — leaving it untouched."""

from __future__ import annotations

import sqlite3

import pytest

from app.project import NotAProjectError, Project, ProjectExistsError
from app.storage.database import ConnectionFailedError


def test_created_project_reopens_with_its_data(project_target, add_text):
    project = Project.open(project_target)
    assert project.documents.count() == 0
    project.close()


def test_sqlite_project_uses_wal_foreign_keys_and_busy_timeout(tmp_path):
    path = tmp_path / "p.qcp"
    with Project.create(path) as project:
        with project.db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_create_refuses_an_existing_file(tmp_path):
    path = tmp_path / "p.qcp"
    path.write_text("my notes")
    with pytest.raises(ProjectExistsError, match="already exists"):
        Project.create(path)
    assert path.read_text() == "my notes"


def test_open_refuses_a_missing_file_without_creating_it(tmp_path):
    path = tmp_path / "missing.qcp"
    with pytest.raises(NotAProjectError, match="does not exist"):
        Project.open(path)
    assert not path.exists()


def test_open_refuses_a_folder(tmp_path):
    with pytest.raises(NotAProjectError, match="folder"):
        Project.open(tmp_path)


def test_open_refuses_a_text_file_and_leaves_it_unchanged(tmp_path):
    path = tmp_path / "notes.qcp"
    path.write_bytes(b"just some text, not a database\n" * 100)
    before = path.read_bytes()
    with pytest.raises(NotAProjectError, match="not a Quotecoder project"):
        Project.open(path)
    assert path.read_bytes() == before


def test_open_refuses_another_sqlite_database_and_leaves_it_unchanged(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE birds (name TEXT)")
    conn.execute("INSERT INTO birds VALUES ('swift')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAProjectError, match="other tables"):
        Project.open(path)
    assert path.read_bytes() == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


@pytest.mark.pg
def test_open_refuses_an_empty_postgresql_database(pg_database):
    with pytest.raises(NotAProjectError, match="empty"):
        Project.open(pg_database)


@pytest.mark.pg
def test_create_refuses_a_postgresql_database_that_has_tables(pg_database):
    Project.create(pg_database).close()
    with pytest.raises(ProjectExistsError, match="not empty"):
        Project.create(pg_database)


def test_refused_connection_is_reported_in_one_sentence():
    with pytest.raises(ConnectionFailedError, match="cannot connect"):
        Project.open("postgresql://nobody@127.0.0.1:1/nothing")


def test_data_survives_a_reopen(project_target):
    from app.core.importers import ImportedDocument

    with Project.create(project_target) as project:
        doc = project.documents.add(ImportedDocument(text="Ақорда “said” 😀", title="T", importer="t",
                                                     source_name="t.txt", file_hash="x")).id
        code = project.codebook.add_path("A/B").id
        coder = project.coders.add("Ann").id
        project.codings.add(doc, code, coder, 7, 13, memo="m")
    with Project.open(project_target) as project:
        [segment] = project.codings.segments()
        assert (segment.text, segment.code_path, segment.coder, segment.memo) == ("“said”", "A/B", "Ann", "m")
