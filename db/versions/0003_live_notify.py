"""live updates: PostgreSQL triggers pg_notify every committed change

Revision ID: 0003_live
Revises: 0002
Create Date: 2026-12-01 21:40:00

Each change to codings, codes, document statuses, memos, documents, coders and
project settings (``project_info``, where the blind phase is switched) sends one notification on the channel ``quotecoder`` with a small JSON payload
``{"table", "op", "id", "document_id", "coder"}`` (``coder`` is the coder's
name, or null). PostgreSQL delivers notifications only when the transaction
commits, so a listener never sees an edit that was rolled back. Apps re-read
only what the payload names (see app/storage/live.py).

A document's text is never put into the payload (the limit is 8000 bytes and
imports would be slowed); the function reads named fields per table.

SQLite has no notifications: nothing to do there (the app polls
``PRAGMA data_version`` instead).
"""

from __future__ import annotations

from alembic import op

revision = '0003_live'
down_revision = '0003_team'
branch_labels = None
depends_on = None

CHANNEL = "quotecoder"  # app.storage.live.CHANNEL
TABLES = ("codings", "codes", "document_status", "memos", "documents", "coders", "project_info")

FUNCTION = f"""
CREATE OR REPLACE FUNCTION quotecoder_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    rec record;
    row_id bigint;
    doc_id bigint;
    who_id bigint;
    who text;
BEGIN
    IF TG_OP = 'DELETE' THEN rec := OLD; ELSE rec := NEW; END IF;
    IF TG_TABLE_NAME = 'codings' THEN
        row_id := rec.id; doc_id := rec.document_id; who_id := rec.coder_id;
    ELSIF TG_TABLE_NAME = 'document_status' THEN
        row_id := NULL; doc_id := rec.document_id; who_id := rec.coder_id;
    ELSIF TG_TABLE_NAME = 'memos' THEN
        row_id := rec.id; doc_id := rec.document_id; who_id := rec.author_id;
    ELSIF TG_TABLE_NAME = 'documents' THEN
        row_id := rec.id; doc_id := rec.id;
    ELSIF TG_TABLE_NAME = 'coders' THEN
        row_id := rec.id; who := rec.name;
    ELSIF TG_TABLE_NAME = 'codes' THEN
        row_id := rec.id;
    ELSE
        row_id := NULL;  -- project_info: keyed by name (the blind phase is one of its rows)
    END IF;
    IF who_id IS NOT NULL THEN
        -- A coder deleted in the same statement (cascading statuses) has no name any more: null.
        SELECT name INTO who FROM coders WHERE id = who_id;
    END IF;
    PERFORM pg_notify('{CHANNEL}', json_build_object(
        'table', TG_TABLE_NAME,
        'op', lower(TG_OP),
        'id', row_id,
        'document_id', doc_id,
        'coder', who
    )::text);
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER quotecoder_notify_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION quotecoder_notify()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS quotecoder_notify_{table} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS quotecoder_notify()")
