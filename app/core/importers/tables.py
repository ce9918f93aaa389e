"""Corpus tables: one document per row (csv, tsv, xlsx) or per object (json, jsonl).

This module holds what all table formats share: finding the text, title, date,
outlet, author and URL columns (named by the user in ImportOptions, or
recognised by well-known names), and turning each row into a document whose
other columns become attributes. The format modules only produce rows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Iterable, Sequence

from app.core.importers.base import ImportedDocument, ImportFailure, ImportOptions, Source
from app.core.importers.common import make_document
from app.core.importers.dates import to_date
from app.core.text import normalize_newlines

__all__ = ["ColumnMap", "WELL_KNOWN", "resolve_columns", "rows_to_documents", "cell_text", "unique_header"]

# Well-known column names, in order of preference, compared case- and separator-insensitively.
WELL_KNOWN: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "full text", "fulltext", "article", "article text", "main text", "maintext"),
    "title": ("title", "headline", "heading", "head"),
    "date": ("date", "published", "publication date", "pub date", "pubdate", "published at", "date published", "datetime"),
    "outlet": ("outlet", "source", "publication", "publisher", "medium", "media", "newspaper", "site", "site name", "sitename"),
    "author": ("author", "authors", "byline", "writer"),
    "url": ("url", "link", "source url", "uri", "permalink", "canonical url"),
}
_ROLES = ("text", "title", "date", "outlet", "author", "url")


def _key(name: str) -> str:
    return re.sub(r"[\s_\-.]+", " ", name.strip().lower())


@dataclass(frozen=True)
class ColumnMap:
    """Which header name plays which role; None when the table has no such column."""

    text: str
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None

    def roles(self) -> set[str]:
        return {c for c in (self.text, self.title, self.date, self.outlet, self.author, self.url) if c}


def unique_header(names: Sequence[object]) -> list[str]:
    """Header cells as unique, non-empty names ("column 3" for a blank, "name (2)" for a repeat)."""
    out: list[str] = []
    seen: set[str] = set()
    for i, raw in enumerate(names, 1):
        name = str(raw).strip() if raw is not None and str(raw).strip() else f"column {i}"
        candidate, n = name, 2
        while candidate in seen:
            candidate, n = f"{name} ({n})", n + 1
        seen.add(candidate)
        out.append(candidate)
    return out


def resolve_columns(header: Sequence[str], options: ImportOptions) -> ColumnMap:
    """Map roles to header names; raise ImportFailure naming the columns when text is missing."""
    by_key = {}
    for name in header:
        by_key.setdefault(_key(name), name)
    found = ", ".join(header) or "(none)"
    chosen: dict[str, str | None] = {}
    for role in _ROLES:
        wanted = getattr(options, f"{role}_column")
        if wanted is not None:
            name = wanted if wanted in header else by_key.get(_key(wanted))
            if name is None:
                raise ImportFailure(f"no {role} column '{wanted}' (columns found: {found})")
            chosen[role] = name
            continue
        chosen[role] = next((by_key[k] for k in WELL_KNOWN[role] if k in by_key), None)
    if chosen["text"] is None:
        looked = ", ".join(WELL_KNOWN["text"][:3])
        raise ImportFailure(f"no text column (looked for {looked}; columns found: {found}); name it with the text column option")
    return ColumnMap(**chosen)  # type: ignore[arg-type]


def cell_text(value: object) -> str:
    """A cell or JSON value as text: whole floats without ".0", dates in ISO, nested JSON as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def rows_to_documents(
    source: Source,
    options: ImportOptions,
    header: Sequence[str],
    rows: Iterable[tuple[int, dict[str, object]]],
    *,
    importer: str,
    unit: str = "row",
) -> list[ImportedDocument]:
    """One document per row with non-empty text; ``rows`` gives (number, {column: value}).

    Rows whose text cell is empty are skipped and counted in the first
    document's notes; a table with no text at all is "empty after extraction".
    """
    columns = resolve_columns(header, options)
    roles = columns.roles()
    file_hash = source.sha256
    docs: list[ImportedDocument] = []
    skipped: list[int] = []
    for number, row in rows:
        text = normalize_newlines(cell_text(row.get(columns.text)))
        if not text.strip():
            skipped.append(number)
            continue
        attributes = {unit: str(number)}
        for name, value in row.items():
            if name not in roles and value not in (None, ""):
                attributes[name] = cell_text(value)

        def get(role: str | None) -> str | None:
            return cell_text(row.get(role)).strip() or None if role else None

        docs.append(
            make_document(
                source,
                options,
                text,
                importer=importer,
                title=get(columns.title) or "",
                date=to_date(row.get(columns.date)) if columns.date else None,
                outlet=get(columns.outlet),
                author=get(columns.author),
                source_url=get(columns.url),
                source_name=f"{source.name}#{unit}{number}",
                file_hash=file_hash,
                attributes=attributes,
            )
        )
    if not docs:
        raise ImportFailure(f"empty after extraction (no {unit} has text in column '{columns.text}')")
    if skipped:
        shown = ", ".join(map(str, skipped[:10])) + (" ..." if len(skipped) > 10 else "")
        docs[0].notes.append(f"skipped {len(skipped)} {unit}(s) with no text: {shown}")
    return docs
