"""Revision 0003: duplicate codings stored by concurrent writers are folded into one, memos kept."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.project import Project
from app.storage.database import Database
from app.storage.migrations import upgrade_to_head

ROWS = [  # id, coder, start, end, memo — ids 1-3 are one coding stored three times, 4 is different
    (1, 1, 0, 5, ""), (2, 1, 0, 5, "first thought"), (3, 1, 0, 5, "second thought"), (4, 1, 0, 6, "own"),
    (5, 2, 0, 5, "Bob's"), (6, 2, 0, 5, "Bob's"),
]


def _old_project_with_duplicates(target: str) -> None:
    db = Database(target)
    upgrade_to_head(db, target="0002")
    with db.engine.begin() as conn:
        run = conn.exec_driver_sql
        run("INSERT INTO project_info (key, value) VALUES ('application', 'quotecoder')")
        run("INSERT INTO documents (id, uuid, title, text, text_hash, length, date_ambiguous) "
            "VALUES (1, 'd1', 'Doc', 'Hello world', 'h', 11, false)")
        run("INSERT INTO codes (id, uuid, position, name, color, description, inclusion, exclusion, example, archived) "
            "VALUES (1, 'c1', 0, 'Theme', '#123456', '', '', '', '', false)")
        run("INSERT INTO coders (id, uuid, name, color, consensus) VALUES (1, 'u1', 'Alice', '#000000', false), "
            "(2, 'u2', 'Bob', '#000000', false)")
        for cid, coder, start, end, memo in ROWS:
            conn.execute(text(
                'INSERT INTO codings (id, uuid, document_id, code_id, coder_id, start, "end", memo, created_at, modified_at) '
                "VALUES (:id, :uuid, 1, 1, :coder, :start, :end, :memo, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ), {"id": cid, "uuid": f"k{cid}", "coder": coder, "start": start, "end": end, "memo": memo})
    db.dispose()


def test_duplicates_are_merged_keeping_memos_and_reported(project_target, caplog):
    _old_project_with_duplicates(project_target)
    with caplog.at_level(logging.WARNING, logger="app.storage.migrations"):
        project = Project.open(project_target)
    with project:
        codings = {c.id: c for c in project.codings.for_document(1)}
        assert sorted(codings) == [1, 4, 5]
        assert codings[1].memo == "first thought\n\nsecond thought"
        assert codings[4].memo == "own" and codings[5].memo == "Bob's"
        entry = next(e for e in project.audit.entries() if e.action == "merge_duplicates")
        assert json.loads(entry.detail) == {"removed": 3, "groups": 2}
        assert "merged 3 duplicate coding(s)" in caplog.text
        assert all(code.version == 1 for code in project.codebook.list())
        # From now on the database itself refuses a duplicate, whoever writes it.
        with pytest.raises(IntegrityError), project.db.engine.begin() as conn:
            conn.execute(text(
                'INSERT INTO codings (uuid, document_id, code_id, coder_id, start, "end", memo, created_at, modified_at) '
                "VALUES ('x', 1, 1, 1, 0, 5, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ))


def test_a_project_without_duplicates_logs_nothing(project_target, caplog):
    Project.create(project_target).close()
    with caplog.at_level(logging.WARNING, logger="app.storage.migrations"), Project.open(project_target) as project:
        assert not [e for e in project.audit.entries() if e.action == "merge_duplicates"]
    assert "duplicate" not in caplog.text


def test_the_cli_says_how_many_duplicates_it_merged(tmp_path, capsys):
    from app.cli import main

    path = str(tmp_path / "old.qcp")
    _old_project_with_duplicates(path)
    code = main(["segments", path, "--json"])
    err = capsys.readouterr().err
    assert code == 0
    assert "quotecoder: merged 3 duplicate coding(s) in 2 group(s); their memos were kept" in err
