"""Importers: one module per format, each ``Source -> list[ImportedDocument]``.

``parse_source`` picks the parser by file suffix; ``PARSERS`` is the registry.
Expanding folders and archives into sources lives in :mod:`.sources`.
"""

from __future__ import annotations

from app.core.importers.base import (
    ExcludedSpan,
    ImportedDocument,
    ImportFailure,
    ImportOptions,
    Parser,
    Source,
)
from app.core.importers.plaintext import parse_plaintext

__all__ = [
    "ExcludedSpan",
    "ImportFailure",
    "ImportOptions",
    "ImportedDocument",
    "PARSERS",
    "Source",
    "parse_source",
    "supported_suffixes",
]

PARSERS: dict[str, Parser] = {
    ".txt": parse_plaintext,
}


def supported_suffixes() -> list[str]:
    return sorted(PARSERS)


def parse_source(source: Source, options: ImportOptions | None = None) -> list[ImportedDocument]:
    """Parse one source with the parser for its suffix; raise ImportFailure when none fits."""
    options = options or ImportOptions()
    if len(source.data) > options.max_file_bytes:
        raise ImportFailure(
            f"too large ({len(source.data) / 1e6:.1f} MB; the limit is {options.max_file_bytes / 1e6:.0f} MB)"
        )
    parser = PARSERS.get(source.suffix)
    if parser is None:
        known = ", ".join(supported_suffixes())
        raise ImportFailure(f"unsupported file type '{source.suffix or '(none)'}' (supported: {known})")
    return parser(source, options)
