"""Concordance (KWIC) query time on 10,000 generated documents, with and without the full-text index."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from app.core.importers import ImportedDocument
from app.core.nlp.kwic import kwic
from bench.generate import generate, make_text

DOCUMENTS = 10_000
RARE_DOCS = 10


def _median(fn, repeat: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _scan_all(project, term: str):
    """The baseline without the index: read every text and search it with the core."""
    from sqlalchemy import select

    from app.storage import models as m

    with project.db.reader() as s:
        pairs = s.execute(select(m.Document.id, m.Document.text)).all()
    return kwic(pairs, term)


def run() -> str:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kwic.qcp"
        started = time.perf_counter()
        project = generate(path, DOCUMENTS, 0)
        for i in range(RARE_DOCS):
            text = make_text(rng, 400) + "\n\nPresident Kassym-Jomart Tokayev visited the agricultural fair."
            project.documents.add(ImportedDocument(text=text, title=f"Rare {i}", importer="bench",
                                                   source_name=f"rare{i}.txt", file_hash="0" * 64, language="en"))
        built = time.perf_counter() - started
        chars = sum(d.length for d in project.documents.list())
        lines = [
            "## Concordance (KWIC)\n",
            f"{DOCUMENTS + RARE_DOCS:,} generated documents ({chars / 1e6:.1f} M characters) in a SQLite project "
            f"(generated and indexed in {built:.1f} s). Median of 3 runs. *Indexed* is `project.nlp.kwic` "
            "(FTS5 picks candidate documents, the core cuts exact contexts); *scan* reads every text and "
            "runs the core alone.\n",
            "| term | hits | documents | indexed (s) | scan (s) | scan / indexed |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for term in ("agricultural fair", "Tokayev", "social justice", "reform"):
            indexed, rows = _median(lambda: project.nlp.kwic(term))
            scan, scanned = _median(lambda: _scan_all(project, term))
            assert [(r.doc_id, r.start) for r in rows] == sorted((r.doc_id, r.start) for r in scanned)
            docs = len({r.doc_id for r in rows})
            lines.append(f"| {term} | {len(rows):,} | {docs:,} | {indexed:.3f} | {scan:.3f} | {scan / indexed:.1f}× |")
        project.close()
    lines.append(
        "\nA rare term costs an index lookup plus reading a few texts. A term in nearly every document "
        "(the generated vocabulary is tiny, so \"reform\" is everywhere) gains nothing from the index and "
        "measured slower than the plain scan here: the index returns every id, texts are then read in "
        "chunks of 500 and the rows sorted, and cutting hundreds of thousands of contexts in the core "
        "dominates both columns (machine shared with other jobs, so treat the ratio as rough)."
    )
    return "\n".join(lines)
