"""The Excel workbook export: Codebook, Segments, Documents, matrices, Co-occurrence, Agreement.

The workbook is written in openpyxl's write-only mode: rows go to temporary
files as they are appended, so the Segments sheet streams the codings (which
may be a generator) and memory stays flat with the number of codings. The
counts that the other sheets need are gathered on that single pass. The file
is written next to the target and renamed into place, so a cancelled or failed
export never leaves half a workbook behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from app.core.exchange.aggregates import CodingStats
from app.core.exchange.model import ExportData
from app.core.exchange.progress import Ticker
from app.core.exchange.safety import SafetyReport
from app.core.exchange.segments import SegmentTable
from app.core.exchange.xlsx_common import SheetWriter
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
    """Call ``write(tmp_path)`` for a temporary file beside ``path``, then move it into place."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
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
        tick = Ticker(progress, cancelled, PROGRESS_EVERY, ExportCancelled)
        try:
            for n, coding in enumerate(data.codings, start=1):
                segments.append(table.row(coding))
                stats.add(coding)
                tick(n)
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
        # Codebook first, then Segments, then the rest in the order they were made.
        wb.move_sheet(codebook, -wb.sheetnames.index(codebook))
        wb.move_sheet(segments.title, 1 - wb.sheetnames.index(segments.title))
        wb.save(tmp)

    atomic_output(path, write)
    return report
