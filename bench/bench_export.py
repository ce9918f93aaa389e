"""Export speed and peak memory: .xlsx workbook, Segments CSV and REFI .qdpx on generated projects.

Codings come from a generator (as the Project streams them) over documents of
about 3,000 characters; 30 codes in a two-level tree; 3 coders. Time is
measured in a plain run; peak Python memory in a second run under tracemalloc
(which slows code down, so its time is not reported).
"""

from __future__ import annotations

import random
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path

from app.core.exchange.csvout import write_segments_csv
from app.core.exchange.model import ExportData
from app.core.exchange.refi_write import write_qdpx
from app.core.exchange.xlsx import write_workbook
from app.core.records import CodeInfo, CoderInfo, CodingInfo, DocumentInfo

WORDS = "the minister said that we will act now critics disagreed sharply über façade naïve 😀 policy".split()
SIZES = (10_000, 100_000)
PER_DOC = 20


def make_data(n_codings: int, seed: int = 1) -> ExportData:
    rnd = random.Random(seed)
    n_docs = max(1, n_codings // PER_DOC)
    texts: dict[int, str] = {}

    def text_of(doc_id: int) -> str:
        if doc_id not in texts:  # generated on demand, like a database read
            r = random.Random(doc_id)
            paras = [" ".join(r.choice(WORDS) for _ in range(90)) + "." for _ in range(5)]
            texts[doc_id] = "\n\n".join(paras)
            if len(texts) > 64:
                texts.pop(next(iter(texts)))
        return texts[doc_id]

    lengths = {i: len(text_of(i)) for i in range(1, n_docs + 1)}
    docs = [DocumentInfo(i, f"00000000-0000-4000-8000-{i:012d}", f"Article {i}", lengths[i], "h", outlet="Gazette",
                         source_url=f"https://example.org/{i}", published=date(2024, 1, 1 + i % 28),
                         attributes={"country": rnd.choice(["UK", "DE", "FR"])}) for i in range(1, n_docs + 1)]
    codes = []
    for p in range(6):
        pid = p * 5 + 1
        codes.append(CodeInfo(pid, f"10000000-0000-4000-8000-{pid:012d}", f"Theme {p}", f"Theme {p}", None, p, "#1f77b4"))
        for k in range(1, 5):
            cid = pid + k
            codes.append(CodeInfo(cid, f"10000000-0000-4000-8000-{cid:012d}", f"Sub {k}", f"Theme {p}/Sub {k}", pid,
                                  k, "#ff7f0e", depth=1))
    coders = [CoderInfo(i, f"20000000-0000-4000-8000-{i:012d}", f"Coder {i}", "#000000") for i in (1, 2, 3)]
    t0 = datetime(2024, 5, 1, tzinfo=timezone.utc)

    def codings() -> Iterator[CodingInfo]:
        r = random.Random(seed)
        for i in range(1, n_codings + 1):
            doc = (i - 1) // PER_DOC + 1
            start = r.randrange(0, lengths[doc] - 200)
            yield CodingInfo(i, f"30000000-0000-4000-8000-{i:012d}", doc, r.choice(codes).id, r.choice(coders).id,
                             start, start + r.randrange(20, 200), "", t0, t0)

    return ExportData(docs, text_of, codes, coders, codings())


WRITERS: dict[str, tuple[str, Callable[..., object]]] = {
    "xlsx": (".xlsx", write_workbook),
    "csv": (".csv", write_segments_csv),
    "qdpx": (".qdpx", write_qdpx),
}


def measure(kind: str, n: int, folder: Path) -> tuple[float, float, int]:
    suffix, writer = WRITERS[kind]
    out = folder / f"{kind}-{n}{suffix}"
    started = time.perf_counter()
    writer(make_data(n), out)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    writer(make_data(n), out)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20, out.stat().st_size


def run() -> str:
    lines = [
        "## Export (bench/bench_export.py)\n",
        "Generated projects: documents of ~3,000 characters with 20 codings each, 30 codes, 3 coders;",
        "codings streamed from a generator. Peak = tracemalloc peak of Python allocations in a second run.\n",
        "| Format | Codings | Time (s) | Codings/s | Peak memory (MiB) | File (MiB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            for kind in WRITERS:
                seconds, peak, size = measure(kind, n, Path(tmp))
                lines.append(f"| {kind} | {n:,} | {seconds:.1f} | {n / seconds:,.0f} | {peak:.1f} | {size / 2**20:.1f} |")
    from bench.__main__ import machine

    lines.append(f"\nMachine: {machine()}, shared with other jobs while measured.")
    lines.append("A peer's export of the same data could not be run here, so no comparison is given.")
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
