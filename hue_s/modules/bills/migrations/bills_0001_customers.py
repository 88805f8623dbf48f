"""Create bills_customers (the codes people follow) and bills_current (the last bill read).

Revision ID: bills_0001
Revises:
Create Date: 2026-12-05 02:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "bills_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("bills",)
depends_on: str | Sequence[str] | None = ("0001", "accounts_0001")

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the tables."""
    op.create_table(
        "bills_customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("nickname", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("area_code", sa.String(length=20), nullable=False),
        sa.Column("area_name", sa.String(length=80), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_bills_customers_owner_id_users"),
            ondelete="CASCADE",
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bills_customers")),
        sa.UniqueConstraint("owner_id", "kind", "code", name="uq_bills_customer"),
    )
    op.create_index(
        op.f("ix_bills_customers_owner_id"), "bills_customers", ["owner_id"], unique=False
    )
    op.create_table(
        "bills_current",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("amount_vnd", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("paid", sa.Boolean(), nullable=False),
        sa.Column("read_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["bills_customers.id"],
            name=op.f("fk_bills_current_customer_id_bills_customers"),
            ondelete="CASCADE",
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_bills_current")),
    )


def downgrade() -> None:
    """Drop the tables."""
    op.drop_table("bills_current")
    op.drop_index(op.f("ix_bills_customers_owner_id"), table_name="bills_customers")
    op.drop_table("bills_customers")
