"""Find the speaker mention in a reporting clause ("President Tokayev said", "he added").

Rules over tokens that work with the blank pipeline (capitalised-name runs,
pronouns, "the" + role noun), plus the parser's subject when a trained pipeline
has one. A mention is only a span and a kind; :mod:`.resolve` turns it into a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from .lexicon import Lexicon

__all__ = ["text_of", "Mention", "find_speech_verb", "subject_before", "subject_after", "parser_subject", "checked"]

NAME, PRONOUN, ROLE = "name", "pronoun", "role"
SELF = "self"  # "I", "we", "as I said": the document's own speaker, resolved to its author when known

_QUOTE_MARKS = frozenset("“”„‟«»‹›「」『』\"")
_POSSESSIVES = frozenset({"my", "our", "your", "fellow"})  # "my fellow Americans" addresses, never speaks

# Words that may stand between a subject and its verb ("Trump also said", "he has repeatedly noted").
_SKIP = frozenset(
    """also further later then again once has had have was is would will reportedly repeatedly
    previously earlier recently already yesterday today therefore however moreover additionally
    clearly firmly strongly publicly specifically particularly once more""".split()
)
_NAME_JOINERS = frozenset({"of", "the", "de", "van", "von", "al", "bin", "-", "and"})


def text_of(doc: Any) -> str:
    """``doc.text``, computed once per doc: spaCy joins every token each time it is asked."""
    text = doc.user_data.get("quotecoder_text")
    if text is None:
        text = doc.user_data["quotecoder_text"] = doc.text
    return text


@dataclass(frozen=True)
class Mention:
    start: int  # code points
    end: int
    text: str
    kind: str  # "name", "pronoun" or "role"


def _is_cap(tok: Any) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and any(c.isalpha() for c in t)


def find_speech_verb(tokens: Sequence[Any], lex: Lexicon, indirect: bool = False, last: bool = False) -> int | None:
    """Index in ``tokens`` of the first (or ``last``) speech verb, or None."""
    check = lex.is_indirect_verb if indirect else lex.is_speech_verb
    # A verb inside a clause is written in lower case; "State" in "the Head of State" is no verb.
    hits = [
        i
        for i, t in enumerate(tokens)
        if not t.text[:1].isupper() and check(t.lower_, t.lemma_.lower() if t.lemma_ else t.lower_)
    ]
    if not hits:
        return None
    return hits[-1] if last else hits[0]


def _role_phrase(tokens: Sequence[Any], lo: int, hi: int, lex: Lexicon) -> bool:
    phrase = " ".join(t.lower_ for t in tokens[lo:hi])
    return any(phrase == r or phrase.endswith(" " + r) or phrase.startswith(r + " ") or f" {r} " in f" {phrase} "
               for r in lex.role_nouns)


def _mention(tokens: Sequence[Any], lo: int, hi: int, kind: str) -> Mention:
    first, last = tokens[lo], tokens[hi - 1]
    start, end = first.idx, last.idx + len(last.text)
    return Mention(start, end, text_of(first.doc)[start:end], kind)


def _breaks(tokens: Sequence[Any], i: int) -> bool:
    """A line break between ``tokens[i - 1]`` and ``tokens[i]``: a name never runs over it."""
    a, b = tokens[i - 1], tokens[i]
    return "\n" in text_of(a.doc)[a.idx + len(a.text) : b.idx]


def _cap_run_left(tokens: Sequence[Any], hi: int) -> int:
    """Start index of the capitalised name run ending at ``hi`` (exclusive)."""
    lo = hi
    while lo > 0:
        t = tokens[lo - 1]
        if lo < hi and _breaks(tokens, lo):
            break
        if _is_cap(t) or (t.lower_ in _NAME_JOINERS and lo - 1 > 0 and lo < hi and _is_cap(tokens[lo - 2])):
            lo -= 1
        elif t.text in ("’s", "'s") and lo < hi:
            break
        else:
            break
    while lo < hi and tokens[lo].lower_ in _NAME_JOINERS:
        lo += 1
    return lo


def checked(m: Mention | None, lex: Lexicon) -> Mention | None:
    """``m`` if it can be a speaker (a name, a role phrase, an organisation, a pronoun), else None.

    Capitalised runs and parser subjects also catch words that are no speaker:
    "As I" and "Today I" (the text's own speaker: a ``SELF`` mention of the "I"),
    "We" (``SELF``), "It", "You", "my fellow Americans", fragments with quote
    marks or commas ('heading, "My Pledge"'), lower-case common-noun phrases.
    """
    if m is None:
        return None
    if "\n" in m.text:  # never across a paragraph: keep the part next to the verb
        return None
    words = m.text.split()
    if not words:
        return None
    lows = [w.lower().strip(".") for w in words]
    if lows[-1] in lex.first_person:
        start = m.end - len(words[-1])
        return Mention(start, m.end, words[-1], SELF)
    if any(c in _QUOTE_MARKS or c == "," for c in m.text) or any(w in _POSSESSIVES for w in lows):
        return None
    if m.kind == PRONOUN:
        return m if lows[0] in lex.pronouns else None
    if any(w in lex.first_person for w in lows):
        return None
    # Leading connectives a capitalised run picked up at a sentence start ("And Pelosi said").
    k = 0
    while k < len(words) - 1 and (lows[k] in lex.non_speakers or lows[k] in lex.function_words):
        k += 1
    if k:
        cut = [w.start() for w in re.finditer(r"\S+", m.text)][k]
        m = Mention(m.start + cut, m.end, m.text[cut:], m.kind)
        words, lows = words[k:], lows[k:]
    if all(w in lex.non_speakers or w in lex.pronouns for w in lows):
        return None
    if m.kind == NAME and not any(w[:1].isupper() for w in words):
        return None
    return m


def subject_before(tokens: Sequence[Any], verb: int, lex: Lexicon) -> Mention | None:
    """The subject right before the verb at index ``verb``: a name, a pronoun or a role phrase."""
    return checked(_subject_before(tokens, verb, lex), lex)


def subject_after(tokens: Sequence[Any], verb: int, lex: Lexicon) -> Mention | None:
    """The subject right after an inverted verb: "said Tokayev", "said the President"."""
    return checked(_subject_after(tokens, verb, lex), lex)


def parser_subject(verb_tok: Any, lex: Lexicon) -> Mention | None:
    """The nominal subject of ``verb_tok`` from the dependency parse, when there is one."""
    return checked(_parser_subject(verb_tok, lex), lex)


def _subject_before(tokens: Sequence[Any], verb: int, lex: Lexicon) -> Mention | None:
    hi = verb
    while hi > 0 and tokens[hi - 1].lower_ in _SKIP:
        hi -= 1
    if hi == 0:
        return None
    t = tokens[hi - 1]
    if t.lower_ in lex.pronouns:
        return _mention(tokens, hi - 1, hi, PRONOUN)
    if t.lower_ in lex.first_person:
        return _mention(tokens, hi - 1, hi, SELF)
    if t.text == "," and hi >= 2:
        # Apposition: "Nancy Pelosi, the Speaker of the House, said" or "The Senate Minority
        # Leader, Chuck Schumer, said": of the phrases between the commas, the one with a name.
        comma = max((i for i in range(max(0, hi - 12), hi - 1) if tokens[i].text == ","), default=None)
        if comma is None or comma == 0:
            return None
        inner_hi = hi - 1
        if _is_cap(tokens[inner_hi - 1]):
            lo = _cap_run_left(tokens, inner_hi)
            if lo == comma + 1 and not all(lex.is_role_word(x.text) for x in tokens[lo:inner_hi]):
                return _mention(tokens, lo, inner_hi, NAME)
        if _is_cap(tokens[comma - 1]):
            lo = _cap_run_left(tokens, comma)
            if lo > 0 and tokens[lo - 1].lower_ in lex.determiners:
                return _mention(tokens, lo - 1, comma, ROLE)
            return _mention(tokens, lo, comma, NAME)
        return None
    if _is_cap(t):
        lo = _cap_run_left(tokens, hi)
        if lo > 0 and tokens[lo - 1].lower_ in _POSSESSIVES:
            return None  # "my fellow Americans expect": the audience, not a speaker
        if lo > 0 and tokens[lo - 1].lower_ in lex.determiners:
            return _mention(tokens, lo - 1, hi, ROLE)
        kind = ROLE if _role_phrase(tokens, lo, hi, lex) and all(
            tok.text in lex.titles or tok.lower_ in _NAME_JOINERS for tok in tokens[lo:hi]
        ) else NAME
        return _mention(tokens, lo, hi, kind)
    # "the party's spokesman said", "the president stressed": a determiner within four tokens.
    for lo in range(hi - 1, max(-1, hi - 5), -1):
        if tokens[lo].lower_ in lex.indefinites and _role_phrase(tokens, lo + 1, hi, lex):
            return _mention(tokens, lo, hi, ROLE)  # "a government official": unnamed
        if tokens[lo].lower_ in lex.determiners:
            if _role_phrase(tokens, lo + 1, hi, lex):
                return _mention(tokens, lo, hi, ROLE)
            break
    return None


def _subject_after(tokens: Sequence[Any], verb: int, lex: Lexicon) -> Mention | None:
    lo = verb + 1
    if lo >= len(tokens) or tokens[verb].lower_ in lex.addressee_verbs:
        return None  # "… he told The Times": The Times is spoken to
    if _breaks(tokens, lo):
        return None
    t = tokens[lo]
    if t.lower_ in ("to", "with", "in", "on", "at", "for", "by", "from", "about"):
        return None  # "speaking to Channel 4", "in an interview with the BBC"
    if t.lower_ in lex.indefinites:
        # "…," said a spokeswoman for the ministry: an unnamed speaker, or a name after its role.
        end = lo + 1
        while end < len(tokens) and end < lo + 5 and tokens[end].is_lower and tokens[end].is_alpha:
            end += 1
        name_hi = end
        while name_hi < len(tokens) and _is_cap(tokens[name_hi]) and not _breaks(tokens, name_hi):
            name_hi += 1
        if name_hi > end and end > lo + 1:
            return _mention(tokens, end, name_hi, NAME)
        if _role_phrase(tokens, lo + 1, end, lex):
            return _mention(tokens, lo, end, ROLE)
        return None
    if t.is_lower and t.is_alpha and not t.lower_ in lex.determiners:
        # "tweeted former adviser Jane Roe": lower-case role words, then the name.
        k = lo
        while k < len(tokens) and k < lo + 4 and tokens[k].is_lower and (
            lex.is_role_word(tokens[k].text) or tokens[k].lower_ in ("former", "ex", "senior", "chief", "top")
            or tokens[k].lower_.endswith(("er", "or", "ist", "ant", "ent"))
        ):
            k += 1
        hi = k
        while hi < len(tokens) and _is_cap(tokens[hi]) and not _breaks(tokens, hi):
            hi += 1
        if k > lo and hi > k:
            return _mention(tokens, k, hi, NAME)
        return None
    if t.lower_ in lex.pronouns:
        return _mention(tokens, lo, lo + 1, PRONOUN)
    if t.lower_ in lex.first_person:
        return _mention(tokens, lo, lo + 1, SELF)
    det = t.lower_ in lex.determiners
    start = lo + 1 if det else lo
    hi = start
    while hi < len(tokens) and not (hi > start and _breaks(tokens, hi)) and (_is_cap(tokens[hi]) or (
        tokens[hi].lower_ in _NAME_JOINERS and hi + 1 < len(tokens) and _is_cap(tokens[hi + 1]) and hi > start
    )):
        hi += 1
    if hi > start:
        return _mention(tokens, lo, hi, ROLE if det else NAME)
    if det:
        end = start
        while end < len(tokens) and end < start + 4 and tokens[end].is_alpha:
            end += 1
            if _role_phrase(tokens, start, end, lex):
                return _mention(tokens, lo, end, ROLE)
    return None


def _parser_subject(verb_tok: Any, lex: Lexicon) -> Mention | None:
    for child in verb_tok.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            doc = verb_tok.doc
            appos = next((a for a in child.children if a.dep_ == "appos" and a.pos_ == "PROPN"), None)
            head = appos if appos is not None and child.pos_ != "PROPN" else child
            # The head noun ends an English noun phrase; what follows it (apposition,
            # relative clause) is left out: "Nancy Pelosi, the Speaker of the House".
            lo = min(t.i for t in head.subtree)
            if head is child and appos is not None:
                lo = min(t.i for t in head.lefts) if list(head.lefts) else head.i
            toks = [doc[i] for i in range(lo, head.i + 1) if not doc[i].is_space]
            toks = [t for t in toks if t.i >= lo] or [head]
            while toks and toks[0].is_punct:
                toks = toks[1:]
            if not toks:
                return None
            child = head
            if child.lower_ in lex.first_person:
                kind = SELF
            elif child.lower_ in lex.pronouns:
                kind = PRONOUN
            elif all(t.text in lex.titles or t.lower_ in lex.determiners or t.lower_ in _NAME_JOINERS
                     or t.lower_ in lex.role_nouns for t in toks) and _role_phrase(toks, 0, len(toks), lex):
                kind = ROLE  # "the President", "the Head of State"
            elif child.pos_ == "PROPN" or child.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
                kind = NAME  # "President Tokayev": the title stays in the span, the resolver strips it
            elif _role_phrase(toks, 0, len(toks), lex) or child.lower_ in lex.role_nouns:
                kind = ROLE
            else:
                return None
            return _mention(toks, 0, len(toks), kind)
    return None
