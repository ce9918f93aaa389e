"""Team projects: who is coding (the connecting login), and the lead's management of coders.

A team project is a PostgreSQL project after ``TeamManager.init``: every coder
logs in as their own PostgreSQL role and the database enforces what each role
may do (app/storage/team.py). When such a project is opened, the login decides
the acting coder; acting as someone else is refused here and in the database.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from sqlalchemy import select, text

from app.core.errors import QuotecoderError, ValidationError
from app.core.records import ChangeSet, CoderInfo, TeamMember
from app.project.errors import NotFoundError
from app.storage import models as m
from app.storage import team as pg

if TYPE_CHECKING:
    from app.project.service import Project

ROLES = pg.ROLES


class TeamError(QuotecoderError):
    """A team operation that cannot be done here (not PostgreSQL, not a team project, ...)."""


class TeamManager:
    def __init__(self, project: "Project") -> None:
        self._p = project
        self._db = project.db
        self.me: TeamMember | None = None  # the coder the connecting login is, in a team project
        self._team = False

    # --- who is connected ---

    @property
    def is_team(self) -> bool:
        return self._team

    def identify(self) -> TeamMember | None:
        """Find out whether this is a team project and which coder the login is; set the acting coder."""
        if self._db.is_sqlite:
            return None
        with self._db.engine.connect() as conn:
            self._team = pg.is_team(conn)
            if not self._team:
                return None
            login = conn.scalar(text("SELECT current_user"))
            row = conn.execute(select(m.Coder.id, m.Coder.name).where(m.Coder.login == login)).first()
            names = self._names(conn)
            role = pg.role_of(conn, names, login) if row else None
        if row is None:
            self.me = None  # the owner or an administrator: not a coder, nothing is enforced on them
            return None
        self.me = TeamMember(row.id, row.name, role, login, self._url(login))
        self._p.acting_coder_id = row.id
        return self.me

    def check_coder(self, coder: CoderInfo) -> None:
        """Refuse to act as another coder than the login's (consensus: adjudicators and leads)."""
        me = self.me
        if me is None or coder.id == me.coder_id or me.role == "lead":
            return
        if coder.consensus and me.role == "adjudicator":
            return
        raise TeamError(
            f"you are logged in as {me.login} ({me.coder}, {me.role}); you code as {me.coder}, "
            f"not as {coder.name} — the connecting login decides who is coding"
        )

    # --- the lead's work ---

    def init(self, lead: str, password: str | None = None) -> TeamMember:
        """Make this PostgreSQL project a team project with ``lead`` as its first lead."""
        self._require_pg()
        with self._db.engine.connect() as conn:
            if pg.is_team(conn):
                raise TeamError(f"{self._db.display_name} is already a team project; add coders with 'team add'")
        with self._db.session() as s:
            conn = s.connection()
            if not conn.scalar(text(
                "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user"
            )):
                raise TeamError(
                    "the URL's user may not create roles; run 'team init' as the database owner with "
                    "CREATEROLE, or as a superuser"
                )
            pg.enable_team(conn)
            self._p.log(s, "init", "team", None, lead=lead)
        self._team = True
        return self.add(lead, "lead", password)

    def add(self, name: str, role: str = "coder", password: str | None = None) -> TeamMember:
        """Give a coder (new, or an existing one without a login) a login with ``role``."""
        role = _check_role(role)
        name = (name or "").strip()
        if not name:
            raise ValidationError("a coder's name must not be empty")
        self._require_team()
        generated = None
        if password is None:
            password = generated = secrets.token_urlsafe(12)
        elif not password:
            raise ValidationError("the password must not be empty")
        with self._db.session() as s:
            conn = s.connection()
            names = self._names(conn)
            row = s.scalar(select(m.Coder).where(m.Coder.name == name))
            if row is None:
                row = self._p.coders.add_in(s, name)
            elif row.login:
                raise TeamError(f"{name} already has the login {row.login}; change their role with 'team role'")
            elif row.consensus:
                raise TeamError(f"{name} is a consensus layer; adjudicators and leads write it, nobody logs in as it")
            login = _free_login(conn, names.login_base(name))
            pg.create_login(conn, login, role, password)
            row.login = login
            s.flush()
            self._p.log(s, "add", "team", row.id, coder=name, role=role, login=login)
            coder_id = row.id
        return TeamMember(coder_id, name, role, login, self._url(login), generated)

    def list(self) -> list[TeamMember]:
        self._require_team()
        with self._db.engine.connect() as conn:
            names = self._names(conn)
            rows = conn.execute(select(m.Coder.id, m.Coder.name, m.Coder.login).order_by(m.Coder.name)).all()
            return [
                TeamMember(r.id, r.name, pg.role_of(conn, names, r.login) if r.login else None,
                           r.login, self._url(r.login) if r.login else None)
                for r in rows
            ]

    def member(self, name: str) -> TeamMember:
        for member in self.list():
            if member.coder == name.strip():
                return member
        raise NotFoundError(f"there is no coder named '{name}' in this team project")

    def set_role(self, name: str, role: str) -> TeamMember:
        role = _check_role(role)
        member = self.member(name)
        if member.login is None:
            raise TeamError(f"{member.coder} has no login yet; give them one with 'team add'")
        if member.role == "lead" and role != "lead" and sum(x.role == "lead" for x in self.list()) == 1:
            raise TeamError(f"{member.coder} is the only lead; make another coder lead first")
        with self._db.session() as s:
            pg.set_login_role(s.connection(), member.login, role)
            self._p.log(s, "role", "team", member.coder_id, coder=member.coder, old=member.role, new=role)
        if self.me and self.me.coder_id == member.coder_id:
            self.identify()
        return TeamMember(member.coder_id, member.coder, role, member.login, member.url)

    def set_password(self, name: str, password: str) -> None:
        member = self.member(name)
        if not password:
            raise ValidationError("the password must not be empty")
        if member.login is None:
            raise TeamError(f"{member.coder} has no login yet; give them one with 'team add'")
        with self._db.session() as s:
            pg.set_login_password(s.connection(), member.login, password)
            self._p.log(s, "password", "team", member.coder_id, coder=member.coder)

    @property
    def blind(self) -> bool:
        if not self._team:
            return False
        return self._p.info(pg.BLIND_KEY) == "on"

    def set_blind(self, on: bool) -> ChangeSet:
        """Switch the blind phase: coders see only their own codings while it is on."""
        self._require_team()
        with self._db.session() as s:
            row = s.get(m.ProjectInfo, pg.BLIND_KEY)
            if row is None:
                s.add(m.ProjectInfo(key=pg.BLIND_KEY, value="on" if on else "off"))
            else:
                row.value = "on" if on else "off"
            self._p.log(s, "blind", "team", None, on=bool(on))
        # Everything that shows other coders' codings must be re-read.
        return ChangeSet(coders=frozenset(c.id for c in self._p.coders.list()))

    # --- helpers ---

    def _require_pg(self) -> None:
        if self._db.is_sqlite:
            raise TeamError(
                "team projects live on PostgreSQL: give a postgresql://USER@HOST:PORT/DB URL, not a project file"
            )

    def _require_team(self) -> None:
        self._require_pg()
        if not self._team:
            raise TeamError(f"{self._db.display_name} is not a team project yet; run 'quotecoder team init' first")

    def _names(self, conn) -> pg.TeamNames:
        return pg.TeamNames(conn.scalar(text("SELECT current_database()")))

    def _url(self, login: str) -> str:
        url = self._db.engine.url
        return f"postgresql://{login}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def _check_role(role: str) -> str:
    role = (role or "").strip().lower()
    if role not in ROLES:
        raise ValidationError(f"role must be one of: {', '.join(ROLES)} (not '{role}')")
    return role


def _free_login(conn, base: str) -> str:
    login, n = base, 1
    while pg.login_exists(conn, login):
        n += 1
        login = f"{base}{n}"
    return login
