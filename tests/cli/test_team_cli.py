"""``quotecoder team ...`` end to end on a private scram-sha-256 PostgreSQL cluster."""

from __future__ import annotations

import io
import json

import pytest

pytestmark = pytest.mark.pg


def test_team_commands_end_to_end(qc, pg_cluster, team_db, monkeypatch, tmp_path):
    url = pg_cluster.url(team_db)
    monkeypatch.setattr("sys.stdin", io.StringIO("lena-pw\n"))
    lead = qc.json("team", "init", url, "--lead", "Lena", "--password-stdin", "--json")
    assert lead == {"coder": "Lena", "role": "lead", "login": f"{team_db}_lena",
                    "url": f"postgresql://{team_db}_lena@127.0.0.1:{pg_cluster.port}/{team_db}"}

    monkeypatch.setattr("sys.stdin", io.StringIO("bob-pw\n"))
    code, out, err = qc("team", "add", url, "Bob", "--password-stdin", "--json")
    assert code == 0, err
    assert json.loads(out) == {"coder": "Bob", "role": "coder", "login": f"{team_db}_bob",
                               "url": f"postgresql://{team_db}_bob@127.0.0.1:{pg_cluster.port}/{team_db}"}
    code, out, err = qc("team", "add", url, "Cora", "--role", "adjudicator")
    assert code == 0 and f"postgresql://{team_db}_cora@" in out
    assert "password for" in err  # generated, shown once on stderr
    cora_pw = err.split("password for ", 1)[1].split(": ", 1)[1].split(" ", 1)[0]

    lena_url = pg_cluster.url(team_db, f"{team_db}_lena", "lena-pw")
    bob_url = pg_cluster.url(team_db, f"{team_db}_bob", "bob-pw")
    assert qc.json("team", "list", lena_url, "--json") == [
        {"coder": "Bob", "role": "coder", "login": f"{team_db}_bob"},
        {"coder": "Cora", "role": "adjudicator", "login": f"{team_db}_cora"},
        {"coder": "Lena", "role": "lead", "login": f"{team_db}_lena"},
    ]
    assert qc("team", "role", lena_url, "Cora", "coder")[0] == 0
    assert qc.json("team", "list", url, "--json")[1]["role"] == "coder"

    # The lead builds the codebook and imports; a coder codes as themself only.
    doc = tmp_path / "speech.txt"
    doc.write_text("The minister said the reform would start in spring.", encoding="utf-8")
    assert qc("import", lena_url, doc)[0] == 0
    assert qc("codes", lena_url, "add", "Reform")[0] == 0
    code, out, err = qc("code", bob_url, "--doc", 1, "--code", "Reform", "--coder", "Bob", "--start", 4, "--end", 12)
    assert code == 0, err
    code, out, err = qc("code", bob_url, "--doc", 1, "--code", "Reform", "--coder", "Cora", "--start", 4, "--end", 12)
    assert code == 1 and "you code as Bob, not as Cora" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1

    code, out, err = qc("codes", bob_url, "add", "Sneaky")
    assert code == 1 and "only leads may change the codebook" in err
    code, out, err = qc("team", "add", bob_url, "Eve")
    assert code == 1 and "refused" in err and "Traceback" not in err
    code, out, err = qc("team", "blind", bob_url, "on")
    assert code == 1 and "only leads" in err

    assert qc("team", "blind", lena_url, "on")[0] == 0
    cora_url = pg_cluster.url(team_db, f"{team_db}_cora", cora_pw)
    assert qc.json("segments", cora_url, "--json") == []  # blind: Bob's coding is hidden from Cora
    assert len(qc.json("segments", lena_url, "--json")) == 1
    assert qc("team", "blind", lena_url, "off")[0] == 0
    assert len(qc.json("segments", cora_url, "--json")) == 1


def test_team_errors_are_one_line(qc, proj, pg_cluster, team_db):
    code, out, err = qc("team", "init", proj, "--lead", "Lena")
    assert code == 1 and "team projects live on PostgreSQL" in err
    url = pg_cluster.url(team_db)
    code, out, err = qc("team", "add", url, "Bob")
    assert code == 1 and "is not a Quotecoder project" in err
    assert qc("init", url)[0] == 0
    code, out, err = qc("team", "list", url)
    assert code == 1 and "not a team project yet" in err
    with pytest.raises(SystemExit) as exited:  # argparse: invalid choice
        qc("team", "role", url, "Bob", "boss")
    assert exited.value.code == 2
    code, out, err = qc("team", "init", pg_cluster.url(team_db, "postgres", "wrong"), "--lead", "Lena")
    assert code == 1 and "password authentication failed" in err and "Traceback" not in err
