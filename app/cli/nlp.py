"""NLP commands: nlp (process the corpus), quotes (who said what), kwic (concordance)."""

from __future__ import annotations

import argparse
import sys

from app.cli.output import print_json, print_table
from app.core.errors import ValidationError

QUOTE_KEYS = ("id", "document_id", "start", "end", "text", "kind", "speaker", "speaker_start", "speaker_end", "confidence",
              "fragment", "corrected")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("nlp", help="find sentences, quotes, speakers and entities in every document")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--pipeline", metavar="NAME",
                   help="spaCy pipeline (e.g. en_core_web_sm); 'blank' forces rules only; "
                        "default: the best installed one per language")
    p.add_argument("--processes", type=int, default=1, metavar="N", help="spaCy worker processes (default 1)")
    p.set_defaults(func=cmd_nlp)

    p = sub.add_parser("quotes", help="list detected quotes and their speakers (run 'nlp' first)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--doc", type=int, metavar="ID")
    p.add_argument("--speaker", metavar="NAME", help="only quotes by this speaker")
    p.add_argument("--check", action="store_true",
                   help="only quotes whose detected speaker should be checked (confidence under 0.8)")
    p.add_argument("--json", action="store_true", help="a JSON list of {" + ", ".join(QUOTE_KEYS) + "}")
    p.set_defaults(func=cmd_quotes)

    p = sub.add_parser("speaker", help="correct the speaker of a detected quote (kept when NLP is re-run)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("quote", type=int, metavar="QUOTE_ID", help="the id shown by 'quotes'")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("name", nargs="?", metavar="NAME", help="the speaker's name")
    who.add_argument("--none", action="store_true", help="no named speaker")
    who.add_argument("--clear", action="store_true", help="drop the correction: the detected speaker applies")
    p.set_defaults(func=cmd_speaker)

    p = sub.add_parser("kwic", help="keyword in context: every occurrence of a word or phrase")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("term", metavar="TERM")
    p.add_argument("--lemma", action="store_true", help="match the lemma (say finds said, says)")
    p.add_argument("--width", type=int, default=60, metavar="N", help="context characters each side")
    p.add_argument("--pipeline", metavar="NAME", help="pipeline for --lemma (default: best installed)")
    p.add_argument("--json", action="store_true",
                   help="a JSON list of {document_id, title, start, end, left, keyword, right}")
    p.set_defaults(func=cmd_kwic)


class _Bar:
    """A one-line progress bar on stderr (redrawn in place on a terminal, every 10% otherwise)."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        pct = 100 * done // total if total > 0 else 0
        if self.tty:
            filled = pct * 30 // 100
            print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", end="", file=sys.stderr, flush=True)
        elif pct // 10 != self.last // 10 or done == total:
            print(f"processed {done}/{total} documents", file=sys.stderr)
        self.last = pct

    def end(self) -> None:
        if self.tty and self.last >= 0:
            print(file=sys.stderr)


def cmd_nlp(args) -> int:
    from app.project import Project
    if args.processes < 1:
        raise ValidationError("--processes must be at least 1")
    bar = _Bar()
    with Project.open(args.project) as project:
        try:
            report = project.nlp.process(pipeline=args.pipeline, progress=bar, n_process=args.processes)
        except LookupError as exc:
            raise ValidationError(str(exc).strip("'\"")) from None
        finally:
            bar.end()
        quotes = len(project.nlp.quotes())
    print(f"{report.processed} documents processed, {report.skipped} already up to date, "
          f"{quotes} quotes stored; pipeline {', '.join(report.pipelines) or 'none (no documents)'}")
    return 0


def cmd_quotes(args) -> int:
    from app.project import Project
    with Project.open(args.project) as project:
        if args.doc is not None:
            project.documents.get(args.doc)  # a clear error for an unknown id
        quotes = project.nlp.quotes(args.doc, args.speaker)
    if args.check:
        quotes = [q for q in quotes if q.needs_check]
    if args.json:
        print_json([{"id": q.id, **q.to_json()} for q in quotes])
    else:
        print_table([(q.id, q.document_id, q.start, q.end, q.kind, _who(q), f"{q.confidence:.2f}", q.text)
                     for q in quotes], ("id", "doc", "start", "end", "kind", "speaker", "conf", "quote"))
    return 0


def _who(q) -> str:
    name = q.speaker or "?"
    return f"{name} (corrected)" if q.corrected else f"{name} [check]" if q.needs_check else name


def cmd_speaker(args) -> int:
    with Project.open(args.project) as project:
        if args.clear:
            quote = project.nlp.clear_speaker_correction(args.quote)
        else:
            quote, _ = project.nlp.correct_speaker(args.quote, None if args.none else args.name)
    print(f"quote {quote.id}: speaker {quote.speaker or 'none'}"
          + (" (corrected)" if quote.corrected else f" (detected, confidence {quote.confidence:.2f})"))
    return 0


def cmd_kwic(args) -> int:
    from app.project import Project
    with Project.open(args.project) as project:
        try:
            rows = project.nlp.kwic(args.term, lemma=args.lemma, width=args.width, pipeline=args.pipeline)
        except LookupError as exc:
            raise ValidationError(str(exc).strip("'\"")) from None
        titles = {d.id: d.title for d in project.documents.list()} if rows else {}
    if args.json:
        print_json([{"document_id": r.doc_id, "title": titles[r.doc_id], "start": r.start, "end": r.end,
                     "left": r.left, "keyword": r.keyword, "right": r.right} for r in rows])
    else:
        print_table([(r.doc_id, r.left[-40:], r.keyword, r.right[:40]) for r in rows],
                    ("doc", "left", "keyword", "right"))
    return 0
