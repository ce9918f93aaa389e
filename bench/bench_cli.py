"""Command-line start-up against a bare interpreter, in the same run (issue 13).

``quotecoder --version`` and ``quotecoder --help`` (the installed console script, else
``python -m app``) against ``python -c pass``: median of 7 runs each, wall seconds and the
children's CPU seconds. Target: at most 8x the bare interpreter.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 7
TARGET = 8.0


def _command() -> list[str]:
    script = Path(sys.executable).parent / "quotecoder"
    if script.exists():
        return [str(script)]
    found = shutil.which("quotecoder")
    return [found] if found else [sys.executable, "-m", "app"]


def _run(argv: list[str]) -> tuple[float, float]:
    """Median wall and CPU seconds of RUNS runs of ``argv``."""
    walls, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return statistics.median(walls), statistics.median(cpus)


def run() -> str:
    bare = _run([sys.executable, "-c", "pass"])
    cmd = _command()
    rows = [("`python -c pass`", bare)]
    for flag in ("--version", "--help"):
        rows.append((f"`quotecoder {flag}`", _run(cmd + [flag])))
    lines = [
        "## Command-line start-up (bench/bench_cli.py)",
        "",
        f"Median of {RUNS} runs each, one after the other in this run; CPU is the child's user + system time.",
        f"Target: at most {TARGET:.0f}× a bare interpreter. Before (issue 13): `build_parser` imported every",
        "subcommand with SQLAlchemy, Alembic, openpyxl and spaCy: 5.1 s of imports under the profiler.",
        "",
        "| command | wall s | CPU s | × bare (wall) | × bare (CPU) |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, (wall, cpu) in rows:
        lines.append(f"| {label} | {wall:.3f} | {cpu:.3f} | {wall / bare[0]:.1f}× | {cpu / bare[1]:.1f}× |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
