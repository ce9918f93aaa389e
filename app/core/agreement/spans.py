"""Coded spans as reliability data: canonical spans and count tables per code and document.

This is the bridge between what coders did (spans of text tagged with a code)
and the statistics in :mod:`app.core.agreement`. Everything is plain data, so
a Project, a script or a test can call it.

Inputs
------
``build_study(documents, lengths, codings, coders=None, codes=None, excluded=None)``

* ``documents`` — the ids of the documents that count (the caller decides).
  They are used in ascending id order, which is also the order in which they
  are joined into one continuum for unitizing alpha.
* ``lengths`` — ``{document_id: length in code points}``.
* ``codings`` — ``{coder: [(document_id, code_key, start, end), ...]}``;
  offsets are code points, half-open. Spans of documents or codes that are
  not chosen are ignored; a span that does not fit its document raises
  :class:`app.core.text.SpanError`.
* ``coders`` / ``codes`` — which coders and code keys to compare, in report
  order (default: every coder in ``codings`` as given, codes sorted).
* ``excluded`` — ``{document_id: [(start, end), ...]}``: text left out of the
  units (boilerplate, a byline). Excluded characters are no units, and for
  unitizing alpha they are cut out of the continuum.

Canonical spans: the spans of one coder, code and document that overlap or
touch are merged first, so coding the same words twice, or in two adjacent
pieces, counts the same as coding them once.

Count tables
------------
:func:`character_tables` turns the study into, per code and document, the
histogram ``k_counts[code, doc, k]`` of characters coded by exactly ``k`` of
the ``m`` coders, the 2x2 tables of every coder pair and each coder's number
of coded characters. They are computed with interval arithmetic (sorted
boundary events and a cumulative sum of coder bit masks), never a Python loop
per character. :mod:`app.core.agreement.units` builds the same tables for
sentence, paragraph and document units. :mod:`app.core.agreement.report` turns
tables into statistics.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from app.core.text import SpanError

__all__ = [
    "AgreementCancelled",
    "SpanStudy",
    "CountTables",
    "build_study",
    "merge_spans",
    "character_tables",
    "tables_from_masks",
]

Span = tuple[int, Hashable, int, int]


class AgreementCancelled(RuntimeError):
    """Raised by long agreement computations when their ``cancelled()`` callable returns True."""


@dataclass(frozen=True, eq=False)
class SpanStudy:
    """Canonical spans of the chosen coders, codes and documents, as NumPy arrays.

    ``span_coder``, ``span_code`` and ``span_doc`` are indices into ``coders``,
    ``codes`` and ``documents``; ``span_start``/``span_end`` are offsets within
    the document. Spans are sorted by (coder, code, document, start) and never
    overlap or touch within one coder, code and document. ``offsets[d]`` is where
    document ``d`` starts when all documents are laid end to end.
    """

    coders: tuple[str, ...]
    codes: tuple[Hashable, ...]
    documents: tuple[int, ...]
    lengths: np.ndarray
    offsets: np.ndarray
    span_coder: np.ndarray
    span_code: np.ndarray
    span_doc: np.ndarray
    span_start: np.ndarray
    span_end: np.ndarray
    excl_doc: np.ndarray
    excl_start: np.ndarray
    excl_end: np.ndarray

    @property
    def total_length(self) -> int:
        return int(self.lengths.sum())

    @property
    def pairs(self) -> list[tuple[int, int]]:
        """Index pairs (i, j), i < j, of the coders."""
        return list(combinations(range(len(self.coders)), 2))

    def doc_index(self, document: int) -> int:
        try:
            return self.documents.index(document)
        except ValueError:
            raise KeyError(f"document {document} is not in this study") from None

    def code_index(self, code: Hashable) -> int:
        try:
            return self.codes.index(code)
        except ValueError:
            raise KeyError(f"code {code!r} is not in this study") from None


@dataclass(frozen=True, eq=False)
class CountTables:
    """Binary reliability data of a study, summarised per code and document.

    ``k_counts[c, d, k]``: units of document ``d`` that exactly ``k`` coders
    coded with code ``c``. ``pair_tables[c, d, p]``: the 2x2 table
    ``[[neither, only second], [only first, both]]`` of coder pair ``pairs[p]``.
    ``coded[c, d, i]``: units coder ``i`` coded. ``units[d]``: units in
    document ``d`` (the same for every code).
    """

    unit: str
    k_counts: np.ndarray
    pair_tables: np.ndarray
    coded: np.ndarray
    units: np.ndarray
    pairs: list[tuple[int, int]]


def merge_spans(
    keys: np.ndarray, starts: np.ndarray, ends: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Merge overlapping or touching spans that share a key; return sorted (keys, starts, ends).

    ``keys`` are non-negative integers (for example a combined coder/code/document
    index). Runs in O(n log n) with NumPy; no Python loop per span.
    """
    keys = np.asarray(keys, dtype=np.int64)
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    if keys.size == 0:
        return keys, starts, ends
    order = np.lexsort((starts, keys))
    keys, starts, ends = keys[order], starts[order], ends[order]
    # A running maximum of the end, reset per key: shift each key's values above
    # every earlier key's, so one global maximum.accumulate does all keys at once.
    big = int(ends.max()) + 1
    running = np.maximum.accumulate(keys * big + ends) - keys * big
    new_run = np.ones(keys.size, dtype=bool)
    new_run[1:] = (keys[1:] != keys[:-1]) | (starts[1:] > running[:-1])
    run_id = np.cumsum(new_run) - 1
    firsts = np.flatnonzero(new_run)
    merged_end = np.zeros(firsts.size, dtype=np.int64)
    np.maximum.at(merged_end, run_id, ends)
    return keys[firsts], starts[firsts], merged_end


