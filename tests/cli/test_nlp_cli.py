"""quotecoder nlp / quotes / kwic end to end, with the JSON contract of quotes."""

from __future__ import annotations

from app.cli.nlp import QUOTE_KEYS

TEXT = (
    "President Tokayev opened the session in Astana.\n\n"
    "“We have done a lot together over these years,” Tokayev said. “However, time does not stand still.”\n\n"
    "The reform of the tax system continues, he noted."
)


def _project_with_text(qc, proj, tmp_path):
    src = tmp_path / "speech.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert qc("import", proj, src, "--language", "en")[0] == 0
    return src


def test_nlp_then_quotes_json_contract(qc, proj, tmp_path):
    _project_with_text(qc, proj, tmp_path)
    code, out, err = qc("nlp", proj, "--pipeline", "blank")
    assert code == 0, err
    assert "1 documents processed" in out and "blank:en" in out
    assert "1/1" in err  # progress goes to stderr
    quotes = qc.json("quotes", proj, "--json")
    assert quotes and all(tuple(q) == QUOTE_KEYS for q in quotes)
    first = quotes[0]
    assert first["kind"] == "direct"
    assert first["text"].startswith("We have done a lot together")
    assert "“" not in first["text"]
    assert TEXT[first["start"]:first["end"]] == first["text"]
    assert first["speaker"] == "Tokayev"
    assert TEXT[first["speaker_start"]:first["speaker_end"]] == "Tokayev"
    assert 0 < first["confidence"] <= 1
    assert qc.json("quotes", proj, "--doc", 1, "--json") == quotes


def test_second_run_skips_and_unknown_pipeline_fails_cleanly(qc, proj, tmp_path):
    _project_with_text(qc, proj, tmp_path)
    assert qc("nlp", proj, "--pipeline", "blank")[0] == 0
    code, out, _ = qc("nlp", proj, "--pipeline", "blank")
    assert code == 0 and "0 documents processed, 1 already up to date" in out
    code, _, err = qc("nlp", proj, "--pipeline", "xx_no_such_pipeline")
    assert code == 1 and "not installed" in err and "Traceback" not in err


def test_quotes_for_an_unknown_document_is_an_error(qc, proj, tmp_path):
    _project_with_text(qc, proj, tmp_path)
    code, _, err = qc("quotes", proj, "--doc", 99)
    assert code == 1 and "99" in err


def test_kwic_json_and_table(qc, proj, tmp_path):
    _project_with_text(qc, proj, tmp_path)
    rows = qc.json("kwic", proj, "tax system", "--json")
    assert len(rows) == 1
    row = rows[0]
    assert row["keyword"] == "tax system" and row["title"] == "President Tokayev opened the session in Astana."
    assert TEXT[row["start"]:row["end"]] == "tax system"
    assert row["left"].endswith("The reform of the ") and row["right"].startswith(" continues")
    code, out, _ = qc("kwic", proj, "Tokayev")
    assert code == 0 and out.count("Tokayev") >= 2
    assert qc.json("kwic", proj, "pension", "--json") == []


def test_kwic_lemma_finds_inflections(qc, proj, tmp_path):
    _project_with_text(qc, proj, tmp_path)
    rows = qc.json("kwic", proj, "say", "--lemma", "--json")
    assert [r["keyword"] for r in rows] == ["said"]


def test_speaker_correction_from_the_command_line_survives_a_rerun(qc, proj, tmp_path):
    _project_with_text(qc, proj, tmp_path)
    assert qc("nlp", proj, "--pipeline", "blank")[0] == 0
    first = qc.json("quotes", proj, "--json")[0]
    code, out, err = qc("speaker", proj, first["id"], "Kassym-Jomart Tokayev")
    assert code == 0, err
    assert "Kassym-Jomart Tokayev (corrected)" in out
    assert qc("nlp", proj, "--pipeline", "blank")[0] == 0  # up to date: nothing redone
    again = [q for q in qc.json("quotes", proj, "--json") if q["start"] == first["start"]][0]
    assert (again["speaker"], again["corrected"], again["confidence"]) == ("Kassym-Jomart Tokayev", True, 1.0)
    checks = qc.json("quotes", proj, "--check", "--json")
    assert all(q["confidence"] < 0.8 and not q["corrected"] for q in checks)
    code, out, err = qc("speaker", proj, 9999, "Nobody")
    assert code == 1 and "no quote with id 9999" in err and "Traceback" not in err
    code, out, err = qc("speaker", proj, first["id"], "--clear")
    assert code == 0 and "detected" in out
