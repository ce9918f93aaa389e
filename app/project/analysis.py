"""Crosstabs and code queries over a project (see :mod:`app.core.analysis`).

``project.analysis.crosstab(cols="outlet", count="codings")`` and
``project.analysis.query('"A" AND "B"', within="paragraph")`` read the codings and the
documents' metadata in a few queries and hand plain records to the core.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from app.core.analysis.crosstab import NO_VALUE, Crosstab, crosstab
from app.core.analysis.model import CodeNode, Coded, clip_excluded
from app.core.analysis.query import parse, run
from app.core.records import SegmentInfo
from app.core.text import paragraph_spans
from app.project.errors import ValidationError
from app.storage import models as m

if TYPE_CHECKING:
    from app.core.records import DocumentInfo
    from app.project.service import Project

__all__ = ["AnalysisManager", "COLUMNS"]

COLUMNS = ("outlet", "year", "month", "language", "speaker", "coder")  # and attribute:NAME


class AnalysisManager:
    def __init__(self, project: "Project") -> None:
        self._p = project
        self._db = project.db

    # --- reading ---

    def _coded(self, coders: Sequence[str] | None, documents: Sequence[int] | None,
               code_ids: Iterable[int] | None = None) -> list[Coded]:
        c = m.Coding
        query = select(c.id, c.code_id, c.document_id, m.Coder.name, c.start, c.end).join(
            m.Coder, m.Coder.id == c.coder_id)
        if coders:
            ids = [self._p.coders.by_name(name).id for name in coders]
            query = query.where(c.coder_id.in_(ids))
        if documents:
            for doc in documents:
                self._p.documents.get(doc)
            query = query.where(c.document_id.in_(list(documents)))
        if code_ids is not None:
            query = query.where(c.code_id.in_(list(code_ids)))
        with self._db.reader() as s:
            rows = [Coded(*row) for row in s.execute(query.order_by(c.document_id, c.start, c.end, c.id))]
            excluded: dict[int, list[tuple[int, int]]] = {}
            for doc, start, end in s.execute(select(m.ExcludedSpan.document_id, m.ExcludedSpan.start,
                                                    m.ExcludedSpan.end)):
                excluded.setdefault(doc, []).append((start, end))
        return clip_excluded(rows, excluded)

    def _codes(self, paths: Sequence[str] | None) -> tuple[list[CodeNode], set[int] | None]:
        codes = self._p.codebook.list()
        nodes = [CodeNode(c.id, c.path, c.parent_id) for c in codes]
        if not paths:
            return nodes, None
        chosen = [self._p.codebook.by_path(p) for p in paths]
        keep = {c.id for c in codes if any(c.path == k.path or c.path.startswith(k.path + "/") for k in chosen)}
        return [n for n in nodes if n.id in keep], keep

    # --- crosstab ---

    def crosstab(self, cols: str, count: str = "codings", coders: Sequence[str] | None = None,
                 codes: Sequence[str] | None = None, documents: Sequence[int] | None = None) -> Crosstab:
        nodes, keep = self._codes(codes)
        coded = self._coded(coders, documents, keep)
        labels_of = self._labels(cols, {c.document_id for c in coded})
        try:
            return crosstab(coded, nodes, labels_of, count)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None

    def _labels(self, cols: str, doc_ids: set[int]) -> Callable[[Coded], list[str]]:
        if cols == "coder":
            return lambda c: [c.coder]
        if cols == "speaker":
            return self._speaker_labels(doc_ids)
        docs: dict[int, "DocumentInfo"] = {d.id: d for d in self._p.documents.list() if d.id in doc_ids}
        if cols.startswith("attribute:"):
            name = cols.split(":", 1)[1]
            if not name:
                raise ValidationError("name the attribute: --cols attribute:NAME")
            return lambda c: [docs[c.document_id].attributes.get(name) or NO_VALUE]
        value: Callable[["DocumentInfo"], str | None]
        if cols == "outlet":
            value = lambda d: d.outlet  # noqa: E731
        elif cols == "language":
            value = lambda d: d.language  # noqa: E731
        elif cols == "year":
            value = lambda d: f"{d.published.year:04d}" if d.published else None  # noqa: E731
        elif cols == "month":
            value = lambda d: f"{d.published.year:04d}-{d.published.month:02d}" if d.published else None  # noqa: E731
        else:
            raise ValidationError(f"--cols must be one of {', '.join(COLUMNS)} or attribute:NAME, not {cols!r}")
        return lambda c: [value(docs[c.document_id]) or NO_VALUE]

    def _speaker_labels(self, doc_ids: set[int]) -> Callable[[Coded], list[str]]:
        with self._db.reader() as s:
            if not s.scalar(select(func.count()).select_from(m.NlpRun)):
                raise ValidationError("no quotes have been detected yet; run 'quotecoder nlp PROJECT' first")
            quotes: dict[int, list[tuple[int, int, str]]] = {}
            for doc, start, end, speaker in s.execute(
                    select(m.Quote.document_id, m.Quote.start, m.Quote.end, m.Quote.speaker)
                    .where(m.Quote.document_id.in_(list(doc_ids)))):
                quotes.setdefault(doc, []).append((start, end, speaker or "(unknown speaker)"))

        def labels(c: Coded) -> list[str]:
            return [speaker for start, end, speaker in quotes.get(c.document_id, []) if start < c.end and end > c.start]

        return labels

    # --- queries ---

    def query(self, expr: str, within: str = "overlap", coders: Sequence[str] | None = None,
              documents: Sequence[int] | None = None) -> list[SegmentInfo]:
        """Segments where ``expr`` holds, with the same fields as ``codings.segments``."""
        tree = parse(expr)
        nodes, _ = self._codes(None)
        coded = self._coded(coders, documents)
        docs = {d.id: d for d in self._p.documents.list()}
        lengths = {doc_id: d.length for doc_id, d in docs.items()}
        units = None
        if within in ("sentence", "paragraph"):
            units = {doc: self._units(doc, within) for doc in {c.document_id for c in coded}}
        hits = run(tree, coded, nodes, lengths, within, units)
        paths = {n.id: n.path for n in nodes}
        memos = self._memos({h.coding_id for h in hits if h.coding_id is not None})
        texts: dict[int, str] = {}
        out = []
        for h in hits:
            text = texts.get(h.document_id)
            if text is None:
                text = texts[h.document_id] = self._p.documents.text(h.document_id)
            out.append(SegmentInfo(
                id=h.coding_id if h.coding_id is not None else 0, document_id=h.document_id,
                document_title=docs[h.document_id].title, code_id=h.code_id or 0,
                code_path=paths.get(h.code_id, expr) if h.code_id else expr, coder_id=0, coder=h.coder,
                start=h.start, end=h.end, text=text[h.start:h.end], memo=memos.get(h.coding_id, ""),
            ))
        return out

    def _units(self, document_id: int, within: str) -> list[tuple[int, int]]:
        if within == "paragraph":
            return paragraph_spans(self._p.documents.text(document_id))
        sentences = self._p.nlp.sentences(document_id)
        if not sentences:
            raise ValidationError(
                f"document {document_id} has no sentences yet; run 'quotecoder nlp PROJECT' first, or query "
                "--within paragraph")
        return sentences

    def _memos(self, coding_ids: set[int]) -> dict[int, str]:
        if not coding_ids:
            return {}
        with self._db.reader() as s:
            return dict(s.execute(select(m.Coding.id, m.Coding.memo).where(m.Coding.id.in_(list(coding_ids)))).all())
