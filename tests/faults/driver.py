"""A child process for the kill -9 and concurrency tests: it works on a project and acknowledges
each finished unit of work on stdout, exactly when the Project call that made it has returned.

    python tests/faults/driver.py import PROJECT FOLDER
    python tests/faults/driver.py code PROJECT CODER COUNT
"""

from __future__ import annotations

import sys

from app.project import Project


def ack(*fields: object) -> None:
    sys.stdout.write("ack " + " ".join(str(f) for f in fields) + "\n")
    sys.stdout.flush()


def run_import(target: str, folder: str) -> None:
    def stored(outcomes) -> None:  # called once the batch is committed
        for outcome in outcomes:
            ack(outcome.path)

    with Project.open(target) as project:
        project.documents.import_paths([folder], stored=stored)


def run_coding(target: str, coder: str, count: int) -> None:
    with Project.open(target) as project:
        coder_id = project.coders.by_name(coder).id
        code_id = project.codebook.by_path("Theme").id
        docs = [d.id for d in project.documents.list()]
        for i in range(count):
            doc = docs[i % len(docs)]
            start = (i // len(docs)) % 500  # unique (document, start) for the first 2,500
            coding = project.codings.add(doc, code_id, coder_id, start, start + 5, memo=f"{coder} {i}").id
            ack(coding, doc, start, start + 5)


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    if mode == "import":
        run_import(*rest)
    else:
        run_coding(rest[0], rest[1], int(rest[2]))
