"""A real team project (private scram-sha-256 cluster): a coder opens it through File › Open Team Project…,
the status bar says who and in which phase, and teammates' commits arrive live, as far as RLS lets them."""

from __future__ import annotations

import pytest
from pg_cluster import pg_cluster, team_db  # noqa: F401  (fixtures)
from PySide6.QtCore import QTimer

from app.core.importers import ImportedDocument
from app.gui.mainwindow import MainWindow
from app.gui.workspace import ViewMode
from app.project import Project

pytestmark = pytest.mark.pg
WAIT_MS = 3000
PASSWORDS = {"Lena": "lena-secret", "Bob": "bob-secret", "Cora": "cora-secret"}


@pytest.fixture
def team(pg_cluster, team_db):  # noqa: F811
    """Lead Lena, coders Bob and Cora, one document and one code; the URLs each one connects with."""
    with Project.create(pg_cluster.url(team_db)) as admin:
        logins = {"Lena": admin.team.init("Lena", password=PASSWORDS["Lena"]).login}
        for name in ("Bob", "Cora"):
            logins[name] = admin.team.add(name, "coder", password=PASSWORDS[name]).login
    urls = {name: pg_cluster.url(team_db, login, PASSWORDS[name]) for name, login in logins.items()}
    with Project.open(urls["Lena"]) as lena:
        doc = lena.documents.add(ImportedDocument(text="The minister said the reform would start in spring.",
                                                  title="Reform", importer="test", source_name="r.txt",
                                                  file_hash="0" * 64)).id
        code = lena.codebook.add("Reform").id
    return {"cluster": pg_cluster, "database": team_db, "logins": logins, "urls": urls, "doc": doc, "code": code}


def _open_as(qtbot, team, name: str) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()

    def fill() -> None:
        d = w.team.dialog
        d.host.setText(team["cluster"].host)
        d.port.setValue(team["cluster"].port)
        d.database.setText(team["database"])
        d.user.setText(team["logins"][name])
        d.password.setText(PASSWORDS[name])
        d.accept()

    QTimer.singleShot(0, fill)
    assert w.team.open_dialog() is True  # no "Who is coding?" dialog: the login decides
    return w


def test_the_status_bar_names_database_host_coder_role_and_blind_phase(qtbot, team):
    with Project.open(team["urls"]["Lena"]) as lena:
        lena.team.set_blind(True)
    w = _open_as(qtbot, team, "Bob")
    assert w.ws.coder_name == "Bob"
    label = w.team.team_label
    assert label.isVisible()
    assert label.text() == f"Team: {team['database']}@{team['cluster'].host} · Bob (coder) · blind"
    w.close()


def test_a_coder_sees_a_teammates_coding_the_leads_rename_and_the_blind_phase_live(qtbot, team):
    w = _open_as(qtbot, team, "Bob")
    w.set_view(ViewMode.ALL)
    doc, code = team["doc"], team["code"]
    with Project.open(team["urls"]["Cora"]) as cora:
        seen = cora.codings.add(doc, code, cora.team.me.coder_id, 4, 12).id
    qtbot.waitUntil(lambda: seen in {h.id for h in w.view.reader.index.items}, timeout=WAIT_MS)
    with Project.open(team["urls"]["Lena"]) as lena:
        lena.codebook.rename(code, "Reform timing")
        lena.team.set_blind(True)
    qtbot.waitUntil(lambda: w.view.codebook.model.index_of(code).data() == "Reform timing", timeout=WAIT_MS)
    # The blind phase switched by the lead: Bob's window re-reads under RLS and says so.
    qtbot.waitUntil(lambda: w.team.team_label.text().endswith(" · blind"), timeout=WAIT_MS)
    assert seen not in {h.id for h in w.view.reader.index.items}
    before = w.team.live.applied
    with Project.open(team["urls"]["Cora"]) as cora:
        hidden = cora.codings.add(doc, code, cora.team.me.coder_id, 18, 24).id
    # The notification arrives and is applied, but Bob's login may not read Cora's row now: it never shows.
    qtbot.waitUntil(lambda: w.team.live.applied > before, timeout=WAIT_MS)
    assert hidden not in {h.id for h in w.view.reader.index.items}
    w.close()


def test_a_remembered_team_project_asks_for_the_password_again_with_the_rest_filled_in(qtbot, team):
    first = _open_as(qtbot, team, "Bob")
    first.close()
    from app.gui.dialogs.team_open import recent_team_projects

    remembered = recent_team_projects()[0]
    assert PASSWORDS["Bob"] not in remembered
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    asked = []

    def answer() -> None:
        d = w.team.dialog
        asked.append((d.host.text(), d.port.value(), d.database.text(), d.user.text(), d.password.text()))
        d.password.setText(PASSWORDS["Bob"])
        d.accept()

    QTimer.singleShot(0, answer)
    assert w.team.reopen(remembered) is True
    assert asked == [(team["cluster"].host, team["cluster"].port, team["database"], team["logins"]["Bob"], "")]
    assert w.ws.coder_name == "Bob"
    w.close()
