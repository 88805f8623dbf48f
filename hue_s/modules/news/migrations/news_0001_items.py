"""Create news_items: announcements from feeds and staff.

Revision ID: news_0001
Revises:
Create Date: 2026-12-04 15:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "news_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("news",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the table and its indexes."""
    op.create_table(
        "news_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("guid", sa.String(length=500), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("ward_code", sa.String(length=5), nullable=True),
        sa.Column("link", sa.String(length=1000), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_items")),
        sa.UniqueConstraint("source", "guid", name=op.f("uq_news_items_source")),
    )
    op.create_index(op.f("ix_news_items_ward_code"), "news_items", ["ward_code"])
    op.create_index(op.f("ix_news_items_published_at"), "news_items", ["published_at"])


def downgrade() -> None:
    """Drop the table."""
    op.drop_table("news_items")
