"""Team projects through the Project API: the login decides who codes, refusals are clear errors."""

from __future__ import annotations

import pytest

from app.project import PermissionDeniedError, Project, ValidationError
from app.project.team import TeamError

pytestmark = pytest.mark.pg


def test_the_login_decides_the_acting_coder_and_role(team):
    for name, role in (("Lena", "lead"), ("Adam", "adjudicator"), ("Bob", "coder")):
        with team.open(name) as p:
            assert p.team.is_team
            assert p.team.me.coder == name and p.team.me.role == role
            assert p.acting_coder_id == team.ids[name]
    with Project.open(team.admin_url) as admin:  # the owner/administrator is nobody's coder
        assert admin.team.is_team and admin.team.me is None


def test_coder_cannot_act_as_another_coder(team):
    with team.open("Bob") as bob:
        cora = bob.coders.by_name("Cora")
        with pytest.raises(TeamError, match="you code as Bob, not as Cora"):
            bob.team.check_coder(cora)
        with pytest.raises(TeamError):
            bob.team.check_coder(bob.coders.by_name("Consensus"))
    with team.open("Adam") as adam:
        adam.team.check_coder(adam.coders.by_name("Consensus"))  # adjudicators write consensus
        with pytest.raises(TeamError):
            adam.team.check_coder(adam.coders.by_name("Bob"))


def test_coder_edits_own_codings_and_is_refused_others(team):
    with team.open("Bob") as bob:
        new = bob.codings.add(team.document_id, team.code_id, team.ids["Bob"], 20, 30).id
        bob.codings.set_span(new, 20, 35)
        bob.codings.delete(new)
        cora = team.codings["Cora"]
        for attempt in (
            lambda: bob.codings.set_span(cora, 4, 30),
            lambda: bob.codings.set_memo(cora, "Bob was here"),
            lambda: bob.codings.delete(cora),
            lambda: bob.codings.add(team.document_id, team.code_id, team.ids["Cora"], 20, 30),
            lambda: bob.codings.add(team.document_id, team.code_id, team.ids["Consensus"], 20, 30),
        ):
            with pytest.raises(PermissionDeniedError, match="you may change only your own codings"):
                attempt()
        with pytest.raises(PermissionDeniedError, match="only your own document statuses"):
            bob.documents.set_status(team.document_id, team.ids["Cora"], "done")
        with pytest.raises(PermissionDeniedError, match="only your own memos"):
            bob.memos.update(team.memos["Cora"], "rewritten")
        with pytest.raises(PermissionDeniedError, match="only your own memos"):
            bob.memos.delete(team.memos["Cora"])
        bob.documents.set_status(team.document_id, team.ids["Bob"], "done")
    with team.open("Lena") as lena:
        info = lena.codings.get(team.codings["Cora"])
        assert (info.start, info.end, info.memo) == (4, 12, "")
        assert lena.documents.status(team.document_id, team.ids["Cora"]).value == "in progress"
        assert lena.documents.status(team.document_id, team.ids["Bob"]).value == "done"


@pytest.mark.parametrize("who", ["Bob", "Adam"])
def test_only_leads_edit_the_codebook_documents_and_team(team, who):
    with team.open(who) as p:
        with pytest.raises(PermissionDeniedError, match="only leads may change the codebook"):
            p.codebook.add("Sneaky")
        with pytest.raises(PermissionDeniedError, match="only leads may change the codebook"):
            p.codebook.rename(team.code_id, "Renamed")
        with pytest.raises(PermissionDeniedError, match="only leads may change documents"):
            p.documents.update(team.document_id, title="Changed")
        with pytest.raises(PermissionDeniedError, match="only leads may change the coders"):
            p.coders.add("Eve")
        with pytest.raises(PermissionDeniedError):
            p.team.add("Eve")
        with pytest.raises(PermissionDeniedError, match="only leads may change the project settings"):
            p.team.set_blind(True)
        with pytest.raises(PermissionDeniedError):
            p.team.set_role(who, "lead")
        assert [c.name for c in p.codebook.list()] == ["Reform"]
        assert not p.team.blind


def test_adjudicator_writes_the_consensus_layer(team):
    with team.open("Adam") as adam:
        edit = adam.codings.add(team.document_id, team.code_id, team.ids["Consensus"], 20, 30)
        adam.codings.set_span(edit.id, 20, 40)
        adam.documents.set_status(team.document_id, team.ids["Consensus"], "done")
        with pytest.raises(PermissionDeniedError):
            adam.codings.delete(team.codings["Bob"])


