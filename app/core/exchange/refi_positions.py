"""Converting REFI-QDA selection positions to code points of the text as stored.

REFI-QDA says positions count characters of the plain-text source. Writers
differ: NVivo counts UTF-16 code units (an emoji is two), and a source file
with CRLF line endings has its CR counted as a character, while the text
Quotecoder stores has LF only. A :class:`PositionMapper` turns positions in one
counting *scheme* over the file's raw text (after its byte-order mark) into
code points of the normalised text; :func:`choose_scheme` picks the scheme a
writer used from the evidence (selection names that hold the quoted text),
from the writer's known habits, and from whether the positions fit the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Evidence", "PositionScheme", "PositionMapper", "choose_scheme", "name_matches", "SPEC_SCHEME"]

_SPECIAL = re.compile("\r\n|[\U00010000-\U0010FFFF]")


@dataclass(frozen=True)
class PositionScheme:
    """How a writer counted: UTF-16 units or code points; a CRLF as two units or one."""

    utf16: bool
    crlf_two: bool

    def describe(self) -> str:
        unit = "UTF-16 code units" if self.utf16 else "Unicode code points"
        nl = "CRLF counted as two" if self.crlf_two else "CRLF counted as one"
        return f"{unit}, {nl}"


SPEC_SCHEME = PositionScheme(utf16=False, crlf_two=True)  # characters of the file, as the standard says
ALL_SCHEMES = [SPEC_SCHEME, PositionScheme(True, True), PositionScheme(False, False), PositionScheme(True, False)]


class PositionMapper:
    """Maps positions of one scheme over ``raw`` (BOM removed, CRLF kept) to normalised code points."""

    def __init__(self, raw: str, scheme: PositionScheme) -> None:
        self.scheme = scheme
        self._starts: list[int] = []  # normalised index of each multi-unit character
        self._unit_starts: list[int] = []  # its position in units
        self._extra: list[int] = []  # units it takes beyond one
        crlfs = 0
        extra_total = 0
        for m in _SPECIAL.finditer(raw):
            is_crlf = m.group() == "\r\n"
            norm = m.start() - crlfs
            if is_crlf:
                crlfs += 1
            extra = 1 if (scheme.crlf_two if is_crlf else scheme.utf16) else 0
            if extra:
                self._starts.append(norm)
                self._unit_starts.append(norm + extra_total)
                self._extra.append(extra)
                extra_total += extra
        self.length = len(raw) - crlfs  # normalised length
        self.unit_length = self.length + extra_total
        self._cum = []  # extra units up to and including each special
        running = 0
        for e in self._extra:
            running += e
            self._cum.append(running)

    @property
    def identity(self) -> bool:
        return not self._starts

    def to_cp(self, pos: int) -> int:
        """Code point of unit position ``pos``; a position inside a character moves to its start."""
        k = bisect.bisect_right(self._unit_starts, pos) - 1
        if k < 0:
            return pos
        if pos < self._unit_starts[k] + 1 + self._extra[k]:
            return self._starts[k]
        return pos - self._cum[k]


def _squash(text: str) -> str:
    return " ".join(text.split())


def name_matches(name: str, quote: str) -> bool:
    """True when a selection's ``name`` is (the start of) the quoted text, as ATLAS.ti writes it."""
    wanted = _squash(name.rstrip("…").removesuffix("...").rstrip())
    return len(wanted) >= 4 and _squash(quote).startswith(wanted)


@dataclass(frozen=True)
class Evidence:
    """One selection of one source: raw text, positions as written, and its name."""

    raw: str
    norm: str  # raw with newlines normalised
    start: int
    end: int
    name: str


def choose_scheme(evidence: Iterable[Evidence], origin: str) -> tuple[PositionScheme, str]:
    """The scheme that makes the most selection names match their text; else the writer's habit.

    Returns the scheme and a short reason for the conversion notes.
    """
    scores = dict.fromkeys(ALL_SCHEMES, 0)
    mappers: dict[tuple[int, PositionScheme], PositionMapper] = {}
    for ev in evidence:
        for scheme in ALL_SCHEMES:
            key = (id(ev.raw), scheme)
            m = mappers.get(key) or mappers.setdefault(key, PositionMapper(ev.raw, scheme))
            if 0 <= ev.start < ev.end <= m.unit_length:
                quote = ev.norm[m.to_cp(ev.start) : m.to_cp(ev.end)]
                if name_matches(ev.name, quote):
                    scores[scheme] += 1
    best = max(ALL_SCHEMES, key=lambda s: scores[s])  # ties keep the earlier (spec first)
    if scores[best] > 0 and scores[best] > scores[SPEC_SCHEME]:
        return best, f"selection names match the text in {scores[best]} case(s)"
    if scores[best] > 0:
        return SPEC_SCHEME, f"selection names match the text in {scores[best]} case(s)"
    if "nvivo" in origin.lower():
        return PositionScheme(True, True), "NVivo counts UTF-16 code units"
    return SPEC_SCHEME, "the REFI-QDA standard counts characters of the source file"
