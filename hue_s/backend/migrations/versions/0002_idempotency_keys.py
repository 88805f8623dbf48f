"""Create the idempotency_keys table (the kernel's Idempotency-Key store), if it is missing.

A database migrated before the table moved to the kernel has it already: incidents_0001
created it then. Such a database keeps the table and its rows; a fresh one gets it here,
whether or not incidents is enabled.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05 11:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "idempotency_keys"


def upgrade() -> None:
    """Create the table unless an earlier incidents_0001 did."""
    if sa.inspect(op.get_bind()).has_table(TABLE):
        return
    op.create_table(
        TABLE,
        sa.Column("scope", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("content_type", sa.String(length=100), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_idempotency_keys")),
    )


def downgrade() -> None:
    """Drop the table."""
    op.drop_table(TABLE)
