"""Memos, history and deleting documents: ``memos``, ``history`` (``docs ... delete`` is in basic.py)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from app.cli.output import print_json, print_table
from app.core.errors import ValidationError

if TYPE_CHECKING:
    from app.project import Project


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("memos", help="write or list memos on the project, documents, codes and codings")
    p.add_argument("project", metavar="PROJECT")
    memos = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = memos.add_parser("add", help="write a memo")
    target = a.add_mutually_exclusive_group(required=True)
    target.add_argument("--project", dest="on_project", action="store_true", help="a memo on the project")
    target.add_argument("--document", type=int, metavar="ID", help="a memo on this document")
    target.add_argument("--code", metavar="PATH", help="a memo on this code (its path, names joined with '/')")
    target.add_argument("--coding", type=int, metavar="ID", help="the memo of this coding (a coding has one)")
    a.add_argument("--text", required=True, metavar="TEXT")
    a.add_argument("--coder", metavar="NAME", help="the memo's author")
    a.set_defaults(func=cmd_memos_add)
    a = memos.add_parser("list", help="list every memo, oldest first")
    a.add_argument("--json", action="store_true",
                   help="print a JSON list of {id, target, target_id, coder, text, created, modified}")
    a.set_defaults(func=cmd_memos_list)

    p = sub.add_parser("history", help="who changed what and when (newest first)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--json", action="store_true",
                   help="print a JSON list of {id, when, coder, action, entity, entity_id, detail}")
    p.add_argument("--limit", type=_positive, default=None, metavar="N", help="only the newest N entries")
    p.set_defaults(func=cmd_history)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("give a limit of 1 or more")
    return number


def cmd_memos_add(args) -> int:
    from app.project import Project

    text = args.text.strip()
    if not text:
        raise ValidationError("the memo is empty; give its text with --text")
    with Project.open(args.project) as project:
        author = project.coders.by_name(args.coder).id if args.coder else None
        if args.on_project:
            target, target_id = "project", None
        elif args.document is not None:
            target, target_id = "document", project.documents.get(args.document).id
        elif args.code is not None:
            target, target_id = "code", project.codebook.by_path(args.code).id
        else:
            target, target_id = "coding", args.coding
        if author is not None:
            project.acting_coder_id = author
        elif target == "coding":
            project.acting_coder_id = project.codings.get(args.coding).coder_id
        edit = project.memos.add(target, target_id, text, author_id=author)
    where = "the project" if target == "project" else f"{target} {args.code or target_id}"
    print(f"added memo {edit.id} on {where}")
    return 0


def memo_rows(project: "Project") -> list[dict]:
    memos = project.memos.list(include_codings=True)
    memos.sort(key=lambda mo: (mo.created_at is None, mo.created_at, mo.target, mo.id))
    return [
        {
            "id": mo.id, "target": mo.target, "target_id": mo.target_id, "coder": mo.author, "text": mo.text,
            "created": mo.created_at.isoformat() if mo.created_at else None,
            "modified": mo.modified_at.isoformat() if mo.modified_at else None,
        }
        for mo in memos
    ]


def cmd_memos_list(args) -> int:
    from app.project import Project

    with Project.open(args.project) as project:
        rows = memo_rows(project)
    if args.json:
        print_json(rows)
    else:
        print_table([(r["id"], r["target"], r["target_id"], r["coder"], (r["modified"] or "")[:16], r["text"])
                     for r in rows], ("ID", "TARGET", "TARGET_ID", "CODER", "MODIFIED", "TEXT"))
    return 0


def cmd_history(args) -> int:
    from app.project import Project

    with Project.open(args.project) as project:
        entries = project.audit.entries(limit=args.limit)
    rows = [
        {
            "id": e.id, "when": e.at.isoformat(), "coder": e.coder, "action": e.action, "entity": e.entity,
            "entity_id": e.entity_id, "detail": _detail(e.detail),
        }
        for e in entries
    ]
    if args.json:
        print_json(rows)
    else:
        print_table([(r["id"], r["when"][:19], r["coder"], r["action"], r["entity"], r["entity_id"],
                      json.dumps(r["detail"], ensure_ascii=False) if r["detail"] else "") for r in rows],
                    ("ID", "WHEN", "CODER", "ACTION", "ENTITY", "ENTITY_ID", "DETAIL"))
    return 0


def _detail(text: str) -> object:
    """The entry's detail as JSON data (it is stored as a JSON object, or empty)."""
    if not text:
        return {}
    try:
        return json.loads(text)
    except ValueError:
        return text
