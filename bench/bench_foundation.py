"""Foundation: opening a project, adding a coding, listing a code's segments (issue 2)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from app.project import Project
from bench.generate import generate

SIZES = [(1_000, 20_000), (10_000, 200_000)]


def _time(fn, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def measure(documents: int, codings: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.qcp"
        started = time.perf_counter()
        generate(path, documents, codings).close()
        generated = time.perf_counter() - started

        open_times = _time(lambda: Project.open(path).close(), repeat=5)
        project = Project.open(path)
        code = project.codebook.by_path("Theme 1/Code 1").id
        coder = project.coders.by_name("Coder 1").id
        add_times = []
        for i in range(200):
            started = time.perf_counter()
            project.codings.add(1 + i % documents, code, coder, 3, 40 + i)
            add_times.append(time.perf_counter() - started)
        segments: list = []
        list_times = _time(lambda: segments.extend(project.codings.segments(code_ids=[code])), repeat=3)
        project.close()
    return {
        "generate": generated,
        "open": statistics.median(open_times),
        "add_median_ms": statistics.median(add_times) * 1000,
        "add_p95_ms": sorted(add_times)[int(0.95 * len(add_times))] * 1000,
        "segments": statistics.median(list_times),
        "segments_n": len(segments) // 3,
    }


def run() -> str:
    lines = [
        "## Foundation: project, codings, segments (SQLite)",
        "",
        "Generated projects (`bench/generate.py`: ~3,000-character articles, 3 coders, 20 codes).",
        "",
        "| documents | codings | open project (median of 5) | add one coding (median / p95 of 200) "
        "| list one code's segments with quoted text |",
        "|---:|---:|---:|---:|---:|",
    ]
    for documents, codings in SIZES:
        r = measure(documents, codings)
        lines.append(
            f"| {documents:,} | {codings:,} | {r['open'] * 1000:.0f} ms | {r['add_median_ms']:.1f} ms / "
            f"{r['add_p95_ms']:.1f} ms | {r['segments'] * 1000:.0f} ms ({r['segments_n']:,} segments) |"
        )
    lines += ["", "Targets (issue 2): add in a few ms, segments well under 1 s, open under 0.5 s."]
    return "\n".join(lines)
