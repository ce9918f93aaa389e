"""one coding per (document, code, coder, span); a version on every code

Revision ID: 0003_unique
Revises: 0002
Create Date: 2026-12-01 21:50:00

Concurrent writers (four processes coding the same span as the same coder)
could store the same coding many times, because only the app checked. This
revision first folds existing duplicates into the oldest of each group — their
distinct memos are joined into its memo, so no memo is lost — records how many
were merged in the audit log (and logs it), then lets the database refuse any
further duplicate with a UNIQUE constraint.

``codes.version`` counts the edits of a code, so an edit made on a stale copy
of the codebook (another coder changed the code meanwhile) can be refused.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = '0003_unique'
down_revision = '0003_nlp'  # was '0002'; chained after main's 0003 revisions so there is one head
branch_labels = None
depends_on = None

log = logging.getLogger("app.storage.migrations")

SPAN = ("document_id", "code_id", "coder_id", "start", "end")
CONSTRAINT = "uq_codings_document_id"  # the models' naming convention for a UNIQUE on codings

_codings = sa.table(
    "codings", sa.column("id", sa.Integer), sa.column("memo", sa.Text),
    *(sa.column(name, sa.Integer) for name in SPAN),
)
_audit = sa.table(
    "audit_log", sa.column("at", sa.DateTime(timezone=True)), sa.column("coder_id", sa.Integer),
    sa.column("action", sa.String), sa.column("entity", sa.String), sa.column("entity_id", sa.Integer),
    sa.column("detail", sa.Text),
)


def merge_duplicate_codings(conn: sa.Connection) -> int:
    """Keep the oldest coding of each duplicate group, with every distinct memo; return how many were removed."""
    key = [_codings.c[name] for name in SPAN]
    groups = conn.execute(sa.select(*key).group_by(*key).having(sa.func.count() > 1)).all()
    removed = 0
    for group in groups:
        condition = sa.and_(*(column == value for column, value in zip(key, group)))
        rows = conn.execute(sa.select(_codings.c.id, _codings.c.memo).where(condition).order_by(_codings.c.id)).all()
        keep, extra = rows[0].id, [r.id for r in rows[1:]]
        memos: list[str] = []
        for row in rows:
            memo = (row.memo or "").strip()
            if memo and memo not in memos:
                memos.append(memo)
        conn.execute(sa.update(_codings).where(_codings.c.id == keep).values(memo="\n\n".join(memos)))
        conn.execute(sa.delete(_codings).where(_codings.c.id.in_(extra)))
        removed += len(extra)
    if removed:
        log.warning("merged %d duplicate coding(s) in %d group(s); their memos were kept", removed, len(groups))
        conn.execute(sa.insert(_audit).values(
            at=datetime.now(timezone.utc), coder_id=None, action="merge_duplicates", entity="coding",
            entity_id=None, detail=json.dumps({"removed": removed, "groups": len(groups)}),
        ))
    return removed


def upgrade() -> None:
    merge_duplicate_codings(op.get_bind())
    with op.batch_alter_table("codings", schema=None) as batch_op:
        batch_op.create_unique_constraint(CONSTRAINT, list(SPAN))
    op.add_column("codes", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("codes", schema=None) as batch_op:
        batch_op.drop_column("version")
    with op.batch_alter_table("codings", schema=None) as batch_op:
        batch_op.drop_constraint(CONSTRAINT, type_="unique")