def build_study(
    documents: Iterable[int],
    lengths: Mapping[int, int],
    codings: Mapping[str, Iterable[Span]],
    *,
    coders: Sequence[str] | None = None,
    codes: Sequence[Hashable] | None = None,
    excluded: Mapping[int, Iterable[tuple[int, int]]] | None = None,
) -> SpanStudy:
    """Validate and canonicalise the inputs (see the module docstring)."""
    docs = tuple(sorted(set(documents)))
    if not docs:
        raise ValueError("choose at least one document")
    missing = [d for d in docs if d not in lengths]
    if missing:
        raise ValueError(f"no length given for documents {missing}")
    coder_names = tuple(codings) if coders is None else tuple(coders)
    if len(coder_names) < 2 or len(set(coder_names)) != len(coder_names):
        raise ValueError("agreement needs at least two different coders")
    if codes is None:
        seen = {span[1] for name in coder_names for span in codings.get(name, ())}
        code_keys = tuple(sorted(seen, key=str))
    else:
        code_keys = tuple(dict.fromkeys(codes))
    doc_pos = {d: i for i, d in enumerate(docs)}
    code_pos = {c: i for i, c in enumerate(code_keys)}
    length_arr = np.array([int(lengths[d]) for d in docs], dtype=np.int64)
    if (length_arr < 0).any():
        raise ValueError("document lengths must not be negative")

    rows: list[tuple[int, int, int, int, int]] = []
    for ci, name in enumerate(coder_names):
        for doc, code, start, end in codings.get(name, ()):
            di = doc_pos.get(doc)
            ki = code_pos.get(code)
            if di is None or ki is None:
                continue
            _check_span(doc, start, end, int(length_arr[di]))
            rows.append((ci, ki, di, start, end))
    arr = np.array(rows, dtype=np.int64).reshape(-1, 5)
    n_docs, n_codes = len(docs), max(len(code_keys), 1)
    key = (arr[:, 0] * n_codes + arr[:, 1]) * n_docs + arr[:, 2]
    key, start, end = merge_spans(key, arr[:, 3], arr[:, 4])

    ex_rows: list[tuple[int, int, int]] = []
    for doc, spans in (excluded or {}).items():
        di = doc_pos.get(doc)
        if di is None:
            continue
        for start_x, end_x in spans:
            _check_span(doc, start_x, end_x, int(length_arr[di]))
            ex_rows.append((di, start_x, end_x))
    ex = np.array(ex_rows, dtype=np.int64).reshape(-1, 3)
    ex_doc, ex_start, ex_end = merge_spans(ex[:, 0], ex[:, 1], ex[:, 2])

    offsets = np.concatenate([[0], np.cumsum(length_arr)[:-1]]).astype(np.int64)
    return SpanStudy(
        coders=coder_names,
        codes=code_keys,
        documents=docs,
        lengths=length_arr,
        offsets=offsets,
        span_coder=key // (n_codes * n_docs),
        span_code=(key // n_docs) % n_codes,
        span_doc=key % n_docs,
        span_start=start,
        span_end=end,
        excl_doc=ex_doc,
        excl_start=ex_start,
        excl_end=ex_end,
    )


def _check_span(doc: int, start: int, end: int, length: int) -> None:
    if not (0 <= start < end <= length):
        raise SpanError(f"span [{start}, {end}) does not fit document {doc} ({length} characters)")


def tables_from_masks(
    unit: str,
    code: np.ndarray,
    doc: np.ndarray,
    mask: np.ndarray,
    weight: np.ndarray,
    n_codes: int,
    n_docs: int,
    n_coders: int,
) -> CountTables:
    """Count tables from pieces of units: each piece has a code, a document, a bit mask of the
    coders who coded it (bit i = coder i) and a weight (how many units it stands for)."""
    pairs = list(combinations(range(n_coders), 2))
    cell = code.astype(np.int64) * n_docs + doc
    weight = weight.astype(np.float64)
    bits = [((mask >> i) & 1).astype(np.int64) for i in range(n_coders)]
    k = np.sum(bits, axis=0) if bits else np.zeros_like(mask)
    size = n_codes * n_docs

    def count(index: np.ndarray, width: int) -> np.ndarray:
        flat = np.bincount(cell * width + index, weights=weight, minlength=size * width)
        return np.rint(flat).astype(np.int64).reshape(n_codes, n_docs, width)

    k_counts = count(k, n_coders + 1)
    pair_tables = np.zeros((n_codes, n_docs, len(pairs), 2, 2), dtype=np.int64)
    for p, (i, j) in enumerate(pairs):
        pair_tables[:, :, p] = count(2 * bits[i] + bits[j], 4).reshape(n_codes, n_docs, 2, 2)
    coded = np.stack([count(b, 2)[:, :, 1] for b in bits], axis=-1)
    units = k_counts[0].sum(axis=-1) if n_codes else np.zeros(n_docs, dtype=np.int64)
    return CountTables(unit, k_counts, pair_tables, coded, units, pairs)


def character_tables(study: SpanStudy) -> CountTables:
    """Count tables with every (non-excluded) character of the chosen documents as a unit."""
    n_codes, n_docs, m = len(study.codes), len(study.documents), len(study.coders)
    total = study.total_length
    stride = total + 1  # keys of different codes never collide
    code_base = np.arange(n_codes, dtype=np.int64) * stride

    span_pos = study.offsets[study.span_doc]
    span_bit = np.left_shift(1, study.span_coder).astype(np.int64)
    span_key = study.span_code * stride + span_pos
    ex_pos = study.offsets[study.excl_doc]
    ex_bit = np.int64(1) << m
    # Every code gets document boundaries (so uncoded text is counted) and the exclusions.
    doc_bounds = np.concatenate([study.offsets, [total]])
    keys = np.concatenate(
        [
            span_key + study.span_start,
            span_key + study.span_end,
            (code_base[:, None] + doc_bounds[None, :]).ravel(),
            (code_base[:, None] + (ex_pos + study.excl_start)[None, :]).ravel(),
            (code_base[:, None] + (ex_pos + study.excl_end)[None, :]).ravel(),
        ]
    )
    n_ex = study.excl_doc.size
    deltas = np.concatenate(
        [
            span_bit,
            -span_bit,
            np.zeros(n_codes * doc_bounds.size, dtype=np.int64),
            np.full(n_codes * n_ex, ex_bit, dtype=np.int64),
            np.full(n_codes * n_ex, -ex_bit, dtype=np.int64),
        ]
    )
    uniq, inverse = np.unique(keys, return_inverse=True)
    summed = np.bincount(inverse, weights=deltas, minlength=uniq.size)
    mask = np.cumsum(np.rint(summed).astype(np.int64))
    starts, lengths_ = uniq[:-1], np.diff(uniq)
    code = starts // stride
    pos = starts % stride
    keep = (pos < total) & ((mask[:-1] & ex_bit) == 0) & (lengths_ > 0)
    doc = np.searchsorted(study.offsets, pos[keep], side="right") - 1
    return tables_from_masks(
        "character", code[keep], doc, mask[:-1][keep], lengths_[keep], n_codes, n_docs, m
    )
