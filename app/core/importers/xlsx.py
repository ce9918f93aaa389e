"""Excel workbooks (``.xlsx``): one document per row of the first (or the named) sheet.

openpyxl reads the workbook in read-only mode (streaming rows, XML through
defusedxml); the zip is checked for bombs first. The first non-empty row is the
header. Date cells arrive as dates, so they need no parsing.
"""

from __future__ import annotations

import io
import zipfile
from contextlib import contextmanager
from typing import Iterator

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from app.core.importers.archive import open_office_zip
from app.core.importers.base import ImportedDocument, ImportFailure, ImportOptions, Source
from app.core.importers.tables import rows_to_documents, unique_header

__all__ = ["parse_xlsx", "read_xlsx"]


def _rows(values: Iterator[tuple[object, ...]], header: list[str], first: int) -> Iterator[tuple[int, dict[str, object]]]:
    for number, record in enumerate(values, first):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in record):
            continue
        yield number, dict(zip(header, record))


@contextmanager
def read_xlsx(source: Source, options: ImportOptions) -> Iterator[tuple[list[str], Iterator[tuple[int, dict[str, object]]], str]]:
    """Open the first (or the named) sheet; yield ``(header, rows, sheet title)`` and close the workbook after.

    Rows come lazily as ``(row number, record)``. The importer and the column-mapping preview both
    read workbooks through here, so they always agree.
    """
    open_office_zip(source.data, options, ".xlsx")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(source.data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, zipfile.BadZipFile, ValueError, TypeError) as exc:
        raise ImportFailure(f"not a valid .xlsx ({type(exc).__name__}: {exc})") from exc
    try:
        if options.sheet is not None:
            if options.sheet not in workbook.sheetnames:
                raise ImportFailure(f"no sheet '{options.sheet}' (sheets: {', '.join(workbook.sheetnames)})")
            sheet = workbook[options.sheet]
        else:
            sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        number = 0
        for number, record in enumerate(values, 1):
            if any(v is not None and str(v).strip() for v in record):
                header = unique_header(record)
                break
        else:
            raise ImportFailure("empty after extraction (the sheet has no header row)")
        yield header, _rows(values, header, number + 1), sheet.title
    finally:
        workbook.close()


def parse_xlsx(source: Source, options: ImportOptions) -> list[ImportedDocument]:
    with read_xlsx(source, options) as (header, rows, title):
        return rows_to_documents(source, options, header, rows, importer=f"xlsx (sheet {title})")
