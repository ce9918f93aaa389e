"""Transcript turns: "Vladimir Putin: …" at the start of a paragraph, as official transcripts write them.

A turn runs from after the label to the last paragraph before the next label (or an
omission mark "<…>"). Labels are found only in a text with at least two of them, so a lone
"Note: …" or "Source: …" paragraph is no transcript, nor is a news digest of one-line
"Name: headline" items (a transcript has at least one long turn). "Question:" (and "Вопрос:", "Сұрақ:")
turns have no named speaker. The speaker is the label without its office ("President of
Russia Vladimir Putin" -> "Vladimir Putin") and without "(retranslated)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import Layout

__all__ = ["Turn", "find_turns"]

_WORD = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w’'.-]*"
_LABEL = re.compile(
    rf"^(?P<label>{_WORD}(?:[ \xa0](?:{_WORD}|of|the|de|van|von|al|bin|и|Республики)){{0,9}})"
    r"(?:[ \xa0]\([^)\n]{1,40}\))?:[ \t]+(?=\S)",
    re.M,
)
_QUESTION = frozenset({"question", "вопрос", "сұрақ", "reply", "remark", "реплика"})
_NOT_LABEL = frozenset({"note", "source", "photo", "see", "update", "editor", "read", "also", "примечание",
                        "источник", "фото", "date", "time", "place", "tags", "topics"})
_OMISSION = re.compile(r"<…>|<\.\.\.>|\[…\]")
MIN_LONG_TURN = 300  # a transcript has at least one turn longer than a headline
_OFFICE_OF = re.compile(r"^.*?\bof (?:the )?[A-ZА-Я][\w-]*[ \xa0]+(?=[A-ZА-Я])")


@dataclass(frozen=True)
class Turn:
    start: int  # first character of the speech (after "Label: ")
    end: int  # end of the turn's last paragraph
    label_start: int
    label_end: int
    speaker: str | None  # None for a question from the floor


def _speaker(label: str) -> str | None:
    words = label.split()
    if words[0].lower() in _QUESTION:
        return None
    name = _OFFICE_OF.sub("", label)
    return name.strip() or label


def find_turns(text: str) -> list[Turn]:
    """The turns of ``text`` in order; none unless the text has at least two turn labels."""
    layout = Layout(text)
    labels = []
    for m in _LABEL.finditer(text):
        if layout.in_heading(m.start()):
            continue
        if m.start() > 0 and text[m.start() - 1] != "\n":
            continue
        words = m.group("label").split()
        if ". " in m.group("label") or words[-1].lower() in _NOT_LABEL or words[-1].lower() in ("image", "picture"):
            continue  # "Trafalgar Square. Image: …" is a caption credit
        first = words[0].lower().strip(".")
        if first in _NOT_LABEL or len(m.group("label")) > 90 or (len(words) < 2 and first not in _QUESTION):
            continue
        labels.append(m)
    if len(labels) < 2:
        return []
    stops = [layout.next_heading(m.end(), labels[k + 1].start() if k + 1 < len(labels) else len(text))
             for k, m in enumerate(labels)]  # a turn never runs into a heading
    if not any(stop - m.end() > MIN_LONG_TURN for m, stop in zip(labels, stops)):
        return []  # "Name: headline" lines of a news digest, not a transcript
    out = []
    for k, m in enumerate(labels):
        stop = stops[k]
        cut = _OMISSION.search(text, m.end(), stop)
        end = cut.start() if cut else stop
        while end > m.end() and text[end - 1].isspace():
            end -= 1
        if end > m.end():
            out.append(Turn(m.end(), end, m.start("label"), m.end("label"), _speaker(m.group("label"))))
    return out
