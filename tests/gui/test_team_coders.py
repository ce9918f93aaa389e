"""Team › Coders…: a lead adds a coder, sets a role and switches the blind phase; a coder is refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.gui.team_coders import TeamCodersDialog
from app.project import Project

pytestmark = pytest.mark.pg


@pytest.fixture
def lead_url(pg_cluster, team_db):
    with Project.create(pg_cluster.url(team_db)) as admin:
        lead = admin.team.init("Lena", password="lena-pw")
        admin.team.add("Bob", password="bob-pw")
    return pg_cluster.url(team_db, lead.login, "lena-pw")


def test_lead_manages_the_team_in_the_dialog(qtbot, qtmodeltester, lead_url, pg_cluster, team_db):
    with Project.open(lead_url) as lena:
        dialog = TeamCodersDialog(lena)
        qtbot.addWidget(dialog)
        qtmodeltester.check(dialog.model)
        assert [m.coder for m in dialog.model.members] == ["Bob", "Lena"]

        qtbot.keyClicks(dialog.name, "Cora")
        dialog.new_role.setCurrentText("adjudicator")
        qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
        assert [m.coder for m in dialog.model.members] == ["Bob", "Cora", "Lena"]
        assert "Password (shown once)" in dialog.message.text()
        assert lena.team.member("Cora").role == "adjudicator"

        dialog.table.selectRow(0)
        dialog.role.setCurrentText("adjudicator")
        qtbot.mouseClick(dialog.role_button, Qt.LeftButton)
        assert lena.team.member("Bob").role == "adjudicator"
        assert dialog.model.data(dialog.model.index(0, 1)) == "adjudicator"

        dialog.blind.click()
        assert lena.team.blind


def test_a_coder_sees_the_refusal_in_the_dialog(qtbot, lead_url, pg_cluster, team_db):
    with Project.open(pg_cluster.url(team_db, f"{team_db}_bob", "bob-pw")) as bob:
        dialog = TeamCodersDialog(bob)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.name, "Eve")
        qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
        assert "refused" in dialog.message.text()
        dialog.blind.click()
        assert not dialog.blind.isChecked() and "only leads" in dialog.message.text()
        assert [m.coder for m in bob.team.list()] == ["Bob", "Lena"]
        assert not bob.team.blind
