"""Team coding under load on PostgreSQL: 8 coder processes × 500 codings at once, each also watching.

Every coder process opens the project through the Project API, starts a
listener thread (app/storage/live.py, as `quotecoder watch` and the GUI do),
waits at a barrier, then adds its 500 codings one edit (one transaction) at a
time, as a coder pressing a code's key would. The bench checks that nothing was
lost, that nothing is duplicated, and that every watcher heard every other
coder's inserts; the notification latency is the time from an insert's commit
returning in its writer to the notification arriving in another process
(``time.monotonic`` is one clock for all processes on Linux).

Side by side in the same run: the same load on a second database whose notify
triggers were dropped and with nobody listening, so the ratio is the cost of
live updates. Each run uses a temporary database (created and dropped).
PostgreSQL comes from QUOTECODER_BENCH_PG_URL or QUOTECODER_TEST_PG_URL.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import threading
import time
import uuid

CODERS = 8
PER_CODER = 500
SPAN = 5


def _server_url() -> str | None:
    return os.environ.get("QUOTECODER_BENCH_PG_URL") or os.environ.get("QUOTECODER_TEST_PG_URL")


def _admin(url: str):
    from sqlalchemy import create_engine

    from app.storage.database import make_url

    return create_engine(make_url(url), isolation_level="AUTOCOMMIT")


def _create_database(server: str) -> str:
    from sqlalchemy import text

    name = f"qc_bench_{uuid.uuid4().hex[:10]}"
    engine = _admin(server)
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return f"{server.rsplit('/', 1)[0]}/{name}"


def _drop_database(server: str, url: str) -> None:
    from sqlalchemy import text

    name = url.rsplit("/", 1)[1]
    engine = _admin(server)
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n "
                          "AND pid <> pg_backend_pid()"), {"n": name})
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    engine.dispose()


def _setup(url: str, triggers: bool) -> tuple[int, list[int], list[tuple[str, int]]]:
    from sqlalchemy import text

    from app.core.importers import ImportedDocument
    from app.project import Project

    body = " ".join(f"word{i:04d}" for i in range(PER_CODER * SPAN // 8 + 10))
    with Project.create(url) as project:
        doc = project.documents.add(ImportedDocument(text=body, title="Sample", importer="bench",
                                                     source_name="sample.txt", file_hash="b" * 64)).id
        codes = [project.codebook.add(f"Theme {i}").id for i in range(10)]
        coders = [(f"Coder {i + 1}", project.coders.add(f"Coder {i + 1}").id) for i in range(CODERS)]
        if not triggers:
            with project.db.engine.begin() as conn:
                for table in ("codings", "codes", "document_status", "memos", "documents", "coders"):
                    conn.execute(text(f"DROP TRIGGER quotecoder_notify_{table} ON {table}"))
    return doc, codes, coders


def _coder(url, name, coder_id, doc, codes, listen, expect, barrier, results) -> None:
    """One coder process: listen on a thread, then add PER_CODER codings one edit at a time."""
    from app.project import Project
    from app.storage.live import PgListener

    project = Project.open(url)
    heard: dict[int, float] = {}
    done = threading.Event()
    thread = None
    if listen:
        listener = PgListener(url)
        listener.connect()

        def watch() -> None:
            while len(heard) < expect and not done.is_set():
                batch = listener.poll(timeout=0.2)
                now = time.monotonic()
                for c in batch.changes:
                    if c.table == "codings" and c.op == "insert" and c.coder != name and c.id is not None:
                        heard.setdefault(c.id, now)
            listener.close()

        thread = threading.Thread(target=watch, daemon=True)
        thread.start()
    barrier.wait()
    cpu0, wall0 = time.process_time(), time.monotonic()
    committed: dict[int, tuple[float, float]] = {}  # coding id -> (add called, add returned)
    for i in range(PER_CODER):
        start = i * SPAN
        called = time.monotonic()
        coding = project.codings.add(doc, codes[i % len(codes)], coder_id, start, start + SPAN - 1).id
        committed[coding] = (called, time.monotonic())
    wall = time.monotonic() - wall0
    if thread is not None:
        thread.join(timeout=60)
        done.set()
    cpu = time.process_time() - cpu0
    project.close()
    results.put({"name": name, "committed": committed, "heard": heard, "wall": wall, "cpu": cpu})


def _load(url: str, listen: bool, triggers: bool) -> dict:
    doc, codes, coders = _setup(url, triggers)
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(CODERS + 1)
    results = ctx.Queue()
    expect = (CODERS - 1) * PER_CODER
    procs = [ctx.Process(target=_coder, args=(url, name, cid, doc, codes, listen, expect, barrier, results))
             for name, cid in coders]
    for p in procs:
        p.start()
    barrier.wait()
    started = time.monotonic()
    out = [results.get(timeout=600) for _ in procs]
    writes_done = max(r["wall"] for r in out)
    for p in procs:
        p.join(timeout=60)
    elapsed = time.monotonic() - started
    return {"results": out, "wall": writes_done, "elapsed": elapsed, "url": url, "doc": doc}


def _check(run: dict) -> dict:
    from sqlalchemy import create_engine, text

    from app.storage.database import make_url

    engine = create_engine(make_url(run["url"]))
    with engine.connect() as conn:
        stored = conn.scalar(text("SELECT count(*) FROM codings"))
        distinct = conn.scalar(text('SELECT count(*) FROM (SELECT DISTINCT document_id, code_id, coder_id, start, '
                                    '"end" FROM codings) d'))
        uuids = conn.scalar(text("SELECT count(DISTINCT uuid) FROM codings"))
    engine.dispose()
    committed = {cid: t for r in run["results"] for cid, t in r["committed"].items()}
    by_coder = {r["name"]: set(r["committed"]) for r in run["results"]}
    complete, latencies, from_call = 0, [], []
    for r in run["results"]:
        others = set().union(*(ids for name, ids in by_coder.items() if name != r["name"]))
        if others <= set(r["heard"]):
            complete += 1
        for cid in others & set(r["heard"]):
            latencies.append(r["heard"][cid] - committed[cid][1])
            from_call.append(r["heard"][cid] - committed[cid][0])
    return {"stored": stored, "distinct": distinct, "uuids": uuids, "committed": len(committed),
            "complete_watchers": complete, "latencies": latencies, "from_call": from_call,
            "cpu": sum(r["cpu"] for r in run["results"])}


def _ms(values: list[float], q: float) -> str:
    if not values:
        return "–"
    ordered = sorted(values)
    return f"{1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]:.1f}"


def run() -> str:
    from bench.__main__ import machine

    server = _server_url()
    title = "## Team coding on PostgreSQL: 8 coders at once, live (bench/bench_team.py)\n"
    if not server:
        return title + "Skipped: set QUOTECODER_BENCH_PG_URL (or QUOTECODER_TEST_PG_URL) to a PostgreSQL server."
    rows = []
    checks = {}
    for label, listen, triggers in (("live: notify triggers + 8 watchers", True, True),
                                    ("baseline: no triggers, nobody listening", False, False)):
        url = _create_database(server)
        try:
            result = _load(url, listen, triggers)
            check = _check(result)
        finally:
            _drop_database(server, url)
        checks[label] = (result, check)
        rows.append((label, result, check))
        print(f"{label}: {check['stored']} stored, {result['wall']:.1f} s", flush=True)
    (live_label, (live, live_check)), (_base_label, (base, base_check)) = checks.items()
    n = CODERS * PER_CODER
    lat, call = live_check["latencies"], live_check["from_call"]
    lines = [
        title,
        f"{CODERS} coder processes each add {PER_CODER:,} codings to one document through `project.codings.add`",
        "(one transaction per coding, with its audit entry), all starting at one barrier; in the live run each",
        "process also listens on its own connection (a thread running `PgListener.poll`). Latency is bracketed:",
        "from `add()` returning in the writer (after its commit; negative when the writer is descheduled",
        "between commit and return while the watcher runs) and from `add()` being called (the whole edit plus",
        "delivery) to another process receiving the notification.\n",
        "| run | codings stored / expected | distinct spans | watchers that heard every other coder | "
        "write wall (s) | codings/s | CPU s (all coders) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, result, check in rows:
        watchers = f"{check['complete_watchers']} / {CODERS}" if label == live_label else "–"
        lines.append(f"| {label} | {check['stored']:,} / {n:,} | {check['distinct']:,} | {watchers} | "
                     f"{result['wall']:.1f} | {n / result['wall']:,.0f} | {check['cpu']:.1f} |")
    lines += [
        "",
        f"Notification latency over {len(lat):,} deliveries ({CODERS} watchers × {(CODERS - 1) * PER_CODER:,} "
        f"inserts by others), from the edit returning: p50 **{_ms(lat, 0.50)} ms**, p95 **{_ms(lat, 0.95)} ms**, "
        f"max {_ms(lat, 1.0)} ms; from the edit being called: p50 {_ms(call, 0.50)} ms, "
        f"p95 {_ms(call, 0.95)} ms.",
        f"Live updates cost: write throughput live / baseline = **{base['wall'] / live['wall']:.2f}** "
        f"(CPU ratio {live_check['cpu'] / max(base_check['cpu'], 1e-9):.2f}, watchers' threads included).",
        f"Nothing lost: {'yes' if live_check['stored'] == n and base_check['stored'] == n else 'NO'}; "
        f"no duplicates: {'yes' if live_check['distinct'] == live_check['stored'] == live_check['uuids'] else 'NO'}.",
        f"\nMachine: {machine()}, PostgreSQL on the same machine, shared with other jobs while measured.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
