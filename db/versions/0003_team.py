"""team projects: each coder's database login; an append-only audit log on PostgreSQL

Revision ID: 0003_team
Revises: 0002
Create Date: 2026-12-01 21:40:00

``coders.login`` records the PostgreSQL login role a coder connects as (NULL for
coders of single-file projects and for consensus layers). On SQLite that column
is all there is. On PostgreSQL the audit log also becomes append-only for
everyone, the table's owner included: a trigger refuses UPDATE, DELETE and
TRUNCATE. The roles, grants and row-level security of a team project are made
by ``quotecoder team init`` (app/storage/team.py), because they need role names
and a user allowed to create roles, which an ordinary schema upgrade does not have.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003_team'
down_revision = '0002'
branch_labels = None
depends_on = None

AUDIT_GUARD = """
CREATE FUNCTION qc_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$
"""


def upgrade() -> None:
    with op.batch_alter_table("coders") as batch:
        batch.add_column(sa.Column("login", sa.String(length=63), nullable=True))
        batch.create_unique_constraint(op.f("uq_coders_login"), ["login"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(AUDIT_GUARD)
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION qc_audit_log_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION qc_audit_log_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS qc_audit_log_append_only()")
    with op.batch_alter_table("coders") as batch:
        batch.drop_constraint(op.f("uq_coders_login"), type_="unique")
        batch.drop_column("login")
