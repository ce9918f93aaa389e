"""Shared fixtures: projects on SQLite and, when QUOTECODER_TEST_PG_URL is set, on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

PG_URL = os.environ.get("QUOTECODER_TEST_PG_URL")

# Property tests explore new examples on every developer run; CI replays a fixed set so that
# a green main stays green (a failure found locally is kept in .hypothesis/ and replayed).
from hypothesis import settings as _hypothesis_settings

_hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
_hypothesis_settings.register_profile("dev", deadline=None)
_hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")  # e.g. postgresql://postgres@127.0.0.1:5432/test


def _pg_admin_engine():
    from sqlalchemy import create_engine

    from app.storage.database import make_url

    return create_engine(make_url(PG_URL), isolation_level="AUTOCOMMIT")


@pytest.fixture
def pg_database():
    """A fresh, empty PostgreSQL database (dropped afterwards); its postgresql:// URL."""
    if not PG_URL:
        pytest.skip("PostgreSQL tests need QUOTECODER_TEST_PG_URL (CI sets it)")
    from sqlalchemy import text

    name = f"qc_test_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = PG_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"
            ), {"n": name})
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def project_target(request, tmp_path: Path):
    """Where to create a project: a .qcp file, or an empty PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "test.qcp")
    return request.getfixturevalue("pg_database")


@pytest.fixture
def project(project_target):
    from app.project import Project

    p = Project.create(project_target)
    yield p
    p.close()


@pytest.fixture
def add_text(project):
    """Add a document with the given text; returns its id."""
    from app.core.importers import ImportedDocument

    def add(text: str, title: str = "Doc", **meta) -> int:
        doc = ImportedDocument(text=text, title=title, importer="test", source_name=f"{title}.txt",
                               file_hash="0" * 64, **meta)
        return project.documents.add(doc).id

    return add


# --- CI guard: PostgreSQL tests must run, not skip, when QUOTECODER_REQUIRE_PG is set ---

_pg_skipped: list[str] = []


def pytest_runtest_logreport(report):
    # Only skips for want of PostgreSQL count; a PostgreSQL variant skipped for another reason
    # (the shared corpus not beside the checkout, say) is not a missing server.
    if report.skipped and "pg" in report.keywords and "QUOTECODER_TEST_PG_URL" in str(report.longrepr):
        _pg_skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("QUOTECODER_REQUIRE_PG") and _pg_skipped:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if os.environ.get("QUOTECODER_REQUIRE_PG") and _pg_skipped:
        terminalreporter.write_line(
            f"FAILED: {len(_pg_skipped)} PostgreSQL test(s) were skipped, and CI requires them "
            f"(is QUOTECODER_TEST_PG_URL reachable?): {', '.join(_pg_skipped[:5])}", red=True
        )
