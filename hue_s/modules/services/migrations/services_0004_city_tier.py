"""A dossier the ward cannot decide goes to the city tier (services_dossiers.city_tier): from
then on city-wide staff act on it and its ward no longer does.

Revision ID: services_0004
Revises: services_0003
Create Date: 2026-12-05 03:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "services_0004"
down_revision: str | None = "services_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the flag; every dossier so far is at its ward."""
    with op.batch_alter_table("services_dossiers") as table:
        table.add_column(
            sa.Column("city_tier", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    """Drop the flag (a dossier at the city tier goes back to its ward)."""
    with op.batch_alter_table("services_dossiers") as table:
        table.drop_column("city_tier")
