"""`quotecoder memos`, `quotecoder history` and `quotecoder docs ... delete` end to end."""

from __future__ import annotations

import pytest

MEMO_KEYS = {"id", "target", "target_id", "coder", "text", "created", "modified"}
HISTORY_KEYS = {"id", "when", "coder", "action", "entity", "entity_id", "detail"}


def _corpus(qc, proj, tmp_path):
    (tmp_path / "a.txt").write_text('The President said: "We will win." Then he left.\n', encoding="utf-8")
    assert qc("import", proj, tmp_path / "a.txt")[0] == 0
    assert qc("coders", proj, "add", "Ann")[0] == 0
    assert qc("codes", proj, "add", "Economy/Jobs")[0] == 0
    code, out, err = qc("code", proj, "--doc", 1, "--code", "Economy/Jobs", "--coder", "Ann", "--start", 4, "--end", 13)
    assert code == 0, err
    return int(out)


def test_memos_add_and_list_on_every_target(qc, proj, tmp_path):
    coding = _corpus(qc, proj, tmp_path)
    assert qc("memos", proj, "add", "--project", "--text", "Plan the coding.", "--coder", "Ann")[0] == 0
    assert qc("memos", proj, "add", "--document", 1, "--text", "Check the date.")[0] == 0
    assert qc("memos", proj, "add", "--code", "Economy/Jobs", "--text", "=Broad code")[0] == 0
    code, out, _ = qc("memos", proj, "add", "--coding", coding, "--text", "A slogan.")
    assert code == 0 and f"coding {coding}" in out
    rows = qc.json("memos", proj, "list", "--json")
    assert all(set(r) == MEMO_KEYS for r in rows)
    got = {r["target"]: (r["target_id"], r["coder"], r["text"]) for r in rows}
    assert got == {
        "project": (None, "Ann", "Plan the coding."), "document": (1, None, "Check the date."),
        "code": (2, None, "=Broad code"), "coding": (coding, "Ann", "A slogan."),
    }
    assert all(r["created"] and r["modified"] for r in rows)
    _, table, _ = qc("memos", proj, "list")
    assert "Check the date." in table and "TARGET" in table


def test_memos_add_refuses_bad_input_with_one_line(qc, proj, tmp_path):
    coding = _corpus(qc, proj, tmp_path)
    cases = [
        (("--document", 9, "--text", "x"), "no document with id 9"),
        (("--code", "Nope", "--text", "x"), "Nope"),
        (("--coding", 99, "--text", "x"), "no coding with id 99"),
        (("--project", "--text", "   "), "memo is empty"),
        (("--project", "--text", "x", "--coder", "Zed"), "Zed"),
    ]
    for args, message in cases:
        code, _, err = qc("memos", proj, "add", *args)
        assert code == 1 and message in err and len(err.strip().splitlines()) == 1, err
    assert qc("memos", proj, "add", "--coding", coding, "--text", "first")[0] == 0
    code, _, err = qc("memos", proj, "add", "--coding", coding, "--text", "second")
    assert code == 1 and "already has a memo" in err
    assert [r["text"] for r in qc.json("memos", proj, "list", "--json")] == ["first"]


def test_history_lists_newest_first_with_limit(qc, proj, tmp_path):
    coding = _corpus(qc, proj, tmp_path)
    rows = qc.json("history", proj, "--json")
    assert all(set(r) == HISTORY_KEYS for r in rows)
    assert [(r["action"], r["entity"]) for r in rows] == [
        ("add", "coding"), ("add", "code"), ("add", "code"), ("add", "coder"), ("import", "document"),
    ]
    newest = qc.json("history", proj, "--json", "--limit", 1)
    assert len(newest) == 1 and newest[0]["coder"] == "Ann" and newest[0]["entity_id"] == coding
    assert newest[0]["detail"]["document_id"] == 1
    with pytest.raises(SystemExit) as usage:
        qc("history", proj, "--limit", "0")
    assert usage.value.code == 2 and "1 or more" in qc.capsys.readouterr().err


def test_docs_delete_needs_yes_and_counts_the_codings(qc, proj, tmp_path):
    _corpus(qc, proj, tmp_path)
    code, _, err = qc("docs", proj, "delete", 1)
    assert code == 1 and "1 coding(s) (1 by Ann)" in err and "--yes" in err
    assert len(qc.json("docs", proj, "--json")) == 1
    code, out, _ = qc("docs", proj, "delete", 1, "--yes")
    assert code == 0 and "1 coding(s)" in out
    assert qc.json("docs", proj, "--json") == []
    assert qc.json("segments", proj, "--json") == []
    code, _, err = qc("docs", proj, "delete", 1, "--yes")
    assert code == 1 and "no document with id 1" in err
