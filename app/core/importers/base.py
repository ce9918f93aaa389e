"""What every importer produces and how it fails.

An importer is a function ``parse(source, options) -> list[ImportedDocument]``
registered for one or more file suffixes. It is pure: bytes in, documents out,
no database. It raises :class:`ImportFailure` with a reason a researcher can act
on ("not UTF-8 and no encoding fits", "encrypted PDF") — never a bare exception.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Callable

from app.core.errors import QuotecoderError

__all__ = [
    "ImportFailure",
    "ImportOptions",
    "ImportedDocument",
    "Source",
    "ExcludedSpan",
    "reader_crashed",
]


class ImportFailure(QuotecoderError):
    """A file could not be imported; the message says why, in one sentence."""


def reader_crashed(name: str, exc: Exception) -> ImportFailure:
    """The failure for a file whose reader raised something other than ImportFailure.

    Third-party readers (striprtf, openpyxl, pypdf, ...) raise whatever their
    authors chose on hostile or damaged input (OverflowError, OSError, KeyError,
    RecursionError ...). That is one file's problem, never the whole batch's: the
    reason names the file and what the reader said, so the user can open the file
    elsewhere and save it again.
    """
    label = PurePath(name).name or name
    kind = PurePath(name).suffix.lower() or "this"
    detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else "no details"
    return ImportFailure(
        f"{label}: damaged or unusual {kind} file that the reader could not handle "
        f"({type(exc).__name__}: {detail}); open it in its program and save it again"
    )


@dataclass(frozen=True)
class Source:
    """One file to import: its display name (path, or ``archive.zip/entry``) and bytes."""

    name: str
    data: bytes

    @property
    def suffix(self) -> str:
        return PurePath(self.name).suffix.lower()

    @property
    def stem(self) -> str:
        return PurePath(self.name).stem

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class ExcludedSpan:
    """A part of the text that is not the article (trailing "Recent posts", say).

    The text stays as it is; the span is only marked so views grey it and
    statistics and suggestions leave it out.
    """

    start: int
    end: int
    reason: str


@dataclass
class ImportedDocument:
    """A document as an importer read it, before it is stored.

    ``text`` must already be normalised (``core.text.normalize_newlines``): it is
    stored exactly as given and never changes afterwards.
    """

    text: str
    title: str
    importer: str
    source_name: str
    file_hash: str
    language: str | None = None
    source_url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    # The date as the source wrote it, kept when it could not be read for certain.
    published_text: str | None = None
    date_ambiguous: bool = False
    attributes: dict[str, str] = field(default_factory=dict)
    excluded_spans: list[ExcludedSpan] = field(default_factory=list)
    # Original bytes worth keeping so extraction can be redone (saved HTML, say).
    original: bytes | None = None
    original_media_type: str | None = None
    # What the importer did that a researcher may want to know ("rejoined 3 hyphenated
    # words", "skipped 2 rows with no text"); shown in the import report.
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ImportOptions:
    """Choices that shape an import. Every field has a sensible default."""

    max_file_bytes: int = 50 * 1024 * 1024
    # Column names for corpus tables (csv/tsv/xlsx/json/jsonl); None = recognise well-known names.
    text_column: str | None = None
    title_column: str | None = None
    date_column: str | None = None
    outlet_column: str | None = None
    author_column: str | None = None
    url_column: str | None = None
    language: str | None = None  # force a language instead of detecting it
    detect_language: bool = True
    # Mark trailing "Recent posts" and similar web boilerplate as excluded spans.
    mark_boilerplate: bool = True
    # Archives: an entry, or a whole archive, whose size / compressed size exceeds this
    # (beyond a 64 KiB allowance) is refused as a zip bomb.
    max_compression_ratio: float = 100.0
    # Archives: how many files one archive may hold (folders not counted).
    max_archive_entries: int = 20_000
    # Archives: total bytes all entries of one archive may expand to.
    max_archive_bytes: int = 2 * 1024 * 1024 * 1024
    # Archives inside archives: how deep to follow.
    max_archive_depth: int = 3
    # Spreadsheets: the sheet to read (None = the first sheet).
    sheet: str | None = None


Parser = Callable[[Source, ImportOptions], list[ImportedDocument]]
