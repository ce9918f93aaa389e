"""The Segments table as tidy long-format UTF-8 CSV (one row per coding).

Same columns and safety rules as the Segments sheet. CSV has no cell types, so
text that a spreadsheet could read as a formula gets a leading apostrophe
(``guard_formulas=True``, the default; turn it off for R or pandas, which never
evaluate cells). ``bom=True`` writes a UTF-8 byte-order mark so that Excel
opens the file as UTF-8. Dates are ISO 8601; times are UTC when known.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from datetime import date, datetime, timezone

from app.core.exchange.model import ExportData
from app.core.exchange.safety import SafetyReport, csv_text
from app.core.exchange.segments import SegmentTable
from app.core.exchange.xlsx import PROGRESS_EVERY, ExportCancelled, atomic_output

__all__ = ["SafeCsvWriter", "write_segments_csv"]


def _field(value: object, report: SafetyReport, where: str, guard: bool) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (date, int, float)):
        return value.isoformat() if isinstance(value, date) else value
    return csv_text(str(value), report, where, guard)


class SafeCsvWriter:
    """The one CSV writer of the app: every field goes through the same rules.

    Formula-like text gets a leading apostrophe (unless ``guard_formulas`` is
    off), characters XML forbids are removed, cells are cut at Excel's limit;
    ``report`` counts what changed. ``export out.csv`` and ``segments --csv``
    both write through here, so a quote reaches a spreadsheet the same way
    whichever command wrote it.
    """

    def __init__(self, fh, guard_formulas: bool = True, report: SafetyReport | None = None, **csv_options) -> None:
        self._writer = csv.writer(fh, **csv_options)
        self.guard = guard_formulas
        self.report = report if report is not None else SafetyReport()

    def writerow(self, values, where: str) -> None:
        self._writer.writerow([_field(v, self.report, where, self.guard) for v in values])


def write_segments_csv(
    data: ExportData,
    path: str | os.PathLike[str],
    bom: bool = False,
    guard_formulas: bool = True,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SafetyReport:
    """Write one row per coding of ``data`` to ``path``; returns what sanitising changed."""
    report = SafetyReport()
    table = SegmentTable(data)

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            writer = SafeCsvWriter(fh, guard_formulas, report)
            writer.writerow(table.headers(), "header")
            for n, coding in enumerate(data.codings, start=1):
                writer.writerow(table.row(coding), f"row {n + 1}")
                if n % PROGRESS_EVERY == 0:
                    if cancelled is not None and cancelled():
                        raise ExportCancelled("export cancelled")
                    if progress is not None:
                        progress(n)

    atomic_output(path, write)
    return report
