"""Quotes with speakers for one processed document: direct quotes and reported speech.

Direct quotes come from :mod:`.quotes` (quotation marks). Each is attributed
from its reporting clause: the words after the closing mark up to the end of
the sentence ("…,” President Tokayev said.), the words before the opening mark
from the start of the sentence ("Tokayev noted that “…"), or, for a quote
interrupted by a reporting clause ("“…,” he said. “…”"), the clause between the
two parts. A quote with no clause of its own that opens a paragraph right after
another quote continues that speaker. Reported speech comes from
:mod:`.indirect`. All are resolved in text order, so pronouns and role nouns
refer to the last named speaker before them.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Mapping, Sequence

from .dash import find_dash_speech
from .layout import Layout
from .lexicon import Lexicon, cue_pattern, lexicon_for
from .mentions import Mention, checked, text_of, find_speech_verb, parser_subject, subject_after, subject_before
from .quotes import MIN_WORDS, RawQuote, find_direct_quotes
from .reported import find_reported
from .resolve import Resolver
from .turns import find_turns
from .types import DIRECT, REPORTED, TURN, Quote

__all__ = ["quotes_in_doc"]

_TERMINATOR = re.compile(r"[.!?…](?=[\s”’\"»]|$)")
_PARA = re.compile(r"\n[ \t]*\n")
_MAX_AFTER_WORDS = 6  # a reporting clause after a complete quoted sentence is short ("Tokayev said.")


class _Tokens:
    """Non-space tokens of a doc by character range, from the doc's arrays.

    Only the token offsets are read up front (``Doc.to_array``, no Python object per token);
    spaCy ``Token`` objects are made just for the stretches the rules look at.
    """

    def __init__(self, doc: Any) -> None:
        from spacy.attrs import IDX, IS_SPACE, LENGTH

        self.doc = doc
        arr = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist() if len(doc) else []
        self.starts = [r[0] for r in arr]
        self.ends = [r[0] + r[1] for r in arr]
        self.space = [r[2] for r in arr]

    def span(self, i: int, j: int) -> list[Any]:
        """Non-space tokens with indices in ``[i, j)``."""
        doc, space = self.doc, self.space
        return [doc[k] for k in range(i, j) if not space[k]]

    def between(self, a: int, b: int) -> list[Any]:
        lo = bisect.bisect_left(self.starts, a)
        hi = bisect.bisect_left(self.starts, b)
        while hi > lo and self.ends[hi - 1] > b:
            hi -= 1
        return self.span(lo, hi)


def _para_start(text: str, pos: int) -> int:
    cut = text.rfind("\n", 0, pos)
    return cut + 1


def _para_end(text: str, pos: int) -> int:
    cut = text.find("\n", pos)
    return len(text) if cut < 0 else cut


_CAP_RUN = re.compile(
    r"(?<![\w’'-])[A-Z\u0400-\u042F][\w’'.-]*(?:(?:[ \t\xa0]+|[ \t]+(?:of|the|de|van|von|al|bin)[ \t]+)[A-Z\u0400-\u042F][\w’'.-]*)+"
)


def _names(doc: Any, trained: bool, glossary: Mapping[str, Sequence[str]] | None) -> list[tuple[int, str]]:
    """(position, name) of person names in the document, for the resolver.

    Capitalised runs of two or more words always count (they keep their titles,
    so "President Kassym-Jomart Tokayev" teaches the resolver who "the President"
    is); a trained pipeline adds its PERSON entities.
    """
    found = []
    for m in _CAP_RUN.finditer(text_of(doc)):
        # "Gdańsk. Interior Minister …": a word ending in a full stop ends a sentence, not a name.
        pos = m.start()
        for piece in re.split(r"(?<=\w{3}\.)\s+", m.group()):
            if " " in piece.strip():
                found.append((pos, piece.rstrip(".")))
            pos += len(piece) + 1
    if trained and doc.has_annotation("ENT_IOB"):
        for e in doc.ents:
            if e.label_ == "PERSON":
                piece = e.text.split("\n")[-1].strip()  # never across a paragraph
                found.append((e.end_char - len(piece), piece))
    lex = lexicon_for(doc.lang_)
    cleaned = []
    for pos, name in found:
        words = name.split()
        while len(words) > 1 and words[0].lower() in lex.function_words:
            pos = pos + len(name) - len(name.split(None, 1)[1]) if " " in name else pos
            name = name.split(None, 1)[1]
            words = words[1:]
        cleaned.append((pos, name))
    found = cleaned
    for canonical in glossary or {}:
        found.append((10**12, canonical))  # known, but never "the last name before" anything
    return sorted(found)


def _attribute_clause(tokens: list[Any], lex: Lexicon, trained: bool, after: bool) -> Mention | None:
    verb = find_speech_verb(tokens, lex, last=not after)
    if verb is None:
        return None
    parsed = None
    if trained:
        m = parser_subject(tokens[verb], lex)
        if m is not None and tokens[0].idx <= m.start and m.end <= tokens[-1].idx + len(tokens[-1].text):
            parsed = m
    before = subject_before(tokens, verb, lex)
    if after:
        rules = (subject_after(tokens, verb, lex) if verb == 0 or before is None else None) or before
    else:
        rules = before or subject_after(tokens, verb, lex)
    if rules is None and tokens[verb].lower_.endswith("ing"):
        rules = checked(_first_name(tokens[:verb]), lex)  # "President Trump congratulated Pelosi, saying, “…”"
    if parsed is None:
        return rules
    if rules is not None and (rules.kind == "name" or (rules.start < parsed.end and parsed.start < rules.end)):
        # The rules found a name, or the same phrase more fully ("the Head of State" where
        # the parser's head-noun phrase stops at "the Head").
        return rules if rules.kind == "name" or rules.end - rules.start >= parsed.end - parsed.start else parsed
    return parsed


def _first_name(tokens: list[Any]) -> Mention | None:
    """The first run of capitalised words (the sentence's subject in "X did Y, saying …")."""
    run = []
    for tok in tokens:
        if tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text):
            run.append(tok)
        elif run:
            break
    if not run:
        return None
    a, b = run[0].idx, run[-1].idx + len(run[-1].text)
    return Mention(a, b, text_of(run[0].doc)[a:b], "name")


