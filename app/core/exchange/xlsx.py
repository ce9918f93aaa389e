"""The Excel workbook export: Codebook, Segments, Documents, matrices, Co-occurrence, Agreement, Memos.

The workbook is written in openpyxl's write-only mode: rows go to temporary
files as they are appended, so the Segments sheet streams the codings (which
may be a generator) and memory stays flat with the number of codings. The
counts that the other sheets need are gathered on that single pass. The file
is written next to the target and renamed into place, so a cancelled or failed
export never leaves half a workbook behind.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from app.core.exchange.aggregates import CodingStats
from app.core.exchange.model import ExportData
from app.core.exchange.safety import SafetyReport
from app.core.exchange.segments import SegmentTable
from app.core.exchange.xlsx_common import SheetWriter
from app.core.exchange.xlsx_memos import write_memos_sheet
from app.core.exchange.xlsx_sheets import (
    write_agreement_sheet,
    write_codebook_sheet,
    write_cooccurrence_sheet,
    write_documents_sheet,
    write_matrix_sheets,
)

__all__ = ["write_workbook", "ExportCancelled", "atomic_output"]

PROGRESS_EVERY = 1000


class ExportCancelled(Exception):
    """The user cancelled an export; nothing was written."""


def atomic_output(path: str | os.PathLike[str], write: Callable[[str], None]) -> None:
    """Call ``write(tmp_path)`` for a temporary file beside ``path``, then move it into place.

    The temporary file is created with mode 0o666 less the umask, like any file the
    user saves (``tempfile.mkstemp`` would make every export 0600, unreadable to the
    group the user shares a project folder with).
    """
    target = Path(path)
    while True:
        tmp = str((target.parent or Path(".")) / f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            continue
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_workbook(
    data: ExportData,
    path: str | os.PathLike[str],
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SafetyReport:
    """Write the whole workbook to ``path`` and return what sanitising changed.

    ``progress(n)`` is called with the number of codings written so far, every
    thousand codings; ``cancelled()`` returning True stops the export with
    :class:`ExportCancelled`.
    """
    report = SafetyReport()

    def write(tmp: str) -> None:
        wb = Workbook(write_only=True)
        taken: set[str] = set()
        stats = CodingStats()
        table = SegmentTable(data)
        segments = SheetWriter(wb, "Segments", table.columns(), report, taken, freeze="C2")
        try:
            for n, coding in enumerate(data.codings, start=1):
                segments.append(table.row(coding))
                stats.add(coding)
                if n % PROGRESS_EVERY == 0:
                    if cancelled is not None and cancelled():
                        raise ExportCancelled("export cancelled")
                    if progress is not None:
                        progress(n)
        except BaseException:
            segments.ws.close()  # finish the sheet's temporary file so nothing dangles
            raise
        segments.close()
        if progress is not None:
            progress(stats.total)
        codebook = write_codebook_sheet(wb, data.codes, data.coders, stats, report, taken)
        write_documents_sheet(wb, data.documents, data.coders, dict(data.statuses), stats, report, taken)
        write_matrix_sheets(wb, data.documents, data.codes, stats, report, taken)
        write_cooccurrence_sheet(wb, data.codes, stats, report, taken)
        if data.agreement:
            write_agreement_sheet(wb, data.agreement, report, taken)
        if data.memos:
            write_memos_sheet(wb, data.memos, data.documents, data.codes, data.coders, report, taken)
        # Codebook first, then Segments, then the rest in the order they were made.
        wb._sheets.sort(key=lambda ws: {codebook: 0, segments.title: 1}.get(ws.title, 2))
        wb.save(tmp)

    atomic_output(path, write)
    return report
