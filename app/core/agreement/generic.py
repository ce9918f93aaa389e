"""Inter-coder agreement statistics on reliability data (NumPy; no Qt, no SQL).

Reliability data are given as one sequence per coder and one entry per unit
(Krippendorff's "coders x units" matrix); ``None`` (or NaN) marks a unit that
coder did not code::

    data = [[1, 2, 3, None],      # coder A
            [1, 2, 2, 4]]         # coder B

Every function returns a ``float``, or ``None`` when the statistic is undefined
for these data (for example 0/0 when the coders used a single category, so
chance agreement is already perfect). ``None`` is never replaced by a made-up 0
or 1: report it as "n/a".

Functions and their published definitions
-----------------------------------------
``percent_agreement(data)``
    Mean over units coded by at least two coders of the share of agreeing pairs
    of values in the unit. For two coders without missing values this is the
    plain share of units on which they agree; for more coders it is the mean
    pairwise agreement (Fleiss' P-bar).
``cohen_kappa(data)``
    Cohen (1960), two coders, units coded by both. ``(p_o - p_e) / (1 - p_e)``
    with ``p_e`` from each coder's own marginal distribution.
``fleiss_kappa(data)``
    Fleiss (1971). With unequal numbers of values per unit (missing values) it
    uses Gwet's (2014) generalisation: observed agreement over units with two
    or more values, category shares averaged per unit; identical to Fleiss
    (1971) when every unit has the same number of values.
``krippendorff_alpha(data, level="nominal")``
    Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability": the
    coincidence matrix of pairable values and the nominal, ordinal, interval or
    ratio difference function. Units with a single value are not pairable and
    are left out, as the paper prescribes.
``gwet_ac1(data, categories=None)``
    Gwet (2008) AC1, ``p_e = 1/(q-1) * sum_k pi_k (1 - pi_k)``, with the same
    handling of missing values as ``fleiss_kappa``.
``brennan_prediger(data, categories=None)``
    Brennan & Prediger (1981): ``(p_o - 1/q) / (1 - 1/q)``.

``categories`` is the number of possible categories (``q``) for the measures
whose chance term depends on it; by default the number of distinct values seen.

Fast path for binary data given as counts
-----------------------------------------
For span agreement on characters there are millions of units, each with value 0
(not coded) or 1 (coded) for every coder and no missing values. Everything then
follows from ``k_counts[k]`` = the number of units that exactly ``k`` of the
``m`` coders coded (length ``m + 1``), and from 2x2 tables for coder pairs. The
``*_binary`` functions take arrays whose last axis is that histogram (any
leading axes, e.g. documents or bootstrap resamples, are kept) and return float
arrays with **NaN for undefined**; :func:`nan_to_none` turns a result into
``None`` for reporting. :func:`cohen_kappa_2x2` takes tables ``[[n00, n01],
[n10, n11]]`` with the same broadcasting.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np

__all__ = [
    "percent_agreement",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "gwet_ac1",
    "brennan_prediger",
    "k_counts",
    "percent_agreement_binary",
    "fleiss_kappa_binary",
    "krippendorff_alpha_binary",
    "gwet_ac1_binary",
    "brennan_prediger_binary",
    "cohen_kappa_2x2",
    "nan_to_none",
]

Level = Literal["nominal", "ordinal", "interval", "ratio"]
ReliabilityData = Sequence[Sequence[Any]]


def nan_to_none(value: float | np.floating | None) -> float | None:
    """``float(value)``, or ``None`` when ``value`` is NaN or ``None`` (undefined)."""
    if value is None:
        return None
    value = float(value)
    return None if np.isnan(value) else value


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


def _encode(data: ReliabilityData) -> tuple[np.ndarray, list[Any]]:
    """Coders x units matrix of category indices (-1 = missing) and the sorted category values."""
    rows = [list(row) for row in data]
    if not rows:
        raise ValueError("reliability data need at least one coder")
    n_units = len(rows[0])
    if any(len(row) != n_units for row in rows):
        raise ValueError("every coder needs one entry per unit (use None for missing)")
    values = sorted({v for row in rows for v in row if not _is_missing(v)})
    index = {v: i for i, v in enumerate(values)}
    codes = np.array(
        [[-1 if _is_missing(v) else index[v] for v in row] for row in rows], dtype=np.int64
    ).reshape(len(rows), n_units)
    return codes, values


def _unit_counts(codes: np.ndarray, n_categories: int) -> np.ndarray:
    """Units x categories matrix: how many coders gave each category to each unit."""
    n_coders, n_units = codes.shape
    counts = np.zeros((n_units, max(n_categories, 1)), dtype=np.int64)
    coder_idx, unit_idx = np.nonzero(codes >= 0)
    np.add.at(counts, (unit_idx, codes[coder_idx, unit_idx]), 1)
    return counts


def _div(num: float, den: float) -> float | None:
    return None if den == 0 else float(num / den)


def _chance_corrected(p_o: float | None, p_e: float | None) -> float | None:
    if p_o is None or p_e is None or np.isclose(p_e, 1.0, rtol=0, atol=1e-12):
        return None
    return float((p_o - p_e) / (1.0 - p_e))


def _observed_agreement(counts: np.ndarray) -> float | None:
    """Mean over units with >= 2 values of the share of agreeing ordered pairs."""
    r = counts.sum(axis=1)
    pairable = r >= 2
    if not pairable.any():
        return None
    c, r = counts[pairable], r[pairable]
    per_unit = (c * (c - 1)).sum(axis=1) / (r * (r - 1))
    return float(per_unit.mean())


def _category_shares(counts: np.ndarray) -> np.ndarray:
    """pi_k: each category's share of a unit's values, averaged over units with any value."""
    r = counts.sum(axis=1)
    rated = r >= 1
    return (counts[rated] / r[rated, None]).mean(axis=0)


def percent_agreement(data: ReliabilityData) -> float | None:
    """Share of agreeing pairs of values, averaged over units coded by two or more coders."""
    codes, values = _encode(data)
    return _observed_agreement(_unit_counts(codes, len(values)))


def cohen_kappa(data: ReliabilityData) -> float | None:
    """Cohen's (1960) kappa for exactly two coders on the units both coded."""
    codes, values = _encode(data)
    if codes.shape[0] != 2:
        raise ValueError(f"Cohen's kappa is for two coders, got {codes.shape[0]}")
    both = (codes >= 0).all(axis=0)
    a, b = codes[0, both], codes[1, both]
    n = a.size
    if n == 0:
        return None
    q = len(values)
    table = np.zeros((q, q), dtype=np.int64)
    np.add.at(table, (a, b), 1)
    p_o = np.trace(table) / n
    p_e = float((table.sum(axis=1) / n) @ (table.sum(axis=0) / n))
    return _chance_corrected(float(p_o), p_e)


