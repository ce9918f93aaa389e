"""``quotecoder team ...``: make a PostgreSQL project a team project and manage its coders' logins."""

from __future__ import annotations

import argparse
import sys

from app.cli.output import print_json, print_table

ROLES = ("coder", "adjudicator", "lead")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("team", help="team projects on PostgreSQL: coders' logins, roles, blind phase")
    team = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    a = team.add_parser("init", help="make the PostgreSQL project at URL a team project (creating it if empty)")
    a.add_argument("url", metavar="URL", help="postgresql://USER@HOST:PORT/DB; USER must be allowed to create roles")
    a.add_argument("--lead", required=True, metavar="NAME", help="the first lead")
    a.add_argument("--password-stdin", action="store_true", help="read the lead's password from stdin")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_init)

    a = team.add_parser("add", help="give a coder a login of their own")
    a.add_argument("url", metavar="URL")
    a.add_argument("name", metavar="NAME")
    a.add_argument("--role", choices=ROLES, default="coder")
    a.add_argument("--password-stdin", action="store_true",
                   help="read the password from stdin (otherwise one is generated and printed on stderr)")
    a.add_argument("--json", action="store_true",
                   help='print {"coder", "role", "login", "url"}')
    a.set_defaults(func=cmd_add)

    a = team.add_parser("list", help="list coders with their role and login")
    a.add_argument("url", metavar="URL")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_list)

    a = team.add_parser("role", help="change a coder's role")
    a.add_argument("url", metavar="URL")
    a.add_argument("name", metavar="NAME")
    a.add_argument("role", metavar="ROLE", choices=ROLES)
    a.set_defaults(func=cmd_role)

    a = team.add_parser("blind", help="switch the blind phase: coders see only their own codings")
    a.add_argument("url", metavar="URL")
    a.add_argument("state", metavar="on|off", choices=("on", "off"))
    a.set_defaults(func=cmd_blind)


def _password(args) -> str | None:
    if not args.password_stdin:
        return None
    from app.core.errors import ValidationError

    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise ValidationError("--password-stdin: stdin gave no password (one line expected)")
    return line


def _report(member, as_json: bool) -> None:
    if as_json:
        print_json({"coder": member.coder, "role": member.role, "login": member.login, "url": member.url})
    else:
        print(f"{member.coder} ({member.role}) connects as {member.url}")
    if member.password:
        print(f"password for {member.login}: {member.password} (shown once; give it to {member.coder})",
              file=sys.stderr)


def _open_or_create(url: str):
    from app.project import NotAProjectError, Project

    try:
        return Project.open(url)
    except NotAProjectError:
        return Project.create(url)


def cmd_init(args) -> int:
    with _open_or_create(args.url) as project:
        member = project.team.init(args.lead, password=_password(args))
    _report(member, args.json)
    return 0


def cmd_add(args) -> int:
    from app.project import Project

    with Project.open(args.url) as project:
        member = project.team.add(args.name, args.role, password=_password(args))
    _report(member, args.json)
    return 0


def cmd_list(args) -> int:
    from app.project import Project

    with Project.open(args.url) as project:
        members = project.team.list()
    rows = [{"coder": m.coder, "role": m.role, "login": m.login} for m in members]
    if args.json:
        print_json(rows)
    else:
        print_table([(r["coder"], r["role"] or "-", r["login"] or "-") for r in rows], ("CODER", "ROLE", "LOGIN"))
    return 0


def cmd_role(args) -> int:
    from app.project import Project

    with Project.open(args.url) as project:
        member = project.team.set_role(args.name, args.role)
    print(f"{member.coder} is now {member.role}")
    return 0


def cmd_blind(args) -> int:
    from app.project import Project

    with Project.open(args.url) as project:
        project.team.set_blind(args.state == "on")
    print("blind phase on: coders see only their own codings" if args.state == "on" else "blind phase off")
    return 0
