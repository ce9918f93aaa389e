"""The summary sheets of the workbook: Codebook, Documents, matrices, Agreement.

Each function writes one sheet through a :class:`SheetWriter`, so every value
passes the same safety rules. Counts come from :class:`CodingStats`, gathered
while the Segments sheet streamed the codings.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook import Workbook

from app.core.exchange.aggregates import CodingStats
from app.core.exchange.columns import attribute_headers
from app.core.exchange.safety import SafetyReport
from app.core.exchange.xlsx_common import Column, SheetWriter, text_color_for
from app.core.records import CodeInfo, CoderInfo, DocStatus, DocumentInfo

__all__ = [
    "CODEBOOK_COLUMNS",
    "write_codebook_sheet",
    "write_documents_sheet",
    "write_matrix_sheets",
    "write_cooccurrence_sheet",
    "write_agreement_sheet",
]

CODEBOOK_COLUMNS = [
    Column("Full path", 34, wrap=True),
    Column("Level", 30),
    Column("Name", 24),
    Column("Colour", 9),
    Column("Definition", 50, wrap=True),
    Column("Inclusion criteria", 36, wrap=True),
    Column("Exclusion criteria", 36, wrap=True),
    Column("Example", 36, wrap=True),
    Column("Shortcut", 9),
    Column("Archived", 9),
]
INDENT = "    "


def _name_cell(sw: SheetWriter, name: str, color: str, col: int) -> object:
    value = sw.cell(name, col)
    hex6 = color.lstrip("#")
    if len(hex6) != 6 or any(ch not in "0123456789abcdefABCDEF" for ch in hex6):
        return value
    cell = value if isinstance(value, Cell) else WriteOnlyCell(sw.ws, value=value)
    cell.data_type = "s"
    cell.fill = PatternFill("solid", fgColor=hex6.upper())
    cell.font = Font(color=text_color_for(hex6))
    return cell


def write_codebook_sheet(
    wb: Workbook,
    codes: Sequence[CodeInfo],
    coders: Sequence[CoderInfo],
    stats: CodingStats | None,
    report: SafetyReport,
    taken: set[str],
) -> str:
    """One row per code in the given (tree) order; counts per coder when ``stats`` is given."""
    columns = list(CODEBOOK_COLUMNS)
    if stats is not None:
        columns += [Column(f"Codings: {c.name}", 12) for c in coders]
        columns += [Column("Codings: total", 12), Column("Documents", 11)]
    columns.append(Column("GUID", 38))
    sw = SheetWriter(wb, "Codebook", columns, report, taken)
    for code in codes:
        parts = code.path_parts
        row: list[object] = [
            sw.cell(code.path, 0),
            sw.cell(INDENT * (len(parts) - 1) + code.name, 1),
            _name_cell(sw, code.name, code.color, 2),
            sw.cell(code.color, 3),
            sw.cell(code.description or None, 4),
            sw.cell(code.inclusion or None, 5),
            sw.cell(code.exclusion or None, 6),
            sw.cell(code.example or None, 7),
            sw.cell(code.shortcut, 8),
            "yes" if code.archived else "no",
        ]
        if stats is not None:
            row += [stats.per_code_coder.get((code.id, c.id), 0) for c in coders]
            row += [stats.per_code.get(code.id, 0), len(stats.code_documents.get(code.id, ()))]
        row.append(sw.cell(code.uuid, len(row)))
        sw.append_cells(row)
    sw.close()
    return sw.title


def write_documents_sheet(
    wb: Workbook,
    documents: Sequence[DocumentInfo],
    coders: Sequence[CoderInfo],
    statuses: dict[tuple[int, int], DocStatus],
    stats: CodingStats,
    report: SafetyReport,
    taken: set[str],
) -> str:
    """Metadata, attributes, and per coder the status and number of codings of each document."""
    attributes = sorted({k for d in documents for k in d.attributes})
    columns = [
        Column("Document ID", 11), Column("GUID", 38), Column("Title", 40, wrap=True), Column("Author", 18),
        Column("Outlet", 18), Column("Date", 11), Column("Date as written", 16), Column("Date ambiguous", 9),
        Column("URL", 30), Column("Language", 9), Column("Length (characters)", 11), Column("Imported from", 24),
        Column("Importer", 11), Column("Imported at", 19),
    ]
    per_coder = [h for c in coders for h in (f"Status: {c.name}", f"Codings: {c.name}")] + ["Codings: total"]
    columns += [Column(a, 16) for a in attribute_headers(attributes, [c.header for c in columns] + per_coder)]
    for c in coders:
        columns += [Column(f"Status: {c.name}", 13), Column(f"Codings: {c.name}", 12)]
    columns.append(Column("Codings: total", 12))
    sw = SheetWriter(wb, "Documents", columns, report, taken)
    for d in documents:
        row: list[object] = [
            d.id, d.uuid, d.title, d.author, d.outlet, d.published, d.published_text,
            "yes" if d.date_ambiguous else "no", d.source_url, d.language, d.length,
            d.imported_from, d.importer, d.imported_at,
        ]
        row += [d.attributes.get(a) for a in attributes]
        for c in coders:
            status = statuses.get((d.id, c.id), DocStatus.NOT_STARTED)
            row += [DocStatus(status).value, stats.doc_coder.get((d.id, c.id), 0)]
        row.append(stats.per_document.get(d.id, 0))
        sw.append(row)
    sw.close()
    return sw.title


def write_matrix_sheets(
    wb: Workbook,
    documents: Sequence[DocumentInfo],
    codes: Sequence[CodeInfo],
    stats: CodingStats,
    report: SafetyReport,
    taken: set[str],
) -> list[str]:
    """Code x Document counts and a 0/1 presence sheet: documents as rows, codes as columns."""
    titles = []
    for title, presence in (("Code x Document", False), ("Code x Document (0-1)", True)):
        columns = [Column("Document ID", 11), Column("Title", 36)]
        columns += [Column(c.path, max(8.0, min(24.0, len(c.path) + 2))) for c in codes]
        sw = SheetWriter(wb, title, columns, report, taken, freeze="C2")
        for d in documents:
            counts = [stats.doc_code.get((d.id, c.id), 0) for c in codes]
            if presence:
                counts = [1 if n else 0 for n in counts]
            sw.append([d.id, d.title, *counts])
        sw.close()
        titles.append(sw.title)
    return titles


def write_cooccurrence_sheet(
    wb: Workbook, codes: Sequence[CodeInfo], stats: CodingStats, report: SafetyReport, taken: set[str]
) -> str:
    """Codes x codes: overlapping coding pairs in the same document; the diagonal is codings per code."""
    counts = stats.cooccurrence()
    columns = [Column("Code", 30)] + [Column(c.path, max(8.0, min(24.0, len(c.path) + 2))) for c in codes]
    sw = SheetWriter(wb, "Co-occurrence", columns, report, taken, freeze="B2")
    for a in codes:
        sw.append([a.path, *(counts.get((a.id, b.id), 0) for b in codes)])
    sw.close()
    return sw.title


def write_agreement_sheet(
    wb: Workbook, rows: list[dict[str, object]], report: SafetyReport, taken: set[str]
) -> str:
    """The agreement rows as given; headers are the keys in order of first appearance."""
    keys: list[str] = []
    for row in rows:
        keys += [k for k in row if k not in keys]
    sw = SheetWriter(wb, "Agreement", [Column(str(k), 16) for k in keys], report, taken)
    for row in rows:
        sw.append([row.get(k) for k in keys])
    sw.close()
    return sw.title
