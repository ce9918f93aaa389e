"""``quotecoder``: the command line. Parsing and printing only; the work is done by the Project.

Exit codes: 0 success, 2 usage error (argparse), 1 any other error, reported as
one sentence on stderr — never a traceback for a user mistake.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from app import __version__
from app.core.errors import QuotecoderError

# Each module adds its subcommands with register(subparsers).
COMMAND_MODULES = (
    "app.cli.basic",
    "app.cli.agreement",
    "app.cli.nlp",
    "app.cli.exchange",
    "app.cli.maintenance",
    "app.cli.workspace",
    "app.cli.analysis",
    "app.cli.desktop",
    "app.cli.watch",
    "app.cli.team",
    "app.cli.merge",
)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="quotecoder",
        description="Code quotes and themes in news and speeches; compare coders; export to Excel and REFI-QDA.",
        epilog="PROJECT is a project file (.qcp) or a postgresql:// URL. Run without arguments to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"quotecoder {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        argv = ["gui"]
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    _report_warnings()
    try:
        return int(args.func(args) or 0)
    except QuotecoderError as exc:
        return fail(str(exc))
    except BrokenPipeError:
        # The reader went away (`quotecoder docs P | head`): not an error worth a message.
        sys.stderr.close()
        return 1
    except OSError as exc:
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        return fail(f"{exc.strerror or exc}{where}")
    except KeyboardInterrupt:
        return fail("interrupted")


def _report_warnings() -> None:
    """What the app logs as a warning (a migration that merged duplicate codings, say) reaches stderr."""
    import logging

    class ToStderr(logging.Handler):  # looks sys.stderr up when it writes, so redirections are honoured
        def emit(self, record: logging.LogRecord) -> None:
            print(f"quotecoder: {record.getMessage()}", file=sys.stderr)

    logger = logging.getLogger("app")
    if not any(type(h).__name__ == "ToStderr" for h in logger.handlers):
        logger.addHandler(ToStderr(logging.WARNING))
        logger.setLevel(logging.WARNING)


def fail(message: str) -> int:
    message = message.strip().rstrip(".")
    print(f"quotecoder: error: {message}", file=sys.stderr)
    return 1
