"""Who this connection is in a PostgreSQL project, for the status bar: ``Team: DB@HOST · Bob (coder) · blind``.

Roles, logins and the blind phase belong to the team manager (``project.team``,
app/project/team.py), which identified the login when the project was opened.
A PostgreSQL project that is not a team project (or a login that is no coder,
such as the owner) shows the login name alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from app.project.service import Project


@dataclass(frozen=True)
class TeamStatus:
    database: str
    host: str
    login: str
    coder: str | None = None
    coder_id: int | None = None
    role: str | None = None
    blind: bool = False

    @property
    def label(self) -> str:
        who = self.coder or self.login
        if self.role:
            who += f" ({self.role})"
        parts = [f"Team: {self.database}@{self.host}", who]
        if self.blind:
            parts.append("blind")
        return " · ".join(parts)


def team_status(project: "Project") -> TeamStatus | None:
    """None for a SQLite project; otherwise who is connected, as the team manager knows it."""
    db = project.db
    if db.is_sqlite:
        return None
    with db.engine.connect() as conn:
        database, login = conn.execute(text("SELECT current_database(), current_user")).one()
    host = db.engine.url.host or "localhost"
    team = project.team
    me = team.me
    if me is None:
        return TeamStatus(database, host, login, blind=team.blind)
    return TeamStatus(database, host, login, me.coder, me.coder_id, me.role, team.blind)
