"""A first look at a corpus table before importing it: the header, a few rows, the columns recognised.

The column-mapping dialog shows this so the user can name the text, title,
date, outlet, author and URL columns. It reads the table the way the importers
do (same decoding, delimiter sniffing, sheet choice, JSON shapes) but stops
after ``limit`` rows, so a large file previews quickly.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from app.core.importers.base import ImportFailure, ImportOptions, Source
from app.core.importers.plaintext import decode_text
from app.core.importers.tables import ColumnMap, cell_text, resolve_columns, unique_header

__all__ = ["TABLE_SUFFIXES", "TablePreview", "preview_table", "preview_path"]

TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".xlsx", ".json", ".jsonl"})


@dataclass(frozen=True)
class TablePreview:
    """The header (unique names), up to ``limit`` rows as text cells, and the well-known columns found."""

    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    guessed: ColumnMap | None = None  # None when no text column is recognisable by name


def preview_path(path: str | Path, options: ImportOptions | None = None, limit: int = 20) -> TablePreview:
    """Preview the table at ``path`` (refusing files over ``options.max_file_bytes``)."""
    options = options or ImportOptions()
    p = Path(path)
    if p.stat().st_size > options.max_file_bytes:
        raise ImportFailure(f"too large ({p.stat().st_size} bytes; the limit is {options.max_file_bytes})")
    return preview_table(Source(str(p), p.read_bytes()), options, limit)


def preview_table(source: Source, options: ImportOptions | None = None, limit: int = 20) -> TablePreview:
    """Header, first rows and guessed columns of a ``.csv``/``.tsv``/``.xlsx``/``.json``/``.jsonl`` source."""
    options = options or ImportOptions()
    suffix = source.suffix
    if suffix in (".csv", ".tsv"):
        header, records = _delimited(source, limit)
    elif suffix == ".xlsx":
        header, records = _xlsx(source, options, limit)
    elif suffix in (".json", ".jsonl"):
        header, records = _json(source, limit)
    else:
        raise ImportFailure(f"not a corpus table ({suffix or 'no suffix'})")
    rows = [[cell_text(r.get(name)) for name in header] for r in records]
    try:
        guessed = resolve_columns(header, ImportOptions())
    except ImportFailure:
        guessed = None
    return TablePreview(header, rows, guessed)


def _delimited(source: Source, limit: int) -> tuple[list[str], list[dict]]:
    from app.core.importers.csvtable import sniff_delimiter

    text, _ = decode_text(source.data)
    text = text.removeprefix("\ufeff")
    delimiter = "\t" if source.suffix == ".tsv" else sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        first = next(reader, None)
        if first is None or not any(c.strip() for c in first):
            raise ImportFailure("empty after extraction (the table has no header row)")
        header = unique_header(first)
        records = [dict(zip(header, r)) for r in islice((r for r in reader if any(c.strip() for c in r)), limit)]
    except csv.Error as exc:
        raise ImportFailure(f"not a readable table (line {reader.line_num}: {exc})") from exc
    return header, records


def _xlsx(source: Source, options: ImportOptions, limit: int) -> tuple[list[str], list[dict]]:
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    from app.core.importers.archive import open_office_zip

    open_office_zip(source.data, options, ".xlsx")
    try:
        book = openpyxl.load_workbook(io.BytesIO(source.data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, zipfile.BadZipFile, ValueError, TypeError) as exc:
        raise ImportFailure(f"not a valid .xlsx ({type(exc).__name__}: {exc})") from exc
    try:
        sheet = book[options.sheet] if options.sheet in book.sheetnames else book.worksheets[0]
        values = (r for r in sheet.iter_rows(values_only=True) if any(v is not None and str(v).strip() for v in r))
        first = next(values, None)
        if first is None:
            raise ImportFailure("empty after extraction (the sheet has no header row)")
        header = unique_header(first)
        return header, [dict(zip(header, r)) for r in islice(values, limit)]
    finally:
        book.close()


def _json(source: Source, limit: int) -> tuple[list[str], list[dict]]:
    from app.core.importers.jsontable import _jsonl_objects, _objects_of

    text, _ = decode_text(source.data)
    if source.suffix == ".jsonl":
        objects = [obj for _, obj in islice(_jsonl_objects(text.replace("\r\n", "\n")), limit)]
    else:
        try:
            objects = _objects_of(json.loads(text))[:limit]
        except json.JSONDecodeError as exc:
            raise ImportFailure(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    keys: dict[str, None] = {}
    for obj in objects:
        keys.update(dict.fromkeys(obj))
    return list(keys), objects
