"""``quotecoder check`` and ``quotecoder backup``: look a project over, copy it safely."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check a project: integrity, foreign keys, codings inside texts, orphans, schema")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--json", action="store_true", help="print the report as JSON: {project, ok, checks: [...]}")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("backup", help="copy a SQLite project safely (SQLite online backup), even while it is open")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("dest", metavar="DEST", help="a new file, or a folder to put a dated copy in")
    p.set_defaults(func=cmd_backup)


def cmd_check(args) -> int:
    from app.cli.output import print_json
    from app.project.maintenance import check

    report = check(args.project)
    if args.json:
        print_json(report.to_json())
        return 0 if report.ok else 1
    print(f"project: {report.project}")
    for result in report.checks:
        mark = "ok    " if result.ok else "FAILED"
        more = f" ({result.count})" if result.count else ""
        print(f"{mark}  {result.title}{more}")
        for problem in result.problems:
            print(f"          {problem}")
        if result.count > len(result.problems):
            print(f"          … and {result.count - len(result.problems)} more")
    problems = sum(r.count for r in report.checks)
    print("all checks passed" if report.ok else
          f"{problems} problem(s) found: restore a backup (File › Restore Backup…) or ask for help with this report")
    return 0 if report.ok else 1


def cmd_backup(args) -> int:
    from app.project.maintenance import backup, is_server, pg_dump_hint

    if is_server(args.project):
        print(pg_dump_hint(args.project))
        return 1
    out = backup(args.project, args.dest)
    print(f"backed up {args.project} to {out}")
    return 0
