"""`quotecoder watch`: a real subprocess prints one JSON line per change made through the Project API."""

from __future__ import annotations

import json
import queue
import signal
import subprocess
import sys
import threading

import pytest

from app.core.importers import ImportedDocument
from app.project import Project

WAIT = 10.0  # seconds for the subprocess to start (imports) or report a change; never a speed assert


class Watch:
    """``quotecoder watch TARGET [--json]`` in a subprocess, its output lines read on threads."""

    def __init__(self, target: str, *extra: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "app", "watch", target, *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        self.out: queue.Queue[str] = queue.Queue()
        self.err: queue.Queue[str] = queue.Queue()
        for stream, q in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=lambda s=stream, q=q: [q.put(line) for line in s], daemon=True).start()

    def wait_ready(self) -> list[str]:
        notes = []
        while True:
            line = self.err.get(timeout=WAIT)
            notes.append(line)
            if line.startswith("watching "):
                return notes

    def lines(self, n: int) -> list[str]:
        return [self.out.get(timeout=WAIT).rstrip("\n") for _ in range(n)]

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str]:
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout=WAIT)
        rest = []
        while not self.err.empty():
            rest.append(self.err.get())
        return code, "".join(rest)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def watch():
    started: list[Watch] = []

    def start(target: str, *extra: str) -> Watch:
        w = Watch(target, *extra)
        started.append(w)
        return w

    yield start
    for w in started:
        w.kill()


def _setup(project: Project) -> tuple[int, int, int]:
    doc = project.documents.add(ImportedDocument(text="The minister said the reform is overdue.", title="Speech",
                                                 importer="test", source_name="s.txt", file_hash="0" * 64)).id
    return doc, project.codebook.add("Reform").id, project.coders.add("Aigerim").id


def test_watch_prints_one_json_line_per_change_and_stops_quietly_on_ctrl_c(pg_database, watch):
    project = Project.create(pg_database)
    doc, code, coder = _setup(project)
    w = watch(pg_database, "--json")
    w.wait_ready()
    coding = project.codings.add(doc, code, coder, 4, 12).id
    project.codings.delete(coding)
    project.codebook.rename(code, "Reform agenda")
    lines = w.lines(3)
    project.close()
    assert [json.loads(line) for line in lines] == [
        {"table": "codings", "op": "insert", "id": coding, "document_id": doc, "coder": "Aigerim"},
        {"table": "codings", "op": "delete", "id": coding, "document_id": doc, "coder": "Aigerim"},
        {"table": "codes", "op": "update", "id": code, "document_id": None, "coder": None},
    ]
    code_, rest = w.stop(signal.SIGINT)
    assert code_ == 0 and "Traceback" not in rest and "error" not in rest


def test_watch_without_json_prints_readable_lines_and_ends_on_sigterm(pg_database, watch):
    project = Project.create(pg_database)
    doc, code, coder = _setup(project)
    w = watch(pg_database)
    w.wait_ready()
    project.documents.set_status(doc, coder, "done")
    assert w.lines(1) == [f"document_status insert document {doc} by Aigerim"]
    project.close()
    assert w.stop(signal.SIGTERM)[0] == 0


def test_watch_on_sqlite_says_what_it_can_do_and_reports_each_commit(tmp_path, watch):
    path = tmp_path / "solo.qcp"
    project = Project.create(path)
    w = watch(str(path), "--json")
    notes = "".join(w.wait_ready())
    assert "SQLite file" in notes and "no change notifications" in notes
    project.codebook.add("Reform")
    assert json.loads(w.lines(1)[0]) == {"table": None, "op": "changed", "id": None, "document_id": None,
                                         "coder": None}
    project.close()
    assert w.stop()[0] == 0


def test_watch_on_something_that_is_not_a_project_is_a_one_line_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "app", "watch", str(tmp_path / "missing.qcp")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("quotecoder: error:") and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_watch_reports_a_dropped_connection_reconnects_and_goes_on(pg_database, watch):
    from sqlalchemy import text

    project = Project.create(pg_database)
    doc, code, coder = _setup(project)
    w = watch(pg_database, "--json")
    w.wait_ready()
    with project.db.engine.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND application_name = 'quotecoder live'"))
    assert w.err.get(timeout=WAIT).startswith("connection lost (")
    assert w.err.get(timeout=WAIT).startswith("reconnected; changes made while disconnected were not seen")
    coding = project.codings.add(doc, code, coder, 4, 12).id
    assert json.loads(w.lines(1)[0])["id"] == coding
    project.close()
    assert w.stop()[0] == 0
