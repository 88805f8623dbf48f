"""Create alert_checkins: "I'm safe" / "I need help" of each person or device during an alert.

Revision ID: alerts_0002
Revises: alerts_0001
Create Date: 2026-11-28 10:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "alerts_0002"
down_revision: str | None = "alerts_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = "accounts_0001"

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the table (one row per alert and account, or alert and anonymous device)."""
    op.create_table(
        "alert_checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("device_hash", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=4), nullable=False),
        sa.Column("ward_code", sa.String(length=5), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.CheckConstraint("status IN ('safe', 'help')", name=op.f("ck_alert_checkins_status")),
        sa.CheckConstraint(
            "user_id IS NOT NULL OR device_hash IS NOT NULL",
            name=op.f("ck_alert_checkins_someone"),
        ),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alerts.id"],
            name=op.f("fk_alert_checkins_alert_id_alerts"),
            ondelete="CASCADE",
        ),  # fmt: skip
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_alert_checkins_user_id_users"),
            ondelete="CASCADE",
        ),  # fmt: skip
        sa.ForeignKeyConstraint(
            ["ward_code"], ["wards.code"], name=op.f("fk_alert_checkins_ward_code_wards")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_checkins")),
        sa.UniqueConstraint("user_id", "alert_id", name=op.f("uq_alert_checkins_user_id")),
        sa.UniqueConstraint("device_hash", "alert_id", name=op.f("uq_alert_checkins_device_hash")),
    )
    op.create_index(op.f("ix_alert_checkins_alert_id"), "alert_checkins", ["alert_id"])


def downgrade() -> None:
    """Drop the table."""
    op.drop_table("alert_checkins")
