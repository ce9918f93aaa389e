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
from app.core.importers.csvtable import parse_csv
from app.core.importers.docx import parse_docx
from app.core.importers.html import parse_html
from app.core.importers.jsontable import parse_json, parse_jsonl
from app.core.importers.markdown import parse_markdown
from app.core.importers.odt import parse_odt
from app.core.importers.pdf import parse_pdf
from app.core.importers.plaintext import parse_plaintext
from app.core.importers.rtf import parse_rtf
from app.core.importers.sources import SourceProblem, iter_sources
from app.core.importers.xlsx import parse_xlsx

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
    "supported_suffixes",
]

PARSERS: dict[str, Parser] = {
    ".txt": parse_plaintext,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
    ".docx": parse_docx,
    ".odt": parse_odt,
    ".rtf": parse_rtf,
    ".pdf": parse_pdf,
    ".csv": parse_csv,
    ".tsv": parse_csv,
    ".xlsx": parse_xlsx,
    ".json": parse_json,
    ".jsonl": parse_jsonl,
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
