"""A private PostgreSQL cluster with scram-sha-256 passwords, for the team-project tests.

Team projects are about logins and passwords, which a shared test server reached
as one superuser cannot show. So these tests start their own cluster: ``initdb
--auth=scram-sha-256`` into a temporary folder, ``pg_ctl start`` on a free port
on 127.0.0.1, run as the ``postgres`` system user when the tests run as root,
and stopped at the end of the session. Each test gets a fresh database, and its
roles (all prefixed with the database name) are dropped afterwards.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

SKIP_REASON = (
    "team tests start a private PostgreSQL cluster and need initdb and pg_ctl (pg_config --bindir); "
    "QUOTECODER_TEST_PG_URL alone cannot test logins and passwords"
)


def _bindir() -> Path | None:
    try:
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
        if (Path(out) / "initdb").exists():
            return Path(out)
    except (OSError, subprocess.CalledProcessError):
        pass
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    host: str
    port: int
    password: str  # of the superuser 'postgres'

    def url(self, database: str, user: str = "postgres", password: str | None = None) -> str:
        secret = self.password if user == "postgres" and password is None else password
        auth = f"{user}:{secret}" if secret else user
        return f"postgresql://{auth}@{self.host}:{self.port}/{database}"

    def connect(self, database: str, user: str = "postgres", password: str | None = None, **kw):
        import psycopg

        secret = self.password if user == "postgres" and password is None else password
        return psycopg.connect(host=self.host, port=self.port, dbname=database, user=user, password=secret, **kw)


@pytest.fixture(scope="session")
def pg_cluster():
    bindir = _bindir()
    if bindir is None:
        pytest.skip(SKIP_REASON)
    as_root = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="qc-pg-"))
    data, pwfile, log = root / "data", root / "pw", root / "log"
    password = secrets.token_hex(12)
    pwfile.write_text(password + "\n")
    prefix: list[str] = []
    if as_root:
        user = pwd.getpwnam("postgres")
        for path in (root, pwfile):
            os.chown(path, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True, text=True)

    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=scram-sha-256",
            f"--pwfile={pwfile}", "--no-sync", "-E", "UTF8", "--locale=C")
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
        run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start")
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"could not start a private PostgreSQL cluster: {exc.stderr or exc.stdout}")
    try:
        yield Cluster("127.0.0.1", port, password)
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def team_db(pg_cluster):
    """A fresh, empty database on the private cluster; its name. Dropped, with its roles, afterwards."""
    name = f"qc_{uuid.uuid4().hex[:10]}"
    with pg_cluster.connect("postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with pg_cluster.connect("postgres", autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            roles = [r for (r,) in conn.execute(
                "SELECT rolname FROM pg_roles WHERE rolname LIKE %s ORDER BY rolname", (name + "\\_%",))]
            # Logins first, then the groups and the owner they were granted by.
            for role in sorted(roles, key=lambda r: ("_role_" in r or r.endswith("_owner"), r)):
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')
