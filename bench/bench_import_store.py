"""Import end to end into a project, against the plain read-and-insert floor on the same files (issue 13).

Ours: ``Project.documents.import_paths`` on a folder of generated plain-text
articles (bench_import's corpus: ~3,000 characters, several languages, a third
with web boilerplate): decoding, web-text analysis, language, near-duplicates,
the up-front duplicate lookup, batched storage and SQLite's full-text index.
Floor, in the same run on the same files: read each file and ``executemany``
(title, text) into a fresh SQLite table with the ``sqlite3`` module. CPU seconds
are the figure to compare (the machine is shared); wall seconds beside them.

Peak memory: each size is imported again in a fresh interpreter, whose peak
resident set (``ru_maxrss``) is reported; it should stay flat from 500 to
5,000 files (the near-duplicate index keeps one 128-number signature per document).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_import import make_text_corpus

FILES = 2_000
MEMORY_SIZES = (500, 5_000)
TARGET = 15.0
PREVIOUS = "92× (36.7 s CPU against 0.40 s, issue 13)"


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def floor(folder: Path, database: Path) -> tuple[float, float]:
    wall, cpu = _clock()
    rows = []
    for path in sorted(folder.iterdir()):
        text = path.read_text(encoding="utf-8")
        rows.append((text.split("\n", 1)[0][:200], text))
    conn = sqlite3.connect(database)
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL)")
    with conn:
        conn.executemany("INSERT INTO documents (title, text) VALUES (?, ?)", rows)
    conn.close()
    return time.perf_counter() - wall, time.process_time() - cpu


def ours(folder: Path, database: Path) -> tuple[float, float, int]:
    from app.project import Project

    project = Project.create(database)
    try:
        wall, cpu = _clock()
        outcomes = project.documents.import_paths([str(folder)])
        elapsed = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        project.close()
    return *elapsed, sum(o.status == "imported" for o in outcomes)


def warm_up(tmp: Path) -> None:
    """Load the language model, trafilatura and datasketch once, outside the measurement."""
    folder = tmp / "warm"
    folder.mkdir()
    make_text_corpus(folder, 3, seed=9)
    ours(folder, tmp / "warm.qcp")


_CHILD = """
import json, resource, sys
from pathlib import Path
from bench.bench_import_store import make_text_corpus, ours, warm_up
tmp = Path(sys.argv[1]); folder = tmp / "c"; folder.mkdir()
make_text_corpus(folder, int(sys.argv[2]))
warm_up(tmp)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
wall, cpu, docs = ours(folder, tmp / "p.qcp")
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"before": before / 1024, "peak": after / 1024, "docs": docs, "cpu": cpu}))
"""


def peak_memory(files: int) -> dict:
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([sys.executable, "-c", _CHILD, tmp, str(files)], capture_output=True, text=True,
                              cwd=root, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = tmp / "corpus"
        folder.mkdir()
        make_text_corpus(folder, FILES)
        warm_up(tmp)
        floor_wall, floor_cpu = floor(folder, tmp / "floor.sqlite")
        our_wall, our_cpu, docs = ours(folder, tmp / "ours.qcp")
    ratio = our_cpu / floor_cpu
    lines = [
        "## Import into a project, against the read-and-insert floor (bench/bench_import_store.py)",
        "",
        f"{FILES:,} generated plain-text articles (~3,000 characters; bench_import's corpus), imported with",
        "`documents.import_paths` into a new SQLite project: decoding, web-text analysis, language, near-duplicates,",
        "duplicate lookup, batched storage, full-text index. Floor in the same run: read the same files and",
        "`executemany` (title, text) into a fresh SQLite table. Target: at most "
        f"{TARGET:.0f}× the floor in CPU seconds.",
        "",
        "| job | documents | CPU s | wall s | docs per CPU s |",
        "|---|---:|---:|---:|---:|",
        f"| Quotecoder import | {docs:,} | {our_cpu:.2f} | {our_wall:.2f} | {docs / our_cpu:,.0f} |",
        f"| floor: read + `executemany` | {FILES:,} | {floor_cpu:.2f} | {floor_wall:.2f} | {FILES / floor_cpu:,.0f} |",
        "",
        f"Ratio (CPU): **{ratio:.1f}×** the floor (wall {our_wall / floor_wall:.1f}×); previously {PREVIOUS}.",
        "",
        "Peak resident memory of a fresh interpreter importing N files (models loaded before; one run each):",
        "",
        "| files | before import (MiB) | peak (MiB) | growth (MiB) | CPU s |",
        "|---:|---:|---:|---:|---:|",
    ]
    for files in MEMORY_SIZES:
        r = peak_memory(files)
        lines.append(f"| {files:,} | {r['before']:.0f} | {r['peak']:.0f} | {r['peak'] - r['before']:.0f} | {r['cpu']:.1f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
