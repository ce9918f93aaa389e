"""Many processes coding the same span as the same coder at once store exactly one coding."""

from __future__ import annotations

import multiprocessing

from app.core.importers import ImportedDocument
from app.project import Project
from app.project.errors import ValidationError


def _code_once(target: str, barrier, results) -> None:
    with Project.open(target) as project:
        coder = project.coders.by_name("Alice")
        code = project.codebook.by_path("Theme")
        document = project.documents.list()[0]
        barrier.wait()  # every process writes at the same moment
        for _ in range(20):
            try:
                project.codings.add(document.id, code.id, coder.id, 0, 5)
                results.put("stored")
            except ValidationError as exc:
                results.put(str(exc))


def test_concurrent_writers_store_one_coding(project):
    target = str(project.db.target)
    processes = 3 if project.db.is_sqlite else 4  # the counts the issue measured 277 and 561 duplicates with
    project.documents.add(ImportedDocument(text="Hello world", title="Doc", importer="test", source_name="d.txt",
                                           file_hash="0" * 64))
    project.codebook.add("Theme")
    project.coders.add("Alice")
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(processes), ctx.Queue()
    workers = [ctx.Process(target=_code_once, args=(target, barrier, results)) for _ in range(processes)]
    for w in workers:
        w.start()
    outcomes = [results.get(timeout=120) for _ in range(processes * 20)]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    assert outcomes.count("stored") == 1
    refused = [o for o in outcomes if o != "stored"]
    assert all(o.startswith("this coder already coded 0-5 with 'Theme' (coding ") for o in refused), refused[:3]
    assert project.codings.count() == 1
