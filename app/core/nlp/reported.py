"""Reported speech: "X said (that) …", "According to X, …", "…, X reported", "X warned that …".

Rules over the tokens of one sentence, so the blank pipeline finds them; a trained pipeline
adds verbs whose parse has a clausal complement (``ccomp``) and a subject. A sentence that
holds a direct quote of four words or more is the direct quote's; quoted fragments inside a
reported clause do not stop it. Headings are never reported speech.

* source first: "According to X, CLAUSE", "In X's words, CLAUSE", "По данным X, CLAUSE";
  source last: "CLAUSE, according to X";
* subject and verb: "X said/warned/argued/insisted (in a statement) that CLAUSE", and without
  "that" when what follows starts a clause ("Trump said he would …", "X told reporters the …");
* trailing cue: "CLAUSE, X said." / "CLAUSE, said X." / "CLAUSE, Cyprus Mail reported."
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from .lexicon import Lexicon
from .mentions import NAME, PRONOUN, ROLE, Mention, checked, text_of, find_speech_verb, parser_subject, subject_after, subject_before

__all__ = ["ReportedCandidate", "find_reported"]

_TRAILING = ".!?;:,"
_MAX_TRAILING_WORDS = 7
_AUX = frozenset(
    """is are was were be been will would could can can't cannot may might must should shall had has have
    did does do won't wouldn't didn't doesn't isn't aren't wasn't weren't hasn't haven't hadn't""".split()
)
_PAST = frozenset(
    """began made took gave went came found knew thought told left won lost held met ran saw sent spent
    stood brought built bought caught felt fought got kept led meant paid put set sold became grew fell
    rose chose drove flew hid shot struck threw wore wrote""".split()
)
_CLAUSE_START = frozenset(
    """he she they it we i you there the a an his her their its this these those that no all some more
    several many most any each every both over about nearly almost only"""
    .split()
)
_AUDIENCE = frozenset("reporters journalists the press him her them us me parliament lawmakers".split())


@dataclass(frozen=True)
class ReportedCandidate:
    start: int
    end: int
    mention: Mention
    verb_pos: int


def _text_end(tokens: Sequence[Any], lo: int, hi: int) -> int:
    """End of the words ``tokens[lo:hi]`` without trailing punctuation."""
    while hi > lo and (tokens[hi - 1].is_punct or tokens[hi - 1].text in _TRAILING):
        if tokens[hi - 1].text in "”’\"»)]" and hi - 1 > lo:  # keep a closing mark of a fragment
            break
        hi -= 1
    return tokens[hi - 1].idx + len(tokens[hi - 1].text) if hi > lo else tokens[lo].idx


def _has_finite_verb(tokens: Sequence[Any], lo: int, hi: int) -> bool:
    for t in tokens[lo : min(hi, lo + 12)]:
        low = t.lower_
        if low in _AUX or low in _PAST or (t.is_lower and len(low) > 4 and low.endswith("ed")):
            return True
        if t.pos_ in ("VERB", "AUX"):
            return True
    return False


def _clause_ok(tokens: Sequence[Any], c: int, hi: int, lex: Lexicon) -> bool:
    """``tokens[c:hi]`` can be a reported clause (after a verb and no "that")."""
    if hi - c < 3:
        return False
    t = tokens[c]
    if t.lower_ in lex.pronouns or t.lower_ in ("i", "we", "it", "there", "он", "она", "они"):
        return True
    if not (t.lower_ in _CLAUSE_START or t.text[:1].isupper() or t.like_num):
        return False
    return _has_finite_verb(tokens, c + 1, hi)


def _source_phrase(tokens: Sequence[Any], lo: int, hi: int, lex: Lexicon) -> Mention | None:
    while lo < hi and tokens[lo].lower_ in ("the", "a", "an"):
        lo += 1
    if lo >= hi:
        return None
    while hi > lo and tokens[hi - 1].is_punct:
        hi -= 1
    if hi <= lo or hi - lo > 9:
        return None
    a, b = tokens[lo].idx, tokens[hi - 1].idx + len(tokens[hi - 1].text)
    text = text_of(tokens[lo].doc)[a:b]
    if "\n" in text:
        return None
    kind = NAME if any(t.text[:1].isupper() for t in tokens[lo:hi]) else ROLE
    if kind == ROLE and tokens[lo].lower_ in lex.indefinites:
        return Mention(a, b, text, ROLE)
    return checked(Mention(a, b, text, kind), lex)


def _according(tokens: Sequence[Any], lex: Lexicon) -> ReportedCandidate | None:
    n = len(tokens)
    for k in range(n - 2):
        low = tokens[k].lower_
        if low not in lex.sources:
            continue
        if low == "according" and tokens[k + 1].lower_ != "to":
            continue
        src = k + 2 if low == "according" else k + 1
        at_start = k == 0 or tokens[k - 1].text == "," and k <= 3
        comma = next((i for i in range(src, n) if tokens[i].text == ","), None)
        if at_start and comma is not None and comma + 2 < n:
            mention = _source_phrase(tokens, src, comma, lex)
            if mention is not None and _has_finite_verb(tokens, comma + 1, n):
                return ReportedCandidate(tokens[comma + 1].idx, _text_end(tokens, comma + 1, n), mention, tokens[k].idx)
        if k >= 3 and tokens[k - 1].text == "," and (comma is None):
            mention = _source_phrase(tokens, src, n, lex)
            if mention is not None:
                return ReportedCandidate(tokens[0].idx, _text_end(tokens, 0, k - 1), mention, tokens[k].idx)
    # "In X's words, …"
    if n > 5 and tokens[0].lower_ == "in":
        for k in range(2, min(n - 2, 8)):
            if tokens[k].lower_ == "words" and tokens[k - 1].text in ("’s", "'s") and tokens[k + 1].text == ",":
                mention = _source_phrase(tokens, 1, k - 1, lex)
                if mention is not None:
                    return ReportedCandidate(tokens[k + 2].idx, _text_end(tokens, k + 2, n), mention, tokens[0].idx)
    return None


