"""Exports against their floors in the same run (issue 13): .xlsx and .csv of the same Segments rows.

Data: bench_export's generated project (documents of ~3,000 characters, 20 codings each, 30 codes,
3 coders), 20,000 codings. Each job runs in this process one after the other; CPU and wall seconds.

* xlsx, ours: ``write_workbook`` - the 17-column Segments sheet (rows built from the codings,
  quotes and context sentences, safety rules, styles) plus the summary sheets.
* xlsx floor: openpyxl's write-only workbook given the same Segments rows as plain values,
  built beforehand (no styles, no checks, no other sheets).
* csv, ours: ``write_segments_csv``.
* csv floor: reading the same rows (``SegmentTable.row`` over the codings) and the ``csv`` module.
* Peer: Taguette 1.5.2 (see bench/peer_taguette.py), its own venv, the same 20,000 highlights.
"""

from __future__ import annotations

import csv
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from openpyxl import Workbook

from bench.bench_export import make_data
from app.core.exchange.csvout import write_segments_csv
from app.core.exchange.segments import SegmentTable
from app.core.exchange.xlsx import write_workbook

CODINGS = 20_000
PREVIOUS = {"xlsx": "1.8× (15.6 s against 8.7 s)", "csv": "2.3× (5.6 s against 0.8 s + 1.6 s)"}
TARGETS = {"xlsx": 1.25, "csv": 2.0}


_TEXTS: dict[int, str] = {}


def data(n: int):
    """bench_export's data with every document text made beforehand (generating the random
    words is the bench's cost, not the export's), so ours and the floors read the same texts."""
    d = make_data(n)
    for doc in d.documents:
        if doc.id not in _TEXTS:
            _TEXTS[doc.id] = d.text_of(doc.id)
    return replace(d, text_of=_TEXTS.__getitem__)


def _timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _rows(n: int) -> tuple[list[str], list[list[object]]]:
    d = data(n)
    table = SegmentTable(d)
    # Plain values openpyxl accepts: Excel has no time zones, so datetimes become naive UTC.
    naive = lambda v: v.astimezone(timezone.utc).replace(tzinfo=None) if isinstance(v, datetime) and v.tzinfo else v
    return table.headers(), [[naive(v) for v in table.row(c)] for c in d.codings]


def xlsx_floor(path: Path, headers: list[str], rows: list[list[object]]) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Segments")
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)


def csv_floor(path: Path, n: int) -> None:
    d = data(n)
    table = SegmentTable(d)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(table.headers())
        for coding in d.codings:
            writer.writerow(table.row(coding))


def measure(n: int = CODINGS) -> dict[str, dict[str, tuple[float, float]]]:
    out: dict[str, dict[str, tuple[float, float]]] = {"xlsx": {}, "csv": {}}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_workbook(data(200), tmp / "warm.xlsx")  # imports and first-use caches
        headers, rows = _rows(n)
        out["xlsx"]["floor"] = _timed(lambda: xlsx_floor(tmp / "floor.xlsx", headers, rows))
        del rows
        out["xlsx"]["ours"] = _timed(lambda: write_workbook(data(n), tmp / "ours.xlsx"))
        out["csv"]["floor"] = _timed(lambda: csv_floor(tmp / "floor.csv", n))
        out["csv"]["ours"] = _timed(lambda: write_segments_csv(data(n), tmp / "ours.csv"))
    return out


def run() -> str:
    from bench.peer_taguette import peer_times

    results = measure()
    peer, peer_note = peer_times(CODINGS)
    lines = [
        "## Exports against their floors (bench/bench_export_floor.py)",
        "",
        f"{CODINGS:,} codings of bench_export's generated project, measured one after the other in one run.",
        "xlsx floor: openpyxl write-only, the same Segments rows as plain values, built beforehand.",
        "csv floor: reading the same rows plus the `csv` module. Ratios in CPU seconds (wall beside).",
        "",
        "| format | ours CPU s | ours wall s | floor CPU s | floor wall s | ratio CPU | ratio wall | target | before | Taguette 1.5.2 CPU s | ours / Taguette |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for fmt, r in results.items():
        (ow, oc), (fw, fc) = r["ours"], r["floor"]
        theirs = peer.get(fmt)
        peer_cells = f"{theirs:.2f} | {oc / theirs:.2f}" if theirs else "— | —"
        lines.append(
            f"| {fmt} | {oc:.2f} | {ow:.2f} | {fc:.2f} | {fw:.2f} | **{oc / fc:.2f}×** | {ow / fw:.2f}× "
            f"| ≤ {TARGETS[fmt]}× | {PREVIOUS[fmt]} | {peer_cells} |"
        )
    lines += ["", peer_note]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
