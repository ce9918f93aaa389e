"""Segment matching (MAXQDA's view) and disagreement regions for reviewing a code.

``match_segments(study, coder_a, coder_b, threshold=0.9, codes=None)``
    A secondary, segment-level view of agreement as MAXQDA offers it: a
    segment of coder A and one of coder B (same code, same document) match
    when they overlap by at least ``threshold`` of the longer of the two
    (default 90%). Each segment matches at most one other; when several
    candidates pass the threshold (possible only with thresholds up to 0.5)
    the largest overlaps are paired first. The result lists matched pairs and
    the segments of each coder left unmatched; ``share_matched`` is MAXQDA's
    "percentage of agreement": matched segments of both coders over all
    segments of both coders, ``None`` when neither coded anything.
    Segments are canonical spans (overlapping or touching spans merged).

``disagreement_regions(study, code, document)``
    The character ranges of one document where the chosen coders differ on
    one code, each with the coders who coded it and those who did not, in
    text order. Adjacent characters with the same split are one region;
    excluded text is never a region. For a review view that steps from one
    disagreement to the next.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from app.core.agreement.spans import SpanStudy

__all__ = [
    "Segment",
    "SegmentMatch",
    "SegmentMatching",
    "DisagreementRegion",
    "match_segments",
    "disagreement_regions",
]


@dataclass(frozen=True)
class Segment:
    code: Hashable
    document: int
    start: int
    end: int


@dataclass(frozen=True)
class SegmentMatch:
    a: Segment
    b: Segment
    overlap: float  # shared characters / length of the longer segment


@dataclass(frozen=True)
class SegmentMatching:
    coders: tuple[str, str]
    threshold: float
    matched: tuple[SegmentMatch, ...]
    only_a: tuple[Segment, ...]
    only_b: tuple[Segment, ...]

    @property
    def share_matched(self) -> float | None:
        total = 2 * len(self.matched) + len(self.only_a) + len(self.only_b)
        return None if total == 0 else 2 * len(self.matched) / total


@dataclass(frozen=True)
class DisagreementRegion:
    start: int
    end: int
    coded_by: tuple[str, ...]
    not_coded_by: tuple[str, ...]


def _coder_spans(study: SpanStudy, coder: int, codes: np.ndarray | None):
    sel = study.span_coder == coder
    if codes is not None:
        sel &= np.isin(study.span_code, codes)
    code, doc = study.span_code[sel], study.span_doc[sel]
    # Global key: spans of different codes or documents can never overlap.
    base = code * (study.total_length + 1) + study.offsets[doc]
    start, end = base + study.span_start[sel], base + study.span_end[sel]
    order = np.argsort(start, kind="stable")
    return code[order], doc[order], start[order], end[order], base[order]


def match_segments(
    study: SpanStudy,
    coder_a: str,
    coder_b: str,
    threshold: float = 0.9,
    codes: Sequence[Hashable] | None = None,
) -> SegmentMatching:
    """Match coder A's segments to coder B's by overlap (see the module docstring)."""
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")
    ia, ib = study.coders.index(coder_a), study.coders.index(coder_b)
    code_idx = None if codes is None else np.array([study.code_index(c) for c in codes])
    ca, da, sa, ea, ba = _coder_spans(study, ia, code_idx)
    cb, db, sb, eb, bb = _coder_spans(study, ib, code_idx)
    # For each B segment, the A segments overlapping it form one index range (A's are disjoint).
    lo = np.searchsorted(ea, sb, side="right")
    hi = np.searchsorted(sa, eb, side="left")
    n = np.maximum(hi - lo, 0)
    jb = np.repeat(np.arange(sb.size), n)
    ja = np.repeat(lo, n) + (np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n))
    shared = np.minimum(ea[ja], eb[jb]) - np.maximum(sa[ja], sb[jb])
    longer = np.maximum(ea[ja] - sa[ja], eb[jb] - sb[jb])
    ratio = shared / longer
    ok = ratio >= threshold - 1e-12
    ja, jb, ratio = ja[ok], jb[ok], ratio[ok]
    order = np.lexsort((ja, -ratio))
    used_a = np.zeros(sa.size, dtype=bool)
    used_b = np.zeros(sb.size, dtype=bool)
    pairs: list[tuple[int, int, float]] = []
    for x, y, r in zip(ja[order].tolist(), jb[order].tolist(), ratio[order].tolist()):
        if not used_a[x] and not used_b[y]:
            used_a[x] = used_b[y] = True
            pairs.append((x, y, r))

    def seg(code, doc, start, end, base, i) -> Segment:
        return Segment(study.codes[code[i]], study.documents[doc[i]],
                       int(start[i] - base[i]), int(end[i] - base[i]))

    matched = tuple(
        SegmentMatch(seg(ca, da, sa, ea, ba, x), seg(cb, db, sb, eb, bb, y), r)
        for x, y, r in sorted(pairs)
    )
    only_a = tuple(seg(ca, da, sa, ea, ba, i) for i in np.flatnonzero(~used_a))
    only_b = tuple(seg(cb, db, sb, eb, bb, i) for i in np.flatnonzero(~used_b))
    return SegmentMatching((coder_a, coder_b), threshold, matched, only_a, only_b)


def disagreement_regions(study: SpanStudy, code: Hashable, document: int) -> list[DisagreementRegion]:
    """Ranges of ``document`` where the coders differ on ``code`` (see the module docstring)."""
    ci, di = study.code_index(code), study.doc_index(document)
    m = len(study.coders)
    sel = (study.span_code == ci) & (study.span_doc == di)
    ex = study.excl_doc == di
    bit = np.left_shift(1, study.span_coder[sel]).astype(np.int64)
    ex_bit = np.int64(1) << m
    keys = np.concatenate([study.span_start[sel], study.span_end[sel],
                           study.excl_start[ex], study.excl_end[ex]])
    deltas = np.concatenate([bit, -bit, np.full(ex.sum(), ex_bit), np.full(ex.sum(), -ex_bit)])
    if keys.size == 0:
        return []
    uniq, inverse = np.unique(keys, return_inverse=True)
    mask = np.cumsum(np.bincount(inverse, weights=deltas, minlength=uniq.size).astype(np.int64))
    full = (1 << m) - 1
    regions: list[DisagreementRegion] = []
    for start, end, mk in zip(uniq[:-1].tolist(), uniq[1:].tolist(), mask[:-1].tolist()):
        if mk & ex_bit or mk in (0, full):
            continue
        coded = tuple(name for i, name in enumerate(study.coders) if mk >> i & 1)
        if regions and regions[-1].end == start and regions[-1].coded_by == coded:
            regions[-1] = DisagreementRegion(regions[-1].start, end, coded, regions[-1].not_coded_by)
            continue
        others = tuple(name for name in study.coders if name not in coded)
        regions.append(DisagreementRegion(start, end, coded, others))
    return regions
