"""The foundation commands: init, import, docs, codes, coders, code, segments, import-codings, gui."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from app.cli.output import print_csv, print_json, print_table
from app.core.errors import ValidationError

SEGMENT_COLUMNS = ("id", "document_id", "document_title", "coder", "code", "start", "end", "text", "memo")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create a new project")
    p.add_argument("project", metavar="PROJECT")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("import", help="import documents (files or folders), or a REFI-QDA project (.qdpx/.qde)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("paths", metavar="PATH", nargs="+")
    p.add_argument("--json", action="store_true", help="print a JSON list of {path, status, document_id, title, error}")
    p.add_argument("--language", help="set this language (ISO code) instead of detecting it")
    p.add_argument("--max-size-mb", type=float, default=50, help="skip files larger than this (default 50)")
    p.add_argument("--keep-boilerplate", action="store_true",
                   help="do not mark web boilerplate (category lines, 'Recent posts') as excluded from the article")
    p.add_argument("--sheet", help="spreadsheets: the sheet to read (default: the first)")
    for column in ("text", "title", "date", "outlet", "author", "url"):
        p.add_argument(f"--{column}-column", metavar="NAME", help=f"corpus tables: the {column} column")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("docs", help="list documents, or delete one")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_docs)
    docs = p.add_subparsers(dest="action", metavar="ACTION")
    a = docs.add_parser("delete", help="delete a document with its codings and memos")
    a.add_argument("id", type=int, metavar="ID")
    a.add_argument("--yes", action="store_true", help="confirm; without it nothing is deleted")
    a.set_defaults(func=cmd_docs_delete)

    p = sub.add_parser("set-meta", help="correct a document's metadata (the text never changes)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--doc", type=int, required=True, metavar="ID")
    for name in ("title", "language", "outlet", "author", "url"):
        p.add_argument(f"--{name}")
    p.add_argument("--date", help="YYYY-MM-DD")
    p.set_defaults(func=cmd_set_meta)

    p = sub.add_parser("codes", help="add or list codes")
    p.add_argument("project", metavar="PROJECT")
    codes = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = codes.add_parser("add", help="add a code by path (parents are created as needed)")
    a.add_argument("path", metavar="PATH", help="names from the root joined with '/'")
    a.add_argument("--color", help="#RRGGBB")
    a.add_argument("--description", default="")
    a.set_defaults(func=cmd_codes_add)
    a = codes.add_parser("list", help="list the codebook")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_codes_list)

    p = sub.add_parser("coders", help="add or list coders")
    p.add_argument("project", metavar="PROJECT")
    coders = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = coders.add_parser("add", help="add a coder")
    a.add_argument("name", metavar="NAME")
    a.add_argument("--color", help="#RRGGBB")
    a.add_argument("--consensus", action="store_true", help="a consensus (adjudication) layer")
    a.set_defaults(func=cmd_coders_add)
    a = coders.add_parser("list", help="list coders")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_coders_list)

    p = sub.add_parser("code", help="apply a code to a span of a document")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--doc", type=int, required=True, metavar="ID")
    p.add_argument("--code", required=True, metavar="PATH")
    p.add_argument("--coder", required=True, metavar="NAME")
    p.add_argument("--start", type=int, required=True, metavar="N", help="code-point offset, inclusive")
    p.add_argument("--end", type=int, required=True, metavar="N", help="code-point offset, exclusive")
    p.add_argument("--memo", default="")
    p.set_defaults(func=cmd_code)

    p = sub.add_parser("segments", help="list coded segments with their text")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--doc", type=int, metavar="ID")
    p.add_argument("--code", metavar="PATH")
    p.add_argument("--coder", metavar="NAME")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    p.set_defaults(func=cmd_segments)

    p = sub.add_parser("import-codings", help="import codings from a CSV (all or nothing)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("file", metavar="FILE.csv")
    p.set_defaults(func=cmd_import_codings)

    p = sub.add_parser("gui", help="open the desktop app (the default)")
    p.add_argument("project", metavar="PROJECT", nargs="?")
    p.add_argument("--demo", action="store_true", help="open the demo project (created on first use)")
    p.add_argument("--coder", metavar="NAME", help="code as NAME without being asked (created if new)")
    p.add_argument("--quit-after-show", action="store_true",
                   help="quit as soon as the window shows the project (for measuring start-up)")
    p.set_defaults(func=cmd_gui)


def cmd_init(args) -> int:
    from app.project import Project
    path = args.project
    if "://" not in path and not path.endswith(".qcp"):
        print(f"note: project files usually end in .qcp; creating {path} as given", file=sys.stderr)
    Project.create(path).close()
    print(f"created project {path}")
    return 0


def cmd_import(args) -> int:
    from app.project import Project
    from app.core.importers import ImportOptions
    options = ImportOptions(
        max_file_bytes=int(args.max_size_mb * 1024 * 1024),
        text_column=args.text_column, title_column=args.title_column, date_column=args.date_column,
        outlet_column=args.outlet_column, author_column=args.author_column, url_column=args.url_column,
        language=args.language, mark_boilerplate=not args.keep_boilerplate, sheet=args.sheet,
    )
    refi = [p for p in args.paths if Path(p).suffix.lower() in (".qdpx", ".qde")]
    if refi:  # a REFI-QDA project: sources, codes, coders and codings (see app/cli/exchange.py)
        if len(refi) != len(args.paths):
            raise ValidationError("import a .qdpx/.qde project on its own, not together with other files")
        with Project.open(args.project) as project:
            for path in refi:
                print("\n".join(project.exchange.import_refi(path).lines()))
        return 0
    with Project.open(args.project) as project:
        outcomes = project.documents.import_paths(args.paths, options)
    if args.json:
        print_json([o.to_json() for o in outcomes])
    else:
        for o in outcomes:
            if o.status == "imported":
                near = f" (near-duplicate of document {o.near_duplicate_of})" if o.near_duplicate_of else ""
                print(f"imported   {o.path} -> document {o.document_id}: {o.title}{near}")
                for note in o.notes:  # replacements, guessed encodings, skipped rows: the user must see them
                    print(f"  note: {note}")
            elif o.status == "duplicate":
                print(f"duplicate  {o.path} ({o.error})")
            else:
                print(f"failed     {o.path}: {o.error}")
        counts = {s: sum(o.status == s for o in outcomes) for s in ("imported", "duplicate", "failed")}
        near = sum(1 for o in outcomes if o.near_duplicate_of)
        print(f"{counts['imported']} imported ({near} near-duplicate), {counts['duplicate']} duplicate(s), "
              f"{counts['failed']} failed")
    return 1 if outcomes and all(o.status == "failed" for o in outcomes) else 0


def cmd_docs(args) -> int:
    from app.project import Project
    with Project.open(args.project) as project:
        docs = project.documents.list()
    rows = [
        {
            "id": d.id, "uuid": d.uuid, "title": d.title,
            "date": d.published.isoformat() if d.published else None,
            "source": d.source_url, "outlet": d.outlet, "author": d.author, "language": d.language,
            "length": d.length, "attributes": d.attributes,
            "date_text": d.published_text, "date_ambiguous": d.date_ambiguous,
            "near_duplicate_group": d.near_duplicate_group,
        }
        for d in docs
    ]
    if args.json:
        print_json(rows)
    else:
        print_table([(r["id"], r["date"], r["language"], r["length"], r["title"]) for r in rows],
                    ("ID", "DATE", "LANG", "LENGTH", "TITLE"))
    return 0


def cmd_docs_delete(args) -> int:
    from app.project import Project

    with Project.open(args.project) as project:
        doc = project.documents.get(args.id)
        counts = project.documents.codings_by_coder(args.id)
        total = sum(counts.values())
        if not args.yes:
            by = ", ".join(f"{n} by {name}" for name, n in counts.items())
            raise ValidationError(
                f"document {doc.id} '{doc.title}' has {total} coding(s){' (' + by + ')' if by else ''}; "
                "add --yes to delete it with them"
            )
        project.documents.delete(args.id)
    print(f"deleted document {doc.id} '{doc.title}' and its {total} coding(s)")
    return 0


def cmd_set_meta(args) -> int:
    from app.project import Project
    from datetime import date

    fields: dict[str, object] = {}
    for name, key in (("title", "title"), ("language", "language"), ("outlet", "outlet"),
                      ("author", "author"), ("url", "source_url")):
        value = getattr(args, name)
        if value is not None:
            fields[key] = value.strip() or None
    if args.date is not None:
        try:
            fields["published"] = date.fromisoformat(args.date) if args.date.strip() else None
        except ValueError:
            raise ValidationError(f"'{args.date}' is not a date; write it as YYYY-MM-DD") from None
    if not fields:
        raise ValidationError("nothing to change; give --title, --language, --outlet, --author, --url or --date")
    with Project.open(args.project) as project:
        project.documents.update(args.doc, **fields)
    print(f"updated document {args.doc}")
    return 0


def cmd_codes_add(args) -> int:
    from app.project import Project
    with Project.open(args.project) as project:
        edit = project.codebook.add_path(args.path, color=args.color, description=args.description)
        code = project.codebook.get(edit.id)
    print(f"added code {code.path} (id {code.id}, {code.color})")
    return 0


def cmd_codes_list(args) -> int:
    from app.project import Project
    with Project.open(args.project) as project:
        codes = project.codebook.list()
        usage = project.codebook.usage()
    by_id = {c.id: c for c in codes}
    rows = [
        {
            "id": c.id, "path": c.path, "name": c.name,
            "parent": by_id[c.parent_id].path if c.parent_id in by_id else None,
            "color": c.color, "description": c.description, "codings": usage.get(c.id, 0),
        }
        for c in codes
    ]
    if args.json:
        print_json(rows)
    else:
        print_table([(r["id"], r["color"], r["codings"], r["path"]) for r in rows], ("ID", "COLOUR", "CODINGS", "PATH"))
    return 0


def cmd_coders_add(args) -> int:
    from app.project import Project
    with Project.open(args.project) as project:
        edit = project.coders.add(args.name, color=args.color, consensus=args.consensus)
    print(f"added coder {args.name.strip()} (id {edit.id})")
    return 0


def cmd_coders_list(args) -> int:
    from app.project import Project
    with Project.open(args.project) as project:
        coders = project.coders.list()
    rows = [{"id": c.id, "name": c.name, "color": c.color, "consensus": c.consensus} for c in coders]
    if args.json:
        print_json(rows)
    else:
        print_table([(r["id"], r["color"], "yes" if r["consensus"] else "", r["name"]) for r in rows],
                    ("ID", "COLOUR", "CONSENSUS", "NAME"))
    return 0


def cmd_code(args) -> int:
    from app.project import Project
    with Project.open(args.project) as project:
        code = project.codebook.by_path(args.code)
        coder = project.coders.by_name(args.coder)
        project.team.check_coder(coder)  # a team login codes as itself (consensus: adjudicators, leads)
        if project.team.me is None:
            project.acting_coder_id = coder.id
        edit = project.codings.add(args.doc, code.id, coder.id, args.start, args.end, args.memo)
    print(edit.id)
    return 0


def cmd_segments(args) -> int:
    from app.project import Project
    with Project.open(args.project) as project:
        code_ids = [project.codebook.by_path(args.code).id] if args.code else None
        coder_ids = [project.coders.by_name(args.coder).id] if args.coder else None
        if args.doc is not None:
            project.documents.get(args.doc)
        segments = project.codings.segments(document_id=args.doc, code_ids=code_ids, coder_ids=coder_ids)
    rows = [
        {
            "id": s.id, "document_id": s.document_id, "document_title": s.document_title, "coder": s.coder,
            "code": s.code_path, "start": s.start, "end": s.end, "text": s.text, "memo": s.memo,
        }
        for s in segments
    ]
    if args.json:
        print_json(rows)
    elif args.csv:
        print_csv(rows, SEGMENT_COLUMNS)
    else:
        print_table([(r["id"], r["document_id"], r["coder"], r["code"], f"{r['start']}-{r['end']}", r["text"])
                     for r in rows], ("ID", "DOC", "CODER", "CODE", "SPAN", "TEXT"))
    return 0


def cmd_import_codings(args) -> int:
    from app.project import Project
    from app.project.bulk import REQUIRED, import_codings

    path = Path(args.file)
    if path.is_dir():
        raise ValidationError(f"{path} is a folder; give a CSV file")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"{path} is not UTF-8 text; save the CSV as UTF-8") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ValidationError(f"{path} lacks the column(s) {', '.join(missing)} (it has: {', '.join(columns) or 'none'})")
    rows = ({(k or "").strip().lower(): v for k, v in row.items()} for row in reader)
    with Project.open(args.project) as project:
        ids = import_codings(project, rows)
    print(f"imported {len(ids)} coding(s)")
    return 0


def cmd_gui(args) -> int:
    from app.gui.launch import launch

    return launch(args.project, demo=args.demo, quit_after_show=args.quit_after_show, coder=args.coder)
