"""What the others just did: change notifications from the project database (no Qt).

On PostgreSQL, triggers (migration ``0003_live``) ``pg_notify`` every committed
change on :data:`CHANNEL` with a payload ``{"table", "op", "id", "document_id",
"coder"}``. :class:`PgListener` holds one dedicated psycopg connection in
autocommit mode that has run ``LISTEN``; :meth:`PgListener.poll` never blocks
(unless asked to wait) and hands back the changes that arrived. When the
connection drops, ``poll`` says so (``Batch.lost``), then reconnects on a later
call; after a reconnect it sets ``Batch.resync``, because changes made while
it was away were not heard and the caller must re-read what it shows.

SQLite has no notifications. :class:`SqlitePoller` asks ``PRAGMA data_version``
on its own connection: the number moves whenever any other connection (another
window, another program, this app's own engine) commits, which costs a few
microseconds to ask. It reports only *that* something changed.

:func:`change_source` picks the right one for a :class:`~app.storage.database.Database`.
"""

from __future__ import annotations

import json
import select
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Union

from app.storage.database import ConnectionFailedError, read_only_query

if TYPE_CHECKING:
    import psycopg

__all__ = ["CHANNEL", "Change", "Batch", "PgListener", "SqlitePoller", "change_source", "parse_payload"]

CHANNEL = "quotecoder"
TABLES = frozenset({"codings", "codes", "document_status", "memos", "documents", "coders", "project_info"})
RETRY_SECONDS = 1.0  # how often a lost connection is retried
APPLICATION_NAME = "quotecoder live"  # how the listening connection shows in pg_stat_activity


@dataclass(frozen=True)
class Change:
    """One committed row change another session (or this one) made."""

    table: str
    op: str  # "insert" | "update" | "delete"
    id: int | None
    document_id: int | None
    coder: str | None
    pid: int | None = field(default=None, compare=False)  # the PostgreSQL backend that made it

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("pid")
        return data


@dataclass
class Batch:
    """What one poll found."""

    changes: list[Change] = field(default_factory=list)
    lost: str | None = None  # the connection dropped (or could not be made): why
    resync: bool = False  # (re)connected after a gap: re-read everything shown

    def __bool__(self) -> bool:
        return bool(self.changes) or self.resync or self.lost is not None


def parse_payload(payload: str, pid: int | None = None) -> Change | None:
    """A notification payload as a Change; None for anything that is not ours."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("table") not in TABLES or data.get("op") not in (
        "insert", "update", "delete"
    ):
        return None
    return Change(data["table"], data["op"], _int(data.get("id")), _int(data.get("document_id")),
                  data.get("coder") if isinstance(data.get("coder"), str) else None, pid)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class PgListener:
    """LISTEN on a dedicated connection; ``poll()`` collects notifications without blocking."""

    def __init__(self, conninfo: str, channel: str = CHANNEL, retry_seconds: float = RETRY_SECONDS) -> None:
        # psycopg wants a libpq URL, not SQLAlchemy's "postgresql+psycopg://".
        self.conninfo = conninfo.replace("postgresql+psycopg://", "postgresql://", 1)
        self.channel = channel
        self.retry_seconds = retry_seconds
        self._conn: "psycopg.Connection | None" = None
        self._next_try = 0.0
        self._ever_connected = False
        self.last_error: str | None = None

    # --- connection ---

    def connect(self) -> None:
        """Connect and LISTEN now; raises ``psycopg.OperationalError`` when the server cannot be reached."""
        import psycopg  # only PostgreSQL projects pay for importing the driver

        self.close()
        conn = psycopg.connect(self.conninfo, autocommit=True, connect_timeout=5, application_name=APPLICATION_NAME)
        conn.execute(f'LISTEN "{self.channel}"')
        self._conn = conn
        self.last_error = None

    @property
    def connected(self) -> bool:
        return self._conn is not None and not self._conn.closed

    def fileno(self) -> int | None:
        """The socket to watch for readability (a QSocketNotifier, select); None while disconnected."""
        return self._conn.fileno() if self.connected else None

    @property
    def backend_pid(self) -> int | None:
        return self._conn.info.backend_pid if self.connected else None

    def close(self) -> None:
        if self._conn is not None:
            import psycopg

            try:
                self._conn.close()
            except psycopg.Error:
                pass
            self._conn = None

    def __enter__(self) -> "PgListener":
        if not self.connected:
            self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ---

    def poll(self, timeout: float = 0.0) -> Batch:
        """Notifications that have arrived (waiting up to ``timeout`` seconds for the first one)."""
        import psycopg

        batch = Batch()
        if not self.connected:
            if time.monotonic() < self._next_try:
                batch.lost = self.last_error or "not connected"
                return batch
            try:
                self.connect()
            except psycopg.Error as exc:
                return self._lost(batch, exc)
            batch.resync = self._ever_connected
        self._ever_connected = True
        assert self._conn is not None
        try:
            if timeout > 0:
                select.select([self._conn.fileno()], [], [], timeout)
            for notify in self._conn.notifies(timeout=0.0):
                change = parse_payload(notify.payload, notify.pid)
                if change is not None:
                    batch.changes.append(change)
            if not batch.changes:
                # A dead socket can look quiet: a cheap round trip notices a dropped server.
                self._conn.execute("SELECT 1")
                batch.changes.extend(
                    c for n in self._conn.notifies(timeout=0.0) if (c := parse_payload(n.payload, n.pid))
                )
        except (psycopg.Error, OSError, ValueError) as exc:
            return self._lost(batch, exc)
        return batch

    def _lost(self, batch: Batch, exc: BaseException) -> Batch:
        self.close()
        self.last_error = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        self._next_try = time.monotonic() + self.retry_seconds
        batch.lost = self.last_error
        return batch


class SqlitePoller:
    """``PRAGMA data_version`` on a connection of its own: did anyone commit since the last poll?"""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            if read_only:  # the same way the project itself was opened: nothing created beside the file
                self._conn = sqlite3.connect(f"{self.path.as_uri()}?{read_only_query(self.path)}", uri=True,
                                             check_same_thread=False)
            else:
                self._conn = sqlite3.connect(self.path, check_same_thread=False)  # only ever reads a pragma
            self._version = self._read()
        except sqlite3.Error as exc:
            raise ConnectionFailedError(f"cannot watch {self.path} for changes: {exc}") from None

    def _read(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def poll(self, timeout: float = 0.0) -> Batch:
        """``Batch(resync=True)`` when the file changed since the last poll; an empty Batch otherwise."""
        batch = Batch()
        try:
            version = self._read()
        except sqlite3.Error as exc:
            batch.lost = str(exc)
            return batch
        if version != self._version:
            self._version = version
            batch.resync = True
        elif timeout > 0:
            time.sleep(timeout)
        return batch

    def fileno(self) -> None:
        return None

    def close(self) -> None:
        self._conn.close()


Source = Union[PgListener, SqlitePoller]


def change_source(db) -> Source:
    """A listener for a PostgreSQL project (connected), a data_version poller for a SQLite file."""
    if db.path is not None:
        return SqlitePoller(db.path, read_only=db.read_only)
    import psycopg

    listener = PgListener(db.engine.url.render_as_string(hide_password=False))
    try:
        listener.connect()
    except psycopg.Error as exc:
        raise ConnectionFailedError(
            f"cannot listen for changes on {db.display_name}: {(str(exc).strip().splitlines() or ['no reason'])[0]}"
        ) from None
    return listener
