"""``quotecoder merge TARGET SOURCE... [--json]``: bring projects coded apart together."""

from __future__ import annotations

import argparse
from contextlib import ExitStack

from app.cli.output import print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("merge", help="merge projects coded apart into TARGET (one transaction; twice adds nothing)")
    p.add_argument("target", metavar="TARGET", help="project to merge into (.qcp file or postgresql:// URL)")
    p.add_argument("sources", metavar="SOURCE", nargs="+", help="projects to merge from")
    p.add_argument("--json", action="store_true", help="print the counts and conflicts as JSON")
    p.set_defaults(func=cmd_merge)


def cmd_merge(args) -> int:
    from app.project import Project
    from app.project.merge import merge_projects

    with ExitStack() as stack:
        target = stack.enter_context(Project.open(args.target))
        sources = [stack.enter_context(Project.open(source)) for source in args.sources]
        report = merge_projects(target, sources)
    if args.json:
        print_json(report.as_json())
        return 0
    print(f"documents: {report.documents_added} added, {report.documents_matched} matched")
    print(f"codes added: {report.codes_added}; coders added: {report.coders_added}")
    print(f"codings: {report.codings_added} added, {report.codings_skipped} already there")
    print(f"memos added: {report.memos_added}")
    for conflict in report.conflicts:
        print(f"conflict: {conflict}")
    if report.backup is not None:
        print(f"backup of the target before merging: {report.backup}")
    return 0
