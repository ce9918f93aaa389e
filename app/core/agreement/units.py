"""Sentence, paragraph and document units for span agreement.

With unit = sentence, paragraph or document, a unit counts as coded by a coder
(for one code) when one of the coder's spans of that code overlaps it by at
least one non-space character. Touching a sentence with a trailing space of a
selection therefore does not count as coding it.

``unit_tables(study, unit, texts, unit_spans=None)``

* ``texts`` — ``{document_id: text}`` for the chosen documents (needed to tell
  space from non-space).
* ``unit_spans`` — ``{document_id: [(start, end), ...]}``: the sentences (from
  the NLP pipeline) or paragraphs; they must not overlap. For ``paragraph``
  they default to :func:`app.core.text.paragraph_spans` of the text; for
  ``document`` each document is one unit; ``sentence`` needs them.

Characters in excluded spans count as space: a unit with no other character is
left out, and coding only its excluded part does not code it. Units that hold
only white space are left out too, because nobody can code them.

The result is a :class:`app.core.agreement.spans.CountTables`, the same shape
as for character units, so every statistic and the bootstrap work unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np

from app.core.agreement import UNIT_KINDS
from app.core.agreement.spans import CountTables, SpanStudy, tables_from_masks
from app.core.text import paragraph_spans

__all__ = ["UNIT_KINDS", "unit_tables", "eligible_characters"]



@cache
def _space_code_points() -> np.ndarray:
    # Every Unicode white-space character lies below U+3001.
    return np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)


def eligible_characters(text: str) -> np.ndarray:
    """Boolean array, one entry per code point: True where the character is not white space."""
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return ~np.isin(cps, _space_code_points())


def _document_units(
    study: SpanStudy,
    unit: str,
    texts: Mapping[int, str],
    unit_spans: Mapping[int, Sequence[tuple[int, int]]] | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Global (continuum) starts and ends of all units, in order."""
    starts: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    for di, doc in enumerate(study.documents):
        length = int(study.lengths[di])
        if unit == "document":
            spans = [(0, length)] if length else []
        elif unit_spans is not None and doc in unit_spans:
            spans = list(unit_spans[doc])
        elif unit == "paragraph":
            spans = paragraph_spans(texts[doc])
        else:
            raise ValueError(f"unit {unit!r} needs unit spans for document {doc}")
        arr = np.array(sorted(spans), dtype=np.int64).reshape(-1, 2)
        if arr.size and ((arr[:, 0] < 0).any() or (arr[:, 1] > length).any()
                         or (arr[:, 1] <= arr[:, 0]).any()):
            raise ValueError(f"a {unit} span does not fit document {doc}")
        if arr.shape[0] > 1 and (arr[1:, 0] < arr[:-1, 1]).any():
            raise ValueError(f"{unit} spans of document {doc} overlap")
        starts.append(arr[:, 0] + study.offsets[di])
        ends.append(arr[:, 1] + study.offsets[di])
    return np.concatenate(starts), np.concatenate(ends)


def unit_tables(
    study: SpanStudy,
    unit: str,
    texts: Mapping[int, str],
    unit_spans: Mapping[int, Sequence[tuple[int, int]]] | None = None,
) -> CountTables:
    """Count tables where each sentence, paragraph or document is a unit (see the module docstring)."""
    if unit not in UNIT_KINDS[1:]:
        raise ValueError(f"unit must be one of {UNIT_KINDS[1:]}, got {unit!r}")
    missing = [d for d in study.documents if d not in texts]
    if missing:
        raise ValueError(f"no text given for documents {missing}")
    for di, doc in enumerate(study.documents):
        if len(texts[doc]) != int(study.lengths[di]):
            raise ValueError(f"text of document {doc} does not have the given length")

    eligible = np.concatenate(
        [eligible_characters(texts[d]) for d in study.documents] + [np.zeros(0, dtype=bool)]
    )
    for di, s, e in zip(study.excl_doc, study.excl_start, study.excl_end):
        off = study.offsets[di]
        eligible[off + s : off + e] = False
    # ns[p]: eligible characters before continuum position p. In these coordinates a span and a
    # unit share an eligible character exactly when their intervals intersect.
    ns = np.concatenate([[0], np.cumsum(eligible, dtype=np.int64)])

    u_start, u_end = _document_units(study, unit, texts, unit_spans)
    a, b = ns[u_start], ns[u_end]
    keep = b > a
    u_doc = np.searchsorted(study.offsets, u_start[keep], side="right") - 1
    a, b = a[keep], b[keep]
    n_units = a.size

    n_codes, n_docs, m = len(study.codes), len(study.documents), len(study.coders)
    g = study.offsets[study.span_doc]
    sa, sb = ns[g + study.span_start], ns[g + study.span_end]
    # Units are sorted and disjoint, so the units a span [sa, sb) meets form one index range.
    lo = np.searchsorted(b, sa, side="right")
    hi = np.searchsorted(a, sb, side="left")
    hit = hi > lo
    row = (study.span_code * m + study.span_coder)[hit]
    diff = np.zeros(n_codes * m * (n_units + 1), dtype=np.int64)
    np.add.at(diff, row * (n_units + 1) + lo[hit], 1)
    np.add.at(diff, row * (n_units + 1) + hi[hit], -1)
    coded = np.cumsum(diff.reshape(n_codes, m, n_units + 1), axis=-1)[:, :, :n_units] > 0
    mask = (coded.astype(np.int64) << np.arange(m, dtype=np.int64)[None, :, None]).sum(axis=1)

    code = np.repeat(np.arange(n_codes, dtype=np.int64), n_units)
    doc = np.tile(u_doc, n_codes)
    return tables_from_masks(
        unit, code, doc, mask.ravel(), np.ones(code.size), n_codes, n_docs, m
    )
