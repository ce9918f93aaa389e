"""The hand-annotated quote set is self-consistent, and detection on it stays above a floor."""

import json

import pytest

from bench.eval_quotes import CORPUS, GOLD, evaluate, load_gold

from .conftest import TRAINED

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")


def test_annotations_match_the_corpus_text():
    import hashlib

    files = sorted(GOLD.glob("*.json"))
    assert len(files) >= 8
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = (CORPUS / data["file"]).read_text(encoding="utf-8")
        assert hashlib.sha256(text.encode()).hexdigest() == data["sha256"], path.name
        previous_end = -1
        for q in data["quotes"]:
            assert text[q["start"] : q["end"]] == q["text"], (path.name, q["text"][:40])
            assert q["kind"] in ("direct", "indirect")
            assert q["start"] >= previous_end, "gold quotes overlap or are out of order"
            assert q["text"] == q["text"].strip()
            previous_end = q["end"]


# Floors set a little below the measured figures (see docs/bench/nlp.md), as a regression guard.
FLOORS = {
    "blank": {"direct": (0.95, 0.95, 0.70), "all": (0.95, 0.65, 0.55)},
    "trained": {"direct": (0.95, 0.95, 0.70), "all": (0.90, 0.80, 0.65)},
}


@pytest.mark.parametrize("which", ["blank", "trained"])
def test_detection_and_attribution_stay_above_floor(which):
    if which == "trained" and not TRAINED:
        pytest.skip("no trained English pipeline installed")
    scores = evaluate("blank" if which == "blank" else TRAINED[0], load_gold())
    for kind, (precision, recall, attribution) in FLOORS[which].items():
        s = scores[kind]
        assert s.precision >= precision and s.recall >= recall, (kind, s)
        assert s.attribution_recall >= attribution, (kind, s)
