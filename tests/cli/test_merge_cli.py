"""``quotecoder merge``: the --json contract, a backup of a SQLite target, clear errors."""

from __future__ import annotations

import shutil


def test_merge_json_contract_and_backup(qc, proj, tmp_path):
    doc = tmp_path / "speech.txt"
    doc.write_text("Hello world, said the mayor.", encoding="utf-8")
    assert qc("import", proj, doc)[0] == 0
    assert qc("codes", proj, "add", "Economy")[0] == 0
    assert qc("coders", proj, "add", "Alice")[0] == 0
    copy = tmp_path / "alice.qcp"
    shutil.copy(proj, copy)
    assert qc("coders", copy, "add", "Bob")[0] == 0
    assert qc("code", copy, "--doc", "1", "--code", "Economy", "--start", "0", "--end", "5", "--coder", "Bob")[0] == 0
    result = qc.json("merge", proj, copy, "--json")
    assert result == {"documents_added": 0, "documents_matched": 1, "codes_added": 0, "coders_added": 1,
                      "codings_added": 1, "codings_skipped": 0, "memos_added": 0, "conflicts": []}
    assert list(tmp_path.glob("study.qcp.before-merge-*.bak"))
    again = qc.json("merge", proj, copy, "--json")
    assert again["codings_added"] == 0 and again["codings_skipped"] == 1 and again["coders_added"] == 0


def test_merge_refuses_a_missing_source_in_one_line(qc, proj, tmp_path):
    code, out, err = qc("merge", proj, tmp_path / "nowhere.qcp")
    assert code == 1 and "Traceback" not in err
    assert err.startswith("quotecoder: error:") and "does not exist" in err
