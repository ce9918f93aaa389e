"""Paragraphs and headings of a plain text: where speech can be, and where a name must stop.

A heading (a headline, a dateline, a section title) is a paragraph of one short line that does
not end like a sentence: "Kurds announce deal as Turkey invades", "Tuesday, October 15, 2019".
Headlines use speech verbs without reporting speech, so quotes and reported speech are not
looked for in them. Names never run over a paragraph boundary.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["Layout"]

_PARA = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*")
_SENTENCE_END = tuple(".!?…:;,\"'”’»“)]")
MAX_HEADING_WORDS = 20


class Layout:
    """Paragraph spans of ``text`` (one pass), with headings marked."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paras: list[tuple[int, int]] = []
        self.heading: list[bool] = []
        for m in _PARA.finditer(text):
            a, b = m.start(), m.end()
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                self.paras.append((a, b))
                self.heading.append(self._is_heading(a, b))
        self.starts = [a for a, _ in self.paras]

    def _is_heading(self, a: int, b: int) -> bool:
        body = self.text[a:b]
        return "\n" not in body and not body.endswith(_SENTENCE_END) and len(body.split()) <= MAX_HEADING_WORDS

    def index(self, pos: int) -> int:
        """Index of the paragraph holding ``pos`` (or the one before it, in a gap)."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def para_of(self, pos: int) -> tuple[int, int]:
        return self.paras[self.index(pos)] if self.paras else (0, len(self.text))

    def in_heading(self, pos: int) -> bool:
        if not self.paras:
            return False
        k = self.index(pos)
        a, b = self.paras[k]
        return self.heading[k] and a <= pos < b

    def next_heading(self, a: int, b: int) -> int:
        """Start of the first heading paragraph in ``[a, b)``, else ``b``."""
        for k in range(self.index(a), len(self.paras)):
            start = self.paras[k][0]
            if start >= b:
                break
            if start >= a and self.heading[k]:
                return start
        return b

    def same_paragraph(self, a: int, b: int) -> bool:
        return not self.paras or self.index(a) == self.index(b)
