"""Bootstrap confidence intervals for Krippendorff's alpha, resampling documents.

Characters of one document are not independent observations: a coder who
misreads an article misreads all of it. So the interval resamples whole
documents with replacement (a cluster bootstrap) and recomputes alpha on each
resample from the per-document count tables — no text is looked at again, and
all resamples are computed at once as one matrix product (resample weights x
per-document k-histograms), so 1,000 resamples of 500 documents and 20 codes
take a fraction of a second.

``bootstrap_alpha_ci(k_counts, resamples, seed=None, level=0.95, ...)``
    ``k_counts`` has shape ``(codes, documents, m + 1)`` (see
    :class:`app.core.agreement.spans.CountTables`). Returns an array
    ``(codes, 2)`` with the percentile interval; a row is NaN when alpha is
    undefined in every resample. Resamples in which alpha is undefined (the
    drawn documents hold no coding of that code, or only coded text) are left
    out of the percentiles. ``seed`` is an int or a ``numpy.random.Generator``;
    the same seed gives the same interval.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from app.core.agreement.generic import krippendorff_alpha_binary
from app.core.agreement.spans import AgreementCancelled

__all__ = ["bootstrap_alpha_ci", "resample_weights"]

_CHUNK = 250


def resample_weights(n_docs: int, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """How often each document is drawn in each resample: array (resamples, n_docs)."""
    draws = rng.integers(0, n_docs, size=(resamples, n_docs))
    flat = draws + (np.arange(resamples)[:, None] * n_docs)
    return np.bincount(flat.ravel(), minlength=resamples * n_docs).reshape(resamples, n_docs)


def bootstrap_alpha_ci(
    k_counts: np.ndarray,
    resamples: int,
    seed: int | np.random.Generator | None = None,
    level: float = 0.95,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> np.ndarray:
    """Percentile bootstrap interval of nominal alpha per code (see the module docstring)."""
    if resamples < 1:
        raise ValueError("resamples must be at least 1")
    if not 0 < level < 1:
        raise ValueError("level must be between 0 and 1")
    counts = np.asarray(k_counts, dtype=np.float64)
    n_codes, n_docs, _ = counts.shape
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    alphas = np.empty((n_codes, resamples))
    for start in range(0, resamples, _CHUNK):
        if cancelled is not None and cancelled():
            raise AgreementCancelled("agreement computation was cancelled")
        stop = min(start + _CHUNK, resamples)
        w = resample_weights(n_docs, stop - start, rng).astype(np.float64)
        pooled = np.matmul(w[None, :, :], counts)  # (codes, chunk, m + 1)
        alphas[:, start:stop] = krippendorff_alpha_binary(pooled)
        if progress is not None:
            progress(stop, resamples)
    tail = (1.0 - level) / 2.0 * 100.0
    out = np.full((n_codes, 2), np.nan)
    defined = ~np.isnan(alphas).all(axis=1)
    if defined.any():
        out[defined] = np.nanpercentile(alphas[defined], [tail, 100.0 - tail], axis=1).T
    return out
