"""Inter-coder agreement on a project: load the plain inputs, run the core report, adjudicate.

The statistics live in :mod:`app.core.agreement.report` and friends and take
plain spans; this manager only reads the database and decides which documents
count. Reading and computing are split so the GUI can load on its thread (fast:
a few queries) and compute in a worker::

    inputs = project.agreement.inputs(["Ann", "Ben"], unit="sentence", bootstrap=1000, seed=1)
    result = run(inputs, progress, cancelled)          # pure: no database, no Qt
    result.report.to_json()                              # the CLI's --json contract

``project.agreement.report(...)`` does both in one call.

Which documents count: by default those that *every* chosen coder has marked
done or coded at least once; or an explicit list. Codes are keyed by their
path ("Politics/Constitutional reform"); each code is compared on its own
codings (a parent does not absorb its sub-codes). Sentence units come from the
``sentences`` table where the NLP pass stored them, else from spaCy's
rule-based sentencizer (computed inside :func:`run`, so in the worker).

Adjudication (writing the consensus layer) is in
:mod:`app.project.adjudication`; this manager exposes it as
``project.agreement.adjudicate(...)`` and friends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.core.agreement.report import AgreementReport, agreement_report
from app.core.agreement.spans import SpanStudy, build_study
from app.core.agreement.units import UNIT_KINDS
from app.core.records import CoderInfo, DocStatus
from app.project.adjudication import Adjudication, Adjudicator, Choice
from app.project.errors import NotFoundError, ValidationError
from app.storage import models as m

if TYPE_CHECKING:
    from app.project.service import Project

__all__ = ["AgreementInputs", "AgreementResult", "AgreementManager", "run"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class AgreementInputs:
    """Everything :func:`run` needs, read from the project; plain values only."""

    unit: str
    coders: tuple[str, ...]
    coder_ids: dict[str, int]
    documents: tuple[int, ...]
    titles: dict[int, str]
    lengths: dict[int, int]
    codes: tuple[str, ...]  # code paths, in codebook order
    code_ids: dict[str, int]
    codings: dict[str, list[tuple[int, str, int, int]]]
    excluded: dict[int, list[tuple[int, int]]]
    texts: dict[int, str] | None = None  # only for sentence / paragraph / document units
    sentences: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # stored by the NLP pass
    languages: dict[int, str] = field(default_factory=dict)
    bootstrap: int = 0
    seed: int | None = None


@dataclass(frozen=True, eq=False)
class AgreementResult:
    inputs: AgreementInputs
    study: SpanStudy
    report: AgreementReport


def run(inputs: AgreementInputs, progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None) -> AgreementResult:
    """Compute the report from loaded inputs (pure; safe to run in a worker thread)."""
    study = build_study(inputs.documents, inputs.lengths, inputs.codings, coders=inputs.coders,
                        codes=inputs.codes, excluded=inputs.excluded)
    unit_spans = None
    if inputs.unit == "sentence":
        unit_spans = dict(inputs.sentences)
        missing = [d for d in inputs.documents if d not in unit_spans]
        if missing:
            from app.core.nlp.sentences import sentence_spans

            for n, doc in enumerate(missing):
                if cancelled is not None and cancelled():
                    from app.core.agreement.spans import AgreementCancelled

                    raise AgreementCancelled("agreement computation was cancelled")
                # The rule-based sentencizer: fast, deterministic, no trained model needed.
                unit_spans[doc] = sentence_spans(inputs.texts[doc], inputs.languages.get(doc, "en"), "blank")
                if progress is not None:
                    progress(n + 1, len(missing) + 1)
    report = agreement_report(study, inputs.unit, texts=inputs.texts, unit_spans=unit_spans,
                              bootstrap=inputs.bootstrap, seed=inputs.seed, progress=progress,
                              cancelled=cancelled)
    return AgreementResult(inputs, study, report)


class AgreementManager:
    """``project.agreement``: choose coders, codes and documents; load; report; adjudicate."""

    def __init__(self, project: "Project") -> None:
        self._p = project
        self._db = project.db
        self._adj = Adjudicator(project)

    # --- choosing ---

    def resolve_coders(self, coders: Sequence[str | int]) -> list[CoderInfo]:
        """Coder records for names or ids, in the order given; at least two different ones."""
        infos: list[CoderInfo] = []
        for c in coders:
            info = self._p.coders.get(c) if isinstance(c, int) else self._p.coders.by_name(str(c).strip())
            if info.id not in {i.id for i in infos}:
                infos.append(info)
        if len(infos) < 2:
            raise ValidationError("agreement needs at least two different coders")
        return infos

    def qualifying_documents(self, coder_ids: Iterable[int]) -> list[int]:
        """Documents that every one of the coders has marked done or coded at least once."""
        result: set[int] | None = None
        for coder_id in coder_ids:
            statuses = self._p.documents.statuses(coder_id)
            with self._db.reader() as s:
                coded = set(s.scalars(select(m.Coding.document_id).where(m.Coding.coder_id == coder_id).distinct()))
            ok = {d for d, st in statuses.items() if st is DocStatus.DONE} | coded
            result = ok if result is None else result & ok
        return sorted(result or ())

    # --- loading and computing ---

    def inputs(
        self,
        coders: Sequence[str | int],
        unit: str = "character",
        codes: Sequence[str | int] | None = None,
        documents: Sequence[int] | None = None,
        bootstrap: int = 0,
        seed: int | None = None,
    ) -> AgreementInputs:
        """Read what :func:`run` needs. Raises ValidationError / NotFoundError with a one-line reason."""
        if unit not in UNIT_KINDS:
            raise ValidationError(f"unit must be one of: {', '.join(UNIT_KINDS)}")
        if bootstrap < 0:
            raise ValidationError("the number of bootstrap resamples must not be negative")
        infos = self.resolve_coders(coders)
        names = tuple(i.name for i in infos)
        ids = [i.id for i in infos]
        if documents is None:
            docs = self.qualifying_documents(ids)
            if not docs:
                raise ValidationError(
                    f"no document is marked done or coded by all of {', '.join(names)}; pass --documents")
        else:
            docs = sorted(set(documents))
            if not docs:
                raise ValidationError("choose at least one document")
        with self._db.reader() as s:
            rows = s.execute(select(m.Document.id, m.Document.title, m.Document.length, m.Document.language)
                             .where(m.Document.id.in_(docs))).all()
            found = {r.id for r in rows}
            unknown = [d for d in docs if d not in found]
            if unknown:
                raise NotFoundError(f"there is no document with id {unknown[0]}")
            paths = self._code_paths(codes)
            path_of = {cid: p for p, cid in paths.items()}
            codings: dict[str, list[tuple[int, str, int, int]]] = {n: [] for n in names}
            name_of = {i.id: i.name for i in infos}
            q = select(m.Coding.coder_id, m.Coding.document_id, m.Coding.code_id, m.Coding.start, m.Coding.end
                       ).where(m.Coding.coder_id.in_(ids), m.Coding.document_id.in_(docs))
            if codes is not None:
                q = q.where(m.Coding.code_id.in_(list(paths.values())))
            used: set[int] = set()
            for coder_id, doc, code_id, start, end in s.execute(q):
                codings[name_of[coder_id]].append((doc, path_of[code_id], start, end))
                used.add(code_id)
            excluded: dict[int, list[tuple[int, int]]] = {}
            for doc, start, end in s.execute(select(m.ExcludedSpan.document_id, m.ExcludedSpan.start,
                                                    m.ExcludedSpan.end).where(m.ExcludedSpan.document_id.in_(docs))):
                excluded.setdefault(doc, []).append((start, end))
            texts = sentences = None
            if unit != "character":
                texts = dict(s.execute(select(m.Document.id, m.Document.text).where(m.Document.id.in_(docs))).all())
            if unit == "sentence":
                sentences = {}
                for doc, start, end in s.execute(select(m.Sentence.document_id, m.Sentence.start, m.Sentence.end)
                                                 .where(m.Sentence.document_id.in_(docs))
                                                 .order_by(m.Sentence.document_id, m.Sentence.start)):
                    sentences.setdefault(doc, []).append((start, end))
        chosen = tuple(p for p, cid in paths.items() if codes is not None or cid in used)
        return AgreementInputs(
            unit=unit, coders=names, coder_ids={i.name: i.id for i in infos}, documents=tuple(docs),
            titles={r.id: r.title for r in rows}, lengths={r.id: r.length for r in rows},
            codes=chosen, code_ids={p: paths[p] for p in chosen}, codings=codings, excluded=excluded,
            texts=texts, sentences=sentences or {}, languages={r.id: r.language or "en" for r in rows},
            bootstrap=bootstrap, seed=seed,
        )

    def report(self, coders: Sequence[str | int], unit: str = "character", codes: Sequence[str | int] | None = None,
               documents: Sequence[int] | None = None, bootstrap: int = 0, seed: int | None = None,
               progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> AgreementResult:
        """Load and compute in one call (the CLI's path)."""
        return run(self.inputs(coders, unit, codes, documents, bootstrap, seed), progress, cancelled)

    def _code_paths(self, codes: Sequence[str | int] | None) -> dict[str, int]:
        """``{path: code_id}`` in codebook order: the chosen codes, or every code."""
        everything = self._p.codebook.list()
        if codes is None:
            return {c.path: c.id for c in everything}
        by_id = {c.id: c for c in everything}
        out: dict[str, int] = {}
        for code in codes:
            info = by_id.get(code) if isinstance(code, int) else self._p.codebook.by_path(str(code).strip())
            if info is None:
                raise NotFoundError(f"there is no code with id {code}")
            out[info.path] = info.id
        return out

    # --- adjudication (see app.project.adjudication) ---

    def consensus_coder(self, name: str = "Consensus") -> int:
        return self._adj.consensus_coder(name)

    def proposal(self, document_id: int, code_id: int, choice: Choice | str, region: tuple[int, int],
                 coder_a: int, coder_b: int) -> list[tuple[int, int]]:
        return self._adj.proposal(document_id, code_id, choice, region, coder_a, coder_b)

    def adjudicate(self, document_id: int, code_id: int, region: tuple[int, int],
                   spans: Sequence[tuple[int, int]], consensus_id: int | None = None) -> Adjudication:
        return self._adj.adjudicate(document_id, code_id, region, spans, consensus_id)

    def revert(self, adjudication: Adjudication) -> None:
        self._adj.revert(adjudication)

    def reapply(self, adjudication: Adjudication) -> None:
        self._adj.reapply(adjudication)
