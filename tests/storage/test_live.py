"""Live changes: PostgreSQL triggers notify every committed change; SQLite reports "something changed"."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text

from app.core.importers import ImportedDocument
from app.project import Project
from app.storage.live import Change, PgListener, SqlitePoller, change_source, parse_payload


def _doc(project: Project, body: str = "Alice said the reform was overdue.") -> int:
    return project.documents.add(ImportedDocument(text=body, title="Speech", importer="test",
                                                  source_name="speech.txt", file_hash="0" * 64)).id


def _collect(listener, want: int, tries: int = 30) -> list[Change]:
    got: list[Change] = []
    for _ in range(tries):
        batch = listener.poll(timeout=0.1)
        got.extend(batch.changes)
        if len(got) >= want:
            break
    return got


@pytest.fixture
def pg_project(pg_database):
    project = Project.create(pg_database)
    yield project
    project.close()


def test_a_coding_added_moved_and_deleted_in_one_session_reaches_a_listener_on_another(pg_project):
    p = pg_project
    doc, code, bob = _doc(p), p.codebook.add("Reform").id, p.coders.add("Bob").id
    with change_source(p.db) as listener:
        assert isinstance(listener, PgListener)
        coding = p.codings.add(doc, code, bob, 0, 5).id
        p.codings.set_span(coding, 0, 10)
        p.codings.delete(coding)
        got = _collect(listener, 3)
    assert [c.as_json() for c in got] == [
        {"table": "codings", "op": op, "id": coding, "document_id": doc, "coder": "Bob"}
        for op in ("insert", "update", "delete")
    ]
    assert all(c.pid is not None and c.pid != listener.backend_pid for c in got)


def test_codes_statuses_memos_documents_and_coders_are_announced(pg_project):
    p = pg_project
    doc, code, bob = _doc(p), p.codebook.add("Reform").id, p.coders.add("Bob").id
    with change_source(p.db) as listener:
        p.codebook.rename(code, "Reform agenda")
        p.documents.set_status(doc, bob, "done")
        p.acting_coder_id = bob
        p.coders.rename(bob, "Robert")
        p.documents.update(doc, title="Speech, 3 May")
        got = _collect(listener, 4)
    assert [c.as_json() for c in got] == [
        {"table": "codes", "op": "update", "id": code, "document_id": None, "coder": None},
        {"table": "document_status", "op": "insert", "id": None, "document_id": doc, "coder": "Bob"},
        {"table": "coders", "op": "update", "id": bob, "document_id": None, "coder": "Robert"},
        {"table": "documents", "op": "update", "id": doc, "document_id": doc, "coder": None},
    ]


def test_raw_sql_from_any_client_is_announced_and_a_rolled_back_change_is_not(pg_project, pg_database):
    p = pg_project
    doc, code, bob = _doc(p), p.codebook.add("Reform").id, p.coders.add("Bob").id
    with PgListener(pg_database) as listener, psycopg.connect(pg_database) as other:
        with other.transaction():
            other.execute("INSERT INTO memos (uuid, target, document_id, author_id, title, text, created_at, "
                          "modified_at) VALUES (gen_random_uuid()::text, 'document', %s, %s, '', 'check', now(), "
                          "now())", (doc, bob))
        try:
            with other.transaction():
                other.execute('INSERT INTO codings (uuid, document_id, code_id, coder_id, start, "end", memo, '
                              "created_at, modified_at) VALUES (gen_random_uuid()::text, %s, %s, %s, 0, 4, '', "
                              "now(), now())", (doc, code, bob))
                raise RuntimeError("abandon")
        except RuntimeError:
            pass
        got = _collect(listener, 2, tries=10)
    assert [(c.table, c.op, c.document_id, c.coder) for c in got] == [("memos", "insert", doc, "Bob")]


def test_a_dropped_connection_is_reported_then_reconnected_with_a_resync(pg_project, pg_database):
    p = pg_project
    doc, code, bob = _doc(p), p.codebook.add("Reform").id, p.coders.add("Bob").id
    listener = PgListener(pg_database, retry_seconds=0.0)
    listener.connect()
    with p.db.engine.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": listener.backend_pid})
    lost = listener.poll(timeout=0.2)
    assert lost.lost and not listener.connected
    back = listener.poll()
    assert back.resync and back.lost is None and listener.connected
    coding = p.codings.add(doc, code, bob, 0, 5).id
    assert [c.id for c in _collect(listener, 1)] == [coding]
    listener.close()


def test_an_unreachable_server_is_a_lost_batch_not_an_exception(pg_database):
    listener = PgListener("postgresql://nobody@127.0.0.1:1/nothing", retry_seconds=60)
    first = listener.poll()
    assert first.lost and not first.changes
    assert listener.poll().lost  # not retried before retry_seconds: no second connect attempt
    assert listener.fileno() is None


def test_sqlite_poller_notices_a_commit_from_another_project_object(tmp_path):
    path = tmp_path / "shared.qcp"
    writer = Project.create(path)
    reader = Project.open(path)
    poller = change_source(reader.db)
    assert isinstance(poller, SqlitePoller)
    try:
        assert not poller.poll()
        writer.codebook.add("Reform")
        assert poller.poll().resync
        assert not poller.poll()  # reported once
    finally:
        poller.close()
        reader.close()
        writer.close()


def test_sqlite_projects_get_no_triggers(tmp_path):
    project = Project.create(tmp_path / "solo.qcp")
    with project.db.engine.connect() as conn:
        names = {n for (n,) in conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))}
    project.close()
    assert not {n for n in names if n.startswith("quotecoder_notify")}


@pytest.mark.parametrize("payload", ["", "not json", "[]", '{"table": "audit_log", "op": "insert"}',
                                     '{"table": "codings", "op": "truncate"}'])
def test_payloads_that_are_not_ours_are_ignored(payload):
    assert parse_payload(payload) is None


def test_payload_parsing_keeps_only_integer_ids():
    change = parse_payload('{"table": "codes", "op": "delete", "id": 7, "document_id": "x", "coder": 3}')
    assert change == Change("codes", "delete", 7, None, None)


def test_an_edit_whose_connection_drops_says_it_was_not_saved_and_the_next_one_works(pg_project):
    from app.project import ConnectionFailedError

    p = pg_project
    with pytest.raises(ConnectionFailedError, match="lost the connection.*nothing of the failed edit was written"):
        with p.db.session() as s:
            pid = s.scalar(text("SELECT pg_backend_pid()"))
            with p.db.engine.connect() as admin:
                admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            s.execute(text("INSERT INTO project_info (key, value) VALUES ('lost', 'edit')"))
    assert p.info("lost") is None
    code = p.codebook.add("After the drop").id  # the pool reconnects
    assert p.codebook.get(code).name == "After the drop"


def test_project_live_turns_row_changes_into_the_change_set_views_refresh_from():
    from app.core.records import ChangeSet
    from app.project.live import changeset, needs_full_reload

    changes = [Change("codings", "insert", 5, 2, "Bob"), Change("codes", "update", 3, None, None),
               Change("document_status", "update", None, 7, "Bob"), Change("memos", "insert", 9, None, "Bob")]
    assert changeset(changes) == ChangeSet(frozenset({2, 7}), frozenset({3}), frozenset(), frozenset({5}))
    assert not needs_full_reload(changes)
    assert needs_full_reload([Change("documents", "insert", 4, 4, None)])
    assert not needs_full_reload([Change("documents", "update", 4, 4, None)])


def test_a_project_setting_such_as_the_blind_phase_is_announced(pg_project):
    from app.storage import models as m

    with change_source(pg_project.db) as listener:
        with pg_project.db.session() as s:
            s.add(m.ProjectInfo(key="team_blind", value="on"))
        got = _collect(listener, 1)
    assert [c.as_json() for c in got] == [
        {"table": "project_info", "op": "insert", "id": None, "document_id": None, "coder": None}
    ]


def test_a_read_only_project_is_polled_read_only_and_still_sees_commits_by_others(tmp_path):
    path = tmp_path / "shared.qcp"
    writer = Project.create(path)
    writer.codebook.add("Reform")
    reader = Project.open(path, read_only=True)
    poller = change_source(reader.db)
    try:
        writer.codebook.add("Timing")
        assert poller.poll().resync
        assert [c.name for c in reader.codebook.list()] == ["Reform", "Timing"]
    finally:
        poller.close()
        reader.close()
        writer.close()
