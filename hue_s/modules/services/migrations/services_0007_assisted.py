"""Dossiers a ward officer files at the office for a visitor (issue #14, kiosk): no owner
(user_id may be empty), the officer who filed it, and the visitor's name and phone for the
ward to call back.

Revision ID: services_0007
Revises: services_0006
Create Date: 2026-12-05 07:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "services_0007"
down_revision: str | None = "services_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Let a dossier have no owner; add who filed it for whom."""
    with op.batch_alter_table("services_dossiers") as table:
        table.alter_column("user_id", existing_type=sa.Integer(), nullable=True)
        table.add_column(sa.Column("assisted_by", sa.Integer(), nullable=True))
        table.add_column(sa.Column("visitor_name", sa.String(100), nullable=True))
        table.add_column(sa.Column("visitor_phone", sa.String(16), nullable=True))
        table.create_foreign_key(
            "fk_services_dossiers_assisted_by_users",
            "users",
            ["assisted_by"],
            ["id"],
            ondelete="SET NULL",
        )
        table.create_unique_constraint("one_assisted_per_key", ["assisted_by", "idempotency_key"])


def downgrade() -> None:
    """Drop the dossiers filed at the office (they have no owner), then the columns."""
    op.execute("DELETE FROM services_dossiers WHERE user_id IS NULL")
    with op.batch_alter_table("services_dossiers") as table:
        table.drop_constraint("one_assisted_per_key", type_="unique")
        table.drop_constraint("fk_services_dossiers_assisted_by_users", type_="foreignkey")
        table.drop_column("visitor_phone")
        table.drop_column("visitor_name")
        table.drop_column("assisted_by")
        table.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
