"""The Memos sheet: memos on the project, documents and codes, with author and times.

A coding's memo is in the Segments sheet's Memo column, beside its quote.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.workbook import Workbook

from app.core.exchange.safety import SafetyReport
from app.core.exchange.xlsx_common import Column, SheetWriter
from app.core.records import CodeInfo, CoderInfo, DocumentInfo, MemoInfo

__all__ = ["MEMO_COLUMNS", "write_memos_sheet"]

MEMO_COLUMNS = [
    Column("On", 10), Column("Document or code", 36, wrap=True), Column("Title", 24, wrap=True),
    Column("Memo", 60, wrap=True), Column("Author", 16), Column("Created", 19), Column("Modified", 19),
    Column("GUID", 38),
]


def write_memos_sheet(
    wb: Workbook,
    memos: Sequence[MemoInfo],
    documents: Sequence[DocumentInfo],
    codes: Sequence[CodeInfo],
    coders: Sequence[CoderInfo],
    report: SafetyReport,
    taken: set[str],
) -> str:
    titles = {d.id: d.title for d in documents}
    paths = {c.id: c.path for c in codes}
    names = {c.id: c.name for c in coders}
    sw = SheetWriter(wb, "Memos", MEMO_COLUMNS, report, taken)
    for mo in memos:
        what = titles.get(mo.target_id) if mo.target == "document" else paths.get(mo.target_id) if mo.target == "code" else None
        author = mo.author or names.get(mo.author_id) if mo.author_id is not None or mo.author else None
        sw.append([mo.target, what, mo.title or None, mo.text, author, mo.created_at, mo.modified_at, mo.uuid])
    sw.close()
    return sw.title
