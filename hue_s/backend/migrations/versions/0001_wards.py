"""Create the wards table (commune-level administrative units).

Revision ID: 0001
Revises:
Create Date: 2025-07-01 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("core",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the wards table and its bounding-box index."""
    op.create_table(
        "wards",
        sa.Column("code", sa.String(length=5), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("area_km2", sa.Float(), nullable=False),
        sa.Column("boundary", sa.Text(), nullable=False),
        sa.Column("centroid_lat", sa.Float(), nullable=False),
        sa.Column("centroid_lon", sa.Float(), nullable=False),
        sa.Column("min_lat", sa.Float(), nullable=False),
        sa.Column("min_lon", sa.Float(), nullable=False),
        sa.Column("max_lat", sa.Float(), nullable=False),
        sa.Column("max_lon", sa.Float(), nullable=False),
        sa.CheckConstraint("kind IN ('ward', 'commune')", name=op.f("ck_wards_kind")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_wards")),
    )
    op.create_index(
        "ix_wards_bbox", "wards", ["min_lon", "max_lon", "min_lat", "max_lat"], unique=False
    )


def downgrade() -> None:
    """Drop the wards table."""
    op.drop_index("ix_wards_bbox", table_name="wards")
    op.drop_table("wards")
