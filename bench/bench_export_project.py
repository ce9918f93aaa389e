"""Export from a stored SQLite project through ``project.exchange.export``: .xlsx, .csv and .qdpx.

Projects from ``bench/generate.py``: 20 codings per document of ~500 words
(~3,800 characters), 20 codes in a two-level tree, 3 coders. Unlike
``bench_export`` (the pure writers on generated records), this includes reading
codings in batches by document and texts one at a time from the database. Time
is a plain run; peak Python memory a second run under tracemalloc (slower, so
its time is not reported).
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.generate import generate

SIZES = (10_000, 100_000)
FORMATS = (".xlsx", ".csv", ".qdpx")
PER_DOC = 20


def measure(project, suffix: str, folder: Path) -> tuple[float, float, int]:
    out = folder / f"out{suffix}"
    started = time.perf_counter()
    project.exchange.export(out)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    project.exchange.export(out)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20, out.stat().st_size


def run() -> str:
    from bench.__main__ import machine

    lines = [
        "## Export from a stored project (bench/bench_export_project.py)\n",
        "SQLite projects from `bench/generate.py`: 20 codings per document of ~500 words, 20 codes, 3 coders;",
        "`project.exchange.export(path)` with every coding. Peak = tracemalloc peak of Python allocations in a",
        "second run.\n",
        "| Format | Codings | Documents | Time (s) | Codings/s | Peak memory (MiB) | File (MiB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for n in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            project = generate(folder / "bench.qcp", documents=n // PER_DOC, codings=n)
            try:
                for suffix in FORMATS:
                    seconds, peak, size = measure(project, suffix, folder)
                    lines.append(f"| {suffix[1:]} | {n:,} | {n // PER_DOC:,} | {seconds:.1f} | {n / seconds:,.0f} | "
                                 f"{peak:.1f} | {size / 2**20:.1f} |")
                    print(lines[-1], flush=True)
            finally:
                project.close()
    lines.append(f"\nMachine: {machine()}, shared with other jobs while measured.")
    return "\n".join(lines)
