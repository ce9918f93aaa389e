"""Both annotated quote sets are self-consistent, and the evaluation script runs on a slice of each.

No tuned thresholds are asserted here (they would flake as rules change); the figures are
reported in docs/nlp.md by ``python -m bench.eval_quotes``.
"""

import hashlib
import json

import pytest

from bench.eval_quotes import CORPUS, GOLD, HELDOUT, KINDS, evaluate_full, load_gold, report, same_speaker

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")


@pytest.mark.parametrize("directory, minimum", [(GOLD, 8), (HELDOUT, 15)])
def test_annotations_match_the_corpus_text(directory, minimum):
    files = sorted(directory.glob("*.json"))
    assert len(files) >= minimum
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = (CORPUS / data["file"]).read_text(encoding="utf-8")
        assert hashlib.sha256(text.encode()).hexdigest() == data["sha256"], path.name
        previous = None
        for q in data["quotes"]:
            assert text[q["start"] : q["end"]] == q["text"], (path.name, q["text"][:40])
            assert q["kind"] in ("direct", "indirect", "reported", "turn")
            assert q["text"] == q["text"].strip()
            if previous is not None:
                assert q["start"] >= previous["start"], ("gold quotes out of order", path.name, q["text"][:40])
                # Only a quoted fragment may sit inside a reported clause ("… as an "economic game changer"").
                nested = q.get("fragment") and previous["kind"] == "reported" and q["end"] <= previous["end"]
                assert q["start"] >= previous["end"] or nested, ("gold quotes overlap", path.name, q["text"][:40])
            if previous is None or q["start"] >= previous["end"]:
                previous = q


def test_held_out_set_is_apart_from_the_tuned_set():
    tuned = {json.loads(p.read_text(encoding="utf-8"))["file"] for p in GOLD.glob("*.json")}
    held = [json.loads(p.read_text(encoding="utf-8")) for p in HELDOUT.glob("*.json")]
    assert not tuned & {d["file"] for d in held}
    assert sum(len(d["quotes"]) for d in held) >= 150


def test_evaluation_runs_on_a_slice_of_both_sets():
    for directory in (GOLD, HELDOUT):
        docs = load_gold(directory, limit=2)
        ev = evaluate_full("blank", docs)
        total = ev.by_kind["all"]
        assert total.gold == sum(len(d.quotes) for d in docs)
        assert sum(ev.by_kind[k].gold for k in KINDS) == total.gold
        for s in ev.by_kind.values():
            assert s.matched <= min(s.gold, s.predicted) and s.attributed <= s.matched
            assert 0.0 <= s.f1 <= 1.0
    assert "| blank | all | all |" in report(["blank"], ("tuned",), limit=1)


def test_speaker_match_uses_aliases_accents_and_last_names():
    assert same_speaker("Erdogan", "Recep Tayyip Erdoğan")
    assert same_speaker("SDF", "Syrian Democratic Forces", ["SDF"])
    assert not same_speaker("Reuters", "Anna Franowska")
    assert same_speaker(None, None) and not same_speaker("Someone", None)
