"""``quotecoder export`` and ``quotecoder codebook PROJECT export|import FILE``.

The format follows the file's suffix (.xlsx, .csv, .qdc, .qdpx for export;
.xlsx or .qdc for a codebook). What sanitising changed (removed control
characters, cut cells, formula-like text kept as text) is printed after the export.
"""

from __future__ import annotations

import argparse
import sys

from app.core.errors import ValidationError


def _list(value: str | None) -> list[str] | None:
    if value is None:
        return None
    items = [v.strip() for v in value.split(",") if v.strip()]
    return items or None


def _ids(value: str | None) -> list[int] | None:
    items = _list(value)
    if items is None:
        return None
    bad = [v for v in items if not v.isdigit()]
    if bad:
        raise ValidationError(f"--documents takes document ids like 1,2,7, not {', '.join(bad)}")
    return [int(v) for v in items]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export to .xlsx, .csv, .qdc or .qdpx (format by suffix)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("out", metavar="OUT", help="the file to write: .xlsx, .csv, .qdc or .qdpx")
    p.add_argument("--coders", metavar="A,B", help="only these coders' codings (names or ids)")
    p.add_argument("--codes", metavar="PATH,...", help="only these codes and their sub-codes (code paths)")
    p.add_argument("--documents", metavar="ID,...", help="only these documents (ids)")
    p.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 byte-order mark (for Excel)")
    p.add_argument("--no-formula-guard", action="store_true",
                   help="CSV: do not prefix formula-like text with ' (for R or pandas, which never evaluate cells)")
    p.add_argument("--agreement", action="store_true", help="xlsx: add an Agreement sheet (needs two coders)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("codebook", help="export or import the codebook (.xlsx or .qdc)")
    p.add_argument("project", metavar="PROJECT")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("export", help="write the codebook to FILE")
    a.add_argument("file", metavar="FILE")
    a.set_defaults(func=cmd_codebook_export)
    a = actions.add_parser("import", help="add the codes in FILE (refused when they clash with existing codes)")
    a.add_argument("file", metavar="FILE")
    a.set_defaults(func=cmd_codebook_import)


def cmd_export(args) -> int:
    from app.project import Project
    with Project.open(args.project) as project:
        outcome = project.exchange.export(
            args.out, coders=_list(args.coders), codes=_list(args.codes), documents=_ids(args.documents),
            include_agreement=args.agreement, bom=args.bom, guard_formulas=not args.no_formula_guard,
            progress=_progress if sys.stderr.isatty() else None,
        )
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    counted = f"{outcome.codings} coding(s)" if outcome.format != "qdc" else "the codebook"
    print(f"wrote {outcome.path} ({counted})")
    for line in outcome.lines():
        print(line)
    return 0


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\r{done:,} / {total:,} codings")
    sys.stderr.flush()


def cmd_codebook_export(args) -> int:
    from app.project import Project
    with Project.open(args.project) as project:
        outcome = project.exchange.export_codebook(args.file)
    print(f"wrote {outcome.path}")
    for line in outcome.lines():
        print(line)
    return 0


def cmd_codebook_import(args) -> int:
    from app.project import Project
    with Project.open(args.project) as project:
        result = project.exchange.import_codebook(args.file)
    for line in result.lines():
        print(line)
    return 0
