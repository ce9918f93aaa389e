"""Find direct quotes by their quotation marks: pure text scanning, no spaCy.

Handles “…” ‘…’ "…" '…' «…» „…“ „…” ‚…‘ ‹…› 「…」 『…』, quotes nested in
quotes (only the outermost is reported), quotes that run over several
paragraphs (an opening mark at the start of each paragraph, one closing mark at
the end) and apostrophes, which are not quotation marks (don't, Kazakhstan’s,
leaders’). A quote left open at a blank line is closed there with a flag, so a
typo in the source costs one quote, not the rest of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["RawQuote", "find_direct_quotes", "MIN_WORDS"]

# Opening mark -> the marks that close it.
_PAIRS: dict[str, str] = {
    "“": "”",
    "„": "“”",
    "‚": "‘’",
    "‘": "’",
    "«": "»",
    "‹": "›",
    "「": "」",
    "『": "』",
    '"': '"',
    "'": "'",
}
_SYMMETRIC = "\"'"
_CLOSERS = set("”“’‘»›」』\"'")
_ALL_MARKS = set(_PAIRS) | _CLOSERS
_AFTER_CLOSE = set(".,;:!?)]}—–-…") | _ALL_MARKS
_BEFORE_OPEN = set("([{—–-/:") | _ALL_MARKS
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")

MIN_WORDS = 4  # shorter quoted stretches are terms or scare quotes ("Listening State"), not speech


@dataclass(frozen=True)
class RawQuote:
    start: int  # first character inside the marks (after white space)
    end: int  # end of the last quoted word or punctuation (trailing comma and space dropped)
    parts: tuple[tuple[int, int], ...]
    open_mark: str
    open_pos: int  # index of the (first) opening mark
    close_pos: int  # index just past the closing mark (or the paragraph end when unclosed)
    closed: bool


def _word_count(text: str, parts: tuple[tuple[int, int], ...]) -> int:
    return sum(len(_WORD.findall(text[s:e])) for s, e in parts)


def _is_space(ch: str) -> bool:
    return ch.isspace()


def _can_open(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (_is_space(prev) or prev in _BEFORE_OPEN) and not _is_space(nxt)


def _can_close(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not _is_space(prev) and (_is_space(nxt) or nxt in _AFTER_CLOSE)


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ' between letters (don't, Kazakhstan’s) or after a letter with no open quote to close."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return prev.isalnum() and nxt.isalnum()


def _plural_possessive(text: str, i: int) -> bool:
    """``’`` after "s" and before a lower-case word, with another closing ``’`` later in the paragraph."""
    if not (i > 0 and text[i - 1] in "sS" and text[i + 1 : i + 2] == " " and text[i + 2 : i + 3].islower()):
        return False
    end = text.find("\n", i)
    end = len(text) if end < 0 else end
    return any(text[k] == text[i] and _can_close(text, k) for k in range(i + 1, end))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _closes_in_next_paragraph(text: str, start: int, outer: str) -> bool:
    """The paragraph at ``start`` holds a closing mark for ``outer`` before any new opening one."""
    blank = _BLANK_LINE.search(text, start)
    stop = blank.start() if blank else len(text)
    for k in range(start, stop):
        ch = text[k]
        if ch == outer and _can_open(text, k):
            return False
        if ch in _PAIRS[outer] and _can_close(text, k):
            return True
    return False


def find_direct_quotes(text: str, min_words: int = MIN_WORDS) -> list[RawQuote]:
    """All outermost quoted stretches of at least ``min_words`` words, in text order."""
    found: list[RawQuote] = []
    stack: list[tuple[str, int]] = []  # (opening mark, index)
    part_start = 0
    parts: list[tuple[int, int]] = []
    i, n = 0, len(text)

    def emit(mark: str, close_at: int, after: int, closed: bool) -> None:
        piece = _trim(text, part_start, close_at)
        all_parts = tuple(p for p in (*parts, piece) if p[1] > p[0])
        if all_parts and _word_count(text, all_parts) >= min_words:
            found.append(
                RawQuote(all_parts[0][0], all_parts[-1][1], all_parts, mark, first_open, after, closed)
            )

    first_open = 0
    while i < n:
        ch = text[i]
        if ch == "\n" and stack:
            blank = _BLANK_LINE.match(text, i)
            j = blank.end() if blank else i + 1
            while j < n and text[j] in " \t\n":
                j += 1
            outer = stack[0][0]
            if j < n and text[j] == outer and outer not in _SYMMETRIC or (
                j < n and text[j] == outer and _can_open(text, j)
            ):
                # The quote goes on in the next paragraph, which reopens it.
                parts.append(_trim(text, part_start, i))
                del stack[1:]
                part_start = j + 1
                i = j + 1
                continue
            if blank and outer not in _SYMMETRIC and _closes_in_next_paragraph(text, j, outer):
                # Some styles open a multi-paragraph quote only once: “… ¶ … ¶ …”.
                parts.append(_trim(text, part_start, i))
                del stack[1:]
                part_start = j
                i = j
                continue
            if blank:
                emit(outer, i, i, closed=False)
                stack.clear()
                parts.clear()
                i = blank.end()
                continue
            i += 1
            continue
        if ch in _ALL_MARKS and not ((ch == "’" or ch == "'") and _is_apostrophe(text, i)):
            top = stack[-1][0] if stack else None
            if top in ("‘", "'") and ch in "’'" and _plural_possessive(text, i):
                pass  # "the leaders’ plans" inside ‘…’: an apostrophe, the quote closes later
            elif top is not None and ch in _PAIRS[top] and (top not in _SYMMETRIC or _can_close(text, i)):
                mark, _ = stack.pop()
                if not stack:
                    emit(mark, i, i + 1, closed=True)
                    parts.clear()
            elif ch in _PAIRS and _can_open(text, i) and not (ch in "‘'" and stack and stack[-1][0] == ch):
                if not stack:
                    first_open = i
                    part_start = i + 1
                stack.append((ch, i))
            elif top is not None and top in _SYMMETRIC and ch == top:
                # A straight mark in an odd position: close what it opened.
                mark, _ = stack.pop()
                if not stack:
                    emit(mark, i, i + 1, closed=True)
                    parts.clear()
        i += 1
    if stack:
        emit(stack[0][0], n, n, closed=False)
    return found
