"""Process texts: sentences, quotes with speakers and entities, in batches, with progress and cancel.

``process`` is the long-running pure function a worker runs over a corpus
(``nlp.pipe`` in batches; more than one process for large corpora). The
single-document helpers (:func:`find_quotes`, :func:`find_entities`) serve
tests, the CLI and opening one document in the reader.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Sequence

from .detect import quotes_in_doc
from .entities import entities_in_doc, glossary_matcher
from .pipelines import load_pipeline
from .sentences import sentences_in_doc
from .types import BatchResult, DocResult, Entity, PipelineInfo, Quote

__all__ = ["process", "find_quotes", "find_entities"]

Glossary = Mapping[str, Sequence[str]]


def find_quotes(
    text: str,
    language: str = "en",
    pipeline: str | None = None,
    glossary: Glossary | None = None,
    author: str | None = None,
) -> list[Quote]:
    """Direct and indirect quotes in ``text`` with speakers, in text order.

    ``author`` (the text's own speaker, e.g. a speech's orator) is the speaker of
    first-person reporting clauses ("I believe that …"); without it they get none.
    """
    nlp, info = load_pipeline(language, pipeline)
    with nlp.select_pipes(disable=_unneeded(nlp, info)):
        doc = nlp(text)
    return quotes_in_doc(doc, language, info.trained, glossary, author)


def find_entities(
    text: str, language: str = "en", pipeline: str | None = None, glossary: Glossary | None = None
) -> list[Entity]:
    """Named entities in ``text``: glossary names and aliases, plus NER of a trained pipeline."""
    nlp, _ = load_pipeline(language, pipeline)
    matcher = glossary_matcher(nlp, glossary) if glossary else None
    return entities_in_doc(nlp(text), matcher)


def _document_result(
    doc: Any, language: str, info: PipelineInfo, glossary: Glossary | None, matcher: Any, author: str | None
) -> DocResult:
    return DocResult(
        sentences=tuple(sentences_in_doc(doc)),
        quotes=tuple(quotes_in_doc(doc, language, info.trained, glossary, author)),
        entities=tuple(entities_in_doc(doc, matcher)),
    )


def process(
    texts: Sequence[str] | Iterable[str],
    language: str,
    pipeline: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    n_process: int = 1,
    batch_size: int = 32,
    glossary: Glossary | None = None,
    author: str | Sequence[str | None] | None = None,
) -> BatchResult:
    """Sentences, quotes and entities of every text, tagged with the pipeline that made them.

    ``progress(done, total)`` is called after each document (``total`` is -1
    when ``texts`` has no length). When ``cancelled()`` turns true, processing
    stops after the current document and the result holds the documents done
    so far with ``cancelled=True``; nothing partial is half-written, because the
    caller stores only what it gets back. ``n_process > 1`` lets spaCy fork
    worker processes for the pipeline itself (worth it for large corpora with a
    trained pipeline); quote detection runs in this process.

    ``author`` is each text's own speaker (see :func:`find_quotes`): one name for
    every text, or a sequence with one entry (or None) per text.
    """
    nlp, info = load_pipeline(language, pipeline)
    total = len(texts) if hasattr(texts, "__len__") else -1  # type: ignore[arg-type]
    matcher = glossary_matcher(nlp, glossary) if glossary else None
    results: list[DocResult] = []
    if cancelled is not None and cancelled():
        return BatchResult(info, (), cancelled=True)
    docs = nlp.pipe(texts, batch_size=batch_size, n_process=max(1, n_process), disable=_unneeded(nlp, info))
    for doc in docs:
        results.append(_document_result(doc, language, info, glossary, matcher, _author_of(author, len(results))))
        if progress is not None:
            progress(len(results), total)
        if cancelled is not None and cancelled():
            _close(docs)
            return BatchResult(info, tuple(results), cancelled=True)
    return BatchResult(info, tuple(results))


def _unneeded(nlp: Any, info: PipelineInfo) -> list[str]:
    """Components quotes and entities do not use: the blank pipeline's lookup lemmatizer.

    The speech-verb lists hold inflected forms, so the rules need no lemmas; the lemmatizer
    is run only where lemma patterns or a lemma concordance ask for it (suggestions, KWIC).
    """
    if info.trained:
        return []
    return [name for name in nlp.pipe_names if name in ("lemmatizer", "quotecoder_lemma_case_fallback")]


def _author_of(author: str | Sequence[str | None] | None, index: int) -> str | None:
    if author is None or isinstance(author, str):
        return author
    return author[index] if index < len(author) else None


def _close(generator: Any) -> None:
    """Stop ``nlp.pipe`` early so worker processes (n_process > 1) are shut down."""
    close = getattr(generator, "close", None)
    if close is not None:
        close()