def fleiss_kappa(data: ReliabilityData) -> float | None:
    """Fleiss' (1971) kappa for any number of coders (see the module docstring on missing values)."""
    codes, values = _encode(data)
    counts = _unit_counts(codes, len(values))
    if not (counts.sum(axis=1) >= 2).any():
        return None
    pi = _category_shares(counts)
    return _chance_corrected(_observed_agreement(counts), float((pi**2).sum()))


def gwet_ac1(data: ReliabilityData, categories: int | None = None) -> float | None:
    """Gwet's (2008) AC1; ``categories`` is q, by default the number of distinct values seen."""
    codes, values = _encode(data)
    counts = _unit_counts(codes, len(values))
    q = len(values) if categories is None else categories
    if q < len(values):
        raise ValueError(f"{len(values)} distinct values seen but categories={q}")
    if q < 2 or not (counts.sum(axis=1) >= 2).any():
        return None
    pi = _category_shares(counts)[: len(values)]
    p_e = float((pi * (1.0 - pi)).sum() / (q - 1))
    return _chance_corrected(_observed_agreement(counts), p_e)


def brennan_prediger(data: ReliabilityData, categories: int | None = None) -> float | None:
    """Brennan & Prediger's (1981) kappa with uniform chance agreement 1/q."""
    codes, values = _encode(data)
    q = len(values) if categories is None else categories
    if q < len(values):
        raise ValueError(f"{len(values)} distinct values seen but categories={q}")
    if q < 2:
        return None
    return _chance_corrected(_observed_agreement(_unit_counts(codes, len(values))), 1.0 / q)


def _coincidences(counts: np.ndarray) -> np.ndarray:
    """Krippendorff's coincidence matrix o_ck from pairable units (m_u >= 2)."""
    m_u = counts.sum(axis=1)
    c = counts[m_u >= 2].astype(float)
    w = 1.0 / (m_u[m_u >= 2] - 1.0)
    o = np.einsum("u,uc,uk->ck", w, c, c)
    o[np.diag_indices_from(o)] -= (c * w[:, None]).sum(axis=0)
    return o


def _delta2(values: list[Any], n_c: np.ndarray, level: Level) -> np.ndarray:
    if level == "nominal":
        return 1.0 - np.eye(len(values))
    if level == "ordinal":
        # (sum_{g=c..k} n_g - (n_c + n_k)/2)^2 on the ranks of the values.
        cum = np.concatenate([[0.0], np.cumsum(n_c)])
        lo = np.minimum.outer(np.arange(len(values)), np.arange(len(values)))
        hi = np.maximum.outer(np.arange(len(values)), np.arange(len(values)))
        between = cum[hi + 1] - cum[lo]
        return (between - (n_c[:, None] + n_c[None, :]) / 2.0) ** 2
    try:
        v = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{level} alpha needs numeric values") from exc
    diff = np.subtract.outer(v, v)
    if level == "interval":
        return diff**2
    if level == "ratio":
        total = np.add.outer(v, v)
        with np.errstate(invalid="ignore", divide="ignore"):
            d = np.where(total == 0, 0.0, (diff / np.where(total == 0, 1.0, total)) ** 2)
        return d
    raise ValueError(f"unknown level of measurement {level!r}")


