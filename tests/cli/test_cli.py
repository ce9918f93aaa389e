"""The CLI end to end: commands, JSON keys (a contract), exit codes, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.assets import resource

SEED = Path(str(resource("demo", "000_77d7894f4c471d5e.txt")))


def test_a_whole_session(qc, proj, tmp_path):
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes("Первая строка\r\nвторая 😀\r\n".encode("utf-16"))
    result = qc.json("import", proj, SEED, crlf, tmp_path / "missing.txt", "--json")
    assert [r["status"] for r in result] == ["imported", "imported", "failed"]
    assert set(result[0]) >= {"path", "status", "document_id", "title", "error"}
    assert result[2]["error"] == "no such file or folder"

    again = qc.json("import", proj, SEED, "--json")
    assert again[0]["status"] == "duplicate" and again[0]["document_id"] == result[0]["document_id"]

    docs = qc.json("docs", proj, "--json")
    assert set(docs[0]) >= {"id", "uuid", "title", "date", "source", "outlet", "author", "language", "length", "attributes"}
    assert docs[1]["length"] == len("Первая строка\nвторая 😀\n")

    assert qc("codes", proj, "add", "Politics/Constitutional reform", "--color", "#117733")[0] == 0
    codes = qc.json("codes", proj, "list", "--json")
    assert [(c["path"], c["parent"]) for c in codes] == [
        ("Politics", None), ("Politics/Constitutional reform", "Politics")
    ]
    assert set(codes[0]) == {"id", "path", "name", "parent", "color", "description", "codings"}
    assert codes[1]["color"] == "#117733"

    assert qc("coders", proj, "add", "Aigerim")[0] == 0
    coders = qc.json("coders", proj, "list", "--json")
    assert coders == [{"id": 1, "name": "Aigerim", "color": coders[0]["color"], "consensus": False}]

    doc2 = docs[1]["id"]
    code, out, err = qc("code", proj, "--doc", doc2, "--code", "Politics/Constitutional reform",
                        "--coder", "Aigerim", "--start", 14, "--end", 22, "--memo", "emoji inside")
    assert code == 0 and out.strip().isdigit()

    segments = qc.json("segments", proj, "--json", "--code", "Politics/Constitutional reform")
    assert segments == [{
        "id": int(out), "document_id": doc2, "document_title": "Первая строка", "coder": "Aigerim",
        "code": "Politics/Constitutional reform", "start": 14, "end": 22, "text": "вторая 😀", "memo": "emoji inside",
    }]
    code, out, _ = qc("segments", proj, "--csv")
    assert out.splitlines()[0] == "id,document_id,document_title,coder,code,start,end,text,memo"


@pytest.mark.parametrize("args,message", [
    (["--doc", "1", "--code", "Nope", "--coder", "A", "--start", "0", "--end", "4"], "there is no code 'Nope'"),
    (["--doc", "1", "--code", "C", "--coder", "Nobody", "--start", "0", "--end", "4"], "there is no coder named 'Nobody'"),
    (["--doc", "1", "--code", "C", "--coder", "A", "--start", "0", "--end", "99999"], "past the end"),
    (["--doc", "7", "--code", "C", "--coder", "A", "--start", "0", "--end", "4"], "no document with id 7"),
])
def test_bad_codings_fail_with_one_line_and_change_nothing(qc, proj, args, message):
    qc("import", proj, SEED)
    qc("codes", proj, "add", "C")
    qc("coders", proj, "add", "A")
    code, out, err = qc("code", proj, *args)
    assert code == 1
    assert message in err and len(err.strip().splitlines()) == 1
    assert qc.json("segments", proj, "--json") == []


def test_import_codings_is_all_or_nothing(qc, proj, tmp_path):
    qc("import", proj, SEED)
    good = tmp_path / "good.csv"
    good.write_text("document,coder,code,start,end,memo\n1,Ann,Themes/Justice,0,10,first\n"
                    "President Kassym-Jomart Tokayev participates in the XXIII Congress of the Amanat party,"
                    "Bob,Themes/Justice,12,20,\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("document,coder,code,start,end\n1,Cy,New,0,5\n1,Cy,New,5,3\n", encoding="utf-8")
    code, out, err = qc("import-codings", proj, bad)
    assert code == 1 and "row 3" in err
    assert qc.json("coders", proj, "list", "--json") == []
    assert qc("import-codings", proj, good)[1].strip() == "imported 2 coding(s)"
    assert [s["coder"] for s in qc.json("segments", proj, "--json")] == ["Ann", "Bob"]


@pytest.mark.parametrize("make_target,message", [
    (lambda d: d / "missing.qcp", "does not exist"),
    (lambda d: d, "is a folder"),
    (lambda d: (d / "notes.qcp").write_text("hello") and d / "notes.qcp", "not a Quotecoder project"),
    (lambda d: "postgresql://nobody@127.0.0.1:1/x", "cannot connect"),
])
def test_bad_projects_fail_with_one_sentence(qc, tmp_path, make_target, message):
    code, out, err = qc("docs", make_target(tmp_path))
    assert code == 1 and message in err and "Traceback" not in err


def test_only_init_creates_projects(qc, tmp_path):
    target = tmp_path / "new.qcp"
    assert qc("coders", target, "list")[0] == 1
    assert not target.exists()
    assert qc("init", target)[0] == 0
    code, _, err = qc("init", target)
    assert code == 1 and "already exists" in err


def test_usage_errors_exit_2_through_the_console_script(tmp_path):
    result = subprocess.run([sys.executable, "-m", "app", "code", str(tmp_path / "p.qcp")],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "required" in result.stderr
    result = subprocess.run([sys.executable, "-m", "app", "docs", str(tmp_path / "p.qcp")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("quotecoder: error:") and "Traceback" not in result.stderr
