"""Near-duplicates: the same wire story carried by several outlets, found as documents arrive.

Each document is reduced to word 5-gram shingles and a MinHash signature
(datasketch); an LSH index finds earlier documents whose estimated Jaccard
similarity may reach the threshold, the signatures confirm it, and a union-find
keeps groups transitive (A~B and B~C put A, B and C in one group). A group is
named by the key of its earliest member, so the first outlet's copy is the
reference and group ids never change as more documents are fed.

Feed the article text (excluded spans left out, see ``common.article_text``):
each aggregator wraps a wire story in different boilerplate.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from typing import Hashable, Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from app.core.importers.base import ExcludedSpan
from app.core.importers.common import article_text

__all__ = ["NearDuplicateIndex", "shingles"]

_WORDS = re.compile(r"\w+")


def shingles(text: str, size: int = 5) -> set[str]:
    """Lower-cased word n-grams of ``text`` (the whole text as one shingle when shorter)."""
    return _shingles([w.lower() for w in _WORDS.findall(text)], size)


def _shingles(words: list[str], size: int) -> set[str]:
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def shingle_hashes(words: list[str], size: int = 5) -> np.ndarray:
    """32-bit hashes of the distinct word ``size``-grams of ``words`` (one per shingle of ``shingles``).

    Each word is hashed once (CRC-32) and the n-grams are combined with NumPy, so a
    document costs one hash per word instead of building, encoding and hashing every
    n-gram string. The hashes live only in memory (a new index per import).
    """
    if not words:
        return np.zeros(0, dtype=np.uint64)
    hashed = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    size = min(size, len(words))
    count = len(words) - size + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(size):  # a polynomial over the window, wrapping at 2**64
        combined = combined * _MULTIPLIER + hashed[offset:offset + count]
    # SplitMix64's finaliser, so every word reaches the top 32 bits kept.
    combined ^= combined >> np.uint64(30)
    combined *= np.uint64(0xBF58476D1CE4E5B9)
    combined ^= combined >> np.uint64(27)
    combined *= np.uint64(0x94D049BB133111EB)
    combined ^= combined >> np.uint64(31)
    return np.unique(combined >> np.uint64(32))


_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd: every step stays a bijection of the window's words


@lru_cache(maxsize=4)
def _template(num_perm: int) -> MinHash:
    """An empty MinHash whose random permutations every signature of this size shares."""
    return MinHash(num_perm=num_perm)


class NearDuplicateIndex:
    """An incremental near-duplicate index: ``add(key, text)`` returns the key's group.

    ``threshold`` is the Jaccard similarity of shingle sets above which two
    documents count as the same story (0.8 keeps light edits - a changed
    headline, an added sentence - together and separates different stories on
    the same event). Texts with fewer than ``min_words`` words are not indexed.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle_size: int = 5, min_words: int = 25):
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.min_words = min_words
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[Hashable, np.ndarray] = {}
        self._parent: dict[Hashable, Hashable] = {}
        self._order: dict[Hashable, int] = {}
        self._size: dict[Hashable, int] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def _minhash(self, text: str) -> MinHash | None:
        words = [w.lower() for w in _WORDS.findall(text)]
        if len(words) < self.min_words:
            return None
        template = _template(self.num_perm)
        # The template's permutations are reused: making them was a third of a document's cost.
        m = MinHash(num_perm=self.num_perm, hashfunc=int, permutations=template.permutations,
                    scheme=template.scheme)
        m.update_batch(shingle_hashes(words, self.shingle_size).tolist())
        return m

    def _find(self, key: Hashable) -> Hashable:
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:  # path compression
            self._parent[key], key = root, self._parent[key]
        return root

    def _union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            # The earlier document names the group.
            first, second = (ra, rb) if self._order[ra] < self._order[rb] else (rb, ra)
            self._parent[second] = first
            self._size[first] += self._size.pop(second)

    def add(self, key: Hashable, text: str, excluded: Iterable[ExcludedSpan] = ()) -> Hashable | None:
        """Index one document; return its group id when it near-duplicates an earlier one, else None."""
        if key in self._signatures:
            raise ValueError(f"key {key!r} was already added")
        m = self._minhash(article_text(text, excluded))
        if m is None:
            return None
        self._signatures[key] = m.hashvalues
        self._parent[key] = key
        self._order[key] = len(self._order)
        self._size[key] = 1
        matched = False
        for other in self._lsh.query(m):
            if self._jaccard(m.hashvalues, self._signatures[other]) >= self.threshold:
                self._union(key, other)
                matched = True
        self._lsh.insert(key, m)
        return self._find(key) if matched else None

    @staticmethod
    def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
        return float(np.count_nonzero(a == b)) / len(a)

    def similarity(self, a: Hashable, b: Hashable) -> float:
        """Estimated Jaccard similarity of two indexed documents' shingle sets."""
        return self._jaccard(self._signatures[a], self._signatures[b])

    def group_of(self, key: Hashable) -> Hashable | None:
        """The group id of ``key``, or None when it is alone (or was not indexed)."""
        if key not in self._parent:
            return None
        root = self._find(key)
        return root if self._size[root] > 1 else None

    def groups(self) -> dict[Hashable, list[Hashable]]:
        """Every group of two or more documents: group id -> member keys in the order added."""
        members: dict[Hashable, list[Hashable]] = {}
        for key in sorted(self._parent, key=self._order.__getitem__):
            members.setdefault(self._find(key), []).append(key)
        return {root: keys for root, keys in members.items() if len(keys) > 1}
