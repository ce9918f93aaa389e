"""Code suggestions from patterns, and keyword-in-context rows."""

from app.core.nlp.kwic import kwic
from app.core.nlp.pipelines import load_pipeline
from app.core.nlp.suggest import build_matcher, suggest
from app.core.nlp.types import SuggestionPattern

TEXT = "Social justice matters. Injustices happen. A Just Kazakhstan needs fairness, he said."
PATTERNS = [
    SuggestionPattern("SJ", "social justice"),
    SuggestionPattern("SJ", "injustice", lemma=True),
    SuggestionPattern("SJ", "Just Kazakhstan"),
    SuggestionPattern("FAIR", "fairness"),
]


def _suggestions(pipeline, excluded=()):
    nlp, _ = load_pipeline("en", pipeline)
    return suggest(nlp(TEXT), build_matcher(nlp, PATTERNS), excluded)


def test_phrases_match_case_insensitively_and_lemmas_match_inflections(pipeline):
    got = [(s.code_key, TEXT[s.start : s.end], s.matched_pattern) for s in _suggestions(pipeline)]
    assert got == [
        ("SJ", "Social justice", "social justice"),
        ("SJ", "Injustices", "injustice"),
        ("SJ", "Just Kazakhstan", "Just Kazakhstan"),
        ("FAIR", "fairness", "fairness"),
    ]


def test_suggestions_inside_excluded_spans_are_dropped(pipeline):
    got = [TEXT[s.start : s.end] for s in _suggestions(pipeline, excluded=[(0, 23)])]
    assert "Social justice" not in got and "fairness" in got


def test_kwic_rows_for_a_phrase_with_context_inside_the_paragraph():
    docs = [("d1", "First para.\n\nThe social   justice agenda matters a lot.\n\nOther."), ("d2", "No match.")]
    [row] = kwic(docs, "Social Justice", width=8)
    assert (row.doc_id, row.keyword, row.left, row.right) == ("d1", "social   justice", "The ", " agenda ")
    assert docs[0][1][row.start : row.end] == row.keyword


def test_kwic_whole_words_only_and_plain_strings_get_index_ids():
    rows = kwic(["justice and injustice", "Justice!"], "justice")
    assert [(r.doc_id, r.start) for r in rows] == [(0, 0), (1, 0)]


def test_kwic_by_lemma_finds_inflected_forms(pipeline):
    rows = kwic([("a", "He said it. She says so. They were saying.")], "say", lemma=True, pipeline=pipeline)
    assert [r.keyword for r in rows] == ["said", "says", "saying"]
