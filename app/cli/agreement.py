"""``quotecoder agreement``: inter-coder agreement per code (see docs/agreement.md).

Plain output is a table with "n/a" for undefined values; ``--json`` prints the
report's JSON contract (null for undefined); ``--csv`` one row per code plus an
"(overall)" row; ``-o report.xlsx`` writes the same numbers to a workbook.
"""

from __future__ import annotations

import argparse
import sys

from app.cli.output import print_csv, print_json, print_table
from app.core.agreement import UNIT_KINDS
from app.core.errors import ValidationError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("agreement", help="inter-coder agreement per code (kappa, alpha, AC1, u-alpha)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--coders", required=True, metavar="A,B[,C...]", help="two or more coder names")
    p.add_argument("--unit", choices=UNIT_KINDS, default="character",
                   help="what one decision is: a character (default), sentence, paragraph or document")
    p.add_argument("--codes", metavar="PATH,...", help="only these codes (default: every code they used)")
    p.add_argument("--documents", metavar="ID,...",
                   help="only these documents (default: those every coder marked done or coded)")
    p.add_argument("--bootstrap", type=int, default=0, metavar="N",
                   help="95%% interval for Krippendorff's alpha from N resamples of documents")
    p.add_argument("--seed", type=int, metavar="N", help="seed for the bootstrap (reproducible intervals)")
    p.add_argument("--match", type=float, nargs="?", const=0.9, metavar="SHARE",
                   help="also match two coders' segments MAXQDA-style: segments match when they overlap by at "
                        "least SHARE of the longer one (default 0.9); lists matched and unmatched segments")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the JSON report (null for undefined)")
    fmt.add_argument("--csv", action="store_true", help="print one CSV row per code")
    fmt.add_argument("-o", "--output", metavar="FILE.xlsx", help="write an Excel workbook")
    p.set_defaults(func=cmd_agreement)


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def _documents(value: str | None) -> list[int] | None:
    parts = _split(value)
    if parts is None:
        return None
    try:
        return [int(p) for p in parts]
    except ValueError:
        raise ValidationError(f"--documents takes document ids separated by commas, not '{value}'") from None


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def cmd_agreement(args) -> int:
    from app.project import Project
    from app.project.agreement_export import report_rows, write_report_xlsx

    coders = _split(args.coders) or []
    if len(set(coders)) < 2:
        raise ValidationError("agreement needs at least two different coders: --coders A,B")
    if args.output and not args.output.lower().endswith(".xlsx"):
        raise ValidationError("-o writes an Excel workbook; give a file name ending in .xlsx")
    with Project.open(args.project) as project:
        result = project.agreement.report(coders, args.unit, _split(args.codes), _documents(args.documents),
                                          args.bootstrap, args.seed)
    report = result.report
    matching = _matching(result, coders, args.match) if args.match is not None else None
    if args.json:
        data = report.to_json()
        if matching is not None:
            data["segment_matching"] = _matching_json(matching)
        print_json(data)
    elif args.csv:
        rows = report_rows(report)
        columns: list[str] = []
        for row in rows:
            columns += [k for k in row if k not in columns]
        print_csv(rows, columns)
    elif args.output:
        safety = write_report_xlsx(report, args.output)
        for line in safety.lines():
            print(line, file=sys.stderr)
        print(f"Wrote agreement for {len(report.codes)} code(s) on {len(report.documents)} document(s) "
              f"to {args.output}")
    else:
        _print_plain(report)
        if matching is not None:
            _print_matching(matching)
    return 0


def _matching(result, coders: list[str], threshold: float):
    from app.core.agreement.segments import match_segments

    if len(coders) != 2:
        raise ValidationError("--match compares exactly two coders: --coders A,B")
    if not 0 < threshold <= 1:
        raise ValidationError(f"--match takes a share between 0 and 1, not {threshold}")
    return match_segments(result.study, coders[0], coders[1], threshold)


def _segment(seg) -> dict:
    return {"code": str(seg.code), "document": seg.document, "start": seg.start, "end": seg.end}


def _matching_json(matching) -> dict:
    a, b = matching.coders
    return {
        "coders": [a, b],
        "threshold": matching.threshold,
        "matched": [{"code": str(m.a.code), "document": m.a.document, a: [m.a.start, m.a.end],
                     b: [m.b.start, m.b.end], "overlap": round(m.overlap, 4)} for m in matching.matched],
        "unmatched": {a: [_segment(x) for x in matching.only_a], b: [_segment(x) for x in matching.only_b]},
    }


def _print_matching(matching) -> None:
    a, b = matching.coders
    print()
    print(f"Segment matching (secondary view, MAXQDA's method): a segment of {a} and one of {b} match "
          f"when they overlap by at least {matching.threshold:.0%} of the longer one.")
    print(f"{len(matching.matched)} matched, {len(matching.only_a)} only by {a}, {len(matching.only_b)} only by {b}")
    rows = [(str(x.code), x.document, f"{x.start}-{x.end}", who)
            for who, segs in ((a, matching.only_a), (b, matching.only_b)) for x in segs]
    if rows:
        print_table(rows, ("CODE", "DOC", "SPAN", "ONLY BY"))


def _print_plain(report) -> None:
    two = len(report.coders) == 2
    print(f"Agreement of {', '.join(report.coders)} on {len(report.documents)} document(s), unit: {report.unit}")
    kappa = "KAPPA" if two else "MEAN KAPPA"
    headers = ["CODE", "UNITS", "AGREE", kappa, "FLEISS", "ALPHA", "AC1", "U-ALPHA"]
    if report.bootstrap_resamples:
        headers.insert(6, "ALPHA 95% CI")
    rows = []
    for c in report.codes:
        row = [str(c.code), c.units, _fmt(c.percent_agreement),
               _fmt(c.cohen_kappa if two else c.mean_pairwise_cohen_kappa), _fmt(c.fleiss_kappa),
               _fmt(c.krippendorff_alpha), _fmt(c.gwet_ac1), _fmt(c.alpha_u)]
        if report.bootstrap_resamples:
            ci = c.krippendorff_alpha_ci95
            row.insert(6, "n/a" if ci is None else f"{ci[0]:.3f}–{ci[1]:.3f}")
        rows.append(row)
    print_table(rows, headers)
    o = report.overall
    pooled = f"Cohen's kappa (pooled) {_fmt(o.cohen_kappa_pooled)}, " if two else ""
    print(f"Overall: {pooled}Krippendorff's alpha (pooled) {_fmt(o.krippendorff_alpha_pooled)}, "
          f"u-alpha {_fmt(o.alpha_u)}")
    print("Krippendorff: alpha >= .800 reliable; .667-.800 tentative conclusions only; n/a = undefined (0/0).")
