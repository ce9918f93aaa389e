"""Krippendorff's unitizing alpha (u-alpha) for coded spans.

u-alpha (Krippendorff 1995, "On the reliability of unitizing continuous data";
2004, *Content Analysis*, 2nd ed., ch. 12) judges coders on where they put
units and of which category, not only on which characters they covered. Each
coder cuts the continuum into units of a category and gaps between them. For
every pair of coders and every pair of their overlapping segments (g, h) the
observed difference is

* both units: ``(start_g - start_h)^2 + (end_g - end_h)^2``;
* a unit inside the other coder's gap: the unit's length squared;
* anything else (a unit that only partly overlaps a gap, two gaps): 0.

``D_o(c) = sum over ordered coder pairs / (m (m - 1) L^2)`` for a continuum
of length ``L`` and ``m`` coders. The expected difference, over all ways the
same units and gaps could be laid out, is

``D_e(c) = 2/L * sum_units [ (N_c - 1)(2 l^3 - 3 l^2 + l)/3
+ l^2 * sum_{gaps G >= l} (G - l + 1) ] / (m L (m L - 1) - sum_units l (l - 1))``

with ``N_c`` the number of units of category ``c`` of all coders. Then
``alpha(c) = 1 - D_o(c) / D_e(c)`` and, over all categories,
``alpha = 1 - sum_c D_o(c) / sum_c D_e(c)`` — the disagreements of all codes
are pooled, as Krippendorff does (it is not a mean of per-code alphas). This
is the computation of DKPro Agreement's ``KrippendorffAlphaUnitizingAgreement``
and reproduces Krippendorff's (2004: 254) worked example (c: .7286, k: 1.000,
overall .8587; the book prints .8591 because it pools the rounded .0144 /
(.0532 + .0490), and DKPro's test accepts either). A category nobody used has ``D_e = 0`` and an undefined alpha
(``None``; DKPro reports 0 there).

Public functions
----------------
``unitizing_alpha(units, n_coders, begin, length, categories=None)``
    ``units`` are ``(coder_index, category, start, end)`` on one continuum
    ``[begin, begin + length)``. Units of one coder and category must not
    overlap (merge them first, see :func:`app.core.agreement.spans.merge_spans`).
``study_unitizing_alpha(study, progress=None)``
    For a :class:`app.core.agreement.spans.SpanStudy`: the chosen documents
    are joined into one continuum in document-id order, with excluded text cut
    out, and every code is a category.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from app.core.agreement.spans import SpanStudy

__all__ = ["CategoryAlpha", "UnitizingAlpha", "unitizing_alpha", "study_unitizing_alpha"]


@dataclass(frozen=True)
class CategoryAlpha:
    """Observed and expected disagreement of one category and its alpha (None if undefined)."""

    observed: float
    expected: float
    alpha: float | None


@dataclass(frozen=True)
class UnitizingAlpha:
    per_category: dict[Hashable, CategoryAlpha]
    alpha: float | None  # pooled over categories


def _partition(starts: np.ndarray, ends: np.ndarray, begin: int, stop: int):
    """Segment starts, ends and is-unit flags of one coder's units and gaps on [begin, stop)."""
    points = np.unique(np.concatenate([[begin, stop], starts, ends]))
    seg_start, seg_end = points[:-1], points[1:]
    is_unit = np.isin(seg_start, starts)
    return seg_start, seg_end, is_unit


def _pair_observed(pa, pb) -> float:
    """Sum of differences over all overlapping segment pairs of two coders' partitions."""
    (s1, e1, u1), (s2, e2, u2) = pa, pb
    cuts = np.union1d(s1, s2)  # each elementary interval is the overlap of one segment pair
    i = np.searchsorted(s1, cuts, side="right") - 1
    j = np.searchsorted(s2, cuts, side="right") - 1
    a0, a1, au = s1[i].astype(float), e1[i].astype(float), u1[i]
    b0, b1, bu = s2[j].astype(float), e2[j].astype(float), u2[j]
    both = au & bu
    d = np.where(both, (a0 - b0) ** 2 + (a1 - b1) ** 2, 0.0)
    d += np.where(au & ~bu & (a0 >= b0) & (a1 <= b1), (a1 - a0) ** 2, 0.0)
    d += np.where(~au & bu & (b0 >= a0) & (b1 <= a1), (b1 - b0) ** 2, 0.0)
    return float(d.sum())


