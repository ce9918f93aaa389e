"""quotecoder check finds what is wrong (and says nothing is when nothing is); quotecoder backup copies safely."""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.cli import main
from app.project import Project
from tests.faults.conftest import document
from tests.faults.test_database_errors import damage


@pytest.fixture
def study(tmp_path):
    path = tmp_path / "study.qcp"
    with Project.create(path) as p:
        doc = p.documents.add(document(1)).id
        code = p.codebook.add("Theme").id
        coder = p.coders.add("Aigerim").id
        p.codings.add(doc, code, coder, 0, 8)
        p.memos.add("code", code, "definition")
    return path


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_healthy_project_passes_every_check(study, capsys):
    code, out, _ = run(capsys, "check", study, "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"] is True
    assert report["schema_revision"] == report["expected_revision"]
    assert [c["name"] for c in report["checks"]] == [
        "schema", "integrity", "foreign_keys", "orphans", "codings_in_text", "document_lengths"]
    assert all(c["ok"] and c["problems"] == [] for c in report["checks"])
    code, out, _ = run(capsys, "check", study)
    assert code == 0 and out.rstrip().endswith("all checks passed")


def test_check_finds_a_coding_past_the_text_and_orphans_left_by_another_tool(study, capsys):
    conn = sqlite3.connect(study)  # another tool, foreign keys off (SQLite's default)
    conn.execute("UPDATE codings SET \"end\" = 100000")
    conn.execute("INSERT INTO memos (uuid, target, code_id, title, text, created_at, modified_at) "
                 "VALUES ('u-1', 'code', 999, '', 'orphan', '2026-01-01', '2026-01-01')")
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, "check", study, "--json")
    report = json.loads(out)
    failed = {c["name"]: c["problems"] for c in report["checks"] if not c["ok"]}
    assert code == 1 and report["ok"] is False
    assert set(failed) == {"foreign_keys", "orphans", "codings_in_text"}
    assert "outside document 1's text" in failed["codings_in_text"][0]
    assert failed["orphans"] == ["1 row(s) of memos point to a missing codes (code_id)"]
    code, out, _ = run(capsys, "check", study)
    assert code == 1 and "FAILED  every coding inside its document's text (1)" in out


def test_check_reports_a_damaged_file_and_leaves_it_alone(study, capsys):
    with Project.open(study) as p:
        for i in range(2, 40):
            p.documents.add(document(i, words=300))
    damage(study)
    before = study.read_bytes()
    code, out, err = run(capsys, "check", study, "--json")
    report = json.loads(out)
    assert code == 1 and not report["ok"] and "Traceback" not in err
    assert any(not c["ok"] for c in report["checks"] if c["name"] == "integrity")
    assert study.read_bytes() == before
    assert sorted(p.name for p in study.parent.iterdir()) == ["study.qcp"]


def test_check_refuses_what_is_not_a_project(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("hello")
    code, _, err = run(capsys, "check", tmp_path / "notes.txt")
    assert code == 1 and "not a Quotecoder project" in err


def test_a_backup_is_a_checked_copy_taken_even_while_the_project_is_open(study, tmp_path, capsys):
    with Project.open(study) as p:
        p.codebook.add("Made while open")  # sits in the WAL, not yet in the main file
        code, out, _ = run(capsys, "backup", study, tmp_path / "copy.qcp")
        assert code == 0 and "copy.qcp" in out
    with Project.open(tmp_path / "copy.qcp") as copy:
        assert [c.path for c in copy.codebook.list()] == ["Theme", "Made while open"]
        assert len(copy.codings.for_document(1)) == 1
    code, _, err = run(capsys, "backup", study, tmp_path / "copy.qcp")
    assert code == 1 and "already exists" in err
    (tmp_path / "shelf").mkdir()
    code, out, _ = run(capsys, "backup", study, tmp_path / "shelf")
    [made] = list((tmp_path / "shelf").iterdir())
    assert code == 0 and made.name.startswith("study-") and made.suffix == ".qcp"


def test_backup_of_a_postgresql_project_explains_pg_dump(capsys):
    code, out, _ = run(capsys, "backup", "postgresql://coder:secret@db.example/study", "out")
    assert code == 1 and "pg_dump" in out and "secret" not in out


def test_check_runs_on_sqlite_and_postgresql(project, add_text, capsys):
    doc = add_text("A short text about reform.")
    code = project.codebook.add("Reform").id
    coder = project.coders.add("Dana").id
    project.codings.add(doc, code, coder, 19, 25)
    code, out, _ = run(capsys, "check", project.location, "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"], report
    names = [c["name"] for c in report["checks"]]
    if project.db.path is None:  # PostgreSQL guards its own pages and keys; the project's checks still run
        assert names == ["schema", "orphans", "codings_in_text", "document_lengths"]
    else:
        assert names == ["schema", "integrity", "foreign_keys", "orphans", "codings_in_text", "document_lengths"]
