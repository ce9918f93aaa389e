"""Markdown (``.md``): the text as written, with front matter read as metadata.

The Markdown source is kept verbatim (markup characters included) because
rendering it would change what the researcher codes and shift offsets. A
leading YAML front matter block (``---`` ... ``---``, as Jekyll and Hugo write
it) fills title, date, author and source URL and is marked as excluded, so it
stays in the stored text but out of statistics.
"""

from __future__ import annotations

import re

from app.core.importers.base import ExcludedSpan, ImportedDocument, ImportFailure, ImportOptions, Source
from app.core.importers.common import first_line, make_document
from app.core.importers.dates import parse_date
from app.core.importers.plaintext import decode_text
from app.core.text import normalize_newlines

__all__ = ["parse_markdown", "read_front_matter"]

_FRONT = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$")


def read_front_matter(text: str) -> tuple[dict[str, str], int]:
    """Top-level ``key: value`` pairs of a front matter block and where the block ends.

    Only flat scalar fields are read (title, date, author, ...); nested YAML and
    lists are skipped rather than misread. Returns ``({}, 0)`` when there is none.
    """
    m = _FRONT.match(text)
    if not m:
        return {}, 0
    fields: dict[str, str] = {}
    for line in m.group("body").split("\n"):
        f = _FIELD.match(line)
        if f and f.group("value"):
            fields[f.group("key").lower()] = f.group("value").strip().strip("\"'")
    return fields, m.end()


def parse_markdown(source: Source, options: ImportOptions) -> list[ImportedDocument]:
    notes: list[str] = []
    text, encoding = decode_text(source.data, notes)
    text = normalize_newlines(text)
    front, body_start = read_front_matter(text)
    if not text[body_start:].strip():
        raise ImportFailure("empty after extraction")
    title = front.get("title")
    if not title:
        for line in text[body_start:].split("\n"):
            h = _HEADING.match(line)
            if h:
                title = h.group("title")
                break
    excluded = [ExcludedSpan(0, body_start, "front matter")] if body_start else []
    known = {"title", "date", "author", "url", "link", "source", "lang", "language"}
    attributes = {"encoding": encoding, **{k: v for k, v in front.items() if k not in known}}
    return [
        make_document(
            source,
            options,
            text,
            importer=f"markdown ({encoding})",
            title=title or first_line(text[body_start:]),
            date=parse_date(front.get("date")),
            author=front.get("author"),
            source_url=front.get("url") or front.get("link") or front.get("source"),
            language_hint=front.get("lang") or front.get("language"),
            attributes=attributes,
            excluded_spans=excluded,
            notes=notes,
        )
    ]
