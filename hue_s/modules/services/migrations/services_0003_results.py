"""The result document of an approved dossier (services_dossier_results): the officer's PDF or
one the backend made, for its owner and the ward's staff to download.

Revision ID: services_0003
Revises: services_0002
Create Date: 2026-12-05 02:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "services_0003"
down_revision: str | None = "services_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the results table."""
    op.create_table(
        "services_dossier_results",
        sa.Column(
            "dossier_id",
            sa.Integer(),
            sa.ForeignKey("services_dossiers.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("generated", sa.Boolean(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the results table."""
    op.drop_table("services_dossier_results")
