"""Reported (indirect) speech: "He believes that …", "The President stressed that …".

A sentence outside every direct quote whose speech or opinion verb is followed
by "that" (with up to three words between, "told reporters that") and has a
person-like subject (a name, a pronoun, a role phrase). With a trained pipeline
a verb with a clausal complement (``ccomp``) and a subject counts too, so "Trump
said he would …" is found without "that". The quote is the clause after the verb.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from .lexicon import Lexicon
from .mentions import PRONOUN, Mention, find_speech_verb, parser_subject, subject_before

__all__ = ["IndirectCandidate", "find_indirect"]

_TRAILING = ".!?;:,"


@dataclass(frozen=True)
class IndirectCandidate:
    start: int
    end: int
    mention: Mention
    verb_pos: int


def _clause_end(sent: Any) -> int:
    end = sent.end_char
    text = sent.doc.text
    while end > sent.start_char and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
        end -= 1
    return end


def _rule_candidate(tokens: Sequence[Any], sent: Any, lex: Lexicon) -> IndirectCandidate | None:
    for v in range(len(tokens)):
        tok = tokens[v]
        if tok.text[:1].isupper() or not lex.is_indirect_verb(tok.lower_, tok.lemma_.lower() if tok.lemma_ else tok.lower_):
            continue
        for gap in range(0, 4):
            c = v + 1 + gap
            if c >= len(tokens) - 1:
                break
            between = tokens[v + 1 : c]
            if any(t.is_punct or t.text[:1].isupper() for t in between):
                break
            if tokens[c].lower_ in lex.complementizers:
                mention = subject_before(tokens, v, lex)
                if mention is None:
                    break
                start, end = tokens[c + 1].idx, _clause_end(sent)
                if end > start:
                    return IndirectCandidate(start, end, mention, tok.idx)
                break
    return None


def _parser_candidate(sent: Any, lex: Lexicon) -> IndirectCandidate | None:
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or not lex.is_indirect_verb(tok.lower_, tok.lemma_.lower()):
            continue
        comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if comp is None:
            continue
        mention = parser_subject(tok, lex)
        if mention is None:
            continue
        first = min(comp.subtree, key=lambda t: t.i)
        if first.lower_ in lex.complementizers and first.i + 1 < sent.end:
            first = sent.doc[first.i + 1]
        start, end = first.idx, _clause_end(sent)
        if end > start:
            return IndirectCandidate(start, end, mention, tok.idx)
    return None


_MAX_TRAILING_WORDS = 6  # ", Cyprus Mail reported." is a short clause closing the sentence


def _trailing_source(tokens: Sequence[Any], cand: IndirectCandidate, lex: Lexicon) -> IndirectCandidate:
    """``cand`` attributed to the reporting clause that closes its sentence, when there is one.

    In "A Turkish official said that …, Cyprus Mail reported." the nearest
    reporting clause is the one at the end: the report is Cyprus Mail's, and the
    clause is not part of what was reported.
    """
    words = [t for t in tokens if t.idx >= cand.start]
    while words and words[-1].is_punct:
        words = words[:-1]
    comma = max((i for i, t in enumerate(words) if t.text == ","), default=None)
    if comma is None or not 2 <= len(words) - comma - 1 <= _MAX_TRAILING_WORDS:
        return cand
    tail = words[comma + 1 :]
    verb = find_speech_verb(tail, lex, last=True)
    if verb is None or verb != len(tail) - 1:
        return cand
    mention = subject_before(tail, verb, lex)
    if mention is None or mention.kind == PRONOUN:
        return cand
    end = words[comma].idx
    return IndirectCandidate(cand.start, end, mention, tail[verb].idx) if end > cand.start else cand


def find_indirect(doc: Any, lex: Lexicon, blocked: Sequence[tuple[int, int]], trained: bool) -> list[IndirectCandidate]:
    """Indirect-speech candidates in ``doc``, skipping sentences that overlap ``blocked`` spans."""
    found: list[IndirectCandidate] = []
    for sent in doc.sents:
        if any(s < sent.end_char and sent.start_char < e for s, e in blocked):
            continue
        tokens = [t for t in sent if not t.is_space]
        cand = _parser_candidate(sent, lex) if trained else None
        if cand is None:
            cand = _rule_candidate(tokens, sent, lex)
        if cand is not None:
            found.append(_trailing_source(tokens, cand, lex))
    return found