def krippendorff_alpha(data: ReliabilityData, level: Level = "nominal") -> float | None:
    """Krippendorff's alpha (Krippendorff 2011) for nominal, ordinal, interval or ratio data."""
    codes, values = _encode(data)
    if level not in ("nominal", "ordinal", "interval", "ratio"):
        raise ValueError(f"unknown level of measurement {level!r}")
    if not values:
        return None
    o = _coincidences(_unit_counts(codes, len(values)))
    n_c = o.sum(axis=1)
    n = n_c.sum()
    if n <= 1:
        return None
    d2 = _delta2(values, n_c, level)
    d_o = float((o * d2).sum())
    d_e = float((np.outer(n_c, n_c) * d2).sum() / (n - 1.0))
    if d_e == 0:
        return None
    return 1.0 - d_o / d_e


# ---------------------------------------------------------------- binary counts


def k_counts(data: ReliabilityData | np.ndarray) -> np.ndarray:
    """Histogram of how many coders coded each unit, from complete 0/1 data (coders x units)."""
    arr = np.asarray(data, dtype=np.int64)
    if arr.ndim != 2 or not np.isin(arr, (0, 1)).all():
        raise ValueError("k_counts needs a complete coders x units matrix of 0 and 1")
    return np.bincount(arr.sum(axis=0), minlength=arr.shape[0] + 1)


def _binary_parts(counts: np.ndarray) -> tuple[np.ndarray, ...]:
    """N units, m coders, observed agreement and share of 1-values from k-histograms."""
    c = np.asarray(counts, dtype=float)
    m = c.shape[-1] - 1
    if m < 2:
        raise ValueError("binary agreement needs at least two coders (histogram length >= 3)")
    k = np.arange(m + 1, dtype=float)
    n_units = c.sum(axis=-1)
    agree_pairs = (k * (k - 1) + (m - k) * (m - k - 1)) / (m * (m - 1))
    with np.errstate(invalid="ignore", divide="ignore"):
        p_o = (c * agree_pairs).sum(axis=-1) / n_units
        p1 = (c * k).sum(axis=-1) / (n_units * m)
    return n_units, np.float64(m), p_o, p1


def _corrected(p_o: np.ndarray, p_e: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (p_o - p_e) / (1.0 - p_e)
    return np.where(np.isclose(p_e, 1.0, rtol=0, atol=1e-12), np.nan, out)


def percent_agreement_binary(counts: np.ndarray) -> np.ndarray:
    """Mean pairwise agreement from k-histograms (NaN when there are no units)."""
    return _binary_parts(counts)[2]


def fleiss_kappa_binary(counts: np.ndarray) -> np.ndarray:
    """Fleiss' kappa from k-histograms (NaN when undefined)."""
    _, _, p_o, p1 = _binary_parts(counts)
    return _corrected(p_o, p1**2 + (1.0 - p1) ** 2)


def gwet_ac1_binary(counts: np.ndarray) -> np.ndarray:
    """Gwet's AC1 (q = 2) from k-histograms (NaN when there are no units)."""
    _, _, p_o, p1 = _binary_parts(counts)
    return _corrected(p_o, 2.0 * p1 * (1.0 - p1))


def brennan_prediger_binary(counts: np.ndarray) -> np.ndarray:
    """Brennan & Prediger's kappa (q = 2) from k-histograms."""
    _, _, p_o, _ = _binary_parts(counts)
    return _corrected(p_o, np.full_like(p_o, 0.5))


def krippendorff_alpha_binary(counts: np.ndarray) -> np.ndarray:
    """Nominal Krippendorff's alpha from k-histograms of complete binary data.

    With every unit coded by all ``m`` coders, ``o_01 = sum_u k (m - k) / (m - 1)``,
    ``n = N m`` and ``alpha = 1 - (n - 1) o_01 / (n_0 n_1)``; NaN when only one
    value occurs (no expected disagreement).
    """
    c = np.asarray(counts, dtype=float)
    m = c.shape[-1] - 1
    if m < 2:
        raise ValueError("binary agreement needs at least two coders (histogram length >= 3)")
    k = np.arange(m + 1, dtype=float)
    o01 = (c * k * (m - k)).sum(axis=-1) / (m - 1)
    n = c.sum(axis=-1) * m
    n1 = (c * k).sum(axis=-1)
    n0 = n - n1
    den = n0 * n1
    with np.errstate(invalid="ignore", divide="ignore"):
        out = 1.0 - (n - 1.0) * o01 / den
    return np.where(den == 0, np.nan, out)


def cohen_kappa_2x2(tables: np.ndarray) -> np.ndarray:
    """Cohen's kappa from 2x2 tables ``[[n00, n01], [n10, n11]]`` (rows: coder 1), NaN if undefined."""
    t = np.asarray(tables, dtype=float)
    n = t.sum(axis=(-2, -1))
    with np.errstate(invalid="ignore", divide="ignore"):
        p_o = (t[..., 0, 0] + t[..., 1, 1]) / n
        rows = t.sum(axis=-1) / n[..., None]
        cols = t.sum(axis=-2) / n[..., None]
        p_e = (rows * cols).sum(axis=-1)
    return _corrected(p_o, p_e)