def _after_tokens(text: str, t: _Tokens, q: RawQuote, next_open: int) -> list[Any]:
    stop = min(next_open, _para_end(text, q.close_pos))
    m = _TERMINATOR.search(text, q.close_pos, stop)
    toks = t.between(q.close_pos, m.start() + 1 if m else stop)
    complete = text[q.end - 1 : q.end] in ".!?" if q.end > q.start else False
    words = [x for x in toks if not x.is_punct]
    if complete and (not words or not words[0].text[:1].isupper() and not words[0].is_lower):
        return []
    if complete and len(words) > _MAX_AFTER_WORDS:
        return []
    return toks


def _before_tokens(text: str, t: _Tokens, q: RawQuote, prev_close: int) -> list[Any]:
    para = _para_start(text, q.open_pos)
    lo = max(para, prev_close)
    last = None
    for m in _TERMINATOR.finditer(text, lo, q.open_pos):
        last = m
    start = last.end() if last else lo
    if not text[start : q.open_pos].strip() and prev_close >= para:
        start = lo  # "“…,” he said. “…”": the clause between the two parts
    return t.between(start, q.open_pos)


def _sentences(doc: Any, t: "_Tokens", lex: Lexicon) -> list[tuple[Any, list[Any]]]:
    """The sentences that may report speech, each with its non-space tokens.

    A sentence with no speech verb, source word ("according") or complementizer cannot be
    reported speech, and a regular expression over its text says so without making tokens.
    """
    text = text_of(doc)
    cue = cue_pattern(lex)
    out = []
    for sent in doc.sents:
        if cue.search(text, sent.start_char, sent.end_char) is None:
            continue
        toks = t.span(sent.start, sent.end)
        if toks:
            out.append((sent, toks))
    return out


def _is_fragment(text: str, q: RawQuote) -> bool:
    return len(text[q.start : q.end].split()) < MIN_WORDS


def _term_like(text: str, q: RawQuote) -> bool:
    """A title-case fragment is a name or a term ("Operation Peace Spring"), never speech."""
    words = [w for w in text[q.start : q.end].split() if w[:1].isalpha()]
    return bool(words) and words[0][:1].isupper() and all(w[:1].isupper() or len(w) <= 3 for w in words)


