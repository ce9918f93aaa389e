"""The Segments table: one row per coding, shared by the .xlsx and the CSV writers.

Columns: coding and document ids, title, date, outlet, URL, coder, code path,
one column per code-tree level, the quoted text, start, end, the context, the
memo, created and modified times, then each document attribute.
"""

from __future__ import annotations

from app.core.exchange.columns import attribute_headers
from app.core.exchange.context import TextCache
from app.core.exchange.model import ExportData
from app.core.exchange.xlsx_common import Column
from app.core.records import CodingInfo

__all__ = ["SegmentTable"]


class SegmentTable:
    """Turns :class:`CodingInfo` records into Segments rows for one :class:`ExportData`."""

    def __init__(self, data: ExportData) -> None:
        self.documents = {d.id: d for d in data.documents}
        self.codes = {c.id: c for c in data.codes}
        self.coders = {c.id: c.name for c in data.coders}
        self.levels = max((len(c.path_parts) for c in data.codes), default=1)
        self.attributes = sorted({k for d in data.documents for k in d.attributes})
        self.texts = TextCache(data.text_of, data.sentences_of)

    def columns(self) -> list[Column]:
        cols = [
            Column("Coding ID", 10),
            Column("Document ID", 11),
            Column("Title", 36, wrap=True),
            Column("Date", 11),
            Column("Outlet", 18),
            Column("URL", 30),
            Column("Coder", 14),
            Column("Code path", 30, wrap=True),
        ]
        cols += [Column(f"Level {i}", 18) for i in range(1, self.levels + 1)]
        cols += [
            Column("Quote", 60, wrap=True),
            Column("Start", 8),
            Column("End", 8),
            Column("Context", 70, wrap=True),
            Column("Memo", 30, wrap=True),
            Column("Created", 19),
            Column("Modified", 19),
        ]
        cols += [Column(name, 16) for name in attribute_headers(self.attributes, [c.header for c in cols])]
        return cols

    def headers(self) -> list[str]:
        return [c.header for c in self.columns()]

    def row(self, c: CodingInfo) -> list[object]:
        """The values of one row, in column order (dates as date objects, numbers as ints)."""
        doc = self.documents.get(c.document_id)
        code = self.codes.get(c.code_id)
        if doc is None or code is None:
            missing = "document" if doc is None else "code"
            raise ValueError(f"coding {c.id} points to {missing} that is not in the export")
        parts = code.path_parts
        levels = parts + [None] * (self.levels - len(parts))
        return [
            c.id,
            doc.id,
            doc.title,
            doc.published,
            doc.outlet,
            doc.source_url,
            self.coders.get(c.coder_id, f"coder {c.coder_id}"),
            code.path,
            *levels,
            self.texts.quote(doc.id, c.start, c.end),
            c.start,
            c.end,
            self.texts.context(doc.id, c.start, c.end),
            c.memo or None,
            c.created_at,
            c.modified_at,
            *(doc.attributes.get(k) for k in self.attributes),
        ]
