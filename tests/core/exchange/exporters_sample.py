"""A small project as plain records: emoji, CRLF-free stored text, a two-level codebook, two coders."""

from __future__ import annotations

from datetime import date, datetime, timezone

from app.core.exchange.model import ExportData
from app.core.records import CodeInfo, CoderInfo, CodingInfo, DocStatus, DocumentInfo, MemoInfo

TEXTS = {
    1: "The minister said: \"We will act now.\" Critics disagreed.\n\nA second paragraph 😀 with an emoji.",
    2: "=cmd|' /C calc'!A0 was pasted from the web.\nMore text here.",
}


def _doc(i: int, title: str, **kw: object) -> DocumentInfo:
    return DocumentInfo(id=i, uuid=f"00000000-0000-4000-8000-00000000000{i}", title=title, length=len(TEXTS[i]),
                        text_hash="h", **kw)


DOCUMENTS = [
    _doc(1, "Minister speech", outlet="Gazette", source_url="https://example.org/a", author="Ann Writer",
         published=date(2024, 3, 1), language="en", attributes={"country": "UK", "genre": "speech"}),
    _doc(2, "@Web article", outlet="-Blog", attributes={"country": "=1+1"}),
]
CODES = [
    CodeInfo(1, "10000000-0000-4000-8000-000000000001", "Actors", "Actors", None, 0, "#1f77b4",
             description="Who speaks", inclusion="named people", exclusion="pronouns", example="the minister",
             shortcut="1"),
    CodeInfo(2, "10000000-0000-4000-8000-000000000002", "Politicians", "Actors/Politicians", 1, 0, "#ff7f0e", depth=1),
    CodeInfo(3, "10000000-0000-4000-8000-000000000003", "Critics", "Actors/Critics", 1, 1, "#2ca02c", depth=1,
             archived=True),
    CodeInfo(4, "10000000-0000-4000-8000-000000000004", "Tone", "Tone", None, 1, "#d62728"),
]
CODERS = [
    CoderInfo(1, "20000000-0000-4000-8000-000000000001", "Ann", "#000000"),
    CoderInfo(2, "20000000-0000-4000-8000-000000000002", "Bob", "#ffffff"),
]
T0 = datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)


def _coding(i: int, doc: int, code: int, coder: int, start: int, end: int, memo: str = "") -> CodingInfo:
    return CodingInfo(i, f"30000000-0000-4000-8000-{i:012d}", doc, code, coder, start, end, memo, T0, T0)


CODINGS = [
    _coding(1, 1, 2, 1, 0, 12),  # "The minister"
    _coding(2, 1, 4, 1, 4, 37, memo="=HYPERLINK(\"http://x\")"),  # overlaps coding 1
    _coding(3, 1, 3, 2, 38, 56),  # "Critics disagreed."
    _coding(4, 1, 4, 2, 58, 93),  # second paragraph with emoji
    _coding(5, 2, 2, 1, 0, 18),  # formula-like quote
]
STATUSES = {(1, 1): DocStatus.DONE, (1, 2): DocStatus.IN_PROGRESS}
MEMOS = [
    MemoInfo(1, "40000000-0000-4000-8000-000000000001", "project", None, "Plan", "Code quotes first."),
    MemoInfo(2, "40000000-0000-4000-8000-000000000002", "document", 1, "On the speech", "Check the date."),
    MemoInfo(3, "40000000-0000-4000-8000-000000000003", "code", 4, "Tone memo", "Tone is hard."),
]


def sample_data() -> ExportData:
    return ExportData(
        documents=DOCUMENTS,
        text_of=TEXTS.__getitem__,
        codes=CODES,
        coders=CODERS,
        codings=(c for c in CODINGS),  # a one-shot generator, as the Project may give
        memos=MEMOS,
        statuses=STATUSES,
    )
