"""Each permission of a team project, checked with raw SQL as each role's own login.

Whatever client connects, the database must refuse what the role may not do.
"""

from __future__ import annotations

import psycopg
import pytest

pytestmark = pytest.mark.pg

Refused = psycopg.errors.InsufficientPrivilege


def coding_row(team, coding_id):
    with team.cluster.connect(team.database) as conn:
        return conn.execute('SELECT coder_id, "start", "end", memo FROM codings WHERE id = %s', (coding_id,)).fetchone()


def insert_coding(conn, team, coder):
    return conn.execute(
        'INSERT INTO codings (uuid, document_id, code_id, coder_id, "start", "end", memo, created_at, modified_at) '
        "VALUES (gen_random_uuid()::text, %s, %s, %s, 20, 30, '', now(), now()) RETURNING id",
        (team.document_id, team.code_id, team.ids[coder]),
    ).fetchone()[0]


def test_coder_writes_own_codings_and_no_one_elses(team):
    cora = team.codings["Cora"]
    before = coding_row(team, cora)
    with team.sql("Bob") as bob:
        own = insert_coding(bob, team, "Bob")
        bob.execute('UPDATE codings SET "end" = 28 WHERE id = %s', (own,))
        bob.execute("DELETE FROM codings WHERE id = %s", (own,))
        for statement, args in (
            ('UPDATE codings SET "end" = 30 WHERE id = %s', (cora,)),
            ("UPDATE codings SET memo = 'mine now' WHERE coder_id = %s", (team.ids["Cora"],)),
            ("DELETE FROM codings WHERE id = %s", (cora,)),
            ("DELETE FROM codings", ()),
            ("UPDATE codings SET coder_id = %s WHERE id = %s", (team.ids["Cora"], team.codings["Bob"])),
        ):
            with pytest.raises(Refused):
                bob.execute(statement, args)
        with pytest.raises(Refused):
            insert_coding(bob, team, "Cora")
        with pytest.raises(Refused):
            insert_coding(bob, team, "Consensus")
    assert coding_row(team, cora) == before
    assert coding_row(team, team.codings["Bob"])[0] == team.ids["Bob"]


def test_coder_statuses_and_memos_are_their_own(team):
    with team.sql("Bob") as bob:
        bob.execute("UPDATE document_status SET status = 'done' WHERE coder_id = %s", (team.ids["Bob"],))
        with pytest.raises(Refused):
            bob.execute("UPDATE document_status SET status = 'done' WHERE coder_id = %s", (team.ids["Cora"],))
        with pytest.raises(Refused):
            bob.execute("INSERT INTO document_status (document_id, coder_id, status, modified_at) "
                        "VALUES (%s, %s, 'done', now())", (team.document_id, team.ids["Consensus"]))
        bob.execute("UPDATE memos SET text = 'edited' WHERE id = %s", (team.memos["Bob"],))
        with pytest.raises(Refused):
            bob.execute("UPDATE memos SET text = 'edited' WHERE id = %s", (team.memos["Cora"],))
        with pytest.raises(Refused):
            bob.execute("DELETE FROM memos WHERE id = %s", (team.memos["Cora"],))
        with pytest.raises(Refused):
            bob.execute("INSERT INTO memos (uuid, target, author_id, title, text, created_at, modified_at) "
                        "VALUES (gen_random_uuid()::text, 'project', %s, '', 'x', now(), now())", (team.ids["Cora"],))
    with team.cluster.connect(team.database) as conn:
        statuses = dict(conn.execute("SELECT coder_id, status FROM document_status").fetchall())
        memos = dict(conn.execute("SELECT id, text FROM memos").fetchall())
    assert statuses[team.ids["Bob"]] == "done" and statuses[team.ids["Cora"]] == "in progress"
    assert memos[team.memos["Bob"]] == "edited" and memos[team.memos["Cora"]] == "Cora's note"


@pytest.mark.parametrize("who", ["Bob", "Adam"])
def test_only_leads_change_codebook_documents_coders_and_settings(team, who):
    with team.sql(who) as conn:
        for statement in (
            "INSERT INTO codes (uuid, position, name, color, description, inclusion, exclusion, example, archived) "
            "VALUES (gen_random_uuid()::text, 0, 'Sneaky', '#000000', '', '', '', '', false)",
            "UPDATE codes SET name = 'Renamed'",
            "DELETE FROM code_patterns",
            "UPDATE documents SET title = 'Changed'",
            "DELETE FROM documents",
            "INSERT INTO excluded_spans (document_id, \"start\", \"end\", reason) VALUES (1, 0, 3, 'x')",
            "INSERT INTO coders (uuid, name, color, consensus) VALUES (gen_random_uuid()::text, 'Eve', '#000000', false)",
            "UPDATE coders SET login = NULL",
            "UPDATE project_info SET value = 'off' WHERE key = 'team_blind'",
            "DELETE FROM sentences",
            "UPDATE alembic_version SET version_num = 'x'",
        ):
            with pytest.raises(Refused):
                conn.execute(statement)
        with pytest.raises(Refused):
            conn.execute("SELECT qc_team_create_login(%s, 'lead', 'pw')", (team.database + "_eve",))
        with pytest.raises(Refused):
            conn.execute("SELECT qc_team_set_role(%s, 'lead')", (team.logins[who],))
        # Everyone reads the codebook and the documents.
        assert conn.execute("SELECT name FROM codes").fetchall() == [("Reform",)]
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (1,)


