"""Dash-introduced direct speech, as Russian and Kazakh write it without quotation marks.

"— Мы будем работать вместе, — сказал Токаев." and "Астана … болды, - деді Мемлекет басшысы.":
the speech runs from the start of the sentence (after a leading dash) to the punctuation before
the dash that introduces the reporting verb. Kazakh also closes speech with a bare "деп"
("…өсті», деп атап өтті."). Only a speech verb right after the dash counts, so a dash that
sets off an aside ("Астана – бас қала") is no speech.
"""

from __future__ import annotations

import re
from typing import Sequence

from .lexicon import Lexicon
from .quotes import RawQuote

__all__ = ["find_dash_speech"]

_CUE = re.compile(r"(?P<punct>[,!?…]|\.\.\.)[»”\"]?[ \t\xa0]*[—–-][ \t\xa0]+(?P<verb>[^\W\d_]+)")
_KK_CUE = re.compile(r"(?P<punct>[,!?…]?)[»”\"],?[ \t\xa0]+(?P<verb>деп|деді|деген)\b")
_TERMINATOR = re.compile(r"[.!?…](?=[ \t\xa0]+\S)")
_LEAD = "—–- \t\xa0«»“”\""


def _sentence_start(text: str, para_start: int, pos: int) -> int:
    start = para_start
    for m in _TERMINATOR.finditer(text, para_start, pos):
        start = m.end()
    while start < pos and text[start] in _LEAD:
        start += 1
    return start


def _overlaps(a: int, b: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e in spans)


def find_dash_speech(text: str, lex: Lexicon, blocked: Sequence[tuple[int, int]], min_words: int = 2) -> list[RawQuote]:
    """Dash speech outside the ``blocked`` spans (quotes already found by their marks), in text order."""
    found: list[RawQuote] = []
    pattern_list = [_CUE, _KK_CUE]
    hits = sorted((m for p in pattern_list for m in p.finditer(text)), key=lambda m: m.start())
    last_end = -1
    for m in hits:
        verb = m.group("verb")
        if verb[:1].isupper() or not lex.is_speech_verb(verb.lower(), verb.lower()):
            continue
        para_start = text.rfind("\n", 0, m.start()) + 1
        start = max(_sentence_start(text, para_start, m.start()), last_end)
        end = m.start() + (len(m.group("punct")) if m.group("punct") in "!?…" else 0)
        while end > start and text[end - 1] in " \t\xa0»”\",":
            end -= 1
        if end <= start or len(text[start:end].split()) < min_words or _overlaps(start, end, blocked):
            continue
        close = m.start("verb") - 1
        while close > m.start() and text[close - 1] in " \t\xa0—–-":
            close -= 1
        found.append(RawQuote(start, end, ((start, end),), "—", start, close, True))
        last_end = m.end()
    return found