def test_lead_adds_coders_sets_roles_and_the_blind_phase(team):
    with team.open("Lena") as lena:
        lena.codebook.add("Economy")
        eve = lena.team.add("Eve", "coder", password="eve-secret")
        assert eve.login == f"{team.database}_eve"
        assert eve.url == f"postgresql://{eve.login}@127.0.0.1:{team.cluster.port}/{team.database}"
        assert [(m.coder, m.role) for m in lena.team.list()] == [
            ("Adam", "adjudicator"), ("Bob", "coder"), ("Consensus", None), ("Cora", "coder"),
            ("Eve", "coder"), ("Lena", "lead")]
        lena.team.set_role("Bob", "adjudicator")
        lena.team.set_blind(True)
        assert lena.team.blind
        with pytest.raises(TeamError, match="only lead"):
            lena.team.set_role("Lena", "coder")
        with pytest.raises(ValidationError, match="role must be one of"):
            lena.team.set_role("Cora", "boss")
        with pytest.raises(TeamError, match="already has the login"):
            lena.team.add("Cora")
        lena.codings.set_span(team.codings["Cora"], 4, 20)  # leads may change everyone's codings
    with Project.open(team.cluster.url(team.database, eve.login, "eve-secret")) as p:
        assert p.team.me.coder == "Eve"
        # Blind: Eve sees no one's codings but her own (none yet).
        assert p.codings.for_document(team.document_id) == []
    with team.open("Bob") as bob:  # promoted: writes consensus now, and sees everything while blind
        assert bob.team.me.role == "adjudicator"
        bob.codings.add(team.document_id, team.code_id, team.ids["Consensus"], 30, 40)
        assert len(bob.codings.for_document(team.document_id)) == 6


def test_blind_phase_through_the_app(team):
    with team.open("Lena") as lena:
        lena.team.set_blind(True)
    with team.open("Cora") as cora:
        assert cora.team.blind
        assert {c.coder_id for c in cora.codings.for_document(team.document_id)} == {team.ids["Cora"]}
        assert cora.codings.count() == 1
    with team.open("Adam") as adam:
        assert len(adam.codings.for_document(team.document_id)) == 5
    with team.open("Lena") as lena:
        lena.team.set_blind(False)
    with team.open("Cora") as cora:
        assert len(cora.codings.for_document(team.document_id)) == 5


def test_audit_log_records_who_did_it(team):
    with team.open("Lena") as lena:
        entries = lena.audit.entries()
    by = {(e.action, e.entity, e.coder) for e in entries}
    assert ("add", "coding", "Bob") in by and ("add", "coding", "Cora") in by


def test_roles_of_two_projects_on_one_server_never_clash(pg_cluster, team_db):
    other = team_db + "b"
    with pg_cluster.connect("postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{other}"')
    try:
        logins = []
        for database in (team_db, other):
            with Project.create(pg_cluster.url(database)) as p:
                logins.append(p.team.init("Alice", password="a").login)
        assert logins == [f"{team_db}_alice", f"{other}_alice"]
        with Project.open(pg_cluster.url(team_db, logins[0], "a")) as p:
            assert p.team.me.role == "lead"
        import psycopg

        with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
            pg_cluster.connect(other, logins[0], "a")
    finally:
        with pg_cluster.connect("postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{other}"')
            for role in (f"{other}_alice", *(f"{other}_role_{r}" for r in ("coder", "adjudicator", "lead")),
                         f"{other}_owner"):
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_database_owner_with_createrole_can_run_team_init(pg_cluster, team_db):
    with pg_cluster.connect("postgres", autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {team_db}_admin LOGIN CREATEROLE PASSWORD 'adm'")
        conn.execute(f'ALTER DATABASE "{team_db}" OWNER TO {team_db}_admin')
    admin_url = pg_cluster.url(team_db, f"{team_db}_admin", "adm")
    with Project.create(admin_url) as p:
        lead = p.team.init("Lena", password="l")
        p.team.add("Bob", password="b")
    with Project.open(pg_cluster.url(team_db, lead.login, "l")) as lena:
        lena.codebook.add("Reform")
        bob = lena.team.add("Cora", "coder", password="c")
        assert bob.role == "coder"
    with Project.open(pg_cluster.url(team_db, f"{team_db}_bob", "b")) as bob:
        with pytest.raises(PermissionDeniedError):
            bob.codebook.add("Nope")


def test_team_operations_need_postgresql_and_a_team(tmp_path, pg_cluster, team_db):
    with Project.create(tmp_path / "solo.qcp") as solo:
        assert not solo.team.is_team and solo.team.me is None
        with pytest.raises(TeamError, match="team projects live on PostgreSQL"):
            solo.team.init("Lena")
    with Project.create(pg_cluster.url(team_db)) as p:
        with pytest.raises(TeamError, match="not a team project yet"):
            p.team.add("Bob")
        p.team.init("Lena", password="x")
        with pytest.raises(TeamError, match="already a team project"):
            p.team.init("Lena")
