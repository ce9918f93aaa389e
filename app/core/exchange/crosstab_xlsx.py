"""A crosstab as a workbook: one sheet of counts, codes down (parents indented above their
children's totals), the column variable across. Written through the same safe sheet writer
as the export, so a code or outlet name that looks like a formula stays text."""

from __future__ import annotations

import os

from openpyxl import Workbook

from app.core.analysis.crosstab import Crosstab
from app.core.exchange.safety import SafetyReport
from app.core.exchange.xlsx import atomic_output
from app.core.exchange.xlsx_common import Column, SheetWriter

__all__ = ["write_crosstab_xlsx"]


def write_crosstab_xlsx(table: Crosstab, path: str | os.PathLike[str], title: str = "Crosstab") -> SafetyReport:
    report = SafetyReport()

    def write(tmp: str) -> None:
        wb = Workbook(write_only=True)
        columns = [Column("Code", 40)] + [Column(col, max(10, min(30, len(col) + 2))) for col in table.cols]
        sheet = SheetWriter(wb, title, columns, report, set(), freeze="B2")
        for path_, depth, counts in zip(table.rows, table.depths, table.counts):
            sheet.append(["    " * depth + path_.rsplit("/", 1)[-1], *counts])
        sheet.close()
        note = SheetWriter(wb, "About", [Column("", 90)], report, {sheet.title})
        note.append([f"Counted: {table.count}. A parent's row includes the codes below it. "
                     "Boilerplate is left out."])
        note.close()
        wb.save(tmp)

    atomic_output(path, write)
    return report
