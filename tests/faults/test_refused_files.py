"""A file Quotecoder refuses stays byte for byte as it was, with nothing put beside it."""

from __future__ import annotations

import sqlite3

import pytest

from app.cli import main
from app.project import DamagedProjectError, NewerVersionError, NotAProjectError, Project
from tests.faults.conftest import document


def newer_project(path, journal: str) -> None:
    with Project.create(path) as p:
        p.documents.add(document(1))
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode={journal}")
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("journal", ["DELETE", "WAL"])
def test_a_project_from_a_newer_version_is_refused_untouched(tmp_path, journal):
    path = tmp_path / "newer.qcp"
    newer_project(path, journal)
    before = path.read_bytes()
    with pytest.raises(NewerVersionError, match="newer version of Quotecoder.*update Quotecoder"):
        Project.open(path)
    assert path.read_bytes() == before  # bytes 18-19 (journal), 28 (size) and 96 (writer) included
    assert sorted(x.name for x in tmp_path.iterdir()) == ["newer.qcp"]


def test_the_cli_refuses_a_newer_project_in_one_line(tmp_path, capsys):
    path = tmp_path / "newer.qcp"
    newer_project(path, "DELETE")
    before = path.read_bytes()
    assert main(["docs", str(path)]) == 1
    assert "newer version" in capsys.readouterr().err
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [
    b"", b"SQLite format 3\0" + b"\x10\x00" + b"\xff" * 200, b"PK\x03\x04 not a project at all" * 100,
    b"\0" * 8192,
])
def test_garbage_is_refused_with_nothing_beside_it(tmp_path, content):
    path = tmp_path / "garbage.qcp"
    path.write_bytes(content)
    with pytest.raises((NotAProjectError, DamagedProjectError)):
        Project.open(path)
    assert path.read_bytes() == content
    assert sorted(x.name for x in tmp_path.iterdir()) == ["garbage.qcp"]


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('mine')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAProjectError, match="other tables"):
        Project.open(path)
    assert path.read_bytes() == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["other.db"]
