"""CAP kept whole and feeds watched: resources, times as written, list outlines, poll health.

alert_infos: resources (the <resource> blocks), time_texts (effective/onset/expires with the
sender's UTC offset); an absent certainty is stored as ''. alert_areas: outline (polygons
simplified for lists). alert_sources: last success, failures in a row, next poll (back-off),
last report.

Revision ID: alerts_0003
Revises: alerts_0002
Create Date: 2026-12-04 07:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "alerts_0003"
down_revision: str | None = "alerts_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Add the columns (plain ADD COLUMN: SQLite tables are not rebuilt)."""
    op.add_column("alert_infos", sa.Column("resources", sa.JSON(), nullable=True))
    op.add_column("alert_infos", sa.Column("time_texts", sa.JSON(), nullable=True))
    op.add_column("alert_areas", sa.Column("outline", sa.JSON(), nullable=True))
    op.add_column("alert_sources", sa.Column("last_success_at", STAMP, nullable=True))
    op.add_column(
        "alert_sources",
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
    )
    op.add_column("alert_sources", sa.Column("next_poll_at", STAMP, nullable=True))
    op.add_column("alert_sources", sa.Column("last_report", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Drop the columns; an absent certainty becomes Unknown, as it was read before."""
    op.execute("UPDATE alert_infos SET certainty = 'Unknown' WHERE certainty = ''")
    for table, names in (
        ("alert_sources", ("last_report", "next_poll_at", "failures", "last_success_at")),
        ("alert_areas", ("outline",)),
        ("alert_infos", ("time_texts", "resources")),
    ):
        for name in names:  # plain DROP COLUMN: rebuilding alert_infos would cascade deletes
            op.drop_column(table, name)
