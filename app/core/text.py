"""Text, offsets and the one mapping between Qt positions and stored offsets.

Rules (see DESIGN.md):

* Stored offsets are Unicode code points of the stored text (Python ``str``
  indices), half-open ``[start, end)``.
* Qt counts UTF-16 code units. Every position that crosses the GUI boundary goes
  through :class:`OffsetMap` (or the two module functions built on it).
* Text is normalised once, at import: line endings become ``\\n`` and a leading
  byte-order mark is dropped. Nothing else is touched (no Unicode normalisation),
  so that what the source held is what gets coded.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata

__all__ = [
    "OffsetMap",
    "normalize_newlines",
    "text_hash",
    "utf16_to_cp",
    "cp_to_utf16",
    "paragraph_spans",
    "snap_to_words",
    "validate_span",
    "SpanError",
]


class SpanError(ValueError):
    """A span does not fit the text it points into."""


def normalize_newlines(text: str) -> str:
    """Return ``text`` with CRLF and lone CR turned into LF and a leading BOM removed."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def text_hash(text: str) -> str:
    """SHA-256 of the text after the same normalisation that import applies.

    Used to recognise the same text imported twice (whatever its line endings
    or byte-order mark were), and stored with every document.
    """
    return hashlib.sha256(normalize_newlines(text).encode("utf-8")).hexdigest()


def validate_span(start: int, end: int, length: int) -> None:
    """Raise :class:`SpanError` unless ``0 <= start < end <= length``."""
    if not (isinstance(start, int) and isinstance(end, int)):
        raise SpanError(f"start and end must be whole numbers, got {start!r} and {end!r}")
    if start < 0:
        raise SpanError(f"start {start} is negative")
    if end <= start:
        raise SpanError(f"end {end} must be greater than start {start}")
    if end > length:
        raise SpanError(f"end {end} is past the end of the text ({length} characters)")


class OffsetMap:
    """Converts between code-point offsets and UTF-16 code-unit positions for one text.

    Only characters outside the Basic Multilingual Plane (emoji, some CJK
    extensions, historic scripts) take two UTF-16 units, so the map stores just
    their code-point indices; for pure-BMP text both directions are the identity
    and cost nothing.
    """

    __slots__ = ("_astral_cp", "_astral_u16", "_cp_len")

    def __init__(self, text: str) -> None:
        self._cp_len = len(text)
        # Code-point indices of astral characters, ascending.
        self._astral_cp = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if _has_astral(text) else []
        # UTF-16 index at which each astral character starts.
        self._astral_u16 = [cp + k for k, cp in enumerate(self._astral_cp)]

    @property
    def utf16_length(self) -> int:
        return self._cp_len + len(self._astral_cp)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 position of code-point offset ``cp`` (0 <= cp <= len(text))."""
        if not 0 <= cp <= self._cp_len:
            raise SpanError(f"offset {cp} is outside the text (0..{self._cp_len})")
        return cp + bisect.bisect_left(self._astral_cp, cp)

    def to_cp(self, u16: int) -> int:
        """Code-point offset of UTF-16 position ``u16``.

        A position that falls between the two halves of a surrogate pair (which
        Qt can report for a cursor placed by pixel) is moved to the start of
        that character, so a selection never splits a character.
        """
        if not 0 <= u16 <= self.utf16_length:
            raise SpanError(f"position {u16} is outside the text (0..{self.utf16_length})")
        k = bisect.bisect_right(self._astral_u16, u16 - 1)
        # k astral characters start before u16. If the last of them started at
        # u16 - 1, u16 is the low surrogate of that character.
        if k and self._astral_u16[k - 1] == u16 - 1:
            return self._astral_cp[k - 1]
        return u16 - k


def _has_astral(text: str) -> bool:
    # Encoding is fast C code; a UTF-16 length above len(text) means surrogate pairs.
    return len(text.encode("utf-16-le")) != 2 * len(text)


def utf16_to_cp(text: str, u16: int) -> int:
    """Code-point offset in ``text`` of UTF-16 position ``u16`` (see :class:`OffsetMap`)."""
    return OffsetMap(text).to_cp(u16)


def cp_to_utf16(text: str, cp: int) -> int:
    """UTF-16 position in ``text`` of code-point offset ``cp``."""
    return OffsetMap(text).to_utf16(cp)


_PARA_BREAK = re.compile(r"\n[ \t]*\n+")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: runs of text separated by blank lines, trimmed of outer white space."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_BREAK.finditer(text):
        _append_trimmed(text, pos, m.start(), spans)
        pos = m.end()
    _append_trimmed(text, pos, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def _is_word_char(ch: str) -> bool:
    # Letters, digits, combining marks (so "é" written as e + U+0301 stays whole),
    # apostrophes and hyphens inside words.
    return ch.isalnum() or unicodedata.category(ch).startswith("M") or ch in "'’-_"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words and trim white space at its ends.

    A selection made by mouse often starts or ends mid-word or takes a trailing
    space; this returns the span a coder meant. A span of only white space or
    punctuation is returned unchanged.
    """
    validate_span(start, end, len(text))
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s == e:
        return start, end
    while s > 0 and _is_word_char(text[s - 1]) and _is_word_char(text[s]):
        s -= 1
    while e < len(text) and _is_word_char(text[e]) and _is_word_char(text[e - 1]):
        e += 1
    return s, e