def test_adjudicator_writes_consensus_but_not_other_coders(team):
    with team.sql("Adam") as adam:
        insert_coding(adam, team, "Consensus")
        adam.execute('UPDATE codings SET "end" = 20 WHERE id = %s', (team.codings["Consensus"],))
        adam.execute("INSERT INTO document_status (document_id, coder_id, status, modified_at) "
                     "VALUES (%s, %s, 'done', now())", (team.document_id, team.ids["Consensus"]))
        with pytest.raises(Refused):
            adam.execute('UPDATE codings SET "end" = 20 WHERE id = %s', (team.codings["Cora"],))
        with pytest.raises(Refused):
            insert_coding(adam, team, "Bob")
    assert coding_row(team, team.codings["Consensus"])[2] == 20
    assert coding_row(team, team.codings["Cora"])[2] == 12


def test_lead_may_do_all_of_it(team):
    with team.sql("Lena") as lena:
        insert_coding(lena, team, "Cora")
        insert_coding(lena, team, "Consensus")
        lena.execute('UPDATE codings SET "end" = 25 WHERE id = %s', (team.codings["Bob"],))
        lena.execute("UPDATE memos SET text = 'lead edit' WHERE id = %s", (team.memos["Cora"],))
        lena.execute("UPDATE codes SET name = 'Reform policy'")
        lena.execute("UPDATE documents SET title = 'Reform (2026)'")
        lena.execute("INSERT INTO coders (uuid, name, color, consensus) VALUES (gen_random_uuid()::text, 'Eve', '#111111', false)")
        lena.execute("UPDATE project_info SET value = 'on' WHERE key = 'team_blind'")
        lena.execute("DELETE FROM codings WHERE id = %s", (team.codings["Cora"],))
    assert coding_row(team, team.codings["Bob"])[2] == 25
    assert coding_row(team, team.codings["Cora"]) is None


@pytest.mark.parametrize("who", ["Bob", "Adam", "Lena", "owner"])
def test_audit_log_is_append_only_for_everyone(team, who):
    conn = team.cluster.connect(team.database, autocommit=True) if who == "owner" else team.sql(who)
    with conn:
        if who != "owner":
            conn.execute("INSERT INTO audit_log (at, coder_id, action, entity, detail) VALUES (now(), %s, 'x', 'y', '')",
                         (team.ids[who],))
            with pytest.raises(Refused):  # not in someone else's name
                conn.execute("INSERT INTO audit_log (at, coder_id, action, entity, detail) "
                             "VALUES (now(), %s, 'x', 'y', '')", (team.ids["Cora"],))
        count = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        for statement in ("UPDATE audit_log SET detail = 'forged'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
            with pytest.raises(Refused):
                conn.execute(statement)
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == count > 0


def test_blind_phase_hides_other_coders_codings_from_coders_only(team):
    def visible(who):
        with team.sql(who) as conn:
            return {row[0] for row in conn.execute("SELECT coder_id FROM codings")}

    everyone = {team.ids[n] for n in ("Lena", "Adam", "Bob", "Cora", "Consensus")}
    assert visible("Bob") == everyone
    with team.sql("Lena") as lena:
        lena.execute("UPDATE project_info SET value = 'on' WHERE key = 'team_blind'")
    assert visible("Bob") == {team.ids["Bob"]}
    assert visible("Cora") == {team.ids["Cora"]}
    assert visible("Adam") == everyone
    assert visible("Lena") == everyone
    with team.sql("Bob") as bob:  # hidden rows cannot be changed either
        assert bob.execute("DELETE FROM codings WHERE coder_id = %s", (team.ids["Cora"],)).rowcount == 0
        # Statuses stay visible: the blind phase hides codings, not progress.
        assert bob.execute("SELECT count(*) FROM document_status").fetchone()[0] == 4
    with team.sql("Lena") as lena:
        lena.execute("UPDATE project_info SET value = 'off' WHERE key = 'team_blind'")
    assert visible("Bob") == everyone


def test_a_temporary_table_cannot_impersonate_another_coder(team):
    with team.sql("Bob") as bob:
        with pytest.raises(Refused):  # no TEMPORARY privilege on a team database
            bob.execute("CREATE TEMP TABLE coders (id int, login text, consensus bool)")
        with pytest.raises(Refused):
            bob.execute("CREATE TABLE public.coders2 (id int)")


def test_logins_need_their_password_and_other_databases_are_closed(team, pg_cluster):
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        pg_cluster.connect(team.database, team.logins["Bob"], "wrong")
    with pg_cluster.connect("postgres", autocommit=True) as conn:  # a login of another project
        conn.execute("CREATE ROLE qc_outsider LOGIN PASSWORD 'outsider'")
    try:
        with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
            pg_cluster.connect(team.database, "qc_outsider", "outsider")
    finally:
        with pg_cluster.connect("postgres", autocommit=True) as conn:
            conn.execute("DROP ROLE qc_outsider")
