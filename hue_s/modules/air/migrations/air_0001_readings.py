"""Create air_readings: the cached air-quality answer of each grid point.

Revision ID: air_0001
Revises:
Create Date: 2026-12-04 15:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "air_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("air",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the table."""
    op.create_table(
        "air_readings",
        sa.Column("point", sa.String(length=32), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reading_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("point", name=op.f("pk_air_readings")),
    )


def downgrade() -> None:
    """Drop the table."""
    op.drop_table("air_readings")
