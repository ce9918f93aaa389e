"""Keyword in context: every occurrence of a word, phrase or lemma with the text around it.

Word and phrase search is a case-insensitive match on whole words (no spaCy);
lemma search runs the language's pipeline and matches token lemmas, so "say"
finds "said" and "says". Contexts are cut at ``width`` characters and never
cross a paragraph break, and line breaks inside them are shown as spaces. A
database full-text index can narrow the documents first; this is the part that
finds exact offsets and cuts contexts.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Iterator

from .types import KwicRow

__all__ = ["kwic", "context_row", "find_term"]


def _documents(texts: Iterable[Any]) -> Iterator[tuple[Any, str]]:
    for n, item in enumerate(texts):
        if isinstance(item, str):
            yield n, item
        else:
            doc_id, text = item
            yield doc_id, text


def context_row(doc_id: Any, text: str, start: int, end: int, width: int = 60) -> KwicRow:
    """The row for ``text[start:end]``: up to ``width`` characters each side, within its paragraph."""
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end < 0 else para_end
    left = text[max(para_start, start - width) : start]
    right = text[end : min(para_end, end + width)]
    return KwicRow(doc_id, start, end, left.replace("\n", " "), text[start:end], right.replace("\n", " "))


def find_term(text: str, term: str) -> list[tuple[int, int]]:
    """Offsets of ``term`` as whole words, case-insensitive; white space in the term matches any run of it."""
    words = term.split()
    if not words:
        return []
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]


def _lemma_spans(doc: Any, lemmas: list[str]) -> list[tuple[int, int]]:
    toks = [t for t in doc if not t.is_space]
    n = len(lemmas)
    out = []
    for i in range(len(toks) - n + 1):
        if all((toks[i + k].lemma_ or toks[i + k].text).lower() == lemmas[k] or toks[i + k].lower_ == lemmas[k]
               for k in range(n)):
            out.append((toks[i].idx, toks[i + n - 1].idx + len(toks[i + n - 1].text)))
    return out


def kwic(
    texts: Iterable[Any],
    term: str,
    lemma: bool = False,
    language: str = "en",
    pipeline: str | None = None,
    width: int = 60,
    cancelled: Callable[[], bool] | None = None,
) -> list[KwicRow]:
    """Rows for every occurrence of ``term`` in ``texts`` (strings, or ``(doc_id, text)`` pairs).

    With ``lemma=True`` the term is lemmatised by the pipeline of ``language``
    and matched against token lemmas; documents whose text lacks every form
    the pipeline could produce are still processed, since a lemma may differ
    from all of a word's spellings.
    """
    rows: list[KwicRow] = []
    nlp = lemmas = None
    if lemma:
        from .pipelines import load_pipeline

        nlp, _ = load_pipeline(language, pipeline)
        lemmas = [(t.lemma_ or t.text).lower() for t in nlp(term) if not t.is_space]
    for doc_id, text in _documents(texts):
        if cancelled is not None and cancelled():
            break
        spans = _lemma_spans(nlp(text), lemmas) if lemma and lemmas else find_term(text, term)
        rows.extend(context_row(doc_id, text, s, e, width) for s, e in spans)
    return rows
