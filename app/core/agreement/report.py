"""The per-code agreement report: every statistic, per code, pooled and per document.

``agreement_report(study, unit="character", texts=None, unit_spans=None,
bootstrap=0, seed=None, progress=None, cancelled=None) -> AgreementReport``

* ``study`` — a :class:`app.core.agreement.spans.SpanStudy` from
  :func:`app.core.agreement.spans.build_study` (coders, codes, documents,
  canonical spans, excluded text).
* ``unit`` — ``"character"`` (default, NVivo's unit), ``"sentence"``,
  ``"paragraph"`` or ``"document"``; the last three need ``texts`` and, for
  sentences, ``unit_spans`` (see :mod:`app.core.agreement.units`).
* ``bootstrap`` — number of resamples for the 95% interval of Krippendorff's
  alpha (0: no interval); ``seed`` makes it reproducible.
* ``progress(done, total)`` is called as work proceeds; when ``cancelled()``
  returns True the computation stops with :class:`AgreementCancelled`.

Per code (value 1 where a coder's spans of the code cover the unit, else 0):
percent agreement (mean pairwise), Cohen's kappa (two coders; with more, per
pair and the mean of the pairs, ``cohen_kappa`` itself is None), Fleiss'
kappa, Krippendorff's alpha (nominal), Gwet's AC1, Brennan-Prediger, and
Krippendorff's unitizing alpha (``alpha_u``, always on the character
continuum) — pooled over the chosen documents and per document. ``overall``
holds u-alpha pooled over codes, Cohen's kappa of one 2x2 table over all
code-unit decisions (two coders only) and Krippendorff's alpha of all
code-unit decisions pooled. Undefined values are ``None`` (``null`` in JSON).

:meth:`AgreementReport.to_json` returns the public JSON contract of
``quotecoder agreement --json``::

    {"unit": "character", "coders": ["A", "B"], "documents": [1, 2],
     "codes": [{"code": ..., "units": ..., "coded_units": {"A": .., "B": ..},
                "percent_agreement": .., "cohen_kappa": .., "fleiss_kappa": ..,
                "krippendorff_alpha": .., "krippendorff_alpha_ci95": [lo, hi] | null,
                "gwet_ac1": .., "alpha_u": ..,
                "pairs": [{"coders": ["A", "B"], "percent_agreement": .., "cohen_kappa": ..}],
                "per_document": [{"document": 1, "percent_agreement": ..,
                                  "cohen_kappa": .., "krippendorff_alpha": ..}]}],
     "overall": {"alpha_u": .., "cohen_kappa_pooled": .., "krippendorff_alpha_pooled": ..}}

Only these keys are written; the dataclasses carry a few more values
(``mean_pairwise_cohen_kappa``, ``brennan_prediger``, units per document).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.core.agreement import generic as st
from app.core.agreement.bootstrap import bootstrap_alpha_ci
from app.core.agreement.spans import AgreementCancelled, CountTables, SpanStudy, character_tables
from app.core.agreement.unitizing import study_unitizing_alpha
from app.core.agreement.units import unit_tables

__all__ = [
    "AgreementCancelled",
    "PairAgreement",
    "DocumentAgreement",
    "CodeAgreement",
    "OverallAgreement",
    "AgreementReport",
    "agreement_report",
]

_n = st.nan_to_none


@dataclass(frozen=True)
class PairAgreement:
    coders: tuple[str, str]
    percent_agreement: float | None
    cohen_kappa: float | None


@dataclass(frozen=True)
class DocumentAgreement:
    document: int
    units: int
    percent_agreement: float | None
    cohen_kappa: float | None  # None with more than two coders
    krippendorff_alpha: float | None


@dataclass(frozen=True)
class CodeAgreement:
    code: Hashable
    units: int
    coded_units: dict[str, int]
    percent_agreement: float | None
    cohen_kappa: float | None
    mean_pairwise_cohen_kappa: float | None
    fleiss_kappa: float | None
    krippendorff_alpha: float | None
    krippendorff_alpha_ci95: tuple[float, float] | None
    gwet_ac1: float | None
    brennan_prediger: float | None
    alpha_u: float | None
    pairs: tuple[PairAgreement, ...]
    per_document: tuple[DocumentAgreement, ...]

    def to_json(self) -> dict[str, Any]:
        ci = self.krippendorff_alpha_ci95
        return {
            "code": str(self.code),
            "units": self.units,
            "coded_units": dict(self.coded_units),
            "percent_agreement": self.percent_agreement,
            "cohen_kappa": self.cohen_kappa,
            "fleiss_kappa": self.fleiss_kappa,
            "krippendorff_alpha": self.krippendorff_alpha,
            "krippendorff_alpha_ci95": None if ci is None else [ci[0], ci[1]],
            "gwet_ac1": self.gwet_ac1,
            "alpha_u": self.alpha_u,
            "pairs": [
                {"coders": list(p.coders), "percent_agreement": p.percent_agreement,
                 "cohen_kappa": p.cohen_kappa}
                for p in self.pairs
            ],
            "per_document": [
                {"document": d.document, "percent_agreement": d.percent_agreement,
                 "cohen_kappa": d.cohen_kappa, "krippendorff_alpha": d.krippendorff_alpha}
                for d in self.per_document
            ],
        }


@dataclass(frozen=True)
class OverallAgreement:
    alpha_u: float | None
    cohen_kappa_pooled: float | None
    krippendorff_alpha_pooled: float | None


@dataclass(frozen=True)
class AgreementReport:
    unit: str
    coders: tuple[str, ...]
    documents: tuple[int, ...]
    codes: tuple[CodeAgreement, ...]
    overall: OverallAgreement
    bootstrap_resamples: int = 0

    def to_json(self) -> dict[str, Any]:
        """The public JSON contract (see the module docstring); None becomes null."""
        return {
            "unit": self.unit,
            "coders": list(self.coders),
            "documents": list(self.documents),
            "codes": [c.to_json() for c in self.codes],
            "overall": {
                "alpha_u": self.overall.alpha_u,
                "cohen_kappa_pooled": self.overall.cohen_kappa_pooled,
                "krippendorff_alpha_pooled": self.overall.krippendorff_alpha_pooled,
            },
        }


class _Steps:
    """Progress and cancellation bookkeeping for one report."""

    def __init__(self, total: int, progress, cancelled) -> None:
        self.total, self.done = total, 0
        self._progress, self._cancelled = progress, cancelled

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise AgreementCancelled("agreement computation was cancelled")

    def advance(self, n: int = 1) -> None:
        self.reach(self.done + n)

    def reach(self, done: int) -> None:
        self.done = done
        if self._progress is not None:
            self._progress(self.done, self.total)
        self.check()


def _code_result(
    study: SpanStudy, tables: CountTables, c: int, alpha_u: float | None,
    ci: np.ndarray | None,
) -> CodeAgreement:
    k = tables.k_counts[c]  # (docs, m + 1)
    pooled = k.sum(axis=0)
    two = len(study.coders) == 2
    pair_tables = tables.pair_tables[c]  # (docs, pairs, 2, 2)
    pair_pooled = pair_tables.sum(axis=0)
    pair_kappa = st.cohen_kappa_2x2(pair_pooled)
    pair_pa = (pair_pooled[:, 0, 0] + pair_pooled[:, 1, 1]) / np.maximum(pair_pooled.sum(axis=(1, 2)), 1)
    pairs = tuple(
        PairAgreement((study.coders[i], study.coders[j]),
                      _n(pair_pa[p]) if pair_pooled[p].sum() else None, _n(pair_kappa[p]))
        for p, (i, j) in enumerate(tables.pairs)
    )
    defined = pair_kappa[~np.isnan(pair_kappa)]
    doc_pa = st.percent_agreement_binary(k)
    doc_alpha = st.krippendorff_alpha_binary(k)
    doc_kappa = st.cohen_kappa_2x2(pair_tables[:, 0]) if two else np.full(k.shape[0], np.nan)
    per_document = tuple(
        DocumentAgreement(doc, int(tables.units[d]), _n(doc_pa[d]), _n(doc_kappa[d]), _n(doc_alpha[d]))
        for d, doc in enumerate(study.documents)
    )
    interval = None
    if ci is not None and not np.isnan(ci).any():
        interval = (float(ci[0]), float(ci[1]))
    return CodeAgreement(
        code=study.codes[c],
        units=int(pooled.sum()),
        coded_units={name: int(tables.coded[c, :, i].sum()) for i, name in enumerate(study.coders)},
        percent_agreement=_n(st.percent_agreement_binary(pooled)),
        cohen_kappa=pairs[0].cohen_kappa if two else None,
        mean_pairwise_cohen_kappa=float(defined.mean()) if defined.size else None,
        fleiss_kappa=_n(st.fleiss_kappa_binary(pooled)),
        krippendorff_alpha=_n(st.krippendorff_alpha_binary(pooled)),
        krippendorff_alpha_ci95=interval,
        gwet_ac1=_n(st.gwet_ac1_binary(pooled)),
        brennan_prediger=_n(st.brennan_prediger_binary(pooled)),
        alpha_u=alpha_u,
        pairs=pairs,
        per_document=per_document,
    )


def agreement_report(
    study: SpanStudy,
    unit: str = "character",
    texts: Mapping[int, str] | None = None,
    unit_spans: Mapping[int, Sequence[tuple[int, int]]] | None = None,
    bootstrap: int = 0,
    seed: int | np.random.Generator | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> AgreementReport:
    """Compute the full report (see the module docstring)."""
    n_codes = len(study.codes)
    steps = _Steps(2 + 2 * n_codes + bootstrap, progress, cancelled)
    steps.check()
    if unit == "character":
        tables = character_tables(study)
    else:
        if texts is None:
            raise ValueError(f"unit {unit!r} needs the document texts")
        tables = unit_tables(study, unit, texts, unit_spans)
    steps.advance()

    def u_progress(done: int, total: int) -> None:
        steps.advance()

    ua = study_unitizing_alpha(study, progress=u_progress) if n_codes else None
    ci = None
    if bootstrap:
        base = steps.done

        def b_progress(done: int, total: int) -> None:
            steps.reach(base + done)

        ci = bootstrap_alpha_ci(tables.k_counts, bootstrap, seed, progress=b_progress,
                                cancelled=cancelled)
    codes = []
    for c in range(n_codes):
        alpha_u = ua.per_category[study.codes[c]].alpha if ua is not None else None
        codes.append(_code_result(study, tables, c, alpha_u, None if ci is None else ci[c]))
        steps.advance()

    all_k = tables.k_counts.sum(axis=(0, 1))
    kappa_pooled = None
    if len(study.coders) == 2 and n_codes:
        kappa_pooled = _n(st.cohen_kappa_2x2(tables.pair_tables[:, :, 0].sum(axis=(0, 1))))
    overall = OverallAgreement(
        alpha_u=ua.alpha if ua is not None else None,
        cohen_kappa_pooled=kappa_pooled,
        krippendorff_alpha_pooled=_n(st.krippendorff_alpha_binary(all_k)) if n_codes else None,
    )
    steps.advance()
    return AgreementReport(unit, study.coders, study.documents, tuple(codes), overall, bootstrap)
