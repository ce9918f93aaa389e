"""The generic agreement statistics against published worked examples and independent packages."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

from app.core.agreement.generic import (
    brennan_prediger,
    brennan_prediger_binary,
    cohen_kappa,
    cohen_kappa_2x2,
    fleiss_kappa,
    fleiss_kappa_binary,
    gwet_ac1,
    gwet_ac1_binary,
    k_counts,
    krippendorff_alpha,
    krippendorff_alpha_binary,
    nan_to_none,
    percent_agreement,
    percent_agreement_binary,
)

N = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 coders x 12 units.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]

# Fleiss (1971: 379), 30 subjects, 6 raters each, 5 diagnoses: subject rows.
FLEISS_1971_SUBJECTS = [
    (4, 4, 4, 4, 4, 4), (2, 2, 2, 5, 5, 5), (2, 3, 3, 3, 3, 5), (5, 5, 5, 5, 5, 5),
    (2, 2, 2, 4, 4, 4), (1, 1, 3, 3, 3, 3), (3, 3, 3, 3, 5, 5), (1, 1, 3, 3, 3, 4),
    (1, 1, 4, 4, 4, 4), (5, 5, 5, 5, 5, 5), (1, 4, 4, 4, 4, 4), (1, 2, 4, 4, 4, 4),
    (2, 2, 2, 3, 3, 3), (1, 4, 4, 4, 4, 4), (2, 2, 4, 4, 4, 5), (3, 3, 3, 3, 3, 5),
    (1, 1, 1, 4, 5, 5), (1, 1, 1, 1, 1, 2), (2, 2, 4, 4, 4, 4), (1, 3, 3, 5, 5, 5),
    (5, 5, 5, 5, 5, 5), (2, 4, 4, 4, 4, 4), (2, 2, 4, 5, 5, 5), (1, 1, 4, 4, 4, 4),
    (1, 4, 4, 4, 4, 5), (2, 2, 2, 2, 2, 4), (1, 1, 1, 1, 5, 5), (2, 2, 4, 4, 4, 4),
    (1, 3, 3, 3, 3, 3), (5, 5, 5, 5, 5, 5),
]
FLEISS_1971 = [list(col) for col in zip(*FLEISS_1971_SUBJECTS)]


@pytest.mark.parametrize(
    ("level", "expected"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_worked_example(level, expected):
    assert round(krippendorff_alpha(KRIPPENDORFF_2011, level), 3) == expected


def test_fleiss_1971_worked_example():
    assert round(fleiss_kappa(FLEISS_1971), 3) == 0.430
    assert percent_agreement(FLEISS_1971) == pytest.approx(0.5556, abs=1e-4)


def test_cohen_1960_style_table_and_gwet_2008_hand_example():
    # Gwet (2008) hand example: 8 yes/yes, 1 no/no, 1 yes/no.
    a = ["y"] * 8 + ["n", "y"]
    b = ["y"] * 8 + ["n", "n"]
    assert gwet_ac1([a, b]) == pytest.approx(0.8658, abs=1e-4)
    # Cohen's kappa: p_o = .9, p_e = .9*.8 + .1*.2 = .74.
    assert cohen_kappa([a, b]) == pytest.approx((0.9 - 0.74) / 0.26)
    assert brennan_prediger([a, b]) == pytest.approx(0.8)
    assert brennan_prediger([a, b], categories=4) == pytest.approx((0.9 - 0.25) / 0.75)


def test_undefined_values_are_none_not_made_up():
    everyone_said_no = [[0, 0, 0], [0, 0, 0]]
    assert percent_agreement(everyone_said_no) == 1.0
    assert cohen_kappa(everyone_said_no) is None
    assert fleiss_kappa(everyone_said_no) is None
    assert krippendorff_alpha(everyone_said_no) is None
    assert gwet_ac1(everyone_said_no) is None  # a single category: q - 1 = 0
    assert gwet_ac1(everyone_said_no, categories=2) == 1.0
    no_pairable_unit = [[1, None], [None, 2]]
    assert percent_agreement(no_pairable_unit) is None
    assert cohen_kappa(no_pairable_unit) is None
    assert krippendorff_alpha(no_pairable_unit) is None


def test_cohen_kappa_needs_two_coders_and_rectangular_data():
    with pytest.raises(ValueError, match="two coders"):
        cohen_kappa(KRIPPENDORFF_2011)
    with pytest.raises(ValueError, match="one entry per unit"):
        percent_agreement([[1, 2], [1]])


def test_interval_alpha_rejects_text_values():
    with pytest.raises(ValueError, match="numeric"):
        krippendorff_alpha([["a", "b"], ["a", "a"]], "interval")


# ------------------------------------------------------------ independent implementations

coders_units = st.integers(2, 5).flatmap(
    lambda m: st.integers(2, 30).flatmap(
        lambda n: st.lists(
            st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=n, max_size=n),
            min_size=m,
            max_size=m,
        )
    )
)
complete = st.integers(2, 5).flatmap(
    lambda m: st.integers(2, 30).flatmap(
        lambda n: st.lists(st.lists(st.integers(0, 3), min_size=n, max_size=n), min_size=m, max_size=m)
    )
)


def _nan_matrix(data):
    return np.array([[np.nan if v is None else v for v in row] for row in data], dtype=float)


@settings(max_examples=150, deadline=None)
@given(coders_units, st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_alpha_agrees_with_krippendorff_package(data, level):
    ours = krippendorff_alpha(data, level)
    arr = _nan_matrix(data)
    pairable = (~np.isnan(arr)).sum(axis=0) >= 2
    values = np.unique(arr[:, pairable][~np.isnan(arr[:, pairable])])
    if values.size < 2:
        assert ours is None
        return
    theirs = krippendorff.alpha(arr, level_of_measurement=level)
    assert ours == pytest.approx(theirs, abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(complete)
def test_cohen_kappa_agrees_with_scikit_learn(data):
    a, b = data[0], data[1]
    ours = cohen_kappa([a, b])
    if len(set(a)) == 1 and set(a) == set(b):
        assert ours is None  # p_e = 1: 0/0
        return
    assert ours == pytest.approx(cohen_kappa_score(a, b), abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(complete)
def test_fleiss_kappa_agrees_with_statsmodels(data):
    table, _ = aggregate_raters(np.array(data).T)
    ours = fleiss_kappa(data)
    if len({v for row in data for v in row}) == 1:
        assert ours is None
        return
    assert ours == pytest.approx(sm_fleiss_kappa(table, method="fleiss"), abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(complete)
def test_brennan_prediger_agrees_with_statsmodels_randolph(data):
    # statsmodels' "randolph" kappa is the free-marginal (Brennan-Prediger) kappa with q = table width.
    table, _ = aggregate_raters(np.array(data).T, n_cat=4)
    ours = brennan_prediger(data, categories=4)
    assert ours == pytest.approx(sm_fleiss_kappa(table, method="randolph"), abs=1e-9)


binary = st.integers(2, 5).flatmap(
    lambda m: st.integers(1, 40).flatmap(
        lambda n: st.lists(st.lists(st.integers(0, 1), min_size=n, max_size=n), min_size=m, max_size=m)
    )
)


@settings(max_examples=200, deadline=None)
@given(binary)
def test_binary_count_fast_path_equals_generic_functions(data):
    counts = k_counts(data)
    assert nan_to_none(percent_agreement_binary(counts)) == pytest.approx(percent_agreement(data))
    for fast, slow in [
        (fleiss_kappa_binary, fleiss_kappa),
        (krippendorff_alpha_binary, krippendorff_alpha),
        (gwet_ac1_binary, lambda d: gwet_ac1(d, categories=2)),
        (brennan_prediger_binary, lambda d: brennan_prediger(d, categories=2)),
    ]:
        expected = slow(data)
        got = nan_to_none(fast(counts))
        assert (got is None) == (expected is None), fast.__name__
        if expected is not None:
            assert got == pytest.approx(expected, abs=1e-9), fast.__name__
    a, b = np.array(data[0]), np.array(data[1])
    table = np.array([[np.sum((a == i) & (b == j)) for j in (0, 1)] for i in (0, 1)])
    expected = cohen_kappa([data[0], data[1]])
    got = nan_to_none(cohen_kappa_2x2(table))
    assert (got is None) == (expected is None)
    if expected is not None:
        assert got == pytest.approx(expected, abs=1e-9)


def test_binary_functions_broadcast_over_leading_axes():
    per_doc = np.array([[5, 1, 4], [0, 0, 10], [10, 0, 0]])
    alpha = krippendorff_alpha_binary(per_doc)
    assert alpha.shape == (3,)
    assert np.isnan(alpha[1]) and np.isnan(alpha[2])  # one value only: undefined
    assert alpha[0] == pytest.approx(krippendorff_alpha([[0] * 5 + [1] + [1] * 4, [0] * 5 + [0] + [1] * 4]))
