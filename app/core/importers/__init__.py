"""Importers: one module per format, each ``Source -> list[ImportedDocument]``.

``parse_source`` picks the parser by file suffix; ``PARSERS`` is the registry.
Expanding folders and archives into sources lives in :mod:`.sources`.
"""

from __future__ import annotations

from importlib import import_module

from app.core.importers.base import (
    ExcludedSpan,
    ImportedDocument,
    ImportFailure,
    ImportOptions,
    Parser,
    Source,
    reader_crashed,
)
from app.core.importers.sources import SourceProblem, iter_sources

__all__ = [
    "ExcludedSpan",
    "ImportFailure",
    "ImportOptions",
    "ImportedDocument",
    "PARSERS",
    "Source",
    "SourceProblem",
    "iter_sources",
    "parse_source",
    "parser_for",
    "supported_suffixes",
]

# Suffix -> (module, function). Parsers are imported on first use: trafilatura, pypdf and
# openpyxl cost about a second to import, which the app should not pay at start-up.
PARSERS: dict[str, tuple[str, str]] = {
    ".txt": ("plaintext", "parse_plaintext"),
    ".md": ("markdown", "parse_markdown"),
    ".markdown": ("markdown", "parse_markdown"),
    ".html": ("html", "parse_html"),
    ".htm": ("html", "parse_html"),
    ".docx": ("docx", "parse_docx"),
    ".odt": ("odt", "parse_odt"),
    ".rtf": ("rtf", "parse_rtf"),
    ".pdf": ("pdf", "parse_pdf"),
    ".csv": ("csvtable", "parse_csv"),
    ".tsv": ("csvtable", "parse_csv"),
    ".xlsx": ("xlsx", "parse_xlsx"),
    ".json": ("jsontable", "parse_json"),
    ".jsonl": ("jsontable", "parse_jsonl"),
}


def parser_for(suffix: str) -> Parser | None:
    """The parser registered for ``suffix`` (importing its module now), or None."""
    entry = PARSERS.get(suffix)
    if entry is None:
        return None
    module, name = entry
    return getattr(import_module(f"app.core.importers.{module}"), name)


def supported_suffixes() -> list[str]:
    return sorted(PARSERS)


def parse_source(source: Source, options: ImportOptions | None = None) -> list[ImportedDocument]:
    """Parse one source with the parser for its suffix; raise ImportFailure when none fits.

    This is the one dispatch every import goes through, so it is also the one guard:
    whatever a reader raises for this source becomes this source's ImportFailure
    (see :func:`reader_crashed`) and the rest of the batch goes on.
    """
    options = options or ImportOptions()
    if len(source.data) > options.max_file_bytes:
        raise ImportFailure(
            f"too large ({len(source.data) / 1e6:.1f} MB; the limit is {options.max_file_bytes / 1e6:.0f} MB)"
        )
    parser = parser_for(source.suffix)
    if parser is None:
        known = ", ".join(supported_suffixes())
        raise ImportFailure(f"unsupported file type '{source.suffix or '(none)'}' (supported: {known})")
    try:
        return parser(source, options)
    except ImportFailure:
        raise
    except Exception as exc:  # noqa: BLE001 - any reader bug is this file's failure, reported with its reason
        raise reader_crashed(source.name, exc) from exc