def quotes_in_doc(
    doc: Any,
    language: str,
    trained: bool,
    glossary: Mapping[str, Sequence[str]] | None = None,
    author: str | None = None,
) -> list[Quote]:
    """Direct quotes, reported speech and transcript turns of ``doc`` with speakers, in text order.

    ``author`` is the document's own speaker: "I said", "as we agreed" resolve
    to it; without one such quotes have no speaker.
    """
    text = text_of(doc)
    lex = lexicon_for(language)
    layout = Layout(text)
    t = _Tokens(doc)
    names = _names(doc, trained, glossary)
    resolver = Resolver(lex, [n for _, n in names], glossary, names, author)
    turns = find_turns(text)
    turn_spans = [(x.start, x.end) for x in turns]
    direct = [q for q in find_direct_quotes(text, min_words=2)
              if not layout.in_heading(q.open_pos) and not (_is_fragment(text, q) and _term_like(text, q))]
    if lex.speech_stems or language.startswith(("ru", "kk")):
        direct += find_dash_speech(text, lex, [(q.open_pos, q.close_pos) for q in direct])
        direct.sort(key=lambda q: q.open_pos)
    blocked = [(q.open_pos, q.close_pos) for q in direct if not _is_fragment(text, q)]

    def skip(pos: int) -> bool:
        return layout.in_heading(pos) or any(a <= pos < b for a, b in turn_spans)

    reported = find_reported(_sentences(doc, t, lex), lex, blocked, trained, skip)
    reported = [c for c in reported if not any(q.start < c.end and c.start < q.end and not _is_fragment(text, q)
                                                for q in direct)]
    events: list[tuple[int, object]] = [(q.open_pos, q) for q in direct] + [(c.mention.start, c) for c in reported]
    events += [(x.label_start, x) for x in turns]
    events.sort(key=lambda e: e[0])

    out: list[Quote] = []
    prev: RawQuote | None = None
    prev_speaker: tuple[str | None, Mention | None] = (None, None)
    for k, (_, ev) in enumerate(events):
        if hasattr(ev, "label_start"):
            name = resolver.fullest(ev.speaker) if ev.speaker else None
            if name:
                resolver.last_speaker = name
            out.append(Quote(ev.start, ev.end, text[ev.start : ev.end], TURN, name, ev.label_start, ev.label_end,
                             0.95 if name else 0.9, ((ev.start, ev.end),)))
            continue
        if not isinstance(ev, RawQuote):
            name, conf = resolver.resolve(ev.mention, ev.mention.start)
            m = ev.mention
            out.append(Quote(ev.start, ev.end, text[ev.start : ev.end], REPORTED, name, m.start, m.end,
                             round(conf * 0.95, 3), ((ev.start, ev.end),)))
            prev_speaker = (name, m)
            continue
        q = ev
        fragment = _is_fragment(text, q)
        nxt = next((e.open_pos for _, e in events[k + 1 :] if isinstance(e, RawQuote)), len(text))
        prev_close = prev.close_pos if prev else -1
        after_first = text[q.end : q.end + 1] == "," or text[q.close_pos - 2 : q.close_pos - 1] == ","
        after = _after_tokens(text, t, q, nxt)
        before = _before_tokens(text, t, q, prev_close)
        order = [(after, True), (before, False)] if after_first else [(before, False), (after, True)]
        mention = None
        for toks, is_after in order:
            if toks:
                mention = _attribute_clause(toks, lex, trained, is_after)
                if mention:
                    break
        if mention is not None:
            name, conf = resolver.resolve(mention, mention.start)
        elif prev is not None and prev_speaker[0] and _same_sentence(text, prev, q):
            name, conf = prev_speaker[0], 0.85  # "“…” and “…”": two parts of one sentence
            mention = prev_speaker[1]
        elif prev is not None and prev_speaker[0] and _continues(text, prev, q, resolver, prev_speaker[0]):
            name, conf = prev_speaker[0], 0.75  # the next quote, nothing and no one in between
            mention = prev_speaker[1]
        elif fragment:
            continue  # a quoted fragment nobody is said to have said is a term or scare quote
        else:
            name, conf = None, 0.3
        if not q.closed:
            conf *= 0.8
        if fragment:
            conf *= 0.85  # a fragment's cue is often a naming verb ("called it …"), less sure
        out.append(Quote(q.start, q.end, text[q.start : q.end], DIRECT, name,
                         mention.start if mention else None, mention.end if mention else None,
                         round(conf, 3), q.parts, q.open_mark, fragment))
        prev, prev_speaker = q, (name, mention)
    return out


def _same_sentence(text: str, prev: RawQuote, q: RawQuote) -> bool:
    gap = text[prev.close_pos : q.open_pos]
    return "\n" not in gap and _TERMINATOR.search(text, prev.close_pos - 1, q.open_pos) is None


def _continues(text: str, prev: RawQuote, q: RawQuote, resolver: Resolver, speaker: str | None = None) -> bool:
    """``q`` comes right after ``prev``, with no other person named in between.

    Either it opens the next paragraph, or it follows in the same paragraph after a sentence
    with no name in it ("“…,” he said. “…”" is handled by the reporting clause).
    """
    if any(prev.close_pos <= p < q.open_pos and name != speaker for p, name in resolver.people):
        return False
    between = text[prev.close_pos : q.open_pos]
    if _para_start(text, q.open_pos) == q.open_pos:
        gap = text[_para_end(text, prev.close_pos) : q.open_pos]
        return "\n" in gap and not gap.strip(" \n\t\xa0")
    return "\n" not in between and len(between.split()) <= 25
