"""Helpers every importer shares: building the document, titles, article text."""

from __future__ import annotations

from typing import Any, Iterable

from app.core.importers.base import ExcludedSpan, ImportedDocument, ImportFailure, ImportOptions, Source
from app.core.importers.dates import ParsedDate
from app.core.importers.language import language_shares
from app.core.text import normalize_newlines

__all__ = ["article_text", "first_line", "make_document", "join_paragraphs"]

# A second language holding at least this share of the letters is reported.
_MIXED_SHARE = 0.2


def first_line(text: str, limit: int = 200) -> str:
    """The first non-blank line, stripped and cut to ``limit`` characters."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line[:limit]
    return ""


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Join paragraphs with a blank line, dropping empty ones.

    Structured formats (HTML, Word, ODT) mark paragraphs explicitly; a blank
    line between them is what ``core.text.paragraph_spans`` recognises.
    """
    return "\n\n".join(p for p in (normalize_newlines(p).strip("\n") for p in paragraphs) if p.strip())


def article_text(text: str, excluded: Iterable[ExcludedSpan]) -> str:
    """``text`` without its excluded spans (for language detection, near-duplicates)."""
    spans = sorted(excluded, key=lambda s: s.start)
    if not spans:
        return text
    parts, pos = [], 0
    for span in spans:
        if span.start > pos:
            parts.append(text[pos:span.start])
        pos = max(pos, span.end)
    parts.append(text[pos:])
    return "\n\n".join(parts)


def make_document(
    source: Source,
    options: ImportOptions,
    text: str,
    *,
    importer: str,
    title: str | None = None,
    date: ParsedDate | None = None,
    source_name: str | None = None,
    language_hint: str | None = None,
    file_hash: str | None = None,
    **fields: Any,
) -> ImportedDocument:
    """Normalise ``text``, refuse it when empty, and fill title, date and language.

    The language is ``options.language`` when the user forced one, otherwise it
    is detected from the article text (excluded spans left out); when the text
    is too short to judge, ``language_hint`` (an HTML ``lang`` attribute, say)
    is used. Pass ``file_hash`` when making many documents from one source, so
    the file is hashed once.
    """
    text = normalize_newlines(text)
    if not text.strip():
        raise ImportFailure("empty after extraction")
    excluded = fields.get("excluded_spans") or []
    language = options.language
    if language is None and options.detect_language:
        shares = language_shares(article_text(text, excluded))
        language = next(iter(shares), None) or _short_code(language_hint)
        mixed = [f"{lang} {share:.0%}" for lang, share in shares.items() if share >= _MIXED_SHARE]
        if len(mixed) > 1:
            # A bilingual notice: say so, so the researcher can filter or correct it.
            fields.setdefault("attributes", {})["languages"] = ", ".join(mixed)
    if date is not None:
        fields.setdefault("published", date.value)
        fields.setdefault("published_text", None if date.value else date.text)
        fields.setdefault("date_ambiguous", date.ambiguous)
    return ImportedDocument(
        text=text,
        title=(title or "").strip()[:500] or first_line(text) or source.stem,
        importer=importer,
        source_name=source_name or source.name,
        file_hash=file_hash or source.sha256,
        language=language,
        **fields,
    )


def _short_code(tag: str | None) -> str | None:
    """'de-DE' -> 'de'; None or junk -> None."""
    if not tag:
        return None
    code = tag.strip().split("-")[0].split("_")[0].lower()
    return code if len(code) == 2 and code.isalpha() else None
