"""Span agreement: canonical spans, count tables, units, unitizing alpha, segments, report."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.agreement.generic import cohen_kappa, fleiss_kappa, gwet_ac1, krippendorff_alpha, percent_agreement
from app.core.agreement.report import AgreementCancelled, agreement_report
from app.core.agreement.segments import disagreement_regions, match_segments
from app.core.agreement.spans import build_study, character_tables, merge_spans
from app.core.agreement.unitizing import unitizing_alpha
from app.core.agreement.units import unit_tables
from app.core.text import SpanError


def test_merge_spans_merges_overlapping_and_touching_spans_per_key():
    keys, starts, ends = merge_spans([0, 0, 0, 1, 0], [10, 0, 5, 3, 20], [12, 5, 8, 4, 25])
    assert list(zip(keys, starts, ends)) == [(0, 0, 8), (0, 10, 12), (0, 20, 25), (1, 3, 4)]


def test_coding_the_same_words_twice_counts_once():
    once = build_study([1], {1: 20}, {"A": [(1, "x", 2, 9)], "B": [(1, "x", 2, 9)]})
    twice = build_study([1], {1: 20}, {"A": [(1, "x", 2, 6), (1, "x", 6, 9), (1, "x", 3, 5)],
                                       "B": [(1, "x", 2, 9)]})
    assert (character_tables(once).k_counts == character_tables(twice).k_counts).all()
    assert agreement_report(twice).codes[0].krippendorff_alpha == 1.0


def test_spans_that_do_not_fit_are_refused():
    with pytest.raises(SpanError):
        build_study([1], {1: 10}, {"A": [(1, "x", 5, 11)], "B": []})


def _brute(study_input, excluded):
    """Per code, the complete 0/1 coders x characters matrix over all chosen documents."""
    lengths, codings, docs, codes = study_input
    out = {}
    for code in codes:
        columns = []
        for d in sorted(docs):
            cov = np.zeros((len(codings), lengths[d]), dtype=int)
            for i, name in enumerate(codings):
                for dd, cc, s, e in codings[name]:
                    if dd == d and cc == code:
                        cov[i, s:e] = 1
            keep = np.ones(lengths[d], dtype=bool)
            for s, e in excluded.get(d, []):
                keep[s:e] = False
            columns.append(cov[:, keep])
        out[code] = np.concatenate(columns, axis=1)
    return out


@st.composite
def projects(draw):
    lengths = {d: draw(st.integers(0, 40)) for d in (3, 1, 7)}
    m = draw(st.integers(2, 4))
    codings = {}
    for c in range(m):
        spans = []
        for _ in range(draw(st.integers(0, 6))):
            d = draw(st.sampled_from([d for d in lengths if lengths[d] > 0] or [None]))
            if d is None:
                break
            s = draw(st.integers(0, lengths[d] - 1))
            e = draw(st.integers(s + 1, lengths[d]))
            spans.append((d, draw(st.sampled_from("xy")), s, e))
        codings[f"C{c}"] = spans
    excluded = {}
    if lengths[1] > 3 and draw(st.booleans()):
        excluded[1] = [(1, lengths[1] // 2)]
    return lengths, codings, excluded


@settings(max_examples=120, deadline=None)
@given(projects())
def test_character_report_equals_statistics_on_the_expanded_character_matrix(project):
    lengths, codings, excluded = project
    study = build_study(lengths, lengths, codings, codes=["x", "y"], excluded=excluded)
    report = agreement_report(study)
    brute = _brute((lengths, codings, lengths, ["x", "y"]), excluded)
    for result in report.codes:
        data = brute[result.code].tolist()
        assert result.units == len(data[0])
        if not data[0]:
            assert result.krippendorff_alpha is None and result.percent_agreement is None
            continue
        assert result.percent_agreement == pytest.approx(percent_agreement(data))
        for got, expected in [
            (result.krippendorff_alpha, krippendorff_alpha(data)),
            (result.fleiss_kappa, fleiss_kappa(data)),
            (result.gwet_ac1, gwet_ac1(data, categories=2)),
            (result.cohen_kappa, cohen_kappa(data) if len(data) == 2 else None),
        ]:
            assert (got is None) == (expected is None)
            if expected is not None:
                assert got == pytest.approx(expected, abs=1e-9)
        assert result.coded_units == {name: sum(row) for name, row in zip(codings, data)}


def test_nobody_coded_anything_gives_undefined_not_perfect_statistics():
    study = build_study([1], {1: 50}, {"A": [], "B": []}, codes=["x"])
    code = agreement_report(study, bootstrap=50, seed=3).codes[0]
    assert code.percent_agreement == 1.0
    assert code.cohen_kappa is None and code.krippendorff_alpha is None
    assert code.fleiss_kappa is None and code.alpha_u is None
    assert code.krippendorff_alpha_ci95 is None
    assert json.loads(json.dumps(agreement_report(study).to_json()))["codes"][0]["cohen_kappa"] is None


def test_sentence_units_need_a_non_space_character_in_the_overlap():
    text = "One two.  Three four. Five."
    sentences = {1: [(0, 8), (10, 21), (22, 27)]}
    codings = {"A": [(1, "x", 0, 3), (1, "x", 8, 10)],  # the second covers only spaces
               "B": [(1, "x", 4, 12)]}  # reaches two letters into sentence 2
    study = build_study([1], {1: len(text)}, codings)
    tables = unit_tables(study, "sentence", {1: text}, sentences)
    assert tables.k_counts[0, 0].tolist() == [1, 1, 1]
    assert tables.coded[0, 0].tolist() == [1, 2]
    with pytest.raises(ValueError, match="unit spans"):
        unit_tables(study, "sentence", {1: text})


def test_paragraph_and_document_units_from_the_text():
    texts = {1: "First para.\n\nSecond para.", 2: "Only one."}
    codings = {"A": [(1, "x", 0, 5), (2, "x", 0, 4)], "B": [(1, "x", 13, 19)]}
    study = build_study([1, 2], {d: len(t) for d, t in texts.items()}, codings)
    para = agreement_report(study, unit="paragraph", texts=texts)
    assert para.unit == "paragraph" and para.codes[0].units == 3
    assert para.codes[0].coded_units == {"A": 2, "B": 1}
    doc = unit_tables(study, "document", texts)
    assert doc.k_counts[0].tolist() == [[0, 0, 1], [0, 1, 0]]


# Krippendorff (2004: 254), as in DKPro Agreement's Krippendorff2004Test.
K2004 = [(0, "c", 225, 295), (0, "c", 370, 400), (1, "c", 220, 300), (1, "c", 355, 375),
         (1, "c", 400, 420), (0, "k", 180, 240), (0, "k", 300, 350), (1, "k", 180, 240),
         (1, "k", 300, 350)]


def test_unitizing_alpha_reproduces_krippendorff_2004():
    result = unitizing_alpha(K2004, n_coders=2, begin=150, length=300)
    c, k = result.per_category["c"], result.per_category["k"]
    assert c.observed == pytest.approx(0.0144, abs=1e-4)
    assert c.expected == pytest.approx(0.0532, abs=1e-4)
    assert c.alpha == pytest.approx(0.7286, abs=1e-4)
    assert k.observed == 0 and k.expected == pytest.approx(0.0490, abs=1e-4)
    assert k.alpha == pytest.approx(1.0)
    # The book's .8591 pools the rounded .0144 / (.0532 + .0490); unrounded it is .8587.
    assert result.alpha == pytest.approx(0.8591, abs=5e-4)
    assert 1 - 0.0144 / (0.0532 + 0.0490) == pytest.approx(0.8591, abs=1e-4)


def test_unitizing_alpha_of_a_study_joins_documents_in_id_order():
    # The 2004 example split over two documents: [150, 300) and [300, 450).
    codings = {"A": [], "B": []}
    for coder, cat, s, e in K2004:
        name = "AB"[coder]
        for doc, lo in ((1, 150), (2, 300)):
            a, b = max(s, lo), min(e, lo + 150)
            if a < b:
                codings[name].append((doc, cat, a - lo, b - lo))
    study = build_study([2, 1], {1: 150, 2: 150}, codings)
    report = agreement_report(study)
    by_code = {c.code: c.alpha_u for c in report.codes}
    # Units cut at the document border become two units, so c differs slightly; k does not.
    assert by_code["k"] == pytest.approx(1.0)
    assert report.documents == (1, 2)
    assert report.overall.alpha_u is not None and 0 < report.overall.alpha_u < 1


def test_segment_matching_uses_the_longer_segment_and_the_threshold():
    codings = {"A": [(1, "x", 0, 100), (1, "x", 200, 300), (2, "x", 0, 10)],
               "B": [(1, "x", 5, 100), (1, "x", 150, 250), (2, "y", 0, 10)]}
    study = build_study([1, 2], {1: 400, 2: 20}, codings)
    result = match_segments(study, "A", "B")
    assert [(m.a.start, m.b.start, m.overlap) for m in result.matched] == [(0, 5, 0.95)]
    assert len(result.only_a) == 2 and len(result.only_b) == 2
    assert result.share_matched == pytest.approx(2 / 6)
    assert len(match_segments(study, "A", "B", threshold=0.96).matched) == 0
    assert len(match_segments(study, "A", "B", threshold=0.5).matched) == 2


def test_disagreement_regions_name_who_coded_and_skip_excluded_text():
    codings = {"A": [(1, "x", 0, 100), (1, "x", 200, 300)], "B": [(1, "x", 5, 100), (1, "x", 150, 250)],
               "C": [(1, "x", 0, 300)]}
    study = build_study([1], {1: 400}, codings, excluded={1: [(260, 270)]})
    regions = [(r.start, r.end, r.coded_by, r.not_coded_by) for r in disagreement_regions(study, "x", 1)]
    assert regions == [
        (0, 5, ("A", "C"), ("B",)),
        (100, 150, ("C",), ("A", "B")),
        (150, 200, ("B", "C"), ("A",)),
        (250, 260, ("A", "C"), ("B",)),
        (270, 300, ("A", "C"), ("B",)),
    ]


def _random_study(seed=5, docs=30):
    rng = np.random.default_rng(seed)
    lengths = {d: int(rng.integers(200, 600)) for d in range(1, docs + 1)}
    codings = {name: [] for name in "ABC"}
    for d, length in lengths.items():
        for name in codings:
            for _ in range(3):
                s = int(rng.integers(0, length - 50))
                codings[name].append((d, str(rng.choice(["p", "q"])), s, s + int(rng.integers(5, 50))))
    return build_study(lengths, lengths, codings)


def test_bootstrap_interval_is_reproducible_and_brackets_alpha():
    study = _random_study()
    a = agreement_report(study, bootstrap=300, seed=42)
    b = agreement_report(study, bootstrap=300, seed=42)
    c = agreement_report(study, bootstrap=300, seed=43)
    for x, y, z in zip(a.codes, b.codes, c.codes):
        assert x.krippendorff_alpha_ci95 == y.krippendorff_alpha_ci95
        assert x.krippendorff_alpha_ci95 != z.krippendorff_alpha_ci95
        lo, hi = x.krippendorff_alpha_ci95
        assert lo < x.krippendorff_alpha < hi
    assert agreement_report(study).codes[0].krippendorff_alpha_ci95 is None


def test_three_coders_report_pairs_and_no_two_coder_kappa():
    report = agreement_report(_random_study()).to_json()
    code = report["codes"][0]
    assert code["cohen_kappa"] is None and report["overall"]["cohen_kappa_pooled"] is None
    assert [p["coders"] for p in code["pairs"]] == [["A", "B"], ["A", "C"], ["B", "C"]]
    assert set(code) == {"code", "units", "coded_units", "percent_agreement", "cohen_kappa",
                         "fleiss_kappa", "krippendorff_alpha", "krippendorff_alpha_ci95",
                         "gwet_ac1", "alpha_u", "pairs", "per_document"}
    assert set(code["per_document"][0]) == {"document", "percent_agreement", "cohen_kappa",
                                            "krippendorff_alpha"}


def test_progress_is_reported_and_cancel_stops_the_report():
    study = _random_study()
    seen = []
    agreement_report(study, bootstrap=500, seed=1, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)
    with pytest.raises(AgreementCancelled):
        agreement_report(study, bootstrap=500, cancelled=lambda: len(seen) > 0,
                         progress=lambda d, t: seen.append(d))
