"""``quotecoder watch PROJECT [--json]``: one line per committed change, until interrupted."""

from __future__ import annotations

import argparse
import json
import signal
import sys

SQLITE_NOTE = (
    "{name} is a SQLite file, which has no change notifications: watch prints one line each time "
    "anything in it is committed (table, id and coder unknown); a PostgreSQL project reports every row"
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("watch", help="print every change others make to the project, as it is committed")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--json", action="store_true",
                   help='one JSON object a line: {"table", "op", "id", "document_id", "coder"}')
    p.set_defaults(func=cmd_watch)


def cmd_watch(args) -> int:
    # SIGTERM ends the watch like Ctrl+C: quietly, with exit status 0.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        _watch(args.project, args.json)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


def _watch(target: str, as_json: bool) -> None:
    from app.project import Project

    with Project.open(target) as project:
        source = project.live.source()
        try:
            sqlite = not project.live.has_notifications
            if sqlite:
                _note(SQLITE_NOTE.format(name=project.display_name))
            _note(f"watching {project.display_name} (Ctrl+C to stop)")
            lost = False
            while True:
                batch = source.poll(timeout=0.25 if sqlite else 1.0)
                if batch.lost and not lost:
                    _note(f"connection lost ({batch.lost}); retrying")
                lost = bool(batch.lost)
                if batch.resync and sqlite:
                    _emit(as_json, {"table": None, "op": "changed", "id": None, "document_id": None, "coder": None})
                elif batch.resync:
                    _note("reconnected; changes made while disconnected were not seen")
                for change in batch.changes:
                    _emit(as_json, change.as_json())
        finally:
            source.close()


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


def _emit(as_json: bool, change: dict) -> None:
    if as_json:
        line = json.dumps(change, ensure_ascii=False)
    elif change["table"] is None:
        line = "changed (re-read the project to see what)"
    else:
        parts = [change["table"], change["op"]]
        if change["id"] is not None:
            parts.append(f"#{change['id']}")
        if change["document_id"] is not None and change["table"] != "documents":
            parts.append(f"document {change['document_id']}")
        if change["coder"] is not None:
            parts.append(f"by {change['coder']}" if change["table"] != "coders" else f"({change['coder']})")
        line = " ".join(parts)
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
