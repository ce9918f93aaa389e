"""``quotecoder desktop install|uninstall``: the Linux menu entry, icons and the .qcp file type."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("desktop", help="add (or remove) Quotecoder to the Linux desktop: menu entry, icons, .qcp type")
    p.add_argument("action", choices=["install", "uninstall"])
    p.add_argument("--json", action="store_true", help='print {"files": [...], "refreshed": [...]}')
    p.set_defaults(func=cmd_desktop)


def cmd_desktop(args) -> int:
    from app.desktop import install_desktop, uninstall_desktop

    result = install_desktop() if args.action == "install" else uninstall_desktop()
    if args.json:
        print(json.dumps({"files": [str(p) for p in result.written], "refreshed": result.refreshed}))
    else:
        verb = "installed" if args.action == "install" else "removed"
        print(f"{verb} {len(result.written)} file(s)"
              + (f"; refreshed with {', '.join(result.refreshed)}" if result.refreshed else ""))
    return 0
