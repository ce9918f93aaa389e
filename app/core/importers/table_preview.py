"""A first look at a corpus table before importing it: the header, a few rows, the columns recognised.

The column-mapping dialog shows this so the user can name the text, title,
date, outlet, author and URL columns. CSV/TSV and workbooks are read through
the importers' own readers (``csvtable.read_csv``, ``xlsx.read_xlsx``), so the
preview shows exactly what an import would read; it stops after ``limit`` rows,
so a large file previews quickly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from app.core.importers.base import ImportFailure, ImportOptions, Source, reader_crashed
from app.core.importers.plaintext import decode_text
from app.core.importers.tables import ColumnMap, cell_text, resolve_columns

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
    try:
        return _preview(source, options, limit)
    except ImportFailure:
        raise
    except Exception as exc:  # noqa: BLE001 - the same guard as parse_source: a reader's crash is this file's failure
        raise reader_crashed(source.name, exc) from exc


def _preview(source: Source, options: ImportOptions, limit: int) -> TablePreview:
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
    from app.core.importers.csvtable import read_csv

    header, rows, _, _ = read_csv(source, ImportOptions())
    return header, [record for _, record in islice(rows, limit)]


def _xlsx(source: Source, options: ImportOptions, limit: int) -> tuple[list[str], list[dict]]:
    from app.core.importers.xlsx import read_xlsx

    with read_xlsx(source, options) as (header, rows, _):
        return header, [record for _, record in islice(rows, limit)]


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
