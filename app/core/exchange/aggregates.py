"""Counts gathered in the single pass over the codings that an export makes.

The Segments sheet (or the CSV) streams the codings once; on the way every
coding is added here, so the Codebook, Documents, Code x Document and
Co-occurrence sheets need no second pass. Spans are kept per document in
compact integer arrays (24 bytes a coding) for the co-occurrence sweep.
"""

from __future__ import annotations

from array import array
from collections import Counter

from app.core.records import CodingInfo

__all__ = ["CodingStats"]


class CodingStats:
    """Running totals over codings: per code and coder, per document, and spans for overlap."""

    def __init__(self) -> None:
        self.per_code_coder: Counter[tuple[int, int]] = Counter()
        self.per_code: Counter[int] = Counter()
        self.code_documents: dict[int, set[int]] = {}
        self.doc_code: Counter[tuple[int, int]] = Counter()
        self.doc_coder: Counter[tuple[int, int]] = Counter()
        self.per_document: Counter[int] = Counter()
        self.total = 0
        self._spans: dict[int, tuple[array, array, array]] = {}

    def add(self, c: CodingInfo) -> None:
        self.total += 1
        self.per_code_coder[(c.code_id, c.coder_id)] += 1
        self.per_code[c.code_id] += 1
        self.code_documents.setdefault(c.code_id, set()).add(c.document_id)
        self.doc_code[(c.document_id, c.code_id)] += 1
        self.doc_coder[(c.document_id, c.coder_id)] += 1
        self.per_document[c.document_id] += 1
        spans = self._spans.get(c.document_id)
        if spans is None:
            spans = self._spans[c.document_id] = (array("q"), array("q"), array("q"))
        spans[0].append(c.start)
        spans[1].append(c.end)
        spans[2].append(c.code_id)

    def cooccurrence(self) -> Counter[tuple[int, int]]:
        """Pairs of overlapping codings with different codes in the same document.

        Returns counts keyed both ``(a, b)`` and ``(b, a)``; the diagonal ``(a, a)``
        holds the number of codings of ``a``. Two spans overlap when they share at
        least one character (half-open spans that only touch do not).
        """
        counts: Counter[tuple[int, int]] = Counter()
        for starts, ends, codes in self._spans.values():
            order = sorted(range(len(starts)), key=starts.__getitem__)
            active: list[tuple[int, int]] = []  # (end, code) of spans still open
            for i in order:
                s, e, code = starts[i], ends[i], codes[i]
                active = [a for a in active if a[0] > s]
                for _, other in active:
                    if other != code:
                        counts[(code, other)] += 1
                        counts[(other, code)] += 1
                active.append((e, code))
        for code, n in self.per_code.items():
            counts[(code, code)] = n
        return counts
