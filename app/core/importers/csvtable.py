"""Delimited tables (``.csv``, ``.tsv``): one document per row.

The file is decoded like plain text (any encoding, BOM or not). A ``.csv`` may
use commas, semicolons (German and French Excel), tabs or pipes; the delimiter
is the one the header line uses most. Quoted cells may span lines: the csv
module reads them whole, and their line endings are normalised like all text.
"""

from __future__ import annotations

import csv
import io
from typing import Iterator

from app.core.importers.base import ImportedDocument, ImportFailure, ImportOptions, Source
from app.core.importers.plaintext import decode_text
from app.core.importers.tables import rows_to_documents, unique_header

__all__ = ["parse_csv", "read_csv", "sniff_delimiter"]

_CANDIDATES = (",", ";", "\t", "|")


def sniff_delimiter(header_line: str) -> str:
    """The delimiter the header line uses most, counting only outside quotes; comma on a tie."""
    counts = dict.fromkeys(_CANDIDATES, 0)
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(_CANDIDATES, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _rows(reader: Iterator[list[str]], header: list[str], width_error: list[int]) -> Iterator[tuple[int, dict[str, object]]]:
    # Spreadsheet numbering: the header is row 1, the first record row 2.
    for number, record in enumerate(reader, 2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            width_error.append(number)
        yield number, dict(zip(header, record))


def read_csv(source: Source, options: ImportOptions, notes: list[str] | None = None) -> tuple[list[str], Iterator[tuple[int, dict[str, object]]], str, list[int]]:
    """Decode, find the delimiter and read the header; rows come lazily as ``(row number, record)``.

    Returns ``(header, rows, encoding, too_wide)``; ``too_wide`` fills with the numbers of rows
    that had more cells than the header, as the rows are read. The importer and the
    column-mapping preview both read tables through here, so they always agree.
    """
    text, encoding = decode_text(source.data, notes)
    text = text.removeprefix("\ufeff")
    delimiter = "\t" if source.suffix == ".tsv" else sniff_delimiter(text.split("\n", 1)[0])
    csv.field_size_limit(max(csv.field_size_limit(), options.max_file_bytes))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header_row = next(reader, None)
    except csv.Error as exc:
        raise ImportFailure(f"not a readable table (line {reader.line_num}: {exc})") from exc
    if header_row is None or not any(c.strip() for c in header_row):
        raise ImportFailure("empty after extraction (the table has no header row)")
    header = unique_header(header_row)
    too_wide: list[int] = []
    return header, _readable(_rows(reader, header, too_wide), reader), encoding, too_wide


def _readable(rows: Iterator[tuple[int, dict[str, object]]], reader) -> Iterator[tuple[int, dict[str, object]]]:
    try:
        yield from rows
    except csv.Error as exc:
        raise ImportFailure(f"not a readable table (line {reader.line_num}: {exc})") from exc


def parse_csv(source: Source, options: ImportOptions) -> list[ImportedDocument]:
    notes: list[str] = []
    header, rows, encoding, too_wide = read_csv(source, options, notes)
    docs = rows_to_documents(source, options, header, rows, importer=f"table ({encoding})")
    docs[0].notes.extend(notes)
    if too_wide:
        docs[0].notes.append(
            f"{len(too_wide)} row(s) have more cells than the header; extra cells were left out (first: row {too_wide[0]})"
        )
    return docs
