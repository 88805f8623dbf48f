"""A signed-in citizen's half-filled dossier kept on the server (services_drafts), one per
procedure, so it survives closing the app and signing in on another device.

Revision ID: services_0005
Revises: services_0004
Create Date: 2026-12-05 06:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "services_0005"
down_revision: str | None = "services_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the drafts table."""
    op.create_table(
        "services_drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "procedure_code",
            sa.String(40),
            sa.ForeignKey("services_procedures.code"),
            nullable=False,
        ),
        sa.Column("draft", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("user_id", "procedure_code", name="one_draft_per_procedure"),
    )
    op.create_index("ix_services_drafts_user_id", "services_drafts", ["user_id"])


def downgrade() -> None:
    """Drop the drafts table."""
    op.drop_index("ix_services_drafts_user_id", table_name="services_drafts")
    op.drop_table("services_drafts")
