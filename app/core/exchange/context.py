"""The quoted text of a coding and the sentence around it, with texts fetched lazily.

Texts come from ``ExportData.text_of`` one document at a time and a few are
kept (codings usually arrive grouped by document), so a large corpus is never
held whole. The context is the sentence(s) covering the coding when a
``sentences_of`` callable is given; otherwise the paragraph, cut to a window
around the coding when the paragraph is long.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable, Sequence

from app.core.text import paragraph_spans

__all__ = ["TextCache", "CONTEXT_WINDOW"]

CONTEXT_WINDOW = 300  # characters either side when a paragraph is too long to show whole


class TextCache:
    """Quote and context lookups over documents, caching the last few texts and their spans."""

    def __init__(
        self,
        text_of: Callable[[int], str],
        sentences_of: Callable[[int], Sequence[tuple[int, int]]] | None = None,
        keep: int = 8,
    ) -> None:
        self._text_of = text_of
        self._sentences_of = sentences_of
        self._keep = keep
        self._cache: OrderedDict[int, tuple[str, list[tuple[int, int]] | None, bool]] = OrderedDict()

    def _entry(self, doc_id: int) -> tuple[str, list[tuple[int, int]] | None, bool]:
        hit = self._cache.get(doc_id)
        if hit is not None:
            self._cache.move_to_end(doc_id)
            return hit
        entry = (self._text_of(doc_id), None, False)
        self._cache[doc_id] = entry
        if len(self._cache) > self._keep:
            self._cache.popitem(last=False)
        return entry

    def _spans(self, doc_id: int) -> tuple[str, list[tuple[int, int]], bool]:
        text, spans, sentences = self._entry(doc_id)
        if spans is None:
            if self._sentences_of is not None:
                spans, sentences = sorted(self._sentences_of(doc_id)), True
            else:
                spans, sentences = paragraph_spans(text), False
            self._cache[doc_id] = (text, spans, sentences)
        return text, spans, sentences

    def text(self, doc_id: int) -> str:
        return self._entry(doc_id)[0]

    def quote(self, doc_id: int, start: int, end: int) -> str:
        return self._entry(doc_id)[0][start:end]

    def context(self, doc_id: int, start: int, end: int) -> str:
        """The sentence(s) or paragraph around ``[start, end)``, windowed when long."""
        text, spans, sentences = self._spans(doc_id)
        lo, hi = start, end
        if spans:
            starts = [s for s, _ in spans]
            i = max(bisect.bisect_right(starts, start) - 1, 0)
            lo = min(spans[i][0], start)
            j = i
            while j + 1 < len(spans) and spans[j + 1][0] < end:
                j += 1
            hi = max(spans[j][1], end)
        if not sentences and hi - lo > (end - start) + 2 * CONTEXT_WINDOW:
            w_lo, w_hi = max(lo, start - CONTEXT_WINDOW), min(hi, end + CONTEXT_WINDOW)
            # Widen to whole lines inside the window where a line break is near.
            nl = text.rfind("\n", w_lo, start)
            w_lo = nl + 1 if nl != -1 else w_lo
            nl = text.find("\n", end, w_hi)
            w_hi = nl if nl != -1 else w_hi
            return ("…" if w_lo > lo else "") + text[w_lo:w_hi] + ("…" if w_hi < hi else "")
        return text[lo:hi]
