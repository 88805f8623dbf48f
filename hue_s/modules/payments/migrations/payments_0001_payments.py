"""Create the payments table.

Revision ID: payments_0001
Revises:
Create Date: 2026-12-04 15:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "payments_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("payments",)
depends_on: str | Sequence[str] | None = "accounts_0001"

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the table and its indexes."""
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("open_key", sa.String(length=141), nullable=True),
        sa.Column("description", sa.String(length=255), nullable=False),
        sa.Column("amount_vnd", sa.BigInteger(), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("txn_ref", sa.String(length=40), nullable=False),
        sa.Column("pay_url", sa.String(length=2000), nullable=False),
        sa.Column("locale", sa.String(length=2), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("expires_at", STAMP, nullable=False),
        sa.Column("settled_at", STAMP, nullable=True),
        sa.Column("gateway_code", sa.String(length=4), nullable=True),
        sa.Column("gateway_status", sa.String(length=4), nullable=True),
        sa.Column("transaction_no", sa.String(length=40), nullable=True),
        sa.Column("bank_code", sa.String(length=20), nullable=True),
        sa.Column("pay_date", sa.String(length=14), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'paid', 'failed', 'expired')", name=op.f("ck_payments_status")
        ),
        sa.CheckConstraint("amount_vnd > 0", name=op.f("ck_payments_amount_positive")),
        sa.CheckConstraint(
            "(open_key IS NOT NULL) = (status IN ('pending', 'paid'))",
            name=op.f("ck_payments_open_key_when_open"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_payments_owner_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint("open_key", name=op.f("uq_payments_open_key")),
        sa.UniqueConstraint("txn_ref", name=op.f("uq_payments_txn_ref")),
    )
    op.create_index("ix_payments_owner_id_created_at", "payments", ["owner_id", "created_at"])
    op.create_index("ix_payments_purpose_reference", "payments", ["purpose", "reference"])


def downgrade() -> None:
    """Drop the table."""
    op.drop_table("payments")
