"""NLP results in the project: sentences, quotes with speakers, entities, glossary, suggestions, KWIC.

``project.nlp.process(...)`` runs the pure core (:mod:`app.core.nlp`) per
language over the documents and stores what it finds, one transaction per
document, tagged in ``nlp_runs`` with the pipeline (and glossary) that made it.
A document whose stored tag equals the current one is skipped, so results are
recomputed only when the pipeline or the glossary changes. Suggestions are
computed on demand from the codes' patterns; only rejections are stored, and
accepting a suggestion is ``project.codings.add``.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from sqlalchemy import select

from app.core.nlp.types import KwicRow, PipelineInfo
from app.project.errors import NotFoundError, ValidationError
from app.project.fulltext import candidate_documents
from app.storage import models as m
from app.storage.models import utcnow

if TYPE_CHECKING:
    from app.project.service import Project

DEFAULT_LANGUAGE = "en"
LOW_CONFIDENCE = 0.8  # below this a detected speaker is shown for checking (right < 9 in 10 times)


# Kinds as `quotes --json` has always named them (the app calls reported speech "reported").
JSON_KINDS = {"reported": "indirect"}


@dataclass(frozen=True)
class StoredQuote:
    id: int
    document_id: int
    start: int
    end: int
    text: str  # the quoted words without the marks: the document's text[start:end]
    kind: str  # "direct", "reported" or "turn"
    speaker: str | None  # a coder's correction when there is one, else the detected speaker
    speaker_start: int | None
    speaker_end: int | None
    confidence: float  # of the detected speaker; 1.0 once a coder corrected it
    fragment: bool = False
    corrected: bool = False  # the speaker is a coder's correction
    detected_speaker: str | None = None  # what NLP said, kept for review

    @property
    def needs_check(self) -> bool:
        """A speaker a coder should check: detected (not corrected) with confidence under 0.8."""
        return not self.corrected and self.confidence < LOW_CONFIDENCE

    def to_json(self) -> dict:
        # `quotes --json` is a contract: reported speech kept the name it first had there, "indirect".
        return {
            "document_id": self.document_id, "start": self.start, "end": self.end, "text": self.text,
            "kind": JSON_KINDS.get(self.kind, self.kind), "speaker": self.speaker, "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end, "confidence": round(self.confidence, 3),
            "fragment": self.fragment, "corrected": self.corrected,
        }


@dataclass(frozen=True)
class StoredEntity:
    document_id: int
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class SuggestedCoding:
    """A proposal, never a coding: ``project.codings.add`` makes it one when a coder accepts."""

    document_id: int
    code_id: int
    start: int
    end: int
    matched_pattern: str


@dataclass(frozen=True)
class ProcessReport:
    processed: int
    skipped: int
    cancelled: bool
    pipelines: tuple[str, ...]  # the tags used, one per language group


MATCH_CACHE_SIZE = 32  # documents whose suggestion matches are kept


class NlpManager:
    def __init__(self, project: "Project") -> None:
        self._p = project
        self._db = project.db
        # Pattern matches per (document, language, pipeline, patterns, excluded spans); see suggestions().
        self._matches: OrderedDict[tuple, list] = OrderedDict()
        self._matches_lock = threading.Lock()

    # --- processing ---

    def process(
        self,
        document_ids: Iterable[int] | None = None,
        pipeline: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        n_process: int = 1,
    ) -> ProcessReport:
        """Find sentences, quotes and entities in the documents (all when ``None``) and store them.

        ``pipeline`` is a spaCy package name, ``"blank"`` for rules only, or
        ``None`` for the best installed pipeline of each document's language.
        ``progress(done, total)`` counts documents over every language group.
        """
        from app.core.nlp.pipelines import load_pipeline
        from app.core.nlp.process import process as run_core

        glossary = self.glossary_map()
        groups = self._language_groups(document_ids)
        total = sum(len(ids) for ids in groups.values())
        done = skipped = processed = 0
        tags: list[str] = []
        for language, ids in groups.items():
            _, info = load_pipeline(language, pipeline)
            version = _stored_version(info, glossary)
            tags.append(f"{info.name}=={version}")
            todo = self._stale(ids, info.name, version)
            skipped += len(ids) - len(todo)
            done += len(ids) - len(todo)
            if progress is not None and len(todo) < len(ids):
                progress(done, total)
            for chunk in _chunks(todo, 200):
                texts = self._texts(chunk)
                base = done

                def step(n: int, _total: int, base: int = base) -> None:
                    if progress is not None:
                        progress(base + n, total)

                authors = self._authors(chunk)
                result = run_core([texts[i] for i in chunk], language, pipeline, step, cancelled,
                                  n_process, glossary=glossary or None, author=[authors.get(i) for i in chunk])
                for doc_id, res in zip(chunk, result.documents):
                    self._store(doc_id, res, info.name, version)
                processed += len(result.documents)
                done += len(result.documents)
                if result.cancelled:
                    return ProcessReport(processed, skipped, True, tuple(tags))
        return ProcessReport(processed, skipped, False, tuple(tags))

    def run_tag(self, document_id: int) -> str | None:
        """``"name==version"`` of the pipeline whose results are stored for the document, or None."""
        with self._db.reader() as s:
            row = s.get(m.NlpRun, document_id)
            return f"{row.pipeline}=={row.version}" if row else None

    def _language_groups(self, document_ids: Iterable[int] | None) -> dict[str, list[int]]:
        q = select(m.Document.id, m.Document.language).order_by(m.Document.id)
        wanted = None if document_ids is None else set(document_ids)
        groups: dict[str, list[int]] = {}
        with self._db.reader() as s:
            rows = s.execute(q).all()
        found = {doc_id for doc_id, _ in rows}
        if wanted is not None and wanted - found:
            raise NotFoundError(f"there is no document with id {min(wanted - found)}")
        for doc_id, language in rows:
            if wanted is None or doc_id in wanted:
                groups.setdefault(_language(language), []).append(doc_id)
        return groups

    def _stale(self, ids: list[int], name: str, version: str) -> list[int]:
        with self._db.reader() as s:
            current = set(s.scalars(select(m.NlpRun.document_id).where(
                m.NlpRun.pipeline == name, m.NlpRun.version == version)))
        return [i for i in ids if i not in current]

    def _texts(self, ids: list[int]) -> dict[int, str]:
        with self._db.reader() as s:
            return dict(s.execute(select(m.Document.id, m.Document.text).where(m.Document.id.in_(ids))).all())

    def _authors(self, ids: list[int]) -> dict[int, str | None]:
        """Each document's author metadata: the speaker "I" and "we" refer to in a speech."""
        with self._db.reader() as s:
            return dict(s.execute(select(m.Document.id, m.Document.author).where(m.Document.id.in_(ids))).all())

    def _store(self, document_id: int, res, name: str, version: str) -> None:
        with self._db.session() as s:
            for model in (m.Sentence, m.Quote, m.Entity):
                s.execute(model.__table__.delete().where(model.document_id == document_id))
            s.execute(m.NlpRun.__table__.delete().where(m.NlpRun.document_id == document_id))
            s.add_all(m.Sentence(document_id=document_id, start=a, end=b) for a, b in res.sentences)
            s.add_all(
                m.Quote(document_id=document_id, start=q.start, end=q.end, kind=q.kind, speaker=q.speaker,
                        speaker_start=q.speaker_start, speaker_end=q.speaker_end, confidence=q.confidence,
                        fragment=q.fragment)
                for q in res.quotes
            )
            s.add_all(m.Entity(document_id=document_id, start=e.start, end=e.end, label=e.label[:32], text=e.text)
                      for e in res.entities)
            s.add(m.NlpRun(document_id=document_id, pipeline=name[:100], version=version[:50], processed_at=utcnow()))

    # --- queries ---

    def quotes(self, document_id: int | None = None, speaker: str | None = None) -> list[StoredQuote]:
        """Stored quotes in document and text order, with coders' speaker corrections applied.

        ``speaker`` filters by exact speaker name (the corrected one where corrected).
        """
        q = select(m.Quote, m.Document.text).join(m.Document, m.Document.id == m.Quote.document_id)
        c = select(m.SpeakerCorrection)
        if document_id is not None:
            q = q.where(m.Quote.document_id == document_id)
            c = c.where(m.SpeakerCorrection.document_id == document_id)
        q = q.order_by(m.Quote.document_id, m.Quote.start, m.Quote.end)
        with self._db.reader() as s:
            fixes: dict[int, list] = {}
            for row in s.execute(c).scalars():
                fixes.setdefault(row.document_id, []).append(row)
            out = []
            for r, text in s.execute(q):
                fix = _correction_for(fixes.get(r.document_id, ()), r.start, r.end)
                out.append(StoredQuote(
                    r.id, r.document_id, r.start, r.end, text[r.start:r.end], r.kind,
                    fix.speaker if fix else r.speaker, r.speaker_start, r.speaker_end,
                    1.0 if fix else r.confidence, bool(r.fragment), fix is not None, r.speaker))
        return [x for x in out if speaker is None or x.speaker == speaker]

    def quote(self, quote_id: int) -> StoredQuote:
        with self._db.reader() as s:
            doc_id = s.execute(select(m.Quote.document_id).where(m.Quote.id == quote_id)).scalar()
        if doc_id is None:
            raise NotFoundError(f"no quote with id {quote_id} (run 'quotecoder quotes' to list them)")
        return next(x for x in self.quotes(doc_id) if x.id == quote_id)

    def correct_speaker(self, quote_id: int, speaker: str | None) -> tuple[StoredQuote, tuple[bool, str | None]]:
        """Set the speaker of a quote as a coder says; it survives re-running NLP.

        ``speaker`` None means "no named speaker". Returns the quote as now listed and what
        was there before, ``(had_correction, previous_speaker)``, for undo.
        """
        quote = self.quote(quote_id)
        name = " ".join(speaker.split()) if speaker is not None else None
        if name is not None and not name:
            raise ValidationError("the speaker name is empty: give a name, or --none for no named speaker")
        previous = (quote.corrected, quote.speaker)
        with self._db.session() as s:
            self._clear(s, quote.document_id, quote.start, quote.end)
            s.add(m.SpeakerCorrection(document_id=quote.document_id, start=quote.start, end=quote.end,
                                      speaker=name, corrected_at=utcnow()))
            self._p.log(s, "update", "quote_speaker", quote_id, speaker=name, previous=quote.speaker)
        return self.quote(quote_id), previous

    def clear_speaker_correction(self, quote_id: int) -> StoredQuote:
        """Drop a coder's correction: the detected speaker applies again (undo of the first correction)."""
        quote = self.quote(quote_id)
        with self._db.session() as s:
            self._clear(s, quote.document_id, quote.start, quote.end)
            self._p.log(s, "delete", "quote_speaker", quote_id, previous=quote.speaker)
        return self.quote(quote_id)

    def _clear(self, s, document_id: int, start: int, end: int) -> None:
        rows = s.execute(select(m.SpeakerCorrection).where(m.SpeakerCorrection.document_id == document_id)).scalars()
        for row in list(rows):
            if _correction_for([row], start, end) is not None:
                s.delete(row)
        s.flush()

    def speakers(self) -> list[tuple[str, int]]:
        """Every named speaker with the number of quotes attributed to them, most quoted first."""
        counts: dict[str, int] = {}
        for quote in self.quotes():
            if quote.speaker:
                counts[quote.speaker] = counts.get(quote.speaker, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def sentences(self, document_id: int) -> list[tuple[int, int]]:
        with self._db.reader() as s:
            return [tuple(r) for r in s.execute(
                select(m.Sentence.start, m.Sentence.end).where(m.Sentence.document_id == document_id)
                .order_by(m.Sentence.start))]

    def sentence_at(self, document_id: int, start: int, end: int) -> tuple[int, int] | None:
        """The stored sentences covering ``[start, end)`` joined into one span ("snap selection to sentence")."""
        hit = [(a, b) for a, b in self.sentences(document_id) if a < max(end, start + 1) and start < b]
        return (hit[0][0], hit[-1][1]) if hit else None

    def entities(self, document_id: int) -> list[StoredEntity]:
        with self._db.reader() as s:
            rows = s.execute(select(m.Entity.start, m.Entity.end, m.Entity.label, m.Entity.text)
                             .where(m.Entity.document_id == document_id).order_by(m.Entity.start, m.Entity.end))
            return [StoredEntity(document_id, *r) for r in rows]

    # --- glossary ---

    def glossary(self) -> list[tuple[int, str, str, str]]:
        """Every entry as (id, canonical name, alias, label), by canonical name then alias."""
        with self._db.reader() as s:
            rows = s.execute(select(m.GlossaryEntry.id, m.GlossaryEntry.canonical, m.GlossaryEntry.alias,
                                    m.GlossaryEntry.label).order_by(m.GlossaryEntry.canonical, m.GlossaryEntry.alias))
            return [tuple(r) for r in rows]

    def glossary_map(self) -> dict[str, list[str]]:
        """The glossary as the core takes it: ``{canonical: [aliases]}``."""
        out: dict[str, list[str]] = {}
        for _, canonical, alias, _ in self.glossary():
            out.setdefault(canonical, [])
            if alias != canonical:
                out[canonical].append(alias)
        return out

    def glossary_add(self, canonical: str, aliases: Iterable[str] = (), label: str = "PERSON") -> list[int]:
        """Add a name and its aliases ("Tokayev", "the Head of State"); the name is its own alias."""
        canonical = " ".join((canonical or "").split())
        if not canonical:
            raise ValidationError("a glossary name must not be empty")
        names = [canonical, *(" ".join(a.split()) for a in aliases)]
        ids = []
        with self._db.session() as s:
            taken = dict(s.execute(select(m.GlossaryEntry.alias, m.GlossaryEntry.canonical)).all())
            for alias in dict.fromkeys(a for a in names if a):
                if alias in taken:
                    if taken[alias] != canonical:
                        raise ValidationError(f"'{alias}' already stands for '{taken[alias]}'")
                    continue
                row = m.GlossaryEntry(canonical=canonical, alias=alias[:500], label=label[:32])
                s.add(row)
                s.flush()
                ids.append(row.id)
            self._p.log(s, "add", "glossary", None, canonical=canonical, count=len(ids))
        return ids

    def glossary_remove(self, canonical: str, alias: str | None = None) -> int:
        """Remove one alias, or the whole name with every alias when ``alias`` is None; returns the count."""
        table = m.GlossaryEntry.__table__
        where = table.c.canonical == canonical
        if alias is not None:
            where = where & (table.c.alias == alias)
        with self._db.session() as s:
            count = s.execute(table.delete().where(where)).rowcount or 0
            self._p.log(s, "delete", "glossary", None, canonical=canonical, alias=alias, count=count)
        return count

    # --- suggestions ---

    def suggestions(self, document_id: int, coder_id: int, pipeline: str | None = None) -> list[SuggestedCoding]:
        """Spans the codes' patterns match, minus those the coder rejected, already coded or excluded."""

        with self._db.reader() as s:
            language = s.scalar(select(m.Document.language).where(m.Document.id == document_id))
            if language is None and s.get(m.Document, document_id) is None:
                raise NotFoundError(f"there is no document with id {document_id}")
            language = _language(language)
            rows = tuple(tuple(r) for r in s.execute(select(m.CodePattern.code_id, m.CodePattern.pattern, m.CodePattern.kind)
                                   .join(m.Code, m.Code.id == m.CodePattern.code_id)
                                   .where(m.Code.archived.is_(False)).order_by(m.CodePattern.id)).all())
            rejected = set(s.execute(select(m.SuggestionDecision.code_id, m.SuggestionDecision.start,
                                            m.SuggestionDecision.end).where(
                m.SuggestionDecision.document_id == document_id, m.SuggestionDecision.coder_id == coder_id)).all())
            coded = set(s.execute(select(m.Coding.code_id, m.Coding.start, m.Coding.end).where(
                m.Coding.document_id == document_id, m.Coding.coder_id == coder_id)).all())
            excluded = tuple(tuple(r) for r in s.execute(select(m.ExcludedSpan.start, m.ExcludedSpan.end)
                                                          .where(m.ExcludedSpan.document_id == document_id)))
        if not rows:
            return []
        # Texts never change, so the pattern matches of a document depend only on the patterns, the
        # excluded spans and the pipeline: an edit (a coding added, a suggestion rejected) refilters
        # the cached matches instead of running the pipeline over the whole text again.
        key = (document_id, language, pipeline, rows, excluded)
        with self._matches_lock:
            matches = self._matches.get(key)
            if matches is not None:
                self._matches.move_to_end(key)
        if matches is None:
            matches = self._match(document_id, language, pipeline, rows, excluded)
            with self._matches_lock:
                self._matches[key] = matches
                while len(self._matches) > MATCH_CACHE_SIZE:
                    self._matches.popitem(last=False)
        out = []
        for sug in matches:
            k = (int(sug.code_key), sug.start, sug.end)
            if k not in rejected and k not in coded:
                out.append(SuggestedCoding(document_id, k[0], sug.start, sug.end, sug.matched_pattern))
        return out

    def _match(self, document_id: int, language: str, pipeline: str | None, rows, excluded) -> list:
        from app.core.nlp.pipelines import load_pipeline
        from app.core.nlp.suggest import build_matcher, suggest
        from app.core.nlp.types import SuggestionPattern

        text = self._p.documents.text(document_id)
        nlp, _ = load_pipeline(language, pipeline)
        matcher = build_matcher(nlp, [SuggestionPattern(str(c), p, k == "lemma") for c, p, k in rows])
        return suggest(nlp(text), matcher, excluded)

    def reject_suggestion(self, document_id: int, code_id: int, coder_id: int, start: int, end: int) -> int:
        """Remember that the coder rejected this suggestion, so it is not proposed again."""
        with self._db.session() as s:
            row = s.scalar(select(m.SuggestionDecision).where(
                m.SuggestionDecision.document_id == document_id, m.SuggestionDecision.code_id == code_id,
                m.SuggestionDecision.coder_id == coder_id, m.SuggestionDecision.start == start,
                m.SuggestionDecision.end == end))
            if row is None:
                row = m.SuggestionDecision(document_id=document_id, code_id=code_id, coder_id=coder_id,
                                           start=start, end=end, decision="rejected")
                s.add(row)
                s.flush()
            self._p.log(s, "reject", "suggestion", row.id, document_id=document_id, code_id=code_id)
            return row.id

    def unreject_suggestion(self, decision_id: int) -> None:
        """Undo a rejection."""
        with self._db.session() as s:
            s.execute(m.SuggestionDecision.__table__.delete().where(m.SuggestionDecision.id == decision_id))
            self._p.log(s, "unreject", "suggestion", decision_id)

    # --- concordance ---

    def kwic(self, term: str, lemma: bool = False, width: int = 60, pipeline: str | None = None,
             cancelled: Callable[[], bool] | None = None) -> list[KwicRow]:
        """Every occurrence of ``term`` with its context; ``doc_id`` of each row is the document id.

        The full-text index picks the candidate documents (all of them for a
        lemma search, since a lemma may match forms the index never saw).
        """
        from app.core.nlp.kwic import kwic as run_kwic

        if not term.strip():
            raise ValidationError("the search term must not be empty")
        ids = None if lemma else candidate_documents(self._db, term)
        groups = self._language_groups(None)
        rows: list[KwicRow] = []
        for language, doc_ids in groups.items():
            if ids is not None:
                doc_ids = [i for i in doc_ids if i in ids]
            for chunk in _chunks(doc_ids, 500):
                texts = self._texts(chunk)
                rows.extend(run_kwic([(i, texts[i]) for i in chunk], term, lemma=lemma, language=language,
                                     pipeline=pipeline, width=width, cancelled=cancelled))
        rows.sort(key=lambda r: (r.doc_id, r.start))
        return rows


def _correction_for(rows, start: int, end: int):
    """The correction made on this quote: same span, or (after re-running changed rules) one
    overlapping at least half of the shorter of the two."""
    best = None
    for row in rows:
        if (row.start, row.end) == (start, end):
            return row
        inter = min(row.end, end) - max(row.start, start)
        if inter > 0 and inter >= 0.5 * min(row.end - row.start, end - start):
            best = row
    return best


def _language(language: str | None) -> str:
    return (language or DEFAULT_LANGUAGE).split(",")[0].strip() or DEFAULT_LANGUAGE


def _stored_version(info: PipelineInfo, glossary: dict[str, list[str]]) -> str:
    """The pipeline version, plus a digest of the glossary when there is one (it changes attribution)."""
    if not glossary:
        return info.version
    digest = hashlib.sha1(repr(sorted((k, sorted(v)) for k, v in glossary.items())).encode()).hexdigest()[:10]
    return f"{info.version}+g{digest}"


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
