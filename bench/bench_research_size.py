"""A project of research size (issue 13): 20,000 documents and 400,000 codings.

Measured, in one fresh process each where Qt is involved:

* opening it in the main window (offscreen, painted) - target under 2 s;
* listing one code's segments with their quoted text (``codings.segments``) - under 0.5 s;
* exporting the Segments workbook: the longest gap between two progress reports (the
  progress bar) - at most 1 s. The export is cancelled after ``EXPORT_SECONDS`` (through the
  same ``cancelled`` hook as the dialog's button), which also shows that a cancel leaves no file.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import generate

DOCUMENTS, CODINGS = 20_000, 400_000
EXPORT_SECONDS = 20.0

_WINDOW = """
import json, sys
from PySide6.QtWidgets import QApplication
from bench.bench_gui import _window, _dispose
app = QApplication.instance() or QApplication([])
window, opened = _window(sys.argv[1])
_dispose(window)
print(json.dumps({"open": opened}))
"""


def _open_in_window(path: Path) -> float:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", _WINDOW, str(path)], capture_output=True, text=True, cwd=root,
                          check=True, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    return json.loads(done.stdout.strip().splitlines()[-1])["open"]


def _export_gaps(project, out: Path) -> tuple[float, int, bool]:
    from app.core.exchange.xlsx import ExportCancelled

    stamps: list[float] = []
    done = [0]
    started = time.perf_counter()

    def progress(n: int, total: int) -> None:
        stamps.append(time.perf_counter())
        done[0] = n

    try:
        project.exchange.export(out, progress=progress,
                                cancelled=lambda: time.perf_counter() - started > EXPORT_SECONDS)
    except ExportCancelled:
        pass
    points = [started] + stamps
    gaps = [b - a for a, b in zip(points, points[1:])]
    return (max(gaps) if gaps else float("inf")), done[0], out.exists()


def run() -> str:
    from app.project import Project

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "research.qcp"
        started = time.perf_counter()
        generate(path, DOCUMENTS, CODINGS).close()
        generated = time.perf_counter() - started
        opened = _open_in_window(path)
        with Project.open(path) as project:
            code = project.codebook.by_path("Theme 1/Code 1").id
            times, count = [], 0
            for _ in range(3):
                t0 = time.perf_counter()
                count = len(project.codings.segments(code_ids=[code]))
                times.append(time.perf_counter() - t0)
            gap, written, left = _export_gaps(project, Path(tmp) / "research.xlsx")
    listed = statistics.median(times)
    ok = lambda good: "yes" if good else "**no**"
    return "\n".join([
        "## A project of research size (bench/bench_research_size.py)",
        "",
        f"{DOCUMENTS:,} documents of ~3,000 characters and {CODINGS:,} codings (bench/generate.py; "
        f"generated in {generated:.0f} s), SQLite. Wall-clock on a shared machine.",
        "",
        "| job | measured | target | holds |",
        "|---|---:|---:|---|",
        f"| open in the main window (offscreen, painted) | {opened:.2f} s | < 2 s | {ok(opened < 2)} |",
        f"| list one code's segments with quoted text ({count:,}, median of 3) | {listed:.2f} s | < 0.5 s "
        f"| {ok(listed < 0.5)} |",
        f"| export .xlsx: longest gap between progress reports (first {EXPORT_SECONDS:.0f} s, {written:,} codings) "
        f"| {gap:.2f} s | ≤ 1 s | {ok(gap <= 1)} |",
        "",
        f"The export was then cancelled; a partial file was {'left behind (bug)' if left else 'not left behind'}.",
    ])


if __name__ == "__main__":
    print(run())