def _skip_object(tokens: Sequence[Any], c: int, n: int) -> int:
    """Index after the addressee of "told": "told reporters", "told The Times", "told the BBC"."""
    if c < n and tokens[c].lower_ in _AUDIENCE:
        return c + 1 + (tokens[c].lower_ == "the" and c + 1 < n)
    k = c + (c < n and tokens[c].lower_ == "the")
    run = k
    while run < n and run - k < 5 and tokens[run].text[:1].isupper():
        run += 1
    return run if run > k else c


def _verb_rule(tokens: Sequence[Any], lex: Lexicon) -> ReportedCandidate | None:
    n = len(tokens)
    for v in range(1, n - 2):
        tok = tokens[v]
        low = tok.lower_
        lemma = tok.lemma_.lower() if tok.lemma_ else low
        if tok.text[:1].isupper() or not lex.is_indirect_verb(low, lemma):
            continue
        mention = subject_before(tokens, v, lex)
        if mention is None:
            continue
        c = v + 1
        if low in lex.addressee_verbs:
            c = _skip_object(tokens, c, n)
        # "said in a statement that", "told reporters on Monday that": up to four words before "that".
        for gap in range(0, 5):
            k = c + gap
            if k >= n - 1:
                break
            if tokens[k].lower_ in lex.complementizers:
                if k + 1 < n and not tokens[k + 1].is_punct:
                    return ReportedCandidate(tokens[k + 1].idx, _text_end(tokens, k + 1, n), mention, tok.idx)
                break
            if tokens[k].is_punct and tokens[k].text != ",":
                break
        if (low in lex.clause_verbs or lemma in lex.clause_verbs) and c < n and _clause_ok(tokens, c, n, lex):
            return ReportedCandidate(tokens[c].idx, _text_end(tokens, c, n), mention, tok.idx)
        if c < n - 1 and tokens[c].text == "," and tokens[c + 1].lower_ in lex.complementizers:
            # Russian "заявил, что …" has a comma before "что".
            k = c + 2
            if k < n:
                return ReportedCandidate(tokens[k].idx, _text_end(tokens, k, n), mention, tok.idx)
    return None


def _trailing(tokens: Sequence[Any], lex: Lexicon, need_verb: bool = True) -> ReportedCandidate | None:
    """"CLAUSE, X said." / "CLAUSE, said X." with a short cue after the last comma."""
    words = list(tokens)
    while words and words[-1].is_punct:
        words.pop()
    comma = max((i for i, t in enumerate(words) if t.text == ","), default=None)
    if comma is None or comma < 3 or not 2 <= len(words) - comma - 1 <= _MAX_TRAILING_WORDS:
        return None
    tail = words[comma + 1 :]
    verb = find_speech_verb(tail, lex, last=True)
    if verb is None:
        return None
    if verb == len(tail) - 1:
        mention = subject_before(tail, verb, lex)
    elif verb == 0:
        mention = subject_after(tail, verb, lex)
    else:
        return None
    if mention is None:
        return None
    if need_verb and not _has_finite_verb(words, 0, comma):
        return None
    return ReportedCandidate(words[0].idx, _text_end(words, 0, comma), mention, tail[verb].idx)


def _parser_rule(sent: Any, lex: Lexicon) -> ReportedCandidate | None:
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
        toks = [t for t in sent if not t.is_space and t.i >= first.i]
        if len(toks) >= 2:
            return ReportedCandidate(first.idx, _text_end(toks, 0, len(toks)), mention, tok.idx)
    return None


def find_reported(
    sentences: Sequence[tuple[Any, list[Any]]],
    lex: Lexicon,
    blocked: Sequence[tuple[int, int]],
    trained: bool,
    skip: Any = None,
) -> list[ReportedCandidate]:
    """Reported-speech candidates; ``sentences`` are ``(span, non-space tokens)`` pairs.

    Sentences overlapping ``blocked`` (direct quotes of four words or more) are left out, and
    so is every sentence for which ``skip(start)`` is true (headings, transcript turns).
    """
    found: list[ReportedCandidate] = []
    for sent, tokens in sentences:
        if len(tokens) < 4:
            continue
        a, b = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        if skip is not None and skip(a):
            continue
        if any(s < b and a < e for s, e in blocked):
            continue
        cand = _according(tokens, lex)
        if cand is None and trained:
            cand = _parser_rule(sent, lex)
        if cand is None:
            cand = _verb_rule(tokens, lex)
        if cand is None:
            cand = _trailing(tokens, lex)
        if cand is not None and cand.end > cand.start:
            found.append(_with_trailing_source(tokens, cand, lex))
    return found


def _with_trailing_source(tokens: Sequence[Any], cand: ReportedCandidate, lex: Lexicon) -> ReportedCandidate:
    """"A Turkish official said that …, Cyprus Mail reported.": the report is Cyprus Mail's."""
    if cand.verb_pos >= cand.start:
        return cand
    trail = _trailing([t for t in tokens if t.idx >= cand.start], lex, need_verb=False)
    if trail is None or trail.mention.kind == PRONOUN:
        return cand
    return ReportedCandidate(cand.start, trail.end, trail.mention, trail.verb_pos)
