"""The agreement report as rows (CSV, the Agreement sheet) and as an .xlsx workbook.

``report_rows(report)`` — one flat row per code plus an "(overall)" row, with
exactly the numbers of ``report.to_json()`` (and Brennan-Prediger and the mean
pairwise kappa); ``document_rows(report)`` — one row per code and document.
``write_report_xlsx(report, path)`` writes both through the shared, sanitising
sheet writers of :mod:`app.core.exchange` (the Agreement sheet is the same
writer the full Excel export uses), atomically. Undefined values are empty
cells, never 0.
"""

from __future__ import annotations

import os

from openpyxl import Workbook

from app.core.agreement.report import AgreementReport
from app.core.exchange.safety import SafetyReport
from app.core.exchange.xlsx import atomic_output
from app.core.exchange.xlsx_common import Column, SheetWriter
from app.core.exchange.xlsx_sheets import write_agreement_sheet

__all__ = ["report_rows", "document_rows", "write_report_xlsx"]


def report_rows(report: AgreementReport) -> list[dict[str, object]]:
    """One flat row per code (plus an "(overall)" row): the same numbers as the JSON, for CSV and Excel.

    Undefined values stay ``None`` (an empty cell), never 0.
    """
    rows: list[dict[str, object]] = []
    for c in report.codes:
        ci = c.krippendorff_alpha_ci95
        row: dict[str, object] = {
            "code": str(c.code), "unit": report.unit, "units": c.units,
            **{f"coded_units {name}": c.coded_units[name] for name in report.coders},
            "percent_agreement": c.percent_agreement, "cohen_kappa": c.cohen_kappa,
            "mean_pairwise_cohen_kappa": c.mean_pairwise_cohen_kappa, "fleiss_kappa": c.fleiss_kappa,
            "krippendorff_alpha": c.krippendorff_alpha,
            "krippendorff_alpha_ci95_low": None if ci is None else ci[0],
            "krippendorff_alpha_ci95_high": None if ci is None else ci[1],
            "gwet_ac1": c.gwet_ac1, "brennan_prediger": c.brennan_prediger, "alpha_u": c.alpha_u,
        }
        for p in c.pairs:
            row[f"cohen_kappa {p.coders[0]}~{p.coders[1]}"] = p.cohen_kappa
        rows.append(row)
    rows.append({
        "code": "(overall)", "unit": report.unit,
        "cohen_kappa": report.overall.cohen_kappa_pooled,
        "krippendorff_alpha": report.overall.krippendorff_alpha_pooled,
        "alpha_u": report.overall.alpha_u,
    })
    return rows


def document_rows(report: AgreementReport) -> list[dict[str, object]]:
    """One row per code and document: units, percent agreement, Cohen's kappa, Krippendorff's alpha."""
    return [
        {"code": str(c.code), "document": d.document, "units": d.units,
         "percent_agreement": d.percent_agreement, "cohen_kappa": d.cohen_kappa,
         "krippendorff_alpha": d.krippendorff_alpha}
        for c in report.codes for d in c.per_document
    ]


def write_report_xlsx(report: AgreementReport, path: str | os.PathLike[str]) -> SafetyReport:
    """An "Agreement" sheet (per code) and an "Agreement by document" sheet; returns what sanitising changed."""
    safety = SafetyReport()

    def write(tmp: str) -> None:
        wb = Workbook(write_only=True)
        taken: set[str] = set()
        write_agreement_sheet(wb, report_rows(report), safety, taken)
        rows = document_rows(report)
        keys = ["code", "document", "units", "percent_agreement", "cohen_kappa", "krippendorff_alpha"]
        sw = SheetWriter(wb, "Agreement by document", [Column(k, 30 if k == "code" else 16) for k in keys],
                         safety, taken)
        for row in rows:
            sw.append([row[k] for k in keys])
        sw.close()
        wb.save(tmp)

    atomic_output(path, write)
    return safety
