"""Printing results as text tables, JSON or CSV."""

from __future__ import annotations

import json
import sys
from typing import Any, Iterable, Sequence


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_csv(rows: Iterable[dict], columns: Sequence[str]) -> None:
    """CSV on stdout through the app's one safe CSV writer (the rules of ``export out.csv``).

    Quotes come from the web: text starting with = + - @ gets a leading apostrophe,
    characters XML forbids are removed, and what changed is said on stderr.
    """
    from app.core.exchange.csvout import SafeCsvWriter  # lazy: it brings openpyxl

    writer = SafeCsvWriter(sys.stdout, lineterminator="\n")
    writer.writerow(columns, "header")
    for n, row in enumerate(rows, start=2):
        writer.writerow([row.get(k) for k in columns], f"row {n}")
    for line in writer.report.lines():
        print(f"note: {line}", file=sys.stderr)


def print_table(rows: Sequence[Sequence[object]], headers: Sequence[str]) -> None:
    """A plain aligned table; long cells are cut so each row fits one line."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = min(max(widths[i], len(value)), 60)
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    print(line.rstrip())
    for row in cells:
        print("  ".join(_fit(v, w).ljust(w) for v, w in zip(row, widths)).rstrip())


def _cell(value: object) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _fit(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"
