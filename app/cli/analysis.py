"""``quotecoder crosstab`` and ``quotecoder query``: reading the coded corpus back."""

from __future__ import annotations

import argparse


def _names(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _ids(value: str) -> list[int]:
    try:
        return [int(v) for v in _names(value)]
    except ValueError:
        raise argparse.ArgumentTypeError(f"document ids are numbers separated by commas, not {value!r}") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("crosstab", help="codes against outlet, year, month, language, speaker, coder or an attribute")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--rows", choices=["code"], default="code", help="the rows: code paths (the default)")
    p.add_argument("--cols", required=True,
                   help="outlet, year, month, language, speaker, coder or attribute:NAME")
    p.add_argument("--coders", type=_names, help="only these coders (A,B)")
    p.add_argument("--codes", type=_names, help="only these code paths and the codes below them")
    p.add_argument("--documents", type=_ids, help="only these document ids")
    p.add_argument("--count", choices=["codings", "documents", "characters"], default="codings")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help='print {"rows", "cols", "counts", "count"}')
    out.add_argument("--csv", action="store_true", help="print the table as CSV")
    out.add_argument("-o", "--output", metavar="FILE.xlsx", help="write the table to a workbook")
    p.set_defaults(func=cmd_crosstab)

    p = sub.add_parser("query", help='segments where codes meet: "A" AND ("B" OR NOT "C")')
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("expr", metavar="EXPR", help="code paths with AND, OR, NOT and parentheses; quote paths with spaces")
    p.add_argument("--within", choices=["overlap", "sentence", "paragraph", "document"], default="overlap")
    p.add_argument("--coders", type=_names)
    p.add_argument("--documents", type=_ids)
    p.add_argument("--json", action="store_true", help="the keys of 'segments --json'")
    p.set_defaults(func=cmd_query)


def cmd_crosstab(args) -> int:
    from app.cli.output import print_csv, print_json, print_table
    from app.project import Project, ValidationError

    if args.output and not args.output.lower().endswith(".xlsx"):
        raise ValidationError(f"-o writes a workbook: name it FILE.xlsx, not {args.output}")
    with Project.open(args.project) as project:
        table = project.analysis.crosstab(args.cols, args.count, coders=args.coders, codes=args.codes,
                                          documents=args.documents)
    if args.json:
        print_json(table.to_json())
    elif args.csv:
        header = ["code", *table.cols]
        print_csv(({"code": r, **dict(zip(table.cols, c))} for r, c in zip(table.rows, table.counts)), header)
    elif args.output:
        from app.core.exchange.crosstab_xlsx import write_crosstab_xlsx

        write_crosstab_xlsx(table, args.output)
        print(f"wrote {args.output}: {len(table.rows)} code(s) × {len(table.cols)} column(s), {table.count}")
    else:
        rows = [["  " * d + r.rsplit("/", 1)[-1], *c] for r, d, c in zip(table.rows, table.depths, table.counts)]
        print_table(rows, ["CODE", *table.cols])
    return 0


def cmd_query(args) -> int:
    from app.cli.output import print_json, print_table
    from app.project import Project

    with Project.open(args.project) as project:
        segments = project.analysis.query(args.expr, within=args.within, coders=args.coders, documents=args.documents)
    rows = [
        {"id": s.id or None, "document_id": s.document_id, "document_title": s.document_title, "coder": s.coder,
         "code": s.code_path, "start": s.start, "end": s.end, "text": s.text, "memo": s.memo}
        for s in segments
    ]
    if args.json:
        print_json(rows)
    else:
        print_table([(r["id"] or "", r["document_id"], r["coder"], r["code"], f"{r['start']}-{r['end']}", r["text"])
                     for r in rows], ("ID", "DOC", "CODER", "CODE", "SPAN", "TEXT"))
    return 0
