"""Create the payment_refunds table: one refund (all or part) per paid payment.

Revision ID: payments_0002
Revises: payments_0001
Create Date: 2026-12-05 02:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "payments_0002"
down_revision: str | None = "payments_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the table."""
    op.create_table(
        "payment_refunds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("amount_vnd", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("request_id", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("requested_at", STAMP, nullable=False),
        sa.Column("settled_at", STAMP, nullable=True),
        sa.Column("gateway_code", sa.String(length=4), nullable=True),
        sa.Column("transaction_no", sa.String(length=40), nullable=True),
        sa.CheckConstraint(
            "state IN ('requested', 'done', 'refused')", name=op.f("ck_payment_refunds_state")
        ),
        sa.CheckConstraint("amount_vnd > 0", name=op.f("ck_payment_refunds_amount_positive")),
        sa.ForeignKeyConstraint(
            ["payment_id"],
            ["payments.id"],
            name=op.f("fk_payment_refunds_payment_id_payments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_payment_refunds_requested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_refunds")),
        sa.UniqueConstraint("payment_id", name=op.f("uq_payment_refunds_payment_id")),
        sa.UniqueConstraint("request_id", name=op.f("uq_payment_refunds_request_id")),
    )


def downgrade() -> None:
    """Drop the table."""
    op.drop_table("payment_refunds")