def _category(
    per_coder: Sequence[tuple[np.ndarray, np.ndarray]], begin: int, length: int
) -> CategoryAlpha:
    m = len(per_coder)
    stop = begin + length
    parts = [_partition(s, e, begin, stop) for s, e in per_coder]
    observed_sum = sum(
        _pair_observed(parts[a], parts[b]) for a in range(m) for b in range(a + 1, m)
    )
    d_o = 2.0 * observed_sum / (m * (m - 1) * float(length) ** 2)

    unit_len = np.concatenate([e - s for s, e in per_coder]).astype(float)
    gaps = np.sort(np.concatenate([(pe - ps)[~pu] for ps, pe, pu in parts]).astype(float))
    n_c = unit_len.size
    if n_c == 0:
        return CategoryAlpha(d_o, 0.0, None)
    l = unit_len
    within = (n_c - 1.0) * (2.0 * l**3 - 3.0 * l**2 + l) / 3.0
    first = np.searchsorted(gaps, l, side="left")  # gaps[first:] >= l
    suffix = np.concatenate([np.cumsum(gaps[::-1])[::-1], [0.0]])
    count = gaps.size - first
    placements = suffix[first] - (l - 1.0) * count
    total = float((within + l**2 * placements).sum())
    L = float(length)
    den = m * L * (m * L - 1.0) - float((l * (l - 1.0)).sum())
    d_e = total * (2.0 / L) / den if den > 0 else 0.0
    alpha = None if d_e == 0 else 1.0 - d_o / d_e
    return CategoryAlpha(d_o, d_e, alpha)


def unitizing_alpha(
    units: Iterable[tuple[int, Hashable, int, int]],
    n_coders: int,
    begin: int,
    length: int,
    categories: Sequence[Hashable] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> UnitizingAlpha:
    """u-alpha per category and pooled (see the module docstring)."""
    if n_coders < 2:
        raise ValueError("unitizing alpha needs at least two coders")
    if length <= 0:
        raise ValueError("the continuum must not be empty")
    rows = list(units)
    cats = list(dict.fromkeys(categories if categories is not None else (r[1] for r in rows)))
    by_key: dict[tuple[Hashable, int], list[tuple[int, int]]] = {}
    for coder, cat, start, end in rows:
        if not (0 <= coder < n_coders):
            raise ValueError(f"coder index {coder} out of range")
        if not (begin <= start < end <= begin + length):
            raise ValueError(f"unit [{start}, {end}) is outside the continuum")
        by_key.setdefault((cat, coder), []).append((start, end))
    result: dict[Hashable, CategoryAlpha] = {}
    for n, cat in enumerate(cats):
        per_coder = []
        for coder in range(n_coders):
            arr = np.array(sorted(by_key.get((cat, coder), [])), dtype=np.int64).reshape(-1, 2)
            if arr.shape[0] > 1 and (arr[1:, 0] < arr[:-1, 1]).any():
                raise ValueError(f"units of coder {coder} in category {cat!r} overlap; merge them first")
            per_coder.append((arr[:, 0], arr[:, 1]))
        result[cat] = _category(per_coder, begin, length)
        if progress is not None:
            progress(n + 1, len(cats))
    d_o = sum(r.observed for r in result.values())
    d_e = sum(r.expected for r in result.values())
    return UnitizingAlpha(result, None if d_e == 0 else 1.0 - d_o / d_e)


def study_unitizing_alpha(
    study: SpanStudy, progress: Callable[[int, int], None] | None = None
) -> UnitizingAlpha:
    """u-alpha of every code of the study on the joined documents, excluded text cut out."""
    total = study.total_length
    kept = np.ones(total + 1, dtype=np.int64)
    kept[-1] = 0
    for di, s, e in zip(study.excl_doc, study.excl_start, study.excl_end):
        off = study.offsets[di]
        kept[off + s : off + e] = 0
    # compact[p]: position in the continuum (excluded text removed) of original position p.
    compact = np.concatenate([[0], np.cumsum(kept[:-1])])
    length = int(compact[-1])
    g = study.offsets[study.span_doc]
    start, end = compact[g + study.span_start], compact[g + study.span_end]
    nonempty = end > start
    units = zip(
        study.span_coder[nonempty].tolist(),
        (study.codes[c] for c in study.span_code[nonempty].tolist()),
        start[nonempty].tolist(),
        end[nonempty].tolist(),
    )
    if length == 0:
        empty = CategoryAlpha(0.0, 0.0, None)
        return UnitizingAlpha({c: empty for c in study.codes}, None)
    return unitizing_alpha(units, len(study.coders), 0, length, study.codes, progress)
