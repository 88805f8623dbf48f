"""alert_checkins.verified: a signed-in account or a device key the server issued.

Check-ins made before it were all sent with keys the app made itself, so only those of
signed-in accounts count as verified.

Revision ID: alerts_0004
Revises: alerts_0003
Create Date: 2026-12-04 07:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "alerts_0004"
down_revision: str | None = "alerts_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the column; mark the check-ins of accounts verified."""
    with op.batch_alter_table("alert_checkins") as batch:
        batch.add_column(
            sa.Column("verified", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    checkins = sa.table("alert_checkins", sa.column("user_id"), sa.column("verified"))
    op.execute(checkins.update().where(checkins.c.user_id.is_not(None)).values(verified=sa.true()))


def downgrade() -> None:
    """Drop the column."""
    with op.batch_alter_table("alert_checkins") as batch:
        batch.drop_column("verified")
