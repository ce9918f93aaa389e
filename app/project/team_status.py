"""Who this connection is in a PostgreSQL project, for the status bar: ``Team: DB@HOST · Bob (coder) · blind``.

Roles, logins and the blind phase belong to the team manager (``project.team``,
app/project/team.py). Until a project has one, this reads what the schema
offers: the coders row whose ``login`` is ``current_user`` (when that column
exists) and the ``team_blind`` project setting; failing that, the login name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

if TYPE_CHECKING:
    from app.project.service import Project

BLIND_KEY = "team_blind"  # app.storage.team.BLIND_KEY


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
    """None for a SQLite project; otherwise who is connected, as far as the project tells."""
    db = project.db
    if db.is_sqlite:
        return None
    url = db.engine.url
    host = url.host or "localhost"
    with db.engine.connect() as conn:
        database, login = conn.execute(text("SELECT current_database(), current_user")).one()
        status = TeamStatus(database, host, login)
        team = getattr(project, "team", None)  # the team manager, where it exists
        if team is not None:
            me = team.identify()
            if me is not None:
                return TeamStatus(database, host, login, me.coder, me.coder_id, me.role, team.blind)
            return TeamStatus(database, host, login, blind=team.blind)
        columns = {c["name"] for c in inspect(conn).get_columns("coders")}
        if "login" in columns:
            row = conn.execute(text("SELECT id, name FROM coders WHERE login = current_user")).first()
            if row is not None:
                status = TeamStatus(database, host, login, row.name, row.id)
        blind = conn.scalar(text("SELECT value FROM project_info WHERE key = :k"), {"k": BLIND_KEY})
    return TeamStatus(status.database, host, login, status.coder, status.coder_id, blind=blind == "on")
