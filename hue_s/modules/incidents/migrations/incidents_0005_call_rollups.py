"""The dashboard's daily roll-up of the hotline's calls (per Huế day, ward and direction, and
how many became cases).

The table starts empty: the incidents module fills it from the calls already there when the
backend starts (its `hue_s_backend_database_ready` hook), as incidents_0004's roll-ups.

Revision ID: incidents_0005
Revises: incidents_0004
Create Date: 2026-12-05 02:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "incidents_0005"
down_revision: str | None = "incidents_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the calls' roll-up."""
    op.create_table(
        "dashboard_call_days",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("ward_code", sa.String(5)),
        sa.Column("direction", sa.String(10), nullable=False),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.Column("to_cases", sa.Integer(), nullable=False),
    )
    op.create_index("ix_dashboard_call_days_day", "dashboard_call_days", ["day", "ward_code"])
    op.create_index("ix_dashboard_call_days_ward", "dashboard_call_days", ["ward_code", "day"])


def downgrade() -> None:
    """Drop the calls' roll-up."""
    op.drop_table("dashboard_call_days")
