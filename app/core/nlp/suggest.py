"""Code suggestions: each code's patterns (words, phrases, lemmas) matched in a document.

Word and phrase patterns match case-insensitively on the token text, so
"social justice" finds "Social Justice" but not "socially just"; a lemma
pattern matches every inflection the pipeline's lemmatizer knows ("injustice"
finds "injustices"). Suggestions inside spans the caller excludes (boilerplate,
already-coded passages) are dropped. A suggestion is only a proposal: nothing
becomes a coding until a coder accepts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from .types import Suggestion, SuggestionPattern

__all__ = ["SuggestionMatcher", "build_matcher", "suggest"]


@dataclass
class SuggestionMatcher:
    """Compiled patterns for one pipeline; build once, match many documents."""

    phrase: Any
    lemma: Any
    keys: dict[str, tuple[str, str]]  # matcher rule id -> (code_key, pattern as written)


def _lemma_pattern(nlp: Any, pattern: str) -> list[dict[str, str]]:
    doc = nlp(pattern)
    return [{"LEMMA": t.lemma_ or t.text} if t.lemma_ else {"LOWER": t.lower_} for t in doc if not t.is_space]


def build_matcher(nlp: Any, patterns: Iterable[SuggestionPattern]) -> SuggestionMatcher:
    """Compile ``patterns`` for ``nlp`` (a lemma pattern is lemmatised by the same pipeline)."""
    from spacy.matcher import Matcher, PhraseMatcher

    phrase = PhraseMatcher(nlp.vocab, attr="LOWER")
    lemma = Matcher(nlp.vocab)
    keys: dict[str, tuple[str, str]] = {}
    for n, p in enumerate(patterns):
        if not p.pattern.strip():
            continue
        rule = f"s{n}"
        keys[rule] = (p.code_key, p.pattern)
        if p.lemma and ("lemmatizer" in nlp.pipe_names):
            lemma.add(rule, [_lemma_pattern(nlp, p.pattern)])
        else:
            phrase.add(rule, [nlp.make_doc(p.pattern)])
    return SuggestionMatcher(phrase, lemma, keys)


def suggest(doc: Any, matcher: SuggestionMatcher, excluded: Sequence[tuple[int, int]] = ()) -> list[Suggestion]:
    """Suggested spans in ``doc``, in text order, without those inside an excluded span.

    The same code matching the same stretch twice (as a phrase and a lemma) is reported once.
    """
    seen: set[tuple[str, int, int]] = set()
    out: list[Suggestion] = []
    # An empty Matcher warns (W036) when called, so only call the ones that have rules.
    matches = [*(matcher.phrase(doc) if len(matcher.phrase) else ()), *(matcher.lemma(doc) if len(matcher.lemma) else ())]
    for match_id, s, e in matches:
        span = doc[s:e]
        a, b = span.start_char, span.end_char
        if any(x <= a and b <= y for x, y in excluded):
            continue
        code_key, pattern = matcher.keys[doc.vocab.strings[match_id]]
        if (code_key, a, b) in seen:
            continue
        seen.add((code_key, a, b))
        out.append(Suggestion(code_key, a, b, pattern))
    out.sort(key=lambda x: (x.start, x.end, x.code_key))
    return out
