"""Durability: what synchronous=FULL (an acknowledged edit survives power loss) costs per edit (issue 11)."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

import app.storage.database as database
from app.project import Project
from bench.generate import generate

ROUNDS, EDITS = 6, 100  # interleaved rounds, edits per round and mode


def _filesystem(path: Path) -> str:
    best, kind = "", "?"
    try:
        for line in Path("/proc/mounts").read_text().splitlines():
            _dev, where, fs, *_ = line.split()
            if str(path).startswith(where) and len(where) > len(best):
                best, kind = where, fs
    except OSError:
        pass
    return kind


def _batch(path: Path, mode: str, offset: int) -> tuple[list[float], list[float]]:
    database.SYNCHRONOUS = mode
    project = Project.open(path)
    try:
        code = project.codebook.by_path("Theme 1/Code 1").id
        coder = project.coders.by_name("Coder 1").id
        walls, cpus = [], []
        for i in range(EDITS):
            n = offset + i
            w, c = time.perf_counter(), time.process_time()
            project.codings.add(1 + n % 900, code, coder, 5, 50 + n % 2000)
            walls.append(time.perf_counter() - w)
            cpus.append(time.process_time() - c)
        return walls, cpus
    finally:
        project.close()


def measure() -> dict:
    saved = database.SYNCHRONOUS
    results = {m: ([], []) for m in ("NORMAL", "FULL")}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        path = Path(tmp) / "bench.qcp"
        generate(path, 1_000, 20_000).close()
        try:
            for r in range(ROUNDS):  # side by side: NORMAL and FULL alternate on the same file
                for mode in (("NORMAL", "FULL") if r % 2 == 0 else ("FULL", "NORMAL")):
                    offset = (r * 2 + (mode == "FULL")) * EDITS
                    walls, cpus = _batch(path, mode, offset)
                    results[mode][0].extend(walls)
                    results[mode][1].extend(cpus)
        finally:
            database.SYNCHRONOUS = saved
        fs = _filesystem(Path(tmp).resolve())
    return {"fs": fs, **{m: {"median": statistics.median(w) * 1000, "p95": sorted(w)[int(0.95 * len(w))] * 1000,
                            "cpu": statistics.median(c) * 1000} for m, (w, c) in results.items()}}


def run() -> str:
    r = measure()
    n, f = r["NORMAL"], r["FULL"]
    rows = [f"| {mode} | {v['median']:.2f} ms | {v['p95']:.2f} ms | {v['cpu']:.2f} ms |"
            for mode, v in (("NORMAL (before)", n), ("FULL (now)", f))]
    return "\n".join([
        "## Durability: synchronous=FULL per edit (SQLite)",
        "",
        f"Adding one coding to a generated project (1,000 documents, 20,000 codings), {ROUNDS} interleaved rounds "
        f"of {EDITS} edits per mode on the same file, on a `{r['fs']}` file system (set `BENCH_DIR` to measure "
        "another disk). FULL syncs the WAL at every commit, so an acknowledged edit survives a power loss, not "
        "only a crash.",
        "",
        "| synchronous | wall, median | wall, p95 | CPU, median |",
        "|---|---:|---:|---:|",
        *rows,
        "",
        f"FULL / NORMAL: {f['median'] / n['median']:.2f}× wall (median), {f['cpu'] / max(n['cpu'], 1e-9):.2f}× CPU: "
        f"{f['median'] - n['median']:+.2f} ms per edit, {f['cpu'] - n['cpu']:+.2f} ms of it CPU (the fsync system call, "
        "counted as system time); the rest is waiting for the disk, so the cost follows the disk more than the CPU.",
    ])
